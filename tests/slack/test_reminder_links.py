"""The session reminder and the mentor list on Slack link each question to its card (the card's
permalink, which opens its thread), in English and Korean; a question whose card has no link
shows none. The `#N` and *Answer #N* buttons stay as they were."""

from __future__ import annotations

import pytest

from adapters.slack import SlackAdapter
from peerbot.bootstrap import Runtime
from tests.slack.conftest import SlackDriver
from tests.slack.fake import CHANNEL, FakeSlack
from tests.slack.test_reminder_buttons import buttons, post_starting, walk_the_day


async def card_links(runtime: Runtime) -> dict[str, str]:
    """Each stored card's `shows` -> its link."""
    async with runtime.uow_factory() as uow:
        return {
            c.shows: c.link for t in await uow.teams.list() for c in await uow.cards.list(t.id or 0)
        }


async def unlink_the_cards(runtime: Runtime) -> None:
    """As cards posted before they kept a link: none of them has one."""
    async with runtime.uow_factory() as uow:
        for t in await uow.teams.list():
            for c in await uow.cards.list(t.id or 0):
                await uow.cards.set_thread(c.id or 0, c.thread_ref, "")
        await uow.commit()


EN_SESSION = (
    "⏰ *Peer session at 16:00*, Mon 2021-08-09 (Day 6): in 10 minutes. The agenda:\n"
    "Today's open questions\n"
    "*#1* 💡 [General] Why zero_grad? (kim, open, for the mentor)\n"
    "{one}"
    "*#2* 💡 [General] Joining (lee, open)\n"
    "{two}"
)
EN_MENTOR = (
    "🙋 *For the mentor* at office hours (17:30), 1 question:\n"
    "*#1* 💡 [General] Why zero_grad? (kim, open, for the mentor)\n"
    "{one}"
)


@pytest.mark.parametrize("linked", [True, False], ids=["cards linked", "no links"])
async def test_the_reminders_link_each_question_to_its_card_in_english(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime, adapter: SlackAdapter, linked: bool
):
    async def before() -> None:
        if not linked:
            await unlink_the_cards(runtime)

    await walk_the_day(team, runtime, adapter, before_reminders=before)
    links = await card_links(runtime)
    one, two = (links[f"question {n} view:card"] for n in (1, 2))
    line = "    ↳ thread: <{}>\n"
    shown = {"one": line.format(one), "two": line.format(two)} if linked else {"one": "", "two": ""}
    if linked:  # the cards' permalinks, as chat.getPermalink gave them
        assert one.startswith(f"https://study.slack.com/archives/{CHANNEL}/p") and one != two
    session = post_starting(fake, "⏰ *Peer session")
    assert session.args["text"] == EN_SESSION.format(**shown).rstrip("\n")
    assert [b["text"]["text"] for b in buttons(session)] == ["#1", "#2"]
    mentor = post_starting(fake, "🙋 *For the mentor*")
    assert mentor.args["text"] == EN_MENTOR.format(**shown).rstrip("\n")
    assert [b["text"]["text"] for b in buttons(mentor)] == ["Answer #1"]


async def test_the_reminders_link_each_question_to_its_card_in_korean(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime, adapter: SlackAdapter
):
    async def in_korean() -> None:
        await team.command("/team", "settings lang:ko")

    await walk_the_day(team, runtime, adapter, before_reminders=in_korean)
    links = await card_links(runtime)
    one, two = (links[f"question {n} view:card"] for n in (1, 2))
    session = post_starting(fake, "⏰ *16:00 피어세션*")
    assert session.args["text"] == (
        "⏰ *16:00 피어세션*, 2021-08-09(월) Day 6: 10분 남았습니다. 오늘의 안건:\n"
        "오늘의 열린 질문\n"
        "*#1* 💡 [일반 질문] Why zero_grad? (kim, 답변 대기, 멘토 질문)\n"
        f"    ↳ 스레드: <{one}>\n"
        "*#2* 💡 [일반 질문] Joining (lee, 답변 대기)\n"
        f"    ↳ 스레드: <{two}>"
    )
    assert [b["text"]["text"] for b in buttons(session)] == ["#1", "#2"]
    mentor = post_starting(fake, "🙋 *멘토님께")
    assert mentor.args["text"] == (
        "🙋 *멘토님께 드릴 질문* (오피스아워 17:30), 1개:\n"
        "*#1* 💡 [일반 질문] Why zero_grad? (kim, 답변 대기, 멘토 질문)\n"
        f"    ↳ 스레드: <{one}>"
    )
