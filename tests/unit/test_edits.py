"""Editing and deleting questions and answers: who may, and that a deletion hides it everywhere."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.digest import FORMATS, render_week
from bot.forms import Form
from bot.outbox import PostKind
from bot.ports import QuestionQuery
from bot.scheduled.occurrences import Occurrence
from bot.scheduled.writer import compose
from bot.text import plain_text
from tests.calls import call, open_form, submit
from tests.conftest import SEOUL, snapshot

DELETED = "Question #2 was deleted (its number stays taken); type /questions to see the others."


async def page(team, number: int = 1, user: str = "kim") -> str:
    reply = await team.bot.handle(call(user, f"/question {number}"))
    assert reply.ok, plain_text(reply.message)
    return plain_text(reply.message)


async def buttons(team, user: str, number: int = 1) -> list[str]:
    reply = await team.bot.handle(call(user, f"/question {number}"))
    return [a.typed for a in reply.message.actions]


# --- who may ----------------------------------------------------------------------------------


async def test_the_asker_edits_their_question_and_the_page_says_edited(team):
    await team.ok("lee", "/ask Why zero_grad?")
    said = await team.ok("lee", "/edit question 1 Why call zero_grad() every step?")
    assert "#1" in said and "every step" in said
    shown = await page(team)
    assert "Why call zero_grad() every step?" in shown and "(edited)" in shown
    assert "edited by lee on Mon 2021-08-09 (Day 6)" in shown
    assert "Why zero_grad?" not in shown


async def test_an_admin_may_edit_and_delete_anyones_and_another_member_may_not(team):
    await team.ok("lee", "/ask Why zero_grad?")
    await team.ok("park", "/answer 1 gradients add up")
    before = await snapshot(team.uow_factory)
    for line in ("/edit question 1 mine now", "/delete question 1"):
        refused = await team.rejected("choi", line)
        assert "lee" in refused and "#1" in refused
    for line in ("/edit answer 1 1 mine now", "/delete answer 1 1"):
        refused = await team.rejected("lee", line)  # the asker, but not the answer's author
        assert "park" in refused
    assert await snapshot(team.uow_factory) == before
    await team.ok("kim", "/edit answer 1 1 gradients accumulate")  # kim set the team up: admin
    assert "1. park: gradients accumulate (edited)" in await page(team)
    await team.ok("kim", "/delete question 1")
    assert "deleted" in await team.rejected("lee", "/question 1")


async def test_the_answers_author_edits_and_deletes_their_answer(team):
    await team.ok("kim", "/ask Why zero_grad?")
    await team.ok("lee", "/answer 1 gradients add up")
    await team.ok("park", "/answer 1 they accumulate")
    await team.ok("park", "/edit answer 1 2 they accumulate across steps")
    said = await team.ok("lee", "/delete answer 1 1")
    assert "gradients add up" in said and "#1" in said
    shown = await page(team)
    assert "gradients add up" not in shown
    assert "1. park: they accumulate across steps (edited)" in shown


# --- deleted questions -----------------------------------------------------------------------


async def test_a_deleted_question_keeps_its_number_and_every_command_says_it_was_deleted(team):
    await team.ok("kim", "/ask first")
    await team.ok("kim", "/ask second")
    said = await team.ok("kim", "/delete question 2")
    assert "second" in said and "/ask" in said  # what was deleted, and how to bring it back
    assert "#3" in await team.ok("kim", "/ask third")  # 2 is not given again
    for line in (
        "/question 2",
        "/answer 2 too late",
        "/accept 2",
        "/defer 2",
        "/escalate 2",
        "/reopen 2",
        "/edit question 2 again",
        "/delete question 2",
        "/delete answer 2 1",
    ):
        text = await team.rejected("kim", line)
        assert text == DELETED, line
    assert "no question #9" in (await team.rejected("kim", "/question 9")).lower()


async def test_a_deleted_question_is_gone_from_lists_search_agenda_suggestions_and_stats(team):
    await team.ok("kim", "/ask attention is kept")
    await team.ok("lee", "/ask attention is deleted")
    await team.ok("park", "/answer 2 softmax")
    await team.ok("lee", "/escalate 2")
    await team.ok("lee", "/delete question 2")
    for line in (
        "/questions",
        "/questions all",
        "/questions today",
        "/questions week",
        "/questions mentor",
        "/questions attention",
        "/questions softmax",
    ):
        text = await team.text("kim", line)
        assert "#2" not in text and "is deleted" not in text, line
    assert "kept" in await team.text("kim", "/questions attention")
    assert [
        label for label, _ in await team.bot.suggest("console", "c1", "answer", "number", "")
    ] == [label for label, _ in await team.bot.suggest("console", "c1", "answer", "number", "kept")]
    stats = await team.text("kim", "/stats")
    assert "questions 1 · answers 0" in stats


async def test_a_deleted_question_is_in_no_digest_no_weekly_post_and_no_reminder(team):
    await team.ok("kim", "/ask kept one")
    await team.ok("lee", "/ask gone one")
    await team.ok("lee", "/escalate 2")
    await team.ok("lee", "/delete question 2")
    async with team.uow_factory() as uow:
        [stored] = await uow.teams.list()
        kim = await uow.members.get(stored.id, "kim")
        for fmt in FORMATS:
            rendered = await render_week(uow, stored, 2, fmt, member=kim)
            assert "gone one" not in rendered.markdown, fmt
        at = datetime(2021, 8, 13, 18, 0, tzinfo=SEOUL)
        digest = await compose(
            uow, stored, Occurrence(at, stored.id, PostKind.DIGEST, "week2", date(2021, 8, 13))
        )
        assert digest is not None and "2 questions" not in plain_text(digest)
        session = await compose(
            uow, stored, Occurrence(at, stored.id, PostKind.SESSION, "s", date(2021, 8, 10))
        )
        assert session is not None and "gone one" not in plain_text(session)
        mentor = await compose(
            uow, stored, Occurrence(at, stored.id, PostKind.MENTOR, "m", date(2021, 8, 10))
        )
        assert mentor is None  # its only escalated question is deleted
        hidden = await uow.questions.find(stored.id, QuestionQuery())
        kept = await uow.questions.find(stored.id, QuestionQuery(with_deleted=True))
        assert [q.number for q in hidden] == [1] and [q.number for q in kept] == [1, 2]


# --- deleted answers -------------------------------------------------------------------------


async def test_deleting_the_accepted_answer_unresolves_the_question(team):
    await team.ok("kim", "/ask Why zero_grad?")
    await team.ok("lee", "/answer 1 gradients add up")
    await team.ok("park", "/answer 1 they accumulate")
    await team.ok("kim", "/accept 1 1")
    said = await team.ok("lee", "/delete answer 1 1")
    assert "no longer resolved" in said and "answered (1 answer)" in said
    shown = await page(team)
    state = shown.split("\n")[1]  # the card's state line
    assert "resolved" not in state and "1 answer" in state
    assert "/accept 1" in await buttons(team, "kim")
    said = await team.ok("kim", "/delete answer 1 1")  # park's, by the admin: none left
    assert "open again" in said
    assert "open" in (await page(team)).split("\n")[1]  # the state line


async def test_the_only_accepted_answer_deleted_makes_the_question_open(team):
    await team.ok("kim", "/ask Why zero_grad?")
    await team.ok("lee", "/answer 1 gradients add up")
    await team.ok("kim", "/accept 1")
    said = await team.ok("lee", "/delete answer 1 1")
    assert "is no longer resolved and is open again" in said
    assert "Why zero_grad?" in await team.text("kim", "/questions open")


async def test_a_deleted_answer_is_gone_from_search_and_the_digest(team):
    await team.ok("kim", "/ask Why zero_grad?")
    await team.ok("lee", "/answer 1 softmax secret")
    await team.ok("lee", "/delete answer 1 1")
    assert "(0)" in await team.text("kim", "/questions softmax")
    assert "softmax" not in await team.text("kim", "/questions today")
    async with team.uow_factory() as uow:
        [stored] = await uow.teams.list()
        rendered = await render_week(uow, stored, 2, "peer-minutes")
        assert "softmax" not in rendered.markdown and "Why zero_grad?" in rendered.markdown


async def test_an_edit_changes_what_the_digest_shows(team):
    await team.ok("kim", "/ask Why zero_grad?")
    await team.ok("lee", "/answer 1 gradients add up")
    await team.ok("kim", "/edit question 1 Why reset gradients?")
    await team.ok("lee", "/edit answer 1 1 they accumulate")
    async with team.uow_factory() as uow:
        [stored] = await uow.teams.list()
        markdown = (await render_week(uow, stored, 2, "peer-minutes")).markdown
    assert "Why reset gradients?" in markdown and "they accumulate" in markdown
    assert "zero_grad" not in markdown and "add up" not in markdown


# --- the page: history and buttons -----------------------------------------------------------


async def test_the_history_tells_deferred_carried_over_and_resolved(team):
    team.at("2021-08-06 13:00")
    await team.ok("kim", "/ask Why zero_grad?")
    await team.ok("lee", "/defer 1")
    team.at("2021-08-09 13:00")
    shown = await page(team)
    assert "asked on Fri 2021-08-06 (Day 5)" in shown
    assert "deferred on Fri 2021-08-06 (Day 5)" in shown
    assert "carried over since Fri 2021-08-06 (Day 5) (today is Mon 2021-08-09 (Day 6))" in shown
    await team.ok("lee", "/answer 1 gradients add up")
    await team.ok("kim", "/accept 1")
    shown = await page(team)
    assert "resolved on Mon 2021-08-09 (Day 6)" in shown and "carried over" not in shown


async def test_edit_and_delete_buttons_only_for_what_the_caller_may_change(team):
    await team.ok("lee", "/ask Why zero_grad?")
    await team.ok("park", "/answer 1 gradients add up")
    await team.ok("choi", "/answer 1 they accumulate")
    # two answers: Accept asks which (bot.handlers.accepting)
    base = ["/answer 1", "/question 1 view:accept", "/defer 1", "/escalate 1"]
    assert await buttons(team, "lee") == [*base, "/edit question 1", "/delete question 1"]
    assert await buttons(team, "park") == [*base, "/edit answer 1 1", "/delete answer 1 1"]
    assert await buttons(team, "kim") == [
        *base,
        "/edit question 1",
        "/delete question 1",
        "/edit answer 1 1",
        "/delete answer 1 1",
        "/edit answer 1 2",
        "/delete answer 1 2",
    ]
    reply = await team.bot.handle(call("park", "/question 1"))
    assert [a.label for a in reply.message.actions][-2:] == ["Edit answer 1", "Delete answer 1"]


async def test_at_most_25_buttons_however_many_answers(team):
    await team.ok("kim", "/ask many answers")
    for n in range(15):
        await team.ok("kim", f"/answer 1 answer {n}")
    shown = await buttons(team, "kim")
    assert len(shown) == 24 and shown[-1] == "/delete answer 1 9"  # 25 would split a pair


async def test_the_delete_button_runs_the_delete_command(team):
    await team.ok("lee", "/ask Why zero_grad?")
    reply = await team.bot.handle(call("lee", "/question 1"))
    [delete] = [a for a in reply.message.actions if a.command == "delete question"]
    assert "deleted by lee" in plain_text(
        (await team.bot.handle(call("lee", delete.typed))).message
    )


# --- the forms --------------------------------------------------------------------------------


async def test_edit_without_text_opens_a_form_with_the_current_text(team):
    await team.ok("lee", "/ask Why zero_grad?")
    form = await open_form(team.bot, call("lee", "/edit question 1"))
    assert isinstance(form, Form) and form.command == "edit question"
    assert [(f.name, f.value) for f in form.fields] == [("text", "Why zero_grad?"), ("topic", "")]
    reply = await submit(team.bot, call("lee", "/edit question 1"), form.state, {"text": "new"})
    assert reply.ok and "new" in plain_text(reply.message)
    assert "new (asked by lee) (edited)" in await page(team)


async def test_the_answer_form_edits_the_answer_it_was_opened_on(team):
    await team.ok("kim", "/ask Why zero_grad?")
    await team.ok("lee", "/answer 1 first")
    await team.ok("park", "/answer 1 second")
    form = await open_form(team.bot, call("park", "/edit answer 1 2"))
    assert isinstance(form, Form) and form.fields[0].value == "second"
    await team.ok("lee", "/delete answer 1 1")  # the answer moves up to 1 meanwhile
    reply = await submit(team.bot, call("park", "/edit answer 1 2"), form.state, {"text": "2nd"})
    assert reply.ok and "Answer 1" in plain_text(reply.message)
    assert "1. park: 2nd (edited)" in await page(team)


async def test_the_forms_refuse_other_members_and_bad_text_with_one_sentence(team):
    await team.ok("lee", "/ask Why zero_grad?")
    refused = await open_form(team.bot, call("park", "/edit question 1"))
    assert not isinstance(refused, Form) and not refused.ok
    form = await open_form(team.bot, call("lee", "/edit question 1"))
    assert isinstance(form, Form)
    before = await snapshot(team.uow_factory)
    empty = await submit(team.bot, call("lee", "/edit question 1"), form.state, {"text": "  "})
    assert not empty.ok and empty.field == "text"
    stale = await submit(team.bot, call("lee", "/edit answer 1 1"), "1:999", {"text": "x"})
    assert not stale.ok
    assert await snapshot(team.uow_factory) == before


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "/edit question 1",  # typed without text: no form on the console
        "/edit question 1    ",
        "/edit question x new",
        "/edit answer 1 new text",
        "/edit answer 1 5 new text",
        "/edit answer 1 0 new",
        "/delete question",
        "/delete answer 1",
        "/delete answer 1 3",
        "/delete answer 99 1",
        "/edit question 99 text",
        "/edit nothing 1",
        "/edit question 1 " + "x" * 4001,
    ],
)
async def test_bad_input_is_one_sentence_and_changes_nothing(team, line):
    await team.ok("kim", "/ask Why zero_grad?")
    await team.ok("lee", "/answer 1 gradients add up")
    before = await snapshot(team.uow_factory)
    text = await team.rejected("kim", line)
    assert text and "\n" not in text.strip()
    assert await snapshot(team.uow_factory) == before
