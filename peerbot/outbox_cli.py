"""`peerbot outbox list|retry`: what waits in the outbox, and sending parked posts again."""

from __future__ import annotations

from collections.abc import Sequence

import click

from bot.model.teams import Team
from bot.outbox import OutboxMessage, State
from bot.ports import UnitOfWork
from peerbot.bootstrap import Runtime
from peerbot.runner import load_settings, run_with_runtime

# Without --state: the rows an operator may have to act on (not the sent or skipped ones).
UNSETTLED = (State.PENDING, State.PARKED, State.FAILED, State.EXPIRED)


@click.group()
def outbox() -> None:
    """The bot's own posts: list them, or send parked and failed ones again."""


@outbox.command(name="list")
@click.option("--team", "team_name", default=None, help="Only this team (see `peerbot teams`).")
@click.option(
    "--state",
    type=click.Choice([s.value for s in State]),
    default=None,
    help="Only rows in this state (default: pending, parked, failed and expired).",
)
def list_(team_name: str | None, state: str | None) -> None:
    """One line per row: id, team, kind, occurrence, due time (UTC), state, attempts, where it
    goes when not the team's channel top level (`to C123`, `to C123 thread 1700.1`), error."""

    async def work(runtime: Runtime) -> list[str]:
        async with runtime.uow_factory() as uow:
            team = await _team(uow, team_name)
            names = {t.id: t.name for t in await uow.teams.list()}
            rows = await uow.outbox.list(team.id if team else None, state)
        wanted = {State(state)} if state else set(UNSETTLED)
        return [_line(row, names.get(row.team_id, "?")) for row in rows if row.state in wanted]

    lines = run_with_runtime(work, load_settings())
    for line in lines:
        click.echo(line)
    click.echo(f"{len(lines)} row(s)")


@outbox.command()
@click.option("--team", "team_name", default=None, help="Only this team (see `peerbot teams`).")
@click.argument("ids", nargs=-1, type=click.IntRange(min=1))
def retry(team_name: str | None, ids: Sequence[int]) -> None:
    """Parked and failed rows (all, the team's, or these ids) go out again in order."""

    async def work(runtime: Runtime) -> tuple[int, list[str]]:
        async with runtime.uow_factory() as uow:
            team = await _team(uow, team_name)
            chosen = [
                row
                for state in (State.PARKED, State.FAILED)
                for row in await uow.outbox.list(team.id if team else None, state.value)
                if (not ids or row.id in ids) and _destination(row)
            ]
            count = await uow.outbox.retry(team.id if team else None, ids, runtime.clock.now())
            await uow.commit()
        return count, [f"row {row.id} goes {_destination(row)}" for row in chosen]

    count, elsewhere = run_with_runtime(work, load_settings())
    click.echo(
        f"{count} parked or failed row(s) are pending again; the running bot posts them in "
        "order (a reminder whose moment has passed is marked expired instead)"
    )
    for line in elsewhere:  # not to its team's channel: the operator sees where
        click.echo(line)


async def _team(uow: UnitOfWork, name: str | None) -> Team | None:
    if name is None:
        return None
    team = await uow.teams.get_by_name(name)
    if team is None:
        raise click.ClickException(f"there is no team named {name!r}; `peerbot teams` lists them")
    return team


def _line(row: OutboxMessage, team: str) -> str:
    error = (row.last_error or "").replace("\t", " ").replace("\n", " ")[:120]
    return (
        f"{row.id}\t{team}\t{row.kind.value}\t{row.occurrence}\t{row.due_at.isoformat()}"
        f"\t{row.state.value}\t{row.attempts}\t{_destination(row)}\t{error}"
    )


def _destination(row: OutboxMessage) -> str:
    """Where the row goes when not its team's channel top level; "" when it does."""
    parts = [f"to {row.channel_id}"] if row.channel_id else ["to the team's channel"]
    if row.thread_ref:
        parts.append(f"thread {row.thread_ref}")
    shown = " ".join(parts) if row.channel_id or row.thread_ref else ""
    return shown.replace("\t", " ").replace("\n", " ")
