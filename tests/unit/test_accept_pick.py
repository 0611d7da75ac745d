"""Accept picks which answer: with several answers the card's *Accept* runs `/question N
view:accept`, a form with a select of the answers where forms exist and a list with a button per
answer on the console; typed `/accept N` keeps accepting the latest. And `/questions` entries
carry a `#N` button to their page."""

from __future__ import annotations

from bot.core import PeerBot
from bot.forms import Form
from bot.outbox import PostKind
from bot.ports import Reply
from bot.text import plain_text
from tests.calls import call, open_form, submit
from tests.conftest import Harness, snapshot

PICK = "/question 1 view:accept"


async def two_answers(team: Harness, asker: str = "lee") -> None:
    await team.ok(asker, "/ask Why zero_grad?")
    await team.ok("park", "/answer 1 gradients add up")
    await team.ok("choi", "/answer 1 they accumulate across steps")


async def card_actions(team: Harness) -> list[str]:
    reply = await team.bot.handle(call("kim", "/question 1 view:card"))
    return [a.typed for a in reply.message.actions]


async def pick_form(team: Harness, user: str = "lee") -> Form:
    form = await open_form(team.bot, call(user, PICK))
    assert isinstance(form, Form), plain_text(form.message)
    return form


async def test_one_answer_keeps_the_plain_accept_button(team: Harness):
    await team.ok("lee", "/ask Why zero_grad?")
    await team.ok("park", "/answer 1 gradients add up")
    assert "/accept 1" in await card_actions(team)


async def test_several_answers_make_accept_ask_which(team: Harness):
    await two_answers(team)
    reply = await team.bot.handle(call("kim", "/question 1 view:card"))
    [accept] = [a for a in reply.message.actions if a.label == "Accept"]
    assert accept.typed == PICK and not accept.refresh  # a form opens: nothing to redraw yet
    assert PeerBot.route(call("lee", accept.typed)).form is not None
    typed = PeerBot.route(call("lee", "/accept 1"))  # typed: the latest, as the README says
    assert typed.form is None and typed.error is None
    assert PeerBot.route(call("lee", "/question 1")).form is None
    assert PeerBot.route(call("lee", "/question 1 view:card")).form is None


async def test_the_form_offers_the_answers_newest_first_by_id(team: Harness):
    await two_answers(team)
    form = await pick_form(team)
    assert form.command == "question" and form.state == "1" and len(form.title) <= 45
    [field] = form.fields
    assert field.name == "answer" and field.required
    labels = [label for label, _ in field.choices]
    assert labels == ["2. choi: they accumulate across steps", "1. park: gradients add up"]
    async with team.uow_factory() as uow:
        question = await uow.questions.get(1, 1)
    assert question is not None
    assert [v for _, v in field.choices] == [str(a.id) for a in reversed(question.answers)]


async def test_the_pick_accepts_that_answer_and_the_card_follows(team: Harness):
    await two_answers(team)
    await team.bot.card_posted("console", "c1", "question 1 view:card", "m-1")
    form = await pick_form(team)
    older = form.fields[0].choices[-1][1]  # answer 1, not the latest
    reply = await submit(team.bot, call("lee", PICK), form.state, {"answer": older})
    assert reply.ok and "park's answer: gradients add up" in plain_text(reply.message)
    assert reply.ephemeral  # told to the presser (a /question form); the card tells the channel
    page = await team.ok("kim", "/question 1")
    assert "1. park: gradients add up ✅ accepted" in page
    async with team.uow_factory() as uow:
        [row] = [r for r in await uow.outbox.list() if r.kind is PostKind.CARD]
    assert row.edits == "m-1" and "State: resolved" in plain_text(row.message)


async def test_the_asker_and_an_admin_may_pick_and_no_one_else(team: Harness):
    await two_answers(team, asker="lee")
    await pick_form(team, "lee")
    await pick_form(team, "kim")  # the admin
    before = await snapshot(team.uow_factory)
    refused = await open_form(team.bot, call("park", PICK))
    assert isinstance(refused, Reply) and not refused.ok and refused.ephemeral
    typed = await team.bot.handle(call("park", "/accept 1"))
    assert refused.message == typed.message  # /accept's own sentence
    assert "Only the asker (lee)" in plain_text(refused.message)
    form = await pick_form(team, "lee")
    value = form.fields[0].choices[0][1]
    sneaked = await submit(team.bot, call("park", PICK), "1", {"answer": value})
    assert not sneaked.ok and "Only the asker (lee)" in plain_text(sneaked.message)
    assert await snapshot(team.uow_factory) == before


async def test_a_pick_of_an_answer_deleted_since_is_one_sentence(team: Harness):
    await two_answers(team)
    form = await pick_form(team)
    first = form.fields[0].choices[-1][1]
    await team.ok("park", "/delete answer 1 1")  # choi's answer is number 1 now
    before = await snapshot(team.uow_factory)
    stale = await submit(team.bot, call("lee", PICK), form.state, {"answer": first})
    text = plain_text(stale.message)
    assert not stale.ok and stale.field == "answer" and len(text.splitlines()) == 1
    assert "deleted meanwhile" in text and "/question 1" in text
    assert await snapshot(team.uow_factory) == before  # choi's answer was not taken instead
    for bad in ("", "abc", "99999"):
        gone = await submit(team.bot, call("lee", PICK), "1", {"answer": bad})
        assert not gone.ok and gone.field == "answer"
    expired = await submit(team.bot, call("lee", PICK), "x", {"answer": first})
    assert not expired.ok and "form" in plain_text(expired.message).lower()
    assert await snapshot(team.uow_factory) == before


