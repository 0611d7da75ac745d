"""The `peerbot` command line: run the bot, the console, migrations, export and import.

Each command parses its options, opens what it needs through the composition root
(`peerbot.bootstrap`), calls a use case of the core and prints the outcome; `peerbot outbox
list|retry` lives in `peerbot.outbox_cli`, `peerbot publish` in `peerbot.publish_cli`.
"""

from __future__ import annotations

import asyncio
import getpass
import json
import logging
import sys
from pathlib import Path
from typing import Any, BinaryIO

import click

from adapters.base import AdapterError
from bot import i18n
from bot.digest.export import (
    ExportJob,
    ExportRequest,
    NoSuchMember,
    plan_export,
    render_file,
    write_file,
)
from bot.errors import DatabaseUnusable, PeerbotError, TryAgainLater
from bot.model.teams import Language, Team
from bot.ports import UnitOfWork
from bot.teams import AmbiguousTeam, find_team, team_roster
from bot.text import plain_text
from bot.transfer import export_team, import_team
from peerbot.bootstrap import Runtime, console_chat
from peerbot.config import ConfigurationError, Settings
from peerbot.outbox_cli import outbox
from peerbot.publish_cli import publish
from peerbot.runner import UNREACHABLE, load_settings, run_with_runtime
from peerbot.serve import serve
from peerbot.shutdown import StopRequest
from peerbot.web_cli import web


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
    settings = load_settings()
    try:
        platforms = settings.platforms()
    except ConfigurationError as error:
        raise click.ClickException(str(error)) from None
    if not platforms:
        stop.restore()
        _console(settings, script=None, strict=False, channel="console", speaker=None)
        return
    logging.getLogger("peerbot").info("starting on %s", " and ".join(platforms))

    async def work(runtime: Runtime) -> None:
        try:
            await serve(runtime, settings, platforms, stop)
        except AdapterError as error:
            raise click.ClickException(str(error)) from None

    run_with_runtime(work, settings)


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
def console(script: BinaryIO | None, strict: bool, channel: str, speaker: str | None) -> None:
    """Chat with peerbot in the terminal, or run a script of commands.

    With standard input not a terminal and no --script, the script is read from standard input.
    """
    _console(load_settings(), script=script, strict=strict, channel=channel, speaker=speaker)


def _console(
    settings: Settings, *, script: BinaryIO | None, strict: bool, channel: str, speaker: str | None
) -> None:
    from adapters.console import ConsoleClock

    if script is None and not sys.stdin.isatty():
        script = sys.stdin.buffer  # bytes: each line decoded on its own (`Console.run_script`)
    clock = ConsoleClock(frozen=script is not None)

    async def work(runtime: Runtime) -> int:
        chat = console_chat(runtime, settings, clock, channel)
        if script is None:
            await chat.run_interactive(speaker or getpass.getuser(), settings.data_dir / "history")
            return 0
        result = await chat.run_script(script, source=getattr(script, "name", "script"))
        click.echo(
            f"script: {result.commands} commands, {result.rejected} rejected, "
            f"{result.unreadable} unreadable lines",
            err=True,
        )
        return 1 if strict and (result.rejected or result.unreadable) else 0

    status = run_with_runtime(work, settings, clock)
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
    from adapters.slack.manifest import manifest_json  # slack-bolt only for this command

    if prefix is None:
        prefix = load_settings().slack_command_prefix
    click.echo(manifest_json(prefix, request_url=request_url))


@main.group()
def db() -> None:
    """Database maintenance."""


@db.command()
def upgrade() -> None:
    """Apply every pending schema migration (also done at start-up)."""
    from storage import upgrade_async

    settings = load_settings()
    try:
        asyncio.run(upgrade_async(settings.effective_database_url))
    except TryAgainLater:
        raise click.ClickException(UNREACHABLE) from None
    except DatabaseUnusable as error:
        raise click.ClickException(str(error)) from None
    click.echo("database is at the newest schema")


_TEAM_HELP = "The team's name, or PLATFORM:CHANNEL when names repeat (see `peerbot teams`)."


async def _the_team(uow: UnitOfWork, ref: str) -> Team:
    """The team `ref` names, or the sentence saying why there is none to choose."""
    try:
        team = await find_team(uow, ref)
    except AmbiguousTeam as error:
        raise click.ClickException(
            f"{len(error.channels)} teams are named {ref!r} ({', '.join(error.channels)}); "
            "give --team PLATFORM:CHANNEL instead"
        ) from None
    if team is None or team.id is None:
        raise click.ClickException(f"there is no team named {ref!r}; `peerbot teams` lists them")
    return team


def _refusal(error: PeerbotError) -> click.ClickException:
    """A rejected use case, in the English sentence the chat would say."""
    return click.ClickException(plain_text(i18n.error_message(i18n.Language.EN, error)))


@main.command()
def teams() -> None:
    """List every team: name, platform:channel, start date, members."""

    async def work(runtime: Runtime) -> list[tuple[Team, int]]:
        async with runtime.uow_factory() as uow:
            return await team_roster(uow)

    roster = run_with_runtime(work, load_settings())
    if not roster:
        click.echo("no teams yet; set one up with /team setup in a channel")
    for team, count in roster:
        click.echo(
            f"{team.name}\t{team.platform}:{team.channel_id}\tstart {team.start_date}"
            f"\t{team.zone}\t{count} members"
        )


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

    async def work(runtime: Runtime) -> dict[str, Any]:
        async with runtime.uow_factory() as uow:
            return await export_team(uow, await _the_team(uow, team_name))

    data = run_with_runtime(work, load_settings())
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
    help="peer-minutes or office-hours (the team's), retro-log or til-review (a member's).",
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
    if week is not None and all_weeks:
        raise click.UsageError("give --week N or --all, not both")
    settings = load_settings()
    request = ExportRequest(
        fmt=fmt,
        week=week,
        all_weeks=all_weeks,
        member=member,
        lang=Language(lang) if lang else None,
        templates=settings.templates_dir,
    )

    async def work(runtime: Runtime) -> list[Path]:
        async with runtime.uow_factory() as uow:
            team = await _the_team(uow, team_name)
            try:
                jobs = await plan_export(uow, team, request, runtime.clock.now())
                return await _write_digests(uow, team, jobs, request, out)
            except NoSuchMember as error:
                raise click.ClickException(
                    f"team {team_name} has no member {error.member!r}"
                ) from None
            except PeerbotError as error:
                raise _refusal(error) from None

    for path in run_with_runtime(work, settings):
        click.echo(str(path))


async def _write_digests(
    uow: UnitOfWork, team: Team, jobs: list[ExportJob], request: ExportRequest, out: Path
) -> list[Path]:
    """Render and write each file of the plan, with a progress bar on standard error."""
    written: list[Path] = []
    with click.progressbar(jobs, label="writing digests", file=sys.stderr, show_pos=True) as bar:
        for job in bar:
            written.append(write_file(out, await render_file(uow, team, job, request)))
    return written


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
                raise _refusal(error) from None
            except (KeyError, TypeError, ValueError) as error:
                raise click.ClickException(
                    f"{file} is not a complete peerbot export ({error!r}); nothing was imported"
                ) from None
            await uow.commit()
            return f"imported team {team.name} on {team.platform}:{team.channel_id}"

    click.echo(run_with_runtime(work, load_settings()))


main.add_command(outbox)
main.add_command(web)
main.add_command(publish)
