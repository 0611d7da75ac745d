"""`peerbot publish [--team T] [--week N]`, `peerbot publish list`, `peerbot publish retry`:
the team's week into its repository, and the publications an operator may have to act on."""

from __future__ import annotations

from collections.abc import Sequence

import click

from bot import i18n
from bot.errors import PeerbotError
from bot.model.teams import Team
from bot.ports import UnitOfWork
from bot.publish.model import Publication, PubState
from bot.publish.service import MAX_ATTEMPTS, Publisher, PublishResult
from bot.text import plain_text
from peerbot.bootstrap import Runtime
from peerbot.config import Settings, git_token
from peerbot.runner import load_settings, run_with_runtime

_TEAM_HELP = "The team's name (see `peerbot teams`); default: every team with a repository."


def publisher(runtime: Runtime, settings: Settings) -> Publisher:
    """The publisher of this process: dulwich, working copies under the data directory."""
    from storage.git_remote import DulwichRemote

    return Publisher(
        runtime.uow_factory,
        runtime.clock,
        DulwichRemote(settings.data_dir / "publish"),
        git_token,
        author=settings.git_author,
        templates=settings.templates_dir,
    )


@click.group(invoke_without_command=True)
@click.option("--team", "team_name", default=None, help=_TEAM_HELP)
@click.option("--week", type=click.IntRange(min=1), default=None, help="Week N (default: this).")
@click.pass_context
def publish(ctx: click.Context, team_name: str | None, week: int | None) -> None:
    """Commit and push the week's files to each team's repository (`/team settings repo:`)."""
    if ctx.invoked_subcommand is not None:
        return
    settings = load_settings()

    async def work(runtime: Runtime) -> list[PublishResult]:
        teams = await _teams(runtime, team_name)
        chosen = publisher(runtime, settings)
        results = []
        for team in teams:
            assert team.id is not None
            try:
                results.append(await chosen.publish(team.id, week))
            except PeerbotError as error:
                text = plain_text(i18n.error_message(i18n.Language.EN, error))
                raise click.ClickException(f"team {team.name}: {text}") from None
        return results

    results = run_with_runtime(work, settings)
    if not results:
        click.echo("no team has a repository to publish to (`/team settings repo:<url>`)")
    for result in results:
        click.echo(_said(result))
    if any(r.busy or r.error for r in results):
        raise SystemExit(1)


@publish.command(name="list")
@click.option("--team", "team_name", default=None, help="Only this team.")
@click.option(
    "--state",
    type=click.Choice([s.value for s in PubState]),
    default=None,
    help="Only rows in this state (default: every row).",
)
def list_(team_name: str | None, state: str | None) -> None:
    """One line per team-week: id, team, week, state, attempts, commit, next try (UTC), error."""

    async def work(runtime: Runtime) -> list[str]:
        async with runtime.uow_factory() as uow:
            team = await _one_team(uow, team_name)
            names = {t.id: t.name for t in await uow.teams.list()}
            rows = await uow.publishing.list(
                team.id if team else None, PubState(state) if state else None
            )
        return [_line(row, names.get(row.team_id, "?")) for row in rows]

    lines = run_with_runtime(work, load_settings())
    for line in lines:
        click.echo(line)
    click.echo(f"{len(lines)} row(s)")


@publish.command()
@click.option("--team", "team_name", default=None, help="Only this team.")
@click.argument("ids", nargs=-1, type=click.IntRange(min=1))
def retry(team_name: str | None, ids: Sequence[int]) -> None:
    """Failed and pending rows (all, the team's, or these ids) are tried again now."""
    settings = load_settings()

    async def work(runtime: Runtime) -> tuple[int, list[PublishResult]]:
        async with runtime.uow_factory() as uow:
            team = await _one_team(uow, team_name)
            count = await uow.publishing.retry(team.id if team else None, ids, runtime.clock.now())
            await uow.commit()
        return count, await publisher(runtime, settings).run_due()

    count, results = run_with_runtime(work, settings)
    click.echo(f"{count} failed or pending row(s) tried again")
    for result in results:
        click.echo(_said(result))
    if any(r.busy or r.error for r in results):
        raise SystemExit(1)


async def _teams(runtime: Runtime, name: str | None) -> list[Team]:
    async with runtime.uow_factory() as uow:
        one = await _one_team(uow, name)
        teams = [one] if one else list(await uow.teams.list())
        if one is not None:
            return teams
        configured = []
        for team in teams:
            assert team.id is not None
            found = await uow.publishing.get_settings(team.id)
            if found is not None and found.repo_url:
                configured.append(team)
        return configured


async def _one_team(uow: UnitOfWork, name: str | None) -> Team | None:
    if name is None:
        return None
    team = await uow.teams.get_by_name(name)
    if team is None:
        raise click.ClickException(f"there is no team named {name!r}; `peerbot teams` lists them")
    return team


def _said(r: PublishResult) -> str:
    where = f"team {r.team}, Week {r.week:02d}"
    if r.busy:
        return f"{where}: another process is publishing this team now; try again in a minute"
    if r.state is PubState.PUBLISHED:
        return f"{where}: published commit {(r.sha or '')[:12]} ({r.files} files)"
    if r.state is PubState.UNCHANGED:
        return f"{where}: nothing changed ({r.files} files already there)"
    what = "failed for good" if r.state is PubState.FAILED else "will be retried"
    return (
        f"{where}: push refused: {r.error}; row {r.row} {what} "
        f"(attempt {r.attempts} of {MAX_ATTEMPTS}; `peerbot publish list`)"
    )


def _line(row: Publication, team: str) -> str:
    error = (row.last_error or "").replace("\t", " ").replace("\n", " ")[:160]
    next_try = row.next_try_at.isoformat() if row.next_try_at else "-"
    return (
        f"{row.id}\t{team}\tweek{row.week:02d}\t{row.state.value}\t{row.attempts}"
        f"\t{(row.commit_sha or '-')[:12]}\t{next_try}\t{error}"
    )
