"""Links to question cards' threads: `/questions today` and the digest link a question to its
card's thread when the card has a link (a platform's permalink), and leave it out otherwise."""

from __future__ import annotations

from bot.digest import render_week
from bot.text import plain_text
from tests.calls import call
from tests.conftest import Harness

LINK = "https://study.slack.com/archives/C1/p1628480000000100"


async def posted(team: Harness, number: int, link: str) -> None:
    """The card of question `number` as an adapter reports it, then again with its link."""
    shows = f"question {number} view:card"
    await team.bot.card_posted("console", "c1", shows, f"m-{number}", thread_ref=f"m-{number}")
    await team.bot.card_posted("console", "c1", shows, f"m-{number}", link=link)


async def test_todays_agenda_links_a_question_to_its_thread(team: Harness):
    await team.ok("kim", "/ask Why zero_grad?")
    await team.ok("kim", "/ask What is a tensor?")
    await posted(team, 1, LINK)
    text = await team.ok("kim", "/questions today")
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if "Why zero_grad?" in line)
    assert lines[first + 1].strip() == f"↳ thread: {LINK}"
    assert text.count("thread:") == 1  # #2's card has no link: nothing is made up


async def test_the_agenda_in_korean_says_thread_in_korean(harness: Harness):
    await harness.ok("kim", "/team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:ko")
    await harness.ok("kim", "/ask 왜 zero_grad?")
    await posted(harness, 1, LINK)
    assert f"↳ 스레드: {LINK}" in await harness.ok("kim", "/questions today")


async def test_a_link_that_is_not_a_plain_address_is_left_out(team: Harness):
    await team.ok("kim", "/ask Why zero_grad?")
    await posted(team, 1, "https://x.example/a) [click](https://evil.example")
    assert "thread" not in await team.ok("kim", "/questions today")


async def test_the_digest_links_each_question_to_its_thread(team: Harness):
    await team.ok("kim", "/ask Why zero_grad?")
    await team.ok("kim", "/ask What is a tensor?")
    await posted(team, 1, LINK)
    async with team.uow_factory() as uow:
        [stored] = await uow.teams.list()
        digest = await render_week(uow, stored, 2, "peer-minutes")
    assert f"Q. Why zero_grad? [thread]({LINK})\n" in digest.markdown
    assert "Q. What is a tensor?\n" in digest.markdown  # no card link: as before
    reply = await team.bot.handle(call("kim", "/digest week:2"))
    assert reply.ok and LINK in reply.files[0].text, plain_text(reply.message)


async def test_the_session_reminder_links_its_items_with_one_read_of_the_cards(
    team: Harness, monkeypatch
):
    from datetime import date, datetime

    from bot.outbox import PostKind
    from bot.scheduled.occurrences import Occurrence
    from bot.scheduled.writer import compose
    from tests.conftest import SEOUL
    from tests.fakes import FakeCardRepository

    await team.ok("kim", "/ask Why zero_grad?")
    await team.ok("kim", "/ask What is a tensor?")
    await team.ok("kim", "/ask Why a mask?")
    await posted(team, 1, LINK)
    await posted(team, 3, LINK + "3")
    reads: list[str] = []
    for name in ("links", "list", "showing"):
        original = getattr(FakeCardRepository, name)

        def counted(self, *args, _name=name, _original=original):  # type: ignore[no-untyped-def]
            reads.append(_name)
            return _original(self, *args)

        monkeypatch.setattr(FakeCardRepository, name, counted)
    day = date(2021, 8, 9)
    async with team.uow_factory() as uow:
        [stored] = await uow.teams.list()
        at = datetime(2021, 8, 9, 15, 50, tzinfo=SEOUL)
        message = await compose(
            uow, stored, Occurrence(at, stored.id or 0, PostKind.SESSION, "d", day)
        )
    assert reads == ["links"]
    assert message is not None and plain_text(message) == (
        "⏰ Peer session at 16:00, Mon 2021-08-09 (Day 6): in 10 minutes. The agenda:\n"
        "Today's open questions\n"
        "#1 💡 [General] Why zero_grad? (kim, open)\n"
        f"    ↳ thread: {LINK}\n"
        "#2 💡 [General] What is a tensor? (kim, open)\n"
        "#3 💡 [General] Why a mask? (kim, open)\n"
        f"    ↳ thread: {LINK}3"
    )
    assert [a.label for a in message.actions] == ["#1", "#2", "#3"]
