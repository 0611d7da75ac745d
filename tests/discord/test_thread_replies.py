"""Replies in a question card's thread on Discord: read only with DISCORD_MESSAGE_CONTENT=true
(the privileged intent), recorded as answers once the team captures them, edited and deleted
with the message; without the setting the bot asks for no message intent and hears nothing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from adapters.discord import DiscordAdapter
from peerbot.bootstrap import Runtime
from peerbot.config import Settings
from tests.conftest import snapshot
from tests.discord.conftest import card_reported, set_up_team, slash
from tests.discord.fake import (
    CHANNEL_ID,
    GUILD_ID,
    GUILD_MESSAGES,
    MESSAGE_CONTENT,
    FakeDiscord,
)
from tests.discord.test_cards import ask


@pytest.fixture
async def reading(
    settings: Settings, runtime: Runtime, fake: FakeDiscord
) -> AsyncIterator[DiscordAdapter]:
    """The adapter with DISCORD_MESSAGE_CONTENT=true."""
    opted = settings.model_copy(update={"discord_message_content": True})
    running = DiscordAdapter(opted, runtime.bot, guild_ready_timeout=0.05, post_budget=3.0)
    await running.start()
    yield running
    await running.close()


async def carded(fake: FakeDiscord, runtime: Runtime, client: Any, *, capture: bool = True) -> str:
    """A team, question #1's card and its thread (whose id is the card's); the thread id."""
    await set_up_team(fake)
    card = await ask(fake)
    await card_reported(runtime, card)
    for _ in range(200):  # THREAD_CREATE reached the client
        if client.get_channel(int(card)) is not None:
            break
        await asyncio.sleep(0.01)
    if capture:
        await fake.interact(fake.interaction(2, slash("team", "settings", capture="threads")))
    return card


async def answers(runtime: Runtime) -> list[tuple[str, str, str]]:
    async with runtime.uow_factory() as uow:
        [team] = await uow.teams.list()
        question = await uow.questions.get(team.id or 0, 1)
        members = {m.id: m.user_id for m in await uow.members.list(team.id or 0)}
    assert question is not None
    return [(members[a.member_id], a.text, a.source_link or "") for a in question.answers]


async def settle(runtime: Runtime, until: Any = None) -> None:
    """Let the client handle the event (until `until()` holds, or a moment)."""
    for _ in range(100):
        await asyncio.sleep(0.02)
        if until is not None and await until():
            return


