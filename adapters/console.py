"""The console: a chat with peerbot in the terminal, interactive or from a script.

A script is a file of lines like

    # a comment; blank lines are skipped
    @ 2021-08-09 13:00
    kim: /team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:ko
    lee@other-team: /ask ...

`@ DATE TIME` moves the clock (in the team's zone), `NAME: /command` speaks as NAME in the
current channel, `NAME@CHANNEL: /command` in another channel. Replies only the caller would see
are marked `(to NAME only)`.
"""

from __future__ import annotations

import asyncio
import logging
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.core import PeerBot
from bot.model.teams import Team
from bot.outbox import OutboxMessage
from bot.ports import Invocation, Reply
from bot.scheduled.drivers import Stepper
from bot.text import Attachment, Message, plain_text

log = logging.getLogger(__name__)

PLATFORM = "console"
DEFAULT_CHANNEL = "console"
_SPEAKER = re.compile(r"^(?P<name>[^\s:@]+)(?:@(?P<channel>[^\s:]+))?:\s*(?P<command>.*)$")
_CLOCK = re.compile(r"^@\s*(\d{4}-\d{1,2}-\d{1,2})(?:[ T](\d{1,2}:\d{2}))?\s*$")


class ConsoleClock:
    """Real time, shifted by `@ DATE TIME`; frozen at the set time in scripts."""

    def __init__(self, *, frozen: bool) -> None:
        self._frozen = frozen
        self._offset = timedelta()
        self._fixed: datetime | None = None
        self._moved = False

    def now(self) -> datetime:
        if self._fixed is not None:
            return self._fixed
        return datetime.now(UTC) + self._offset

    @property
    def frozen(self) -> bool:
        """True in scripts once set: time moves only by `@ DATE TIME` there."""
        return self._frozen and self._fixed is not None

    def may_go_to(self, instant: datetime) -> bool:
        """The first `@` may go anywhere; after it the clock only moves forward, in scripts and
        in the interactive chat alike (reminders already posted cannot be taken back)."""
        return not self._moved or instant >= self.now()

    def set(self, instant: datetime) -> None:
        self._moved = True
        if self._frozen:
            self._fixed = instant
        else:
            self._offset = instant - datetime.now(UTC)


@dataclass
class ScriptResult:
    """How a script went: commands run and how many were rejected."""

    commands: int = 0
    rejected: int = 0
    unreadable: int = 0


class Console:
    """The console adapter: reads commands, hands them to the core, prints the replies."""

    def __init__(
        self,
        bot: PeerBot,
        clock: ConsoleClock,
        out: TextIO,
        *,
        channel: str = DEFAULT_CHANNEL,
        default_zone: str = "Asia/Seoul",
        stepper: Stepper | None = None,
        files_dir: Path | None = None,
    ) -> None:
        self.bot = bot
        self.clock = clock
        self.out = out
        self.channel = channel
        self.default_zone = default_zone
        self.stepper = stepper
        self.files_dir = files_dir

    async def say(self, speaker: str, text: str, channel: str | None = None) -> Reply:
        """Send one line typed by `speaker` and print the reply."""
        channel = channel or self.channel
        text = text.strip()
        if not text.startswith("/"):
            text = "/" + text  # the core answers an unknown command with what to type
        name, _, args = text[1:].partition(" ")
        reply = await self.bot.handle(self._invocation(speaker, channel, name, args))
        self._print_reply(speaker, channel, reply)
        return reply

    def _invocation(self, speaker: str, channel: str, name: str, args: str) -> Invocation:
        return Invocation(
            id=uuid.uuid4().hex[:12],
            platform=PLATFORM,
            channel_id=channel,
            channel_name=channel,
            user_id=speaker,
            user_name=speaker,
            command=name,
            args=args.strip(),
        )

    def _print_reply(self, speaker: str, channel: str, reply: Reply) -> None:
        who = f"peerbot (to {speaker} only):" if reply.ephemeral else "peerbot:"
        body = plain_text(reply.message)
        self.out.write(who + "\n" + "".join(f"  {line}\n" for line in body.split("\n")))
        self.out.write("".join(f"  {line}\n" for line in action_lines(reply.message)))
        for file in reply.files:
            self.out.write(f"  📎 {save_file(self.files_dir, channel, file)}\n")
        self.out.flush()

    async def zone(self, channel: str | None = None) -> ZoneInfo:
        """The zone of the channel's team, or the default before a team exists."""
        team = await self.bot.team_for_channel(PLATFORM, channel or self.channel)
        return ZoneInfo(team.zone if team else self.default_zone)

    async def move_clock(self, day: str, time: str | None) -> str | None:
        """Set the clock to `day time` in the team's zone; an error sentence if unreadable."""
        try:
            local = datetime.fromisoformat(f"{day} {time or '00:00'}")
        except ValueError:
            return f"cannot read the date {day} {time or ''}; write it like @ 2021-08-09 13:00"
        instant = local.replace(tzinfo=await self.zone())
        if not self.clock.may_go_to(instant):
            now = self.clock.now().astimezone(instant.tzinfo).strftime("%Y-%m-%d %H:%M")
            return (
                f"the clock cannot go back to {day} {time or '00:00'} (it is {now}); "
                "after the first @ it moves forward only"
            )
        if self.stepper is not None:
            await self.stepper.advance(instant)  # posts what falls due on the way, in order
        self.clock.set(instant)
        stamp = instant.strftime("%a %Y-%m-%d %H:%M %Z")
        self.out.write(f"── {stamp} ──\n")
        return None

    async def run_script(
        self, lines: Iterable[str | bytes], source: str = "script"
    ) -> ScriptResult:
        """Run a script; goes on after a rejected command or an unreadable line, as a person
        would. Lines given as bytes are decoded as UTF-8, each on its own."""
        result = ScriptResult()
        for number, raw in enumerate(lines, start=1):
            line, problem = _decoded(raw, first=number == 1)
            if problem is not None:
                self._unreadable(result, source, number, problem)
                continue
            if not line or line.startswith("#"):
                continue
            clock = _CLOCK.match(line)
            if clock:
                problem = await self.move_clock(clock.group(1), clock.group(2))
                if problem:
                    self._unreadable(result, source, number, problem)
                continue
            speaker = _SPEAKER.match(line)
            if speaker is None:
                self._unreadable(
                    result, source, number, "expected `NAME: /command`, `@ DATE TIME` or `# …`"
                )
                continue
            self.out.write(f"{speaker.group('name')}: {speaker.group('command')}\n")
            reply = await self.say(
                speaker.group("name"), speaker.group("command"), speaker.group("channel")
            )
            result.commands += 1
            result.rejected += 0 if reply.ok else 1
        return result

    def _unreadable(self, result: ScriptResult, source: str, number: int, why: str) -> None:
        result.unreadable += 1
        self.out.write(f"{source}:{number}: {why}\n")

    async def tick(self, every: float = 1.0) -> None:
        """Interactive mode: post reminders as they fall due, while the prompt waits."""
        while self.stepper is not None:
            try:
                await self.stepper.advance(self.clock.now())
            except Exception:
                log.exception("the console's reminder tick failed; it goes on")
            await asyncio.sleep(every)

    async def run_interactive(self, speaker: str, history: Path | None) -> None:
        """A prompt with line editing and history; `/as NAME`, `/channel NAME`, `/quit`.

        Reminders are posted as they fall due, above the prompt.
        """
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import FileHistory, History, InMemoryHistory
        from prompt_toolkit.patch_stdout import patch_stdout

        lines: History = InMemoryHistory()
        if history is not None:
            history.parent.mkdir(parents=True, exist_ok=True)
            lines = FileHistory(str(history))
        session: PromptSession[str] = PromptSession(history=lines)
        self.out.write(
            "peerbot console. Type /help for the commands, /as NAME to speak as someone else, "
            "/channel NAME to switch teams, @ DATE TIME to move the clock, /quit to leave.\n"
        )
        ticker = asyncio.create_task(self.tick())
        try:
            with patch_stdout():
                while True:
                    try:
                        line = await session.prompt_async(f"{speaker}@{self.channel}> ")
                    except (EOFError, KeyboardInterrupt):
                        return
                    speaker = await self._interactive_line(speaker, line.strip())
                    if not speaker:
                        return
        finally:
            ticker.cancel()

    async def _interactive_line(self, speaker: str, line: str) -> str:
        """Handle one typed line; returns who speaks next, or "" to leave."""
        if line in ("/quit", "/exit"):
            return ""
        if line.startswith("/as "):
            return line[4:].strip() or speaker
        if line.startswith("/channel "):
            self.channel = line[9:].strip() or self.channel
        elif clock := _CLOCK.match(line):
            problem = await self.move_clock(clock.group(1), clock.group(2))
            if problem:
                self.out.write(problem + "\n")
        elif line:
            await self.say(speaker, line)
        return speaker


