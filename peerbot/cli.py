"""The `peerbot` command line: run the bot, the console, migrations, export and import.

`peerbot outbox list|retry` lives in `peerbot.outbox_cli`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click
from pydantic import ValidationError

from bot import i18n
from bot.errors import DatabaseUnusable, PeerbotError, TryAgainLater
from bot.model.teams import Member, Team
from bot.ports import Clock, UnitOfWork
from bot.text import plain_text
from peerbot.bootstrap import Runtime, build, settle_heap
from peerbot.config import Settings
from peerbot.logs import configure_logging
from peerbot.outbox_cli import outbox
from peerbot.shutdown import StopRequest

T = TypeVar("T")
_UNREACHABLE = "cannot reach the database; check DATABASE_URL and that the server is running"


def _settings() -> Settings:
    try:
        settings = Settings()
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise click.ClickException(f"the configuration is not valid: {problems}") from None
    configure_logging(settings.log_level, settings.secrets())
    return settings


def _run(
    work: Callable[[Runtime], Awaitable[T]], settings: Settings, clock: Clock | None = None
) -> T:
    async def main() -> T:
        try:
            runtime = await build(settings, clock)
        except TryAgainLater:
            raise click.ClickException(_UNREACHABLE) from None
        except DatabaseUnusable as error:
            raise click.ClickException(str(error)) from None
        try:
            return await work(runtime)
        finally:
            await runtime.close()

    return asyncio.run(main())


@click.group(invoke_without_command=True)
@click.version_option(package_name="peerbot")
@click.pass_context
def main(ctx: click.Context) -> None:
    """peerbot: runs a study group's peer sessions in Slack, Discord or the terminal.

    Without a command, `peerbot` is `peerbot run`.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(run)


@main.command()
def run() -> None:
    """Start the configured adapters; the console when no platform token is set."""
    stop = StopRequest()
    stop.install()  # first: a SIGTERM at any moment of start-up is a clean stop, not a kill
    settings = _settings()
    platforms = _configured_platforms(settings)
    if not platforms:
        stop.restore()
        _console(settings, script=None, strict=False, channel="console", speaker=None)
        return
    logging.getLogger("peerbot").info("starting on %s", " and ".join(platforms))
    _run(lambda runtime: _serve(runtime, settings, platforms, stop), settings)


def _configured_platforms(settings: Settings) -> list[str]:
    """The platforms the tokens configure; a half-done Slack set-up is refused."""
    platforms: list[str] = []
    slack_set = settings.slack_bot_token or settings.slack_app_token
    if slack_set:
        if settings.slack_bot_token is None:
            raise click.ClickException(
                "SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not; set the bot token "
                "(xoxb-…) from the app's OAuth & Permissions page too"
            )
        if settings.slack_mode is None:
            raise click.ClickException(
                "SLACK_BOT_TOKEN is set, but neither SLACK_APP_TOKEN (Socket Mode, no public URL) "
                "nor SLACK_SIGNING_SECRET with SLACK_PORT (HTTP mode) is; set one of them"
            )
        platforms.append("slack")
    if settings.discord_token is not None:
        platforms.append("discord")
    return platforms


async def _serve(
    runtime: Runtime, settings: Settings, platforms: list[str], stop: StopRequest
) -> None:
    """Run the chat adapters and the live reminders until SIGINT or SIGTERM, which may come at
    any moment: an adapter still starting is cancelled, every started one closed."""
    from adapters.base import Adapter, AdapterError

    log = logging.getLogger("peerbot")
    running: list[Adapter] = []
    live = None
    try:
        for platform in platforms:
            if stop.requested is not None:
                break
            adapter = _adapter(platform, settings, runtime)
            running.append(adapter)
            try:
                await stop.unless_stopped(adapter.start())
            except AdapterError as error:
                raise click.ClickException(str(error)) from None
        if stop.requested is None:
            live = runtime.live_scheduler({a.platform: a.poster for a in running})
            await live.start()
            settle_heap()  # start-up objects live as long as the process: never scan them again
            log.info("peerbot is running on %s; stop it with Ctrl-C", " and ".join(platforms))
            await stop.wait()
        log.info("stopping (%s)", stop.requested.name if stop.requested else "?")
    finally:
        if live is not None:
            await live.stop()
        for adapter in reversed(running):
            try:
                await adapter.close()
            except Exception:
                log.exception("closing the %s adapter failed", adapter.platform)
    log.info("stopped")


def _adapter(platform: str, settings: Settings, runtime: Runtime) -> Any:
    if platform == "slack":
        from adapters.slack import SlackAdapter

        return SlackAdapter(settings, runtime.bot)
    from adapters.discord import DiscordAdapter

    return DiscordAdapter(settings, runtime.bot)


