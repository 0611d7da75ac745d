"""The question card: what /ask posts, drawn by the one renderer the /question page uses too, and
kept current through the outbox once an adapter reports where it posted it."""

from __future__ import annotations

from bot.outbox import PostKind
from bot.text import Action, plain_text
from tests.calls import call
from tests.conftest import Harness, snapshot


async def ask(team: Harness, line: str = "/ask Why zero_grad? category:lecture", user="kim"):
    reply = await team.bot.handle(call(user, line))
    assert reply.ok and not reply.ephemeral, plain_text(reply.message)
    return reply


async def card(team: Harness, number: int = 1):
    reply = await team.bot.handle(call("kim", f"/question {number} view:card"))
    assert reply.ok, plain_text(reply.message)
    return reply


async def test_ask_answers_with_the_card_which_says_where_it_stands(team: Harness):
    reply = await ask(team)
    text = plain_text(reply.message)
    assert text.splitlines() == [
        "❓ #1 📒 [Lecture] Why zero_grad? (asked by kim)",
        "    State: open",
    ]
    typed = [a.typed for a in reply.message.actions]
    assert typed == ["/answer 1", "/defer 1", "/escalate 1", "/question 1 view:mine"]
    labels = [a.label for a in reply.message.actions]
    assert labels == ["Answer", "Answer tomorrow", "For the mentor", "✏️ Edit / delete"]
    assert [a.refresh for a in reply.message.actions] == [
        *["question 1 view:card"] * 3,
        "",  # Edit / delete answers the presser alone: the public card stays as it is
    ]
    assert reply.shows == "question 1 view:card"  # the adapter reports where it posted it


async def test_the_card_shows_the_newest_three_answers_then_how_many_more(team: Harness):
    await ask(team, "/ask Which optimizer? assignment:ViT")
    for n in range(1, 6):
        await team.ok("lee", f"/answer 1 try number {n}")
    await team.ok("kim", "/accept 1 4")
    text = plain_text((await card(team)).message)
    assert "📌 [ViT]" in text and "State: resolved" in text
    assert "1. lee" not in text and "2. lee" not in text
    assert "3. lee: try number 3" in text and "4. lee: try number 4 ✅ accepted" in text
    assert text.splitlines()[-1] == "    …and 2 more answers: /question 1"
    page = plain_text((await team.bot.handle(call("kim", "/question 1"))).message)
    assert "1. lee: try number 1" in page and "asked on" in page and "more answers" not in page


async def test_the_card_in_korean(harness: Harness):
    await harness.ok("kim", "/team setup start:2021-08-02 lang:ko")
    await ask(harness, "/ask 왜 zero_grad()를 호출하나요?")
    await harness.ok("lee", "/answer 1 그래디언트가 누적됩니다")
    await harness.ok("lee", "/defer 1")
    for n in range(3):
        await harness.ok("park", f"/answer 1 추가 답변 {n}")
    reply = await card(harness)
    text = plain_text(reply.message)
    assert "❓ #1" in text and "(질문: kim)" in text
    assert "    상태: 답변 4개, 내일 답변" in text
    assert text.splitlines()[-1] == "    …외 답변 1개 더: /question 1"
    labels = [a.label for a in reply.message.actions]
    assert labels == ["답변하기", "채택하기", "멘토에게", "다시 열기", "✏️ 고치기 / 지우기"]


async def test_a_long_question_and_long_answers_are_cut_on_the_card_not_on_the_page(team: Harness):
    await ask(team, "/ask " + "q" * 3000)
    await team.ok("lee", "/answer 1 " + "a" * 3000)
    text = plain_text((await card(team)).message)
    assert "q" * 1000 not in text and "q" * 900 in text and "a" * 250 not in text
    assert len(text) < 1500  # fits one Discord message with room to spare
    page = plain_text((await team.bot.handle(call("kim", "/question 1"))).message)
    assert "q" * 3000 in page and "a" * 3000 in page


async def test_a_posted_card_is_edited_through_the_outbox_after_each_change(team: Harness):
    await ask(team)
    await team.bot.card_posted("console", "c1", "question 1 view:card", "m-1")
    await team.ok("lee", "/answer 1 gradients add up")
    await team.ok("kim", "/accept 1")
    async with team.uow_factory() as uow:
        rows = [r for r in await uow.outbox.list() if r.kind is PostKind.CARD]
    assert [r.edits for r in rows] == ["m-1", "m-1"]
    assert "State: 1 answer" in plain_text(rows[0].message)
    assert "State: resolved" in plain_text(rows[1].message)
    assert [a.label for a in rows[1].message.actions] == ["Answer", "Reopen", "✏️ Edit / delete"]
    assert rows[1].message.actions[0] == Action(
        "answer", "1", "Answer", refresh="question 1 view:card"
    )


