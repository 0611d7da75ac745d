"""Outbox rows to another channel (a cohort's mentors' channel) or into a thread: delivered in a
lane of their own, parked per channel, un-parked by a command from that channel or the bot
joining it, and shown by the console where they go."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta

from adapters.console import ConsolePoster
from bot.delivery import Delivery, PostError
from bot.model.teams import Team
from bot.outbox import OutboxMessage, PostKind, State
from bot.text import Message, Plain
from tests.conftest import Harness

MENTORS = "mentors"  # no team's channel


class RefusingPoster:
    """Records (channel, thread, text); refuses every post to the channels in `refused`."""

    def __init__(self) -> None:
        self.posts: list[tuple[str, str, str]] = []
        self.refused: set[str] = set()

    async def post(self, team: Team, row: OutboxMessage, *, uncertain: bool) -> None:
        channel = row.channel_id or team.channel_id
        if channel in self.refused:
            raise PostError("not_in_channel", park=True)
        self.posts.append((channel, row.thread_ref or "", row.message.lines[0][0].text))


async def queue(
    h: Harness, key: str, minutes: int, to: str | None = None, thread: str = ""
) -> None:
    async with h.uow_factory() as uow:
        team = await uow.teams.get_by_channel("console", "c1")
        assert team is not None and team.id is not None
        due = h.clock.now() + timedelta(minutes=minutes)
        row = OutboxMessage(team.id, PostKind.MENTOR, key, due, Message.of((Plain(key),)), due)
        assert await uow.outbox.add(replace(row, channel_id=to, thread_ref=thread or None))
        await uow.commit()


async def states(h: Harness) -> dict[str, State]:
    async with h.uow_factory() as uow:
        return {m.occurrence: m.state for m in await uow.outbox.list()}


async def test_a_refused_other_channel_parks_only_its_rows_and_a_command_there_unparks_them(
    team: Harness,
) -> None:
    poster = RefusingPoster()
    poster.refused = {MENTORS}
    delivery = Delivery(team.uow_factory, team.clock, {"console": poster})
    await queue(team, "mentors 1", 0, MENTORS)
    await queue(team, "own", 1)
    await queue(team, "mentors 2", 2, MENTORS, thread="t-7")
    team.clock.set(team.clock.now() + timedelta(minutes=3))
    assert await delivery.deliver_due() == 1
    assert poster.posts == [("c1", "", "own")]  # the team's channel did not wait
    assert await states(team) == {
        "mentors 1": State.PARKED,
        "own": State.SENT,
        "mentors 2": State.PENDING,  # untried, behind the parked row of its channel
    }

    await team.ok("kim", "/help")  # from the team's channel: not the mentors' channel's rows
    assert (await states(team))["mentors 1"] is State.PARKED

    poster.refused = set()
    await team.ok("lee", "/help", channel=MENTORS)  # a command from the mentors' channel
    assert await delivery.deliver_due() == 2
    assert poster.posts[1:] == [(MENTORS, "", "mentors 1"), (MENTORS, "t-7", "mentors 2")]


async def test_the_bot_joining_the_other_channel_unparks_the_rows_to_it(team: Harness) -> None:
    poster = RefusingPoster()
    poster.refused = {MENTORS}
    delivery = Delivery(team.uow_factory, team.clock, {"console": poster})
    await queue(team, "mentors", 0, MENTORS)
    await delivery.deliver_due()
    assert await team.bot.channels_back("console", ["c1"], "joined") == 0  # not that channel
    assert await team.bot.channels_back("console", [MENTORS], "joined") == 1
    poster.refused = set()
    assert await delivery.deliver_due() == 1 and poster.posts == [(MENTORS, "", "mentors")]


async def test_the_console_says_which_channel_and_thread_a_row_goes_to(team: Harness) -> None:
    out = io.StringIO()
    delivery = Delivery(team.uow_factory, team.clock, {"console": ConsolePoster(out)})
    await queue(team, "own", 0)
    await queue(team, "for the mentors", 1, MENTORS)
    await queue(team, "in the card's thread", 2, thread="card-12")
    team.clock.set(team.clock.now() + timedelta(minutes=3))
    assert await delivery.deliver_due() == 3
    heads = [line.split(" (")[0] for line in out.getvalue().splitlines() if "posts in" in line]
    assert heads == [
        "peerbot posts in #c1",
        "peerbot posts in #mentors",
        "peerbot posts in #c1, in the thread card-12",
    ]
