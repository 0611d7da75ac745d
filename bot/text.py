"""Messages as lines of spans, so user text is always escaped by whoever renders it.

The core never builds a platform string itself: it says which parts are its own words
(`Plain`, which may use a small Markdown subset: **bold**, `code`), which parts a user typed
(`UserText`, always escaped by the renderer), and whom it means to mention (`Mention`). A
message may carry `Action`s, buttons that run a command for whoever presses them; each adapter
draws them its own way (Slack blocks, Discord components, a line on the console).

Here: the span model, bidi isolation for user text, the generic `render` and the console's
`plain_text`, the JSON codec the outbox stores messages in, and the splitter for platform limits.
Each platform's markup (Slack's, Discord's) is its adapter's: `adapters/*/render.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Plain:
    """The bot's own words; may carry **bold** and `code` markup."""

    text: str


@dataclass(frozen=True)
class UserText:
    """Text a person typed: rendered literally, never as markup or a mention."""

    text: str


@dataclass(frozen=True)
class Mention:
    """A member the bot means to notify (platform user id plus a display name)."""

    user_id: str
    name: str


@dataclass(frozen=True)
class Attachment:
    """A file that goes with a message, like a week's digest as Markdown."""

    filename: str  # e.g. "week04/peer-minutes.md": a TIL-repository path
    text: str


Span = Plain | UserText | Mention
Line = tuple[Span, ...]


MAX_ACTIONS = 25  # buttons every platform draws under one message (Discord: 5 rows of 5)


@dataclass(frozen=True)
class Action:
    """A button: pressing it runs `/command args` for the presser, through the one route.

    `label` comes from the catalog: `button.<command>`, filled by the core when left empty, or
    a sentence with parameters (`Answer #12`: `bot.i18n.button`). A message carries at most
    `MAX_ACTIONS`; whoever composes one with more says in its text what has none.
    `refresh`, when set, is a command line (`question 12 view:card`) whose reply replaces the
    message the button is on once the press has run, so a card shows where things stand now;
    the adapter edits that message in place (it never decides which: the button says).
    """

    command: str  # the table's name: `retro`, `answer`, `assignment done`
    args: str = ""
    label: str = ""
    refresh: str = ""

    @property
    def typed(self) -> str:
        """The command a person could type instead: `/answer 12`."""
        return f"/{self.command} {self.args}".rstrip()

    def with_label(self, label: str) -> Action:
        """The same button labelled `label` (`dataclasses.replace` took several times as long,
        on every button of every reply)."""
        return Action(self.command, self.args, label, self.refresh)


@dataclass(frozen=True)
class Message:
    """A message: lines of spans, and the buttons under it."""

    lines: tuple[Line, ...] = field(default_factory=tuple)
    actions: tuple[Action, ...] = ()

    @staticmethod
    def of(*lines: Line) -> Message:
        return Message(tuple(lines))

    def __add__(self, other: Message) -> Message:
        return Message(self.lines + other.lines, self.actions + other.actions)

    def with_actions(self, *actions: Action) -> Message:
        return Message(self.lines, self.actions + actions)

    def mentions(self) -> list[Mention]:
        """Every member the message means to notify, in order, once each."""
        seen: dict[str, Mention] = {}
        for line in self.lines:
            for span in line:
                if isinstance(span, Mention):
                    seen.setdefault(span.user_id, span)
        return list(seen.values())


# --- bidi controls -------------------------------------------------------------------------
# An override (U+202E) or isolate (U+2066) left open in user text reverses whatever follows it
# on the line: the bot's own words too. User text with any bidi control is shown inside an
# isolate of its own (FSI … PDI), per line (a line end closes every embedding anyway), with the
# isolates it opens closed and the PDIs that close nothing dropped, so nothing leaks out of it.

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_ISOLATE_OPENERS = "\u2066\u2067\u2068"
_FSI, _PDI = "\u2068", "\u2069"
_PARAGRAPH_END = re.compile("(\r\n|[\n\r\x1c-\x1e\x85\u2029])")


def isolate_bidi(text: str) -> str:
    """User text whose bidi controls cannot reorder anything outside it (unchanged without)."""
    if not _BIDI.search(text):
        return text
    parts = _PARAGRAPH_END.split(text)
    return "".join(part if i % 2 else _isolated_line(part) for i, part in enumerate(parts))


def _isolated_line(line: str) -> str:
    if not _BIDI.search(line):
        return line
    kept: list[str] = []
    depth = 0
    for char in line:
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == _PDI:
            if not depth:
                continue  # it would close our isolate early
            depth -= 1
        kept.append(char)
    return _FSI + "".join(kept) + _PDI * depth + _PDI


