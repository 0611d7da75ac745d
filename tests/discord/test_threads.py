"""Question cards' threads on Discord: a thread is started on the card, the bot's answer and
the acceptance are posted in it (the caller is answered privately), and the card keeps its
link; without the thread permissions everything stays in the channel as before."""

from __future__ import annotations

from adapters.discord import DiscordAdapter
from peerbot.bootstrap import Runtime
from tests.conftest import snapshot
from tests.discord.conftest import card_reported, content, flags, set_up_team, slash
from tests.discord.fake import CHANNEL_ID, GUILD_ID, FakeDiscord
from tests.discord.test_cards import EPHEMERAL, LEE, ask, press


async def cards_of(runtime: Runtime) -> list[tuple[str, str, str]]:
    """Every stored card as (message ref, thread ref, link)."""
    async with runtime.uow_factory() as uow:
        return [
            (c.message_ref, c.thread_ref, c.link)
            for t in await uow.teams.list()
            for c in await uow.cards.list(t.id or 0)
        ]


async def test_the_card_starts_its_thread_and_keeps_its_link(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    await set_up_team(fake)
    card = await ask(fake, "Why reset gradients?")
    await card_reported(runtime, card)
    thread = fake.threads[card]
    assert thread["parent_id"] == str(CHANNEL_ID) and thread["id"] == card
    assert "#1" in thread["name"] and "Why reset gradients?" in thread["name"]
    link = f"https://discord.com/channels/{GUILD_ID}/{CHANNEL_ID}/{card}"
    assert await cards_of(runtime) == [(card, card, link)]


async def test_the_answer_and_the_acceptance_are_posted_in_the_thread(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    await set_up_team(fake)
    card = await ask(fake)
    await card_reported(runtime, card)
    told = await fake.interact(
        fake.interaction(2, slash("answer", number="1", text="they add up"), user_id=LEE[0])
    )
    assert flags(told) & EPHEMERAL and "they add up" in content(told)  # the caller, privately
    [posted] = fake.in_thread(card)
    assert "they add up" in posted["content"] and not posted.get("flags")
    await press(fake, card, "Answer tomorrow", LEE)  # the card shows Accept now
    _, [accepted] = await press(fake, card, "Accept", (111, "kim"))
    assert flags(accepted) & EPHEMERAL
    assert len(fake.in_thread(card)) == 2 and "#1" in fake.in_thread(card)[-1]["content"]


async def test_without_the_thread_permission_replies_stay_in_the_channel(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    fake.threads_allowed = False
    await set_up_team(fake)
    card = await ask(fake)
    await card_reported(runtime, card, threaded=False)
    assert fake.threads == {} and [(c[0], c[1]) for c in await cards_of(runtime)] == [(card, "")]
    told = await fake.interact(fake.interaction(2, slash("answer", number="1", text="in channel")))
    assert told.json["type"] == 4 and not flags(told) & EPHEMERAL and "in channel" in content(told)


async def test_a_refused_answer_is_one_private_sentence_and_the_thread_stays_empty(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    await set_up_team(fake)
    card = await ask(fake)
    await card_reported(runtime, card)
    before = await snapshot(runtime.uow_factory)
    told = await fake.interact(fake.interaction(2, slash("answer", number="99", text="lost")))
    assert flags(told) & EPHEMERAL and content(told).startswith("There is no question #99")
    assert len(content(told).splitlines()) == 1
    assert fake.in_thread(card) == [] and await snapshot(runtime.uow_factory) == before
