"""A channel that refuses the bot (403, 404) parks its posts until the bot can post again."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from adapters.discord import DiscordAdapter
from bot.delivery import Delivery
from bot.model.teams import Team
from bot.outbox import OutboxMessage, State
from peerbot.bootstrap import Runtime
from tests.discord.conftest import command, set_up_team
from tests.discord.fake import CHANNEL_ID, GUILD_ID, OTHER_CHANNEL_ID, FakeDiscord
from tests.discord.test_poster import CHANNEL, MESSAGES, hello, posts, row

KEYS = ("2021-08-09", "2021-08-09b", "2021-08-09c")


@pytest.fixture
async def team(adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime) -> Team:
    await set_up_team(fake)
    found = await runtime.bot.team_for_channel("discord", CHANNEL)
    assert found is not None
    return found


async def rows_of(runtime: Runtime, team: Team) -> list[OutboxMessage]:
    async with runtime.uow_factory() as uow:
        return list(await uow.outbox.list(team.id))


async def park_three(
    runtime: Runtime, adapter: DiscordAdapter, team: Team, fake: FakeDiscord, status: str
) -> Delivery:
    async with runtime.uow_factory() as uow:
        for n, key in enumerate(KEYS):
            await uow.outbox.add(
                replace(row(team, hello(f"post {n}"), row_id=None), occurrence=key)
            )
        await uow.commit()
    fake.fail("POST", MESSAGES, status, times=None)
    delivery = Delivery(runtime.uow_factory, runtime.clock, {"discord": adapter.poster})
    assert await delivery.deliver_due() == 0
    states = [r.state for r in await rows_of(runtime, team)]
    assert states == [State.PARKED, State.PENDING, State.PENDING]
    fake.faults.clear()  # the bot may post there again, once someone fixes it
    return delivery


async def until_unparked(runtime: Runtime, team: Team) -> None:
    async with asyncio.timeout(5):
        while any(r.state is State.PARKED for r in await rows_of(runtime, team)):
            await asyncio.sleep(0.02)


def delivered(fake: FakeDiscord) -> list[str]:
    return [p["content"].split(" <@")[0] for p in posts(fake) if p["content"].startswith("post")]


async def test_removed_from_the_server_then_invited_back_delivers_the_parked_posts_in_order(
    adapter: DiscordAdapter, fake: FakeDiscord, team: Team, runtime: Runtime
):
    delivery = await park_three(runtime, adapter, team, fake, "404")
    await fake.remove_guild(GUILD_ID)
    await fake.add_guild(GUILD_ID, [(CHANNEL_ID, "study"), (OTHER_CHANNEL_ID, "general")])
    await until_unparked(runtime, team)
    assert await delivery.deliver_due() == 3
    assert await delivery.deliver_due() == 0
    assert delivered(fake) == ["post 0", "post 1", "post 2"]
    print(f"\nparked posts delivered after re-invite (Discord): {len(delivered(fake))} of 3")


async def test_a_forbidden_channel_then_a_command_from_it_delivers_the_parked_posts(
    adapter: DiscordAdapter, fake: FakeDiscord, team: Team, runtime: Runtime
):
    delivery = await park_three(runtime, adapter, team, fake, "403")
    await command(fake, "questions")
    assert await delivery.deliver_due() == 3
    assert delivered(fake) == ["post 0", "post 1", "post 2"]


async def test_a_permission_given_back_on_the_channel_delivers_the_parked_posts(
    adapter: DiscordAdapter, fake: FakeDiscord, team: Team, runtime: Runtime
):
    delivery = await park_three(runtime, adapter, team, fake, "403")
    await fake.update_channel(CHANNEL_ID, "study", GUILD_ID)
    await until_unparked(runtime, team)
    assert await delivery.deliver_due() == 3
    assert delivered(fake) == ["post 0", "post 1", "post 2"]
