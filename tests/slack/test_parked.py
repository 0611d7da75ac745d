"""A channel that refuses the bot parks its posts; inviting the bot back delivers them, in order."""

from __future__ import annotations

import asyncio

import pytest

from adapters.slack import SlackAdapter
from bot.model.teams import Team
from bot.outbox import State
from bot.text import Message, Plain
from tests.slack.conftest import SlackDriver
from tests.slack.fake import BOT_USER, CHANNEL, FakeSlack, event_callback, sign
from tests.slack.test_poster import DUE, outbox, queue, row_of

KEYS = ("2021-08-09", "2021-08-09b", "2021-08-09c")


@pytest.fixture
async def team_row(team: SlackDriver, runtime) -> Team:
    found = await runtime.bot.team_for_channel("slack", CHANNEL)
    assert found is not None
    return found


async def send_event(team: SlackDriver, event: dict) -> None:
    body = event_callback(event)
    status, _, _ = await team.send(body, {**sign(body), "Content-Type": "application/json"})
    assert status == 200


async def until_unparked(runtime, team: Team) -> None:
    async with asyncio.timeout(5):
        while any(r.state is State.PARKED for r in await outbox(runtime, team)):
            await asyncio.sleep(0.02)


async def park_three(runtime, adapter: SlackAdapter, team: Team, fake: FakeSlack, error: str):
    runtime.clock.set(DUE)
    for minute, key in enumerate(KEYS):
        text = Message.of((Plain(f"post {minute}"),))
        await queue(runtime, row_of(team, text, row_id=None, occurrence=key))
    fake.channel_errors[CHANNEL] = error
    delivery = runtime.delivery({"slack": adapter.poster})
    assert await delivery.deliver_due() == 0
    assert [r.state for r in await outbox(runtime, team)] == [
        State.PARKED,
        State.PENDING,
        State.PENDING,
    ]
    return delivery


def channel_posts(fake: FakeSlack) -> list[str]:
    return [c.args["text"] for c in fake.posts(CHANNEL) if c.args["text"].startswith("post ")]


async def test_not_in_channel_then_the_bot_invited_again_delivers_the_parked_posts_once_in_order(
    adapter: SlackAdapter, team: SlackDriver, team_row: Team, fake: FakeSlack, runtime
):
    delivery = await park_three(runtime, adapter, team_row, fake, "not_in_channel")
    await send_event(team, {"type": "member_joined_channel", "user": "U0LEE", "channel": CHANNEL})
    await asyncio.sleep(0.1)  # someone else joining says nothing about the bot
    assert (await outbox(runtime, team_row))[0].state is State.PARKED

    del fake.channel_errors[CHANNEL]  # /invite @peerbot
    await send_event(team, {"type": "member_joined_channel", "user": BOT_USER, "channel": CHANNEL})
    await until_unparked(runtime, team_row)
    assert await delivery.deliver_due() == 3
    assert await delivery.deliver_due() == 0
    assert channel_posts(fake) == ["post 0", "post 1", "post 2"]
    assert {r.state for r in await outbox(runtime, team_row)} == {State.SENT}
    print(f"\nparked posts delivered after re-invite (Slack): {len(channel_posts(fake))} of 3")


async def test_an_unarchived_channel_gets_its_parked_posts(
    adapter: SlackAdapter, team: SlackDriver, team_row: Team, fake: FakeSlack, runtime
):
    delivery = await park_three(runtime, adapter, team_row, fake, "is_archived")
    del fake.channel_errors[CHANNEL]
    await send_event(team, {"type": "channel_unarchive", "user": "U0KIM", "channel": CHANNEL})
    await until_unparked(runtime, team_row)
    assert await delivery.deliver_due() == 3
    assert channel_posts(fake) == ["post 0", "post 1", "post 2"]


async def test_a_command_from_the_channel_unparks_and_a_still_refused_post_parks_again(
    adapter: SlackAdapter, team: SlackDriver, team_row: Team, fake: FakeSlack, runtime
):
    delivery = await park_three(runtime, adapter, team_row, fake, "not_in_channel")
    await team.command("/questions")  # still not in the channel: one try, parked again
    assert await delivery.deliver_due() == 0
    assert [r.attempts for r in await outbox(runtime, team_row)] == [2, 0, 0]
    del fake.channel_errors[CHANNEL]
    await team.command("/questions")
    assert await delivery.deliver_due() == 3
    assert channel_posts(fake) == ["post 0", "post 1", "post 2"]