async def test_without_the_setting_no_message_intent_is_asked_and_nothing_is_read(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    thread = await carded(fake, runtime, adapter.client)
    assert not fake.identifies[-1]["intents"] & (GUILD_MESSAGES | MESSAGE_CONTENT)
    before = await snapshot(runtime.uow_factory)
    assert await fake.member_message("MESSAGE_CREATE", thread, "they add up") is None
    await settle(runtime)
    assert await snapshot(runtime.uow_factory) == before and fake.in_thread(thread) == []


async def test_with_the_setting_a_reply_in_the_thread_is_the_authors_answer(
    reading: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    assert fake.identifies[-1]["intents"] & (GUILD_MESSAGES | MESSAGE_CONTENT) == (
        GUILD_MESSAGES | MESSAGE_CONTENT
    )
    thread = await carded(fake, runtime, reading.client)
    sent = await fake.member_message("MESSAGE_CREATE", thread, "they add up @everyone")
    assert sent is not None

    async def recorded() -> bool:
        return bool(await answers(runtime))

    await settle(runtime, recorded)
    link = f"https://discord.com/channels/{GUILD_ID}/{thread}/{sent['id']}"
    assert await answers(runtime) == [("222", "they add up @everyone", link)]
    assert await runtime.delivery({"discord": reading.poster}).deliver_due() == 1
    assert "they add up" in fake.messages[thread]["content"]  # the card, edited
    assert fake.in_thread(thread) == []  # nothing said in the thread

    await fake.member_message("MESSAGE_UPDATE", thread, "they accumulate", message_id=sent["id"])

    async def edited() -> bool:
        return [a[1] for a in await answers(runtime)] == ["they accumulate"]

    await settle(runtime, edited)
    assert await edited()
    await fake.member_message("MESSAGE_DELETE", thread, "", message_id=sent["id"])

    async def gone() -> bool:
        return await answers(runtime) == []

    await settle(runtime, gone)
    assert await gone()


async def test_with_capture_off_the_thread_is_told_once(
    reading: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    thread = await carded(fake, runtime, reading.client, capture=False)
    await fake.member_message("MESSAGE_CREATE", thread, "they add up")

    async def told() -> bool:
        return bool(fake.in_thread(thread))

    await settle(runtime, told)
    [notice] = fake.in_thread(thread)
    assert "capture:threads" in notice["content"]
    await fake.member_message("MESSAGE_CREATE", thread, "again")
    await settle(runtime)
    assert len(fake.in_thread(thread)) == 1 and await answers(runtime) == []


async def test_bot_messages_and_messages_outside_a_thread_are_left_alone(
    reading: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    thread = await carded(fake, runtime, reading.client)
    before = await snapshot(runtime.uow_factory)
    await fake.member_message("MESSAGE_CREATE", thread, "a bot", author=(444, "bot"), bot=True)
    await fake.member_message("MESSAGE_CREATE", str(CHANNEL_ID), "in the channel itself")
    await fake.member_message("MESSAGE_CREATE", thread, "   ")
    await settle(runtime)
    assert await snapshot(runtime.uow_factory) == before and fake.in_thread(thread) == []


async def recorded_reply(reading: DiscordAdapter, fake: FakeDiscord, runtime: Runtime) -> str:
    """A reply in #1's thread, recorded as lee's answer and shown on the card; the reply's
    message id."""
    thread = await carded(fake, runtime, reading.client)
    sent = await fake.member_message("MESSAGE_CREATE", thread, "they add up")
    assert sent is not None

    async def recorded() -> bool:
        return bool(await answers(runtime))

    await settle(runtime, recorded)
    assert [a[1] for a in await answers(runtime)] == ["they add up"]
    assert await runtime.delivery({"discord": reading.poster}).deliver_due() == 1  # the card
    assert "they add up" in fake.messages[thread]["content"]
    return str(sent["id"])


async def test_a_reply_deleted_after_a_restart_takes_its_answer_with_it(
    reading: DiscordAdapter, fake: FakeDiscord, runtime: Runtime, settings: Settings
):
    reply_id = await recorded_reply(reading, fake, runtime)
    thread = str(next(iter(fake.threads)))
    async with runtime.uow_factory() as uow:
        [team] = await uow.teams.list()
        members = list(await uow.members.list(team.id or 0))
    await reading.close()
    opted = settings.model_copy(update={"discord_message_content": True})
    restarted = DiscordAdapter(opted, runtime.bot, guild_ready_timeout=0.05, post_budget=3.0)
    await restarted.start()
    try:
        # A fresh client: discord.py holds neither the message nor (here) the thread.
        assert all(str(m.id) != reply_id for m in restarted.client.cached_messages)
        await fake.member_message("MESSAGE_DELETE", thread, "", message_id=reply_id)

        async def gone() -> bool:
            return await answers(runtime) == []

        await settle(runtime, gone)
        assert await gone()
        async with runtime.uow_factory() as uow:
            assert list(await uow.members.list(team.id or 0)) == members  # no one joined
        assert await runtime.delivery({"discord": restarted.poster}).deliver_due() == 1
        assert "they add up" not in fake.messages[thread]["content"]  # the card, edited
        assert fake.in_thread(thread) == []  # nothing said in the thread
    finally:
        await restarted.close()


async def test_a_deleted_message_the_bot_never_saw_and_no_answer_keeps_changes_nothing(
    reading: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    reply_id = await recorded_reply(reading, fake, runtime)
    thread = str(next(iter(fake.threads)))
    before = await snapshot(runtime.uow_factory)
    unseen = str(int(reply_id) + 1000)
    assert all(str(m.id) != unseen for m in reading.client.cached_messages)
    await fake.member_message("MESSAGE_DELETE", thread, "", message_id=unseen)
    in_channel = str(int(reply_id) + 2000)  # a message of the channel itself, not a thread
    await fake.member_message("MESSAGE_DELETE", str(CHANNEL_ID), "", message_id=in_channel)
    await settle(runtime)
    assert await snapshot(runtime.uow_factory) == before
    assert [a[1] for a in await answers(runtime)] == ["they add up"]
    assert fake.in_thread(thread) == []