async def test_what_cannot_be_picked_gets_accepts_sentences(team: Harness):
    await team.ok("lee", "/ask Why zero_grad?")
    before = await snapshot(team.uow_factory)
    assert "no answer yet" in await team.rejected("lee", PICK)
    assert "#9" in await team.rejected("lee", "/question 9 view:accept")
    await team.ok("park", "/answer 1 gradients add up")
    await team.ok("choi", "/answer 1 they accumulate")
    await team.ok("lee", "/accept 1")
    assert "already resolved" in await team.rejected("lee", PICK)
    resolved = await open_form(team.bot, call("lee", PICK))
    assert isinstance(resolved, Reply) and "already resolved" in plain_text(resolved.message)
    assert await snapshot(team.uow_factory) != before  # (the answers and the acceptance)


async def test_the_console_lists_the_answers_with_a_button_each(team: Harness):
    await two_answers(team)
    reply = await team.bot.handle(call("lee", PICK))  # no forms here: the inline list
    assert reply.ok and reply.ephemeral
    text = plain_text(reply.message)
    assert text.splitlines()[0].startswith("Which answer to #1 do you accept?")
    assert "1. park: gradients add up" in text and "2. choi: they accumulate" in text
    assert [a.typed for a in reply.message.actions] == ["/accept 1 1", "/accept 1 2"]
    assert [a.label for a in reply.message.actions] == ["Accept 1", "Accept 2"]
    accepted = await team.ok("lee", reply.message.actions[0].typed)
    assert "park's answer" in accepted


async def test_the_pick_in_korean(harness: Harness):
    await harness.ok("kim", "/team setup start:2021-08-02 lang:ko")
    await two_answers(harness)
    card = await harness.bot.handle(call("kim", "/question 1 view:card"))
    assert "채택하기" in [a.label for a in card.message.actions]
    listed = await harness.bot.handle(call("lee", PICK))
    assert [a.label for a in listed.message.actions] == ["1번 채택", "2번 채택"]
    assert "어떤 답변을 채택할까요?" in plain_text(listed.message)
    form = await pick_form(harness)
    assert form.title == "#1 답변 채택하기" and form.submit_label == "채택하기"
    assert form.fields[0].label == "채택할 답변"
    stale = await submit(harness.bot, call("lee", PICK), "1", {"answer": "99999"})
    assert "그사이 지워졌습니다" in plain_text(stale.message)


# --- /questions entries lead to the page ----------------------------------------------------


async def test_each_listed_question_has_a_button_to_its_page(team: Harness):
    for n in range(1, 4):
        await team.ok("kim", f"/ask question {n}")
    reply = await team.bot.handle(call("lee", "/questions"))
    assert [a.typed for a in reply.message.actions] == ["/question 1", "/question 2", "/question 3"]
    assert [a.label for a in reply.message.actions] == ["#1", "#2", "#3"]
    assert "opens any of them" not in plain_text(reply.message)  # every entry has one
    today = await team.bot.handle(call("lee", "/questions today"))
    assert [a.typed for a in today.message.actions] == ["/question 1", "/question 2", "/question 3"]
    page = await team.bot.handle(call("lee", today.message.actions[1].typed))
    assert page.ok and "question 2" in plain_text(page.message)


async def test_a_full_page_has_25_buttons_and_says_how_to_open_the_rest(team: Harness):
    for n in range(1, 33):
        await team.ok("kim", f"/ask question {n}")
    reply = await team.bot.handle(call("lee", "/questions all"))
    text = plain_text(reply.message)
    assert len(reply.message.actions) == 25
    assert [a.typed for a in reply.message.actions][:2] == ["/question 1", "/question 2"]
    lines = text.splitlines()
    assert lines[-2] == (
        "The first 25 have a button to open them; /question <number> opens any of them."
    )
    assert lines[-1].startswith("Page 1 of 2")
    second = await team.bot.handle(call("lee", "/questions all page:2"))
    assert [a.typed for a in second.message.actions] == ["/question 31", "/question 32"]
    agenda = await team.bot.handle(call("lee", "/questions today"))
    assert len(agenda.message.actions) == 25 and "not shown here" in plain_text(agenda.message)


async def test_the_entries_buttons_in_korean(harness: Harness):
    await harness.ok("kim", "/team setup start:2021-08-02 lang:ko")
    for n in range(1, 27):
        await harness.ok("kim", f"/ask 질문 {n}")
    reply = await harness.bot.handle(call("lee", "/questions"))
    assert reply.message.actions[0].label == "#1"
    assert "/question <번호> 로 열 수 있습니다" in plain_text(reply.message)
