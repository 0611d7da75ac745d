"""Outbox rows to another channel or into a thread, on the fake, SQLite and PostgreSQL: stored
and read back, in a lane of their own (`bot.outbox.lane`), parked and un-parked per channel."""

from dataclasses import replace

from bot.outbox import OutboxMessage, PostKind, State
from bot.text import Message, Plain
from tests.integration.builders import T0, a_team, add_team_with_member, at
from tests.integration.conftest import Backend

MENTORS = "c-mentors"  # a channel that is no team's (a cohort's mentors' channel)
MESSAGE = Message.of((Plain("mentors of team A"),))


def row(team_id: int, key: str, minutes: int = 0, to: str | None = None) -> OutboxMessage:
    base = OutboxMessage(team_id, PostKind.MENTOR, key, at(minutes), MESSAGE, T0)
    return replace(base, channel_id=to)


async def add(backend: Backend, *rows: OutboxMessage) -> None:
    async with backend.uow() as uow:
        for one in rows:
            assert await uow.outbox.add(one)
        await uow.commit()


async def park(backend: Backend, key: str) -> None:
    async with backend.uow() as uow:
        (found,) = [m for m in await uow.outbox.list() if m.occurrence == key]
        await uow.outbox.mark_parked(found.id or 0, "not_in_channel")
        await uow.commit()


async def claimable(backend: Backend, minutes: int) -> list[str]:
    """What a claim at `minutes` takes (rolled back: nothing is leased)."""
    async with backend.uow() as uow:
        return [m.occurrence for m in await uow.outbox.claim(at(minutes), at(minutes + 1), 50)]


async def test_the_destination_is_stored_and_read_back(backend: Backend) -> None:
    team, _ = await add_team_with_member(backend.uow)
    threaded = replace(row(team.id, "answer", to=MENTORS), thread_ref="1700000000.000100")
    await add(backend, row(team.id, "own"), threaded)
    async with backend.uow() as uow:
        stored = {m.occurrence: m for m in await uow.outbox.list(team.id)}
    assert (stored["own"].channel_id, stored["own"].thread_ref) == (None, None)
    assert (stored["answer"].channel_id, stored["answer"].thread_ref) == (
        MENTORS,
        "1700000000.000100",
    )


async def test_a_parked_row_to_another_channel_holds_back_only_that_channels_rows(
    backend: Backend,
) -> None:
    team, _ = await add_team_with_member(backend.uow)
    await add(
        backend,
        row(team.id, "mentors-1", 0, MENTORS),
        row(team.id, "own-1", 1),
        row(team.id, "mentors-2", 2, MENTORS),
        row(team.id, "elsewhere", 3, "c-other"),
        row(team.id, "own-2", 4),
    )
    await park(backend, "mentors-1")
    # The team's own channel and a third channel go on; the mentors' channel keeps its order.
    assert await claimable(backend, 10) == ["own-1", "elsewhere", "own-2"]


async def test_a_parked_row_of_the_teams_channel_does_not_hold_back_another_channel(
    backend: Backend,
) -> None:
    team, _ = await add_team_with_member(backend.uow)
    await add(
        backend,
        row(team.id, "own-1", 0),
        row(team.id, "mentors", 1, MENTORS),
        row(team.id, "own-2", 2),
    )
    await park(backend, "own-1")
    assert await claimable(backend, 10) == ["mentors"]


async def test_a_command_from_the_team_channel_unparks_its_own_rows_and_not_the_other_channel(
    backend: Backend,
) -> None:
    team, _ = await add_team_with_member(backend.uow)
    await add(backend, row(team.id, "own", 0), row(team.id, "mentors", 1, MENTORS))
    await park(backend, "own")
    await park(backend, "mentors")
    async with backend.uow() as uow:
        assert await uow.outbox.unpark(team.id, at(5), platform="console", channel_id="c-A") == 1
        await uow.commit()
        states = {m.occurrence: m.state for m in await uow.outbox.list(team.id)}
    assert states == {"own": State.PENDING, "mentors": State.PARKED}