@main.command()
@click.option(
    "--script",
    type=click.File("rb"),
    default=None,
    help="Run the commands of this file (- for standard input) and exit; UTF-8, a line that "
    "is not is named and skipped.",
)
@click.option(
    "--strict", is_flag=True, help="Exit with status 1 if any command of the script was rejected."
)
@click.option(
    "--channel",
    default="console",
    show_default=True,
    help="The console channel (each channel can hold one team).",
)
@click.option("--as", "speaker", default=None, help="Who you are in the interactive chat.")
def console(script: Any, strict: bool, channel: str, speaker: str | None) -> None:
    """Chat with peerbot in the terminal, or run a script of commands.

    With standard input not a terminal and no --script, the script is read from standard input.
    """
    _console(_settings(), script=script, strict=strict, channel=channel, speaker=speaker)


def _console(
    settings: Settings, *, script: Any, strict: bool, channel: str, speaker: str | None
) -> None:
    from adapters.console import Console, ConsoleClock, ConsolePoster
    from bot.scheduled.drivers import Stepper

    if script is None and not sys.stdin.isatty():
        script = sys.stdin.buffer  # bytes: each line decoded on its own (`Console.run_script`)
    clock = ConsoleClock(frozen=script is not None)

    async def work(runtime: Runtime) -> int:
        files = settings.data_dir / "files"
        delivery = runtime.delivery({"console": ConsolePoster(sys.stdout, files)})
        stepper = Stepper(runtime.reminders, delivery, clock)
        chat = Console(
            runtime.bot, clock, sys.stdout, channel=channel, stepper=stepper, files_dir=files
        )
        if script is None:
            import getpass

            await chat.run_interactive(speaker or getpass.getuser(), settings.data_dir / "history")
            return 0
        result = await chat.run_script(script, source=getattr(script, "name", "script"))
        click.echo(
            f"script: {result.commands} commands, {result.rejected} rejected, "
            f"{result.unreadable} unreadable lines",
            err=True,
        )
        return 1 if strict and (result.rejected or result.unreadable) else 0

    status = _run(work, settings, clock)
    if status:
        sys.exit(status)


@main.group()
def slack() -> None:
    """Slack set-up helpers."""


@slack.command()
@click.option(
    "--prefix",
    default=None,
    help="Command prefix (`pb-` gives /pb-ask); default: SLACK_COMMAND_PREFIX.",
)
@click.option(
    "--request-url",
    default=None,
    help="HTTP mode: the public https URL of /slack/events (omit for Socket Mode).",
)
def manifest(prefix: str | None, request_url: str | None) -> None:
    """Print the Slack app manifest: paste it into Create New App → From a manifest."""
    from adapters.slack.manifest import manifest_json

    if prefix is None:
        prefix = _settings().slack_command_prefix
    click.echo(manifest_json(prefix, request_url=request_url))


@main.group()
def db() -> None:
    """Database maintenance."""


@db.command()
def upgrade() -> None:
    """Apply every pending schema migration (also done at start-up)."""
    from storage import upgrade_async

    settings = _settings()
    try:
        asyncio.run(upgrade_async(settings.effective_database_url))
    except TryAgainLater:
        raise click.ClickException(_UNREACHABLE) from None
    except DatabaseUnusable as error:
        raise click.ClickException(str(error)) from None
    click.echo("database is at the newest schema")


_TEAM_HELP = "The team's name, or PLATFORM:CHANNEL when names repeat (see `peerbot teams`)."


async def _find_team(uow: UnitOfWork, ref: str) -> Team | None:
    """The team named `ref`, or bound to the channel `PLATFORM:CHANNEL`; refuses an ambiguous
    name (team names repeat across workspaces and servers), naming the channels to choose."""
    named = await uow.teams.list_by_name(ref)
    if len(named) > 1:
        channels = ", ".join(f"{t.platform}:{t.channel_id}" for t in named)
        raise click.ClickException(
            f"{len(named)} teams are named {ref!r} ({channels}); "
            "give --team PLATFORM:CHANNEL instead"
        )
    if named:
        return named[0]
    platform, sep, channel_id = ref.partition(":")
    return await uow.teams.get_by_channel(platform, channel_id) if sep else None


@main.command()
def teams() -> None:
    """List every team: name, platform:channel, start date, members."""

    async def work(runtime: Runtime) -> None:
        async with runtime.uow_factory() as uow:
            found = await uow.teams.list()
            if not found:
                click.echo("no teams yet; set one up with /team setup in a channel")
            for team in found:
                assert team.id is not None
                count = len(await uow.members.list(team.id))
                click.echo(
                    f"{team.name}\t{team.platform}:{team.channel_id}\tstart {team.start_date}"
                    f"\t{team.zone}\t{count} members"
                )

    _run(work, _settings())


@main.command()
@click.option("--team", "team_name", required=True, help=_TEAM_HELP)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The JSON file to write.",
)
def export(team_name: str, out: Path) -> None:
    """Write one team's whole data to a JSON file."""
    from bot.transfer import export_team

    async def work(runtime: Runtime) -> dict[str, Any]:
        async with runtime.uow_factory() as uow:
            team = await _find_team(uow, team_name)
            if team is None:
                raise click.ClickException(
                    f"there is no team named {team_name!r}; `peerbot teams` lists them"
                )
            return await export_team(uow, team)

    data = _run(work, _settings())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    click.echo(f"wrote {out}: {len(data['questions'])} questions, {len(data['notes'])} notes")


