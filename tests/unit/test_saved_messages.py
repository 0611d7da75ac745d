"""*Save as question* and *Save as answer* in the core: the author is credited, the link kept,
and a message that may not be saved is refused with one sentence, the data as it was."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.forms import Form
from bot.ports import Invocation, Reply, SavedMessage
from bot.text import UserText, plain_text
from tests.calls import call, open_form, submit
from tests.conftest import snapshot

LINK = "https://chat.example/c1/m42"


def message(text: str = "Why does zero_grad matter?", **changes: object) -> SavedMessage:
    saved = SavedMessage("lee", "Lee", text, LINK, False, "c1", ref="m42")
    return replace(saved, **changes)  # type: ignore[arg-type]


def action(command: str, saved: SavedMessage, user: str = "kim") -> Invocation:
    return replace(call(user, command), message=saved)


async def saved_question(team, saved: SavedMessage | None = None) -> Reply:
    return await team.bot.handle(action("save_question", saved or message()))


async def test_save_as_question_credits_the_author_and_keeps_the_link(team):
    reply = await saved_question(team)
    assert reply.ok and not reply.ephemeral, plain_text(reply.message)
    assert "#1" in plain_text(reply.message) and "asked by Lee" in plain_text(reply.message)
    async with team.uow_factory() as uow:
        t = await uow.teams.get_by_channel("console", "c1")
        question = await uow.questions.get(t.id, 1)
        author = await uow.members.get(t.id, "lee")
    assert author is not None and author.display_name == "Lee"  # joined by their platform id
    assert question.asker_id == author.id and question.source_link == LINK
    page = plain_text((await team.bot.handle(call("kim", "/question 1"))).message)
    assert LINK in page


async def test_mentions_in_a_saved_message_stay_user_text(team):
    reply = await saved_question(team, message("@everyone <@U1> look"))
    assert UserText("@everyone <@U1> look") in reply.message.lines[0]


async def test_save_as_answer_opens_a_select_of_open_questions_newest_first(team):
    await team.ok("kim", "/ask first?")
    await team.ok("kim", "/ask second?")
    await team.ok("kim", "/ask third?")
    form = await open_form(team.bot, action("save_answer", message("use no_grad")))
    assert isinstance(form, Form) and form.command == "save_answer" and form.state == "m42"
    number, text = form.fields
    assert [value for _, value in number.choices] == ["3", "2", "1"]
    assert text.value == "use no_grad"
    reply = await submit(
        team.bot,
        action("save_answer", message("use no_grad")),
        "m42",
        {"number": "2", "text": "use no_grad"},
    )
    assert reply.ok, plain_text(reply.message)
    assert "by Lee" in plain_text(reply.message)
    async with team.uow_factory() as uow:
        t = await uow.teams.get_by_channel("console", "c1")
        question = await uow.questions.get(t.id, 2)
        author = await uow.members.get(t.id, "lee")
    assert question.answers[0].member_id == author.id
    assert question.answers[0].source_link == LINK


@pytest.mark.parametrize(
    ("saved", "sentence"),
    [
        (message(channel_id="c9"), "not in this team's channel"),
        (message(from_bot=True), "written by a bot"),
        (message("   "), "empty"),
        (message("x" * 4001), "4001 characters"),
        (message("bad \x00 text"), "cannot store"),
    ],
)
async def test_a_message_that_may_not_be_saved_is_refused_and_nothing_changes(
    team, saved, sentence
):
    await team.ok("kim", "/ask first?")
    before = await snapshot(team.uow_factory)
    opened = await open_form(team.bot, action("save_answer", saved))
    assert isinstance(opened, Reply), f"a form opened for {saved}"
    submitted = await submit(
        team.bot, action("save_answer", saved), "m42", {"number": "1", "text": saved.text}
    )
    for reply in (await saved_question(team, saved), opened, submitted):
        assert not reply.ok and sentence in plain_text(reply.message), plain_text(reply.message)
    assert await snapshot(team.uow_factory) == before


async def test_a_channel_without_a_team_and_a_closed_question_are_refused(team):
    reply = await team.bot.handle(replace(action("save_question", message()), channel_id="c2"))
    assert not reply.ok and "team" in plain_text(reply.message)
    await team.ok("kim", "/ask first?")
    await team.ok("lee", "/answer 1 yes")
    await team.ok("kim", "/accept 1")
    before = await snapshot(team.uow_factory)
    reply = await submit(
        team.bot, action("save_answer", message()), "m42", {"number": "1", "text": "x"}
    )
    assert not reply.ok and "already resolved" in plain_text(reply.message)
    reply = await submit(
        team.bot, action("save_answer", message()), "m42", {"number": "", "text": "x"}
    )
    assert not reply.ok and reply.field == "number"
    assert await snapshot(team.uow_factory) == before
    opened = await open_form(team.bot, action("save_answer", message()))
    assert isinstance(opened, Reply) and "no open question" in plain_text(opened.message)


async def test_the_console_has_no_message_to_save(team):
    reply = await team.bot.handle(call("kim", "/save_question"))
    assert not reply.ok and "chat message" in plain_text(reply.message)


async def test_an_authors_unstorable_name_is_repaired_not_refused(team):
    reply = await saved_question(team, message(author_name="Lee\ud800"))
    assert reply.ok, plain_text(reply.message)
    async with team.uow_factory() as uow:
        t = await uow.teams.get_by_channel("console", "c1")
        author = await uow.members.get(t.id, "lee")
    assert author.display_name == "Lee\ufffd"
