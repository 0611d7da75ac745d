"""The session reminder and the mentor list on Discord link each question to its card (its jump
URL; the card starts its thread), in English and Korean; a question whose card has no link shows
none. The `#N` and *Answer #N* components stay as they were."""

from __future__ import annotations

import asyncio

import pytest

from adapters.discord import DiscordAdapter
from peerbot.bootstrap import Runtime
from tests.discord.conftest import command
from tests.discord.fake import CHANNEL_ID, GUILD_ID, FakeDiscord
from tests.discord.test_reminder_buttons import buttons, post_starting, walk_the_day


async def card_links(runtime: Runtime) -> dict[str, str]:
    """Each stored card's `shows` -> its link."""
    async with runtime.uow_factory() as uow:
        return {
            c.shows: c.link for t in await uow.teams.list() for c in await uow.cards.list(t.id or 0)
        }


async def both_cards_linked(runtime: Runtime) -> None:
    """Wait until the adapter reported both cards with their links (after the responses)."""
    for _ in range(200):
        if len([link for link in (await card_links(runtime)).values() if link]) == 2:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the cards were not reported with their links")


async def unlink_the_cards(runtime: Runtime) -> None:
    """As cards posted before they kept a link: none of them has one."""
    await both_cards_linked(runtime)
    async with runtime.uow_factory() as uow:
        for t in await uow.teams.list():
            for c in await uow.cards.list(t.id or 0):
                await uow.cards.set_thread(c.id or 0, c.thread_ref, "")
        await uow.commit()


EN_SESSION = (
    "⏰ **Peer session at 16:00**, Mon 2021-08-09 (Day 6): in 10 minutes. The agenda:\n"
    "Today's open questions\n"
    "**#1** 💡 [General] Why zero\\_grad? (kim, open, for the mentor)\n"
    "{one}"
    "**#2** 💡 [General] Joining (lee, open)\n"
    "{two}"
)
EN_MENTOR = (
    "🙋 **For the mentor** at office hours (17:30), 1 question:\n"
    "**#1** 💡 [General] Why zero\\_grad? (kim, open, for the mentor)\n"
    "{one}"
)


@pytest.mark.parametrize("linked", [True, False], ids=["cards linked", "no links"])
async def test_the_reminders_link_each_question_to_its_card_in_english(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime, linked: bool
):
    async def before() -> None:
        await (both_cards_linked if linked else unlink_the_cards)(runtime)

    await walk_the_day(runtime, adapter, fake, before_reminders=before)
    links = await card_links(runtime)
    one, two = (links[f"question {n} view:card"] for n in (1, 2))
    line = "    ↳ thread: {}\n"
    shown = {"one": line.format(one), "two": line.format(two)} if linked else {"one": "", "two": ""}
    if linked:  # the cards' jump URLs
        assert one.startswith(f"https://discord.com/channels/{GUILD_ID}/{CHANNEL_ID}/")
        assert one != two
    session = post_starting(fake, "⏰ **Peer session")
    assert session["content"] == EN_SESSION.format(**shown).rstrip("\n")
    assert [b["label"] for b in buttons(session)] == ["#1", "#2"]
    mentor = post_starting(fake, "🙋 **For the mentor**")
    assert mentor["content"] == EN_MENTOR.format(**shown).rstrip("\n")
    assert [b["label"] for b in buttons(mentor)] == ["Answer #1"]


async def test_the_reminders_link_each_question_to_its_card_in_korean(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    async def in_korean() -> None:
        await both_cards_linked(runtime)
        await command(fake, "team", "settings", lang="ko")

    await walk_the_day(runtime, adapter, fake, before_reminders=in_korean)
    links = await card_links(runtime)
    one, two = (links[f"question {n} view:card"] for n in (1, 2))
    session = post_starting(fake, "⏰ **16:00 피어세션**")
    assert session["content"] == (
        "⏰ **16:00 피어세션**, 2021-08-09(월) Day 6: 10분 남았습니다. 오늘의 안건:\n"
        "오늘의 열린 질문\n"
        "**#1** 💡 [일반 질문] Why zero\\_grad? (kim, 답변 대기, 멘토 질문)\n"
        f"    ↳ 스레드: {one}\n"
        "**#2** 💡 [일반 질문] Joining (lee, 답변 대기)\n"
        f"    ↳ 스레드: {two}"
    )
    assert [b["label"] for b in buttons(session)] == ["#1", "#2"]
    mentor = post_starting(fake, "🙋 **멘토님께")
    assert mentor["content"] == (
        "🙋 **멘토님께 드릴 질문** (오피스아워 17:30), 1개:\n"
        "**#1** 💡 [일반 질문] Why zero\\_grad? (kim, 답변 대기, 멘토 질문)\n"
        f"    ↳ 스레드: {one}"
    )