@main.command()
@click.option("--team", "team_name", required=True, help=_TEAM_HELP)
@click.option("--week", type=click.IntRange(min=1), default=None, help="Week N of the course.")
@click.option("--all", "all_weeks", is_flag=True, help="Every week from Week 1 to this one.")
@click.option(
    "--format",
    "fmt",
    default="peer-minutes",
    show_default=True,
    help="peer-minutes (the team's), retro-log or til-review (a member's).",
)
@click.option(
    "--member",
    default=None,
    help="For retro-log and til-review: whose file (default: one file per member).",
)
@click.option(
    "--lang", type=click.Choice(["ko", "en"]), default=None, help="Language (default: the team's)."
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Directory to write to, e.g. your TIL repository.",
)
def digest(
    team_name: str,
    week: int | None,
    all_weeks: bool,
    fmt: str,
    member: str | None,
    lang: str | None,
    out: Path,
) -> None:
    """Write digests as Markdown files: OUT/week04/peer-minutes.md, week04/retro-log-kim.md."""
    from bot.digest import MEMBER_FORMATS, render_week
    from bot.handlers.digest import language_filename
    from bot.model.teams import Language

    if week is not None and all_weeks:
        raise click.UsageError("give --week N or --all, not both")

    async def work(runtime: Runtime) -> list[Path]:
        written: list[Path] = []
        async with runtime.uow_factory() as uow:
            team = await _find_team(uow, team_name)
            if team is None or team.id is None:
                raise click.ClickException(
                    f"there is no team named {team_name!r}; `peerbot teams` lists them"
                )
            calendar = team.calendar()
            last = await _last_active_day(uow, team.id)
            today = calendar.local_date(runtime.clock.now())
            this_week = calendar.week_number(min(today, last or today)) or 1
            weeks = list(range(1, this_week + 1)) if all_weeks else [week or this_week]
            members: list[Member | None] = [None]
            if fmt in MEMBER_FORMATS:
                everyone = list(await uow.members.list(team.id))
                members = [m for m in everyone if member in (None, m.display_name, m.user_id)]
                if not members:
                    raise click.ClickException(f"team {team_name} has no member {member!r}")
            jobs = [(w, m) for w in weeks for m in members]
            with click.progressbar(
                jobs, label="writing digests", file=sys.stderr, show_pos=True
            ) as bar:
                for w, m in bar:
                    try:
                        rendered = await render_week(
                            uow,
                            team,
                            w,
                            fmt,
                            member=m,
                            lang=Language(lang) if lang else None,
                            templates=settings.templates_dir,
                        )
                    except PeerbotError as error:
                        text = plain_text(i18n.error_message(i18n.Language.EN, error))
                        raise click.ClickException(text) from None
                    name = language_filename(
                        rendered.filename, Language(lang) if lang else None, team.language
                    )
                    path = out.joinpath(*name.split("/"))
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(rendered.markdown, encoding="utf-8")
                    written.append(path)
        return written

    settings = _settings()
    for path in _run(work, settings):
        click.echo(str(path))


async def _last_active_day(uow: UnitOfWork, team_id: int) -> date | None:
    """The last study day anything was asked, noted or reflected on."""
    from bot.ports import QuestionQuery

    days = [q.study_date for q in await uow.questions.find(team_id, QuestionQuery(limit=10**9))]
    days += [n.study_date for n in await uow.notes.list(team_id, date.min, date.max)]
    days += [r.study_date for r in await uow.retros.list(team_id, date.min, date.max)]
    return max(days, default=None)


@main.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", default=None, help="Import under this team name instead.")
@click.option(
    "--channel",
    default=None,
    metavar="PLATFORM:CHANNEL",
    help="Bind the team to this channel instead, e.g. console:demo.",
)
def import_(file: Path, name: str | None, channel: str | None) -> None:
    """Create a team from a JSON file written by `peerbot export`."""
    from bot.transfer import import_team

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise click.ClickException(f"cannot read {file}: {error}") from None
    platform = channel_id = None
    if channel:
        platform, sep, channel_id = channel.partition(":")
        if not sep or not platform or not channel_id:
            raise click.ClickException("--channel takes PLATFORM:CHANNEL, e.g. console:demo")

    async def work(runtime: Runtime) -> str:
        async with runtime.uow_factory() as uow:
            try:
                team = await import_team(
                    uow, data, name=name, platform=platform, channel_id=channel_id
                )
            except PeerbotError as error:
                message = plain_text(i18n.error_message(i18n.Language.EN, error))
                raise click.ClickException(message) from None
            except (KeyError, TypeError, ValueError) as error:
                raise click.ClickException(
                    f"{file} is not a complete peerbot export ({error!r}); nothing was imported"
                ) from None
            await uow.commit()
            return f"imported team {team.name} on {team.platform}:{team.channel_id}"

    click.echo(_run(work, _settings()))


main.add_command(outbox)