# --- mentions in a digest ----------------------------------------------------------------------
# A digest is Markdown for a repository, but it is also opened in Slack and Discord: a member's
# own Markdown (`bot.digest.rich`) keeps its text, so the mass mentions get a zero-width space
# after the `@` (as Discord's renderer does) and `<@…>`, `<#…>`, `<!…>` one after the `<`.

_MASS_MENTION = re.compile(r"@(everyone|here|channel)", re.IGNORECASE)
_TAG_MENTION = re.compile(r"<([@#!])")
_ZWSP = "\u200b"


def break_mentions(text: str) -> str:
    """`text` with no mention syntax left whole (unchanged when it has none)."""
    if "@" not in text and "<" not in text:
        return text
    text = _MASS_MENTION.sub(_ZWSP.join(("@", r"\1")), text)
    return _TAG_MENTION.sub(_ZWSP.join(("<", r"\1")), text)


# --- renderers -----------------------------------------------------------------------------
# Pure functions. The console's is here; Slack's and Discord's are each their adapter's
# (`adapters/slack/render.py`, `adapters/discord/render.py`), built on `render` and
# `isolate_bidi`, and escape user text for their platform so that nothing typed notifies anyone.


def render(
    message: Message,
    plain: Callable[[str], str],
    user: Callable[[str], str],
    mention: Callable[[Mention], str],
) -> str:
    """A message as text: each kind of span through its own function, lines joined."""

    def one(span: Span) -> str:
        if isinstance(span, Plain):
            return plain(span.text)
        if isinstance(span, UserText):
            return user(span.text)
        return mention(span)

    return "\n".join("".join(one(span) for span in line) for line in message.lines)


def plain_text(message: Message) -> str:
    """Terminal rendering: markup stripped, user text exactly as typed (a terminal pings no one)."""
    return render(
        message, lambda t: t.replace("**", ""), isolate_bidi, lambda m: "@" + isolate_bidi(m.name)
    )


def message_to_json(message: Message) -> str:
    """A message as JSON (for the outbox): lines of `["p"|"u"|"m", ...]` spans; with buttons,
    `{"lines": [...], "actions": [[command, args, label(, refresh)], ...]}`."""
    import json

    def span(s: Span) -> list[str]:
        if isinstance(s, Plain):
            return ["p", s.text]
        if isinstance(s, UserText):
            return ["u", s.text]
        return ["m", s.user_id, s.name]

    lines = [[span(s) for s in line] for line in message.lines]
    if not message.actions:
        return json.dumps(lines, ensure_ascii=False)  # as rows were written before buttons
    actions = [
        [a.command, a.args, a.label, *((a.refresh,) if a.refresh else ())] for a in message.actions
    ]
    return json.dumps({"lines": lines, "actions": actions}, ensure_ascii=False)


def message_from_json(data: str) -> Message:
    """The message `message_to_json` wrote."""
    import json

    def span(item: list[str]) -> Span:
        match item:
            case ["p", text]:
                return Plain(text)
            case ["u", text]:
                return UserText(text)
            case ["m", user_id, name]:
                return Mention(user_id, name)
        raise ValueError(f"not a message span: {item!r}")

    def action(item: list[str]) -> Action:
        match item:
            case [str(command), str(args), str(label)]:
                return Action(command, args, label)
            case [str(command), str(args), str(label), str(refresh)]:
                return Action(command, args, label, refresh)
        raise ValueError(f"not a message action: {item!r}")

    loaded = json.loads(data)
    lines, actions = (
        (loaded, []) if isinstance(loaded, list) else (loaded["lines"], loaded["actions"])
    )
    return Message(
        tuple(tuple(span(s) for s in line) for line in lines), tuple(action(a) for a in actions)
    )


def split_for_limit(text: str, limit: int) -> list[str]:
    """Text in pieces of at most `limit` characters, cut at line ends where possible.

    Every platform caps a message (Discord 2,000 characters, Slack 40,000, a Slack block 3,000);
    adapters post the pieces in order. A single line longer than the limit is cut at the last
    space before it, or hard at the limit when it has none.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit + 1)
            cut = cut if cut > 0 else limit
            head, line = line[:cut], line[cut:].lstrip(" ")
            if current:
                pieces.append(current)
                current = ""
            pieces.append(head)
        candidate = line if not current else f"{current}\n{line}"
        if len(candidate) <= limit:
            current = candidate
        else:
            pieces.append(current)
            current = line
    if current or not pieces:
        pieces.append(current)
    return pieces