async def test_without_a_posted_card_nothing_is_queued(team: Harness):
    await ask(team)
    await team.ok("lee", "/answer 1 gradients add up")
    async with team.uow_factory() as uow:
        assert [r for r in await uow.outbox.list() if r.kind is PostKind.CARD] == []


async def test_a_card_reported_for_a_channel_without_a_team_is_not_kept(team: Harness):
    before = await snapshot(team.uow_factory)
    await team.bot.card_posted("console", "elsewhere", "question 1 view:card", "m-1")
    assert await snapshot(team.uow_factory) == before


async def test_a_refused_change_queues_no_edit(team: Harness):
    await ask(team)
    await team.bot.card_posted("console", "c1", "question 1 view:card", "m-1")
    await team.ok("lee", "/answer 1 gradients add up")
    before = await snapshot(team.uow_factory)
    async with team.uow_factory() as uow:
        rows = list(await uow.outbox.list())
    assert "Only the asker" in await team.rejected("park", "/accept 1")
    assert "#9" in await team.rejected("kim", "/question 9 view:card")
    assert await snapshot(team.uow_factory) == before
    async with team.uow_factory() as uow:
        assert list(await uow.outbox.list()) == rows  # no edit queued


async def test_an_export_keeps_the_cards_only_where_the_team_stays(team: Harness):
    from bot.transfer import export_team, import_team
    from tests.fakes import FakeUnitOfWorkFactory

    await ask(team)
    await team.bot.card_posted("console", "c1", "question 1 view:card", "m-1")
    async with team.uow_factory() as uow:
        [stored] = await uow.teams.list()
        exported = await export_team(uow, stored)
    assert [c["message_ref"] for c in exported["cards"]] == ["m-1"]
    for channel, kept in (("c1", ["m-1"]), ("c-new", [])):
        other = FakeUnitOfWorkFactory()
        async with other() as uow:
            copy = await import_team(uow, exported, channel_id=channel)
            assert [c.message_ref for c in await uow.cards.list(copy.id or 0)] == kept
    del exported["cards"]  # an export made before cards existed
    async with FakeUnitOfWorkFactory()() as uow:
        assert (await import_team(uow, exported)).id is not None


async def test_an_answer_saved_from_a_message_edits_the_card_too(team: Harness):
    from dataclasses import replace

    from bot.ports import SavedMessage
    from tests.calls import submit

    await ask(team)
    await team.bot.card_posted("console", "c1", "question 1 view:card", "m-1")
    saved = SavedMessage("lee", "Lee", "use no_grad", "https://chat.example/m42", False, "c1")
    saved = replace(saved, ref="m42")
    invocation = replace(call("kim", "save_answer"), message=saved)
    reply = await submit(team.bot, invocation, "m42", {"number": "1", "text": "use no_grad"})
    assert reply.ok, plain_text(reply.message)
    async with team.uow_factory() as uow:
        [row] = [r for r in await uow.outbox.list() if r.kind is PostKind.CARD]
    assert row.edits == "m-1" and "1. Lee: use no_grad" in plain_text(row.message)


async def test_the_answer_and_the_acceptance_belong_in_the_cards_thread(team: Harness):
    await ask(team)
    answered = await team.bot.handle(call("lee", "/answer 1 gradients add up"))
    accepted = await team.bot.handle(call("kim", "/accept 1"))
    assert answered.thread_of == accepted.thread_of == "question 1 view:card"
    deferred = await team.bot.handle(call("kim", "/reopen 1"))
    assert deferred.ok and deferred.thread_of == ""


async def test_a_reply_finds_its_thread_once_the_card_is_reported_with_one(team: Harness):
    await ask(team)
    shows = "question 1 view:card"

    async def thread_of_an_answer(channel: str = "c1") -> str:
        reply = await team.bot.handle(call("lee", "/answer 1 gradients add up", channel=channel))
        return reply.thread_ref

    assert await thread_of_an_answer() == ""  # not posted yet
    await team.bot.card_posted("console", "c1", shows, "m-1", link="https://x/m-1")
    assert await thread_of_an_answer() == ""  # no thread yet
    await team.bot.card_posted("console", "c1", shows, "m-1", thread_ref="t-1")
    assert await thread_of_an_answer() == "t-1"
    refused = await team.bot.handle(call("lee", "/answer 99 nothing to answer"))
    assert not refused.ok and refused.thread_ref == ""
    async with team.uow_factory() as uow:
        [stored] = await uow.teams.list()
        assert len(await uow.cards.list(stored.id or 0)) == 1  # reported twice, kept once