async def test_the_destination_channel_unparks_every_teams_rows_to_it_on_its_platform_only(
    backend: Backend,
) -> None:
    one, _ = await add_team_with_member(backend.uow, "A")
    two, _ = await add_team_with_member(backend.uow, "B")
    async with backend.uow() as uow:
        slack = await uow.teams.add(a_team("S", "C-S", platform="slack", created_at=T0))
        await uow.commit()
    assert slack.id is not None
    await add(
        backend,
        row(one.id, "a-mentors", 0, MENTORS),
        row(one.id, "a-mentors-later", 1, MENTORS),
        row(two.id, "b-mentors", 2, MENTORS),
        row(two.id, "b-own", 3),
        row(slack.id, "slack-same-id", 4, MENTORS),
    )
    for key in ("a-mentors", "b-mentors", "b-own", "slack-same-id"):
        await park(backend, key)
    async with backend.uow() as uow:  # a command from the mentors' channel: no team's
        assert await uow.outbox.unpark(None, at(10), platform="console", channel_id=MENTORS) == 2
        await uow.commit()
        rows = {m.occurrence: m for m in await uow.outbox.list()}
    assert {k: m.state for k, m in rows.items()} == {
        "a-mentors": State.PENDING,
        "a-mentors-later": State.PENDING,
        "b-mentors": State.PENDING,
        "b-own": State.PARKED,
        "slack-same-id": State.PARKED,  # the same channel id on another platform is another
    }
    assert rows["a-mentors"].unparked_at == at(10)
    assert rows["a-mentors-later"].unparked_at == at(10)  # it waited behind the parked one
    assert await claimable(backend, 11) == ["a-mentors", "a-mentors-later", "b-mentors"]


async def test_retry_marks_only_the_retried_lanes_later_rows_as_waiting(backend: Backend) -> None:
    team, _ = await add_team_with_member(backend.uow)
    await add(
        backend,
        row(team.id, "mentors", 0, MENTORS),
        row(team.id, "mentors-later", 1, MENTORS),
        row(team.id, "own", 2),
    )
    await park(backend, "mentors")
    async with backend.uow() as uow:
        assert await uow.outbox.retry(team.id, [], at(10)) == 1
        await uow.commit()
        rows = {m.occurrence: m for m in await uow.outbox.list(team.id)}
    assert rows["mentors-later"].unparked_at == at(10)
    assert rows["own"].unparked_at is None  # its lane waited behind nothing


async def test_the_first_read_says_a_post_is_parked_here_by_the_lanes_a_command_unparks(
    backend: Backend,
) -> None:
    """`teams.get_with_caller` tells a command whether to un-park: a post parked in the team's
    own lane, or destined to its channel by any team of the platform; not one parked for
    another channel, another platform's, or one no longer parked."""
    one, _ = await add_team_with_member(backend.uow, "A", user="u1")
    two, _ = await add_team_with_member(backend.uow, "B", user="u2")
    await add(
        backend,
        row(one.id, "a-mentors", 0, MENTORS),
        row(two.id, "b-to-a", 1, "c-A"),
        row(one.id, "a-own", 2),
    )

    async def parked_here(user: str = "u1") -> bool:
        async with backend.uow() as uow:
            arrival = await uow.teams.get_with_caller("console", "c-A", user)
        assert arrival.team == one
        return arrival.parked_here

    assert not await parked_here()
    await park(backend, "a-mentors")
    assert not await parked_here()  # parked for the mentors' channel, not this one
    await park(backend, "b-to-a")
    assert await parked_here() and await parked_here("a stranger")
    async with backend.uow() as uow:
        assert await uow.outbox.unpark(one.id, at(5), platform="console", channel_id="c-A") == 1
        await uow.commit()
    assert not await parked_here()
    await park(backend, "a-own")
    assert await parked_here()
    async with backend.uow() as uow:  # another team's channel sees none of these
        assert not (await uow.teams.get_with_caller("console", "c-B", "u2")).parked_here
