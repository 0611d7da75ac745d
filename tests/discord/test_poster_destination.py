"""Outbox rows to another Discord channel and into a thread (a channel of its own on Discord):
posted there, an uncertain one looked for there, a thread that is gone, a refused other channel
parked apart from the team's own."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from adapters.discord import DiscordAdapter
from bot.delivery import Delivery
from bot.model.teams import Team
from bot.outbox import State
from bot.text import Attachment, Message, Plain
from peerbot.bootstrap import Runtime
from tests.discord.conftest import set_up_team
from tests.discord.fake import OTHER_CHANNEL_ID, FakeDiscord
from tests.discord.test_poster import CHANNEL, posts, row

OTHER = str(OTHER_CHANNEL_ID)
THREAD = "940000000000000007"  # a card's thread in the other channel


@pytest.fixture
async def team(adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime) -> Team:
    await set_up_team(fake)
    found = await runtime.bot.team_for_channel("discord", CHANNEL)
    assert found is not None
    return found


def said(text: str) -> Message:
    return Message.of((Plain(text),))


async def test_a_row_goes_to_its_channel_or_thread_and_an_uncertain_one_is_found_there(
    adapter: DiscordAdapter,
    fake: FakeDiscord,
    team: Team,
):
    await adapter.poster.post(team, row(team, said("mentors"), channel_id=OTHER), uncertain=False)
    answer = row(team, said("the mentor's answer"), row_id=8, channel_id=OTHER, thread_ref=THREAD)
    await adapter.poster.post(team, answer, uncertain=False)
    assert [p["content"] for p in posts(fake, OTHER)] == ["mentors"]
    assert [p["content"] for p in posts(fake, THREAD)] == ["the mentor's answer"]
    assert posts(fake) == []  # nothing in the team's channel

    fake._nonces.clear()  # later than Discord's nonce window
    await adapter.poster.post(team, answer, uncertain=True)  # found in the thread's history
    assert len(posts(fake, THREAD)) == 1 and fake.calls_to("GET", rf"^/channels/{THREAD}/messages$")


async def test_a_thread_that_is_gone_gets_the_row_top_level_in_its_channel_with_a_log_line(
    adapter: DiscordAdapter,
    fake: FakeDiscord,
    team: Team,
    caplog: pytest.LogCaptureFixture,
):
    fake.fail("POST", rf"^/channels/{THREAD}/messages$", "404", times=None)  # deleted
    digest = Attachment("week02/peer-minutes.md", "# minutes\n")
    answer = row(team, said("an answer"), thread_ref=THREAD, attachment=digest)
    with caplog.at_level(logging.WARNING):
        await adapter.poster.post(team, answer, uncertain=False)
    assert [p["content"] for p in posts(fake, CHANNEL)] == ["an answer"]
    [upload] = [c for c in fake.calls_to("POST", rf"^/channels/{CHANNEL}/messages$") if c.files]
    assert upload.files == [("week02-peer-minutes.md", b"# minutes\n")]
    assert any(f"thread {THREAD}" in r.getMessage() for r in caplog.records)


async def test_a_refused_other_channel_parks_its_rows_only_and_the_admins_are_told_which(
    adapter: DiscordAdapter,
    fake: FakeDiscord,
    team: Team,
    runtime: Runtime,
):
    fake.fail("POST", rf"^/channels/{OTHER}/messages$", "403", times=None)
    async with runtime.uow_factory() as uow:
        await uow.outbox.add(row(team, said("mentors"), row_id=None, channel_id=OTHER))
        own = replace(row(team, said("own"), row_id=None), occurrence="own")
        await uow.outbox.add(own)
        await uow.commit()
    delivery = Delivery(runtime.uow_factory, runtime.clock, {"discord": adapter.poster})
    assert await delivery.deliver_due() == 1
    assert [p["content"] for p in posts(fake)] == ["own"]
    async with runtime.uow_factory() as uow:
        states = {m.occurrence: m.state for m in await uow.outbox.list(team.id)}
    assert states == {"2021-08-09": State.PARKED, "own": State.SENT}
    (notice,) = posts(fake, "8111")
    assert f"channel {OTHER}: a permission is missing" in notice["content"]
