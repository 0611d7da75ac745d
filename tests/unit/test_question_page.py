"""`/question 12`: one question's page with its buttons, and the answer form they open."""

from __future__ import annotations

from bot.core import PeerBot
from bot.forms import Form
from bot.text import plain_text
from tests.calls import call, open_form, submit
from tests.conftest import snapshot


async def page(team, number: int = 1, user: str = "kim"):
    reply = await team.bot.handle(call(user, f"/question {number}"))
    assert reply.ok, plain_text(reply.message)
    return reply


def buttons(reply) -> list[str]:
    return [action.typed for action in reply.message.actions]


async def test_the_page_shows_every_answer_and_marks_the_accepted_one(team):
    await team.ok("kim", "/ask Why zero_grad?")
    await team.ok("lee", "/answer 1 gradients add up")
    await team.ok("park", "/answer 1 they accumulate across steps")
    await team.ok("kim", "/accept 1 1")
    reply = await page(team)
    text = plain_text(reply.message)
    assert "#1" in text and "Why zero_grad?" in text and "resolved" in text
    assert "1. lee: gradients add up ✅ accepted" in text
    assert "2. park: they accumulate across steps" in text
    assert "✅" not in text.split("2. park")[1]
    assert reply.ephemeral  # a lookup, like /questions


async def test_the_buttons_follow_where_the_question_stands(team):
    # seen by park, who asked and answered nothing and is no admin: no Edit or Delete buttons
    await team.ok("kim", "/ask Why zero_grad?")
    assert buttons(await page(team, user="park")) == ["/answer 1", "/defer 1", "/escalate 1"]
    await team.ok("lee", "/answer 1 gradients add up")
    assert buttons(await page(team, user="park")) == [
        "/answer 1",
        "/accept 1",
        "/defer 1",
        "/escalate 1",
    ]
    await team.ok("lee", "/defer 1")
    assert buttons(await page(team, user="park")) == [
        "/answer 1",
        "/accept 1",
        "/escalate 1",
        "/reopen 1",
    ]
    await team.ok("kim", "/accept 1")
    assert buttons(await page(team, user="park")) == ["/answer 1", "/reopen 1"]


async def test_the_buttons_carry_their_labels_in_the_teams_language(harness):
    await harness.ok("kim", "/team setup start:2021-08-02 lang:ko")
    await harness.ok("kim", "/ask 왜 zero_grad()를 호출하나요?")
    reply = await page(harness)
    labels = ["답변하기", "내일 답변", "멘토에게", "고치기", "지우기"]  # kim asked it
    assert [a.label for a in reply.message.actions] == labels


async def test_a_button_runs_the_same_command_with_the_same_rules(team):
    await team.ok("kim", "/ask Why zero_grad?")
    await team.ok("lee", "/answer 1 gradients add up")
    [accept] = [a for a in (await page(team, user="park")).message.actions if a.command == "accept"]
    refused = await team.bot.handle(call("park", accept.typed))  # not the asker, not an admin
    assert not refused.ok and "lee" not in plain_text(refused.message)
    assert refused.message == (await team.bot.handle(call("park", "/accept 1"))).message


async def test_an_unknown_question_is_one_sentence(team):
    before = await snapshot(team.uow_factory)
    text = await team.rejected("kim", "/question 99")
    assert "#99" in text
    assert await snapshot(team.uow_factory) == before


async def test_answer_without_text_opens_the_answer_form_and_saves_its_text(team):
    await team.ok("kim", "/ask Why zero_grad?")
    routed = PeerBot.route(call("lee", "/answer 1"))
    assert routed.form is not None and routed.command is not None
    form = await open_form(team.bot, call("lee", "/answer 1"))
    assert isinstance(form, Form) and form.command == "answer" and form.state == "1"
    assert [f.name for f in form.fields] == ["text"] and form.fields[0].placeholder
    reply = await submit(team.bot, call("lee", "/answer 1"), form.state, {"text": "they add up"})
    assert reply.ok and "they add up" in plain_text(reply.message)
    assert "1. lee: they add up" in plain_text((await page(team)).message)


async def test_a_bad_answer_form_names_its_field_and_saves_nothing(team):
    await team.ok("kim", "/ask Why zero_grad?")
    before = await snapshot(team.uow_factory)
    empty = await submit(team.bot, call("lee", "/answer 1"), "1", {"text": "  "})
    assert not empty.ok and empty.field == "text"
    gone = await submit(team.bot, call("lee", "/answer 1"), "7", {"text": "x"})
    assert not gone.ok and gone.field is None and "#7" in plain_text(gone.message)
    garbage = await submit(team.bot, call("lee", "/answer 1"), "x", {"text": "x"})
    assert not garbage.ok
    assert await snapshot(team.uow_factory) == before


async def test_typed_answer_without_text_still_says_what_to_type(team):
    await team.ok("kim", "/ask Why zero_grad?")
    text = await team.rejected("lee", "/answer 1")  # the console has no forms
    assert "/answer" in text