def _decoded(raw: str | bytes, *, first: bool) -> tuple[str, str | None]:
    """The stripped line, or why it cannot be read (bytes that are not UTF-8)."""
    if isinstance(raw, str):
        return raw.strip(), None
    try:
        text = raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as error:
        bad = raw[error.start : error.start + 1].hex()
        return "", (
            f"not UTF-8 (byte 0x{bad} at byte {error.start + 1}); save the script as UTF-8 "
            "(this line is skipped)"
        )
    return text.strip(), None


def save_file(files_dir: Path | None, channel: str, file: Attachment) -> Path:
    """Write a reply's file under `files_dir/<channel>/`; returns where it went."""
    base = (files_dir or Path.cwd()) / _safe_part(channel)
    path = base.joinpath(*(_safe_part(part) for part in file.filename.split("/")))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(file.text, encoding="utf-8")
    try:
        return path.relative_to(Path.cwd())  # shorter to read, and to click in a terminal
    except ValueError:
        return path


def _safe_part(part: str) -> str:
    """One path segment that cannot climb out of the directory."""
    cleaned = re.sub(r"[^\w.\-]+", "_", part).lstrip(".")
    return cleaned or "_"


def action_lines(message: Message) -> list[str]:
    """A message's buttons as lines naming what to type instead: `[Answer: /answer 12]`."""
    return [f"[{action.label or action.typed}: {action.typed}]" for action in message.actions]


class ConsolePoster:
    """Posts outbox rows to the terminal: the console's "channel". A row for another channel
    (`OutboxMessage.channel_id`) or a thread (`thread_ref`) says so in its header line."""

    def __init__(self, out: TextIO, files_dir: Path | None = None) -> None:
        self.out = out
        self.files_dir = files_dir

    async def post(self, team: Team, row: OutboxMessage, *, uncertain: bool) -> None:
        when = row.due_at.astimezone(ZoneInfo(team.zone)).strftime("%a %Y-%m-%d %H:%M")
        body = plain_text(row.message)
        channel = row.channel_id or team.channel_id
        thread = f", in the thread {row.thread_ref}" if row.thread_ref else ""
        self.out.write(
            f"peerbot posts in #{channel}{thread} ({when}):\n"
            + "".join(f"  {line}\n" for line in body.split("\n"))
            + "".join(f"  {line}\n" for line in action_lines(row.message))
        )
        if row.attachment is not None:
            saved = save_file(self.files_dir, channel, row.attachment)
            self.out.write(f"  📎 {saved}\n")
        self.out.flush()
