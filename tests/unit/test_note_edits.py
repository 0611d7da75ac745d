"""Notes are numbered, and their author (or an admin) edits and deletes them: by command, by the
form, by the buttons of the `/note` reply. A deleted note keeps its number and leaves the agenda
and the minutes; an edit changes what they show. And the card's *Edit / delete*: what the
presser may change on the question, for them alone."""

from __future__ import annotations

from datetime import date

import pytest

from bot.digest import render_week
from bot.forms import Form
from bot.text import plain_text
from tests.calls import call, open_form, submit
from tests.conftest import Harness, snapshot

NOTES_OF_MONDAY = "20210809 peer session\n\n\n\n📝 [Session notes]\n\n"


async def minutes(team: Harness) -> str:
    async with team.uow_factory() as uow:
        [stored] = await uow.teams.list()
        return (await render_week(uow, stored, 2, "peer-minutes")).markdown


def notes_section(markdown: str) -> str:
    """Monday's notes in the week's minutes: its bullets, up to the next blank line."""
    assert NOTES_OF_MONDAY in markdown, markdown
    return markdown.split(NOTES_OF_MONDAY, 1)[1].split("\n\n", 1)[0]


async def stored_note(team: Harness, number: int):
    async with team.uow_factory() as uow:
        [stored] = await uow.teams.list()
        return await uow.notes.get(stored.id, number)


# --- the number and the buttons of /note -------------------------------------------------------


async def test_the_note_reply_says_its_number_and_carries_edit_and_delete(team: Harness):
    reply = await team.say("lee", "/note encoder walkthrough")
    assert reply.ok and not reply.ephemeral  # the minutes are the team's: said in the channel
    said = plain_text(reply.message)
    assert said == "📝 Note 1 saved for Mon 2021-08-09 (Day 6): encoder walkthrough"
    assert [(a.typed, a.label) for a in reply.message.actions] == [
        ("/edit note 1", "Edit note"),
        ("/delete note 1", "Delete note"),
    ]
    said = await team.ok("park", "/note second one")
    assert said.startswith("📝 Note 2 saved for")


async def test_the_note_reply_in_korean(harness: Harness):
    await harness.ok("kim", "/team setup start:2021-08-02 lang:ko")
    reply = await harness.say("lee", "/note 인코더 코드 같이 읽기")
    assert (
        plain_text(reply.message)
        == "📝 2021-08-09(월) Day 6 피어세션 메모 1번: 인코더 코드 같이 읽기"
    )
    assert [a.label for a in reply.message.actions] == ["메모 고치기", "메모 지우기"]
    refused = await harness.rejected("park", "/delete note 1")
    assert refused == "1번 메모는 쓴 분(lee)이나 팀 관리자만 고치거나 지울 수 있습니다."
    said = await harness.ok("lee", "/edit note 1 인코더와 디코더")
    assert said == "✏️ 1번 메모를 lee 님이 고쳤습니다: 인코더와 디코더"
    said = await harness.ok("lee", "/delete note 1")
    assert said.startswith("🗑️ 1번 메모를 lee 님이 지웠습니다: 인코더와 디코더.")
    again = await harness.rejected("lee", "/edit note 1 다시")
    assert again.startswith("1번 메모는 삭제되었습니다 (번호는 다시 쓰지 않습니다).")


async def test_the_buttons_of_the_reply_run_the_commands(team: Harness):
    reply = await team.say("lee", "/note encoder walkthrough")
    edit, delete = reply.message.actions
    form = await open_form(team.bot, call("lee", edit.typed))
    assert isinstance(form, Form) and form.command == "edit note"
    said = await team.ok("lee", delete.typed)
    assert said.startswith("🗑️ Note 1 deleted by lee: encoder walkthrough.")


# --- who may ----------------------------------------------------------------------------------


async def test_the_author_edits_and_another_member_may_not(team: Harness):
    await team.ok("lee", "/note encoder walkthrough")
    before = await snapshot(team.uow_factory)
    for line in ("/edit note 1 park's now", "/delete note 1"):
        refused = await team.rejected("park", line)
        assert refused == "Only its author (lee) or a team admin can edit or delete note 1."
    assert await snapshot(team.uow_factory) == before
    said = await team.ok("lee", "/edit note 1 encoder and decoder walkthrough")
    assert said == "✏️ Note 1 edited by lee: encoder and decoder walkthrough"
    note = await stored_note(team, 1)
    assert note is not None and note.text == "encoder and decoder walkthrough"
    assert note.edited_by == note.member_id and note.edited_at == team.clock.now()


async def test_an_admin_edits_and_deletes_anyones_note(team: Harness):
    await team.ok("lee", "/note encoder walkthrough")
    await team.ok("kim", "/edit note 1 encoder walkthrough (kim fixed it)")  # kim: the admin
    said = await team.ok("kim", "/delete note 1")
    assert said == (
        "🗑️ Note 1 deleted by kim: encoder walkthrough (kim fixed it). It is gone from the "
        "agenda and the minutes, and its number is not given again; to bring it back, write it "
        "again with /note."
    )
    note = await stored_note(team, 1)
    assert note is not None and note.is_deleted and note.deleted_at == team.clock.now()
    async with team.uow_factory() as uow:
        kim = await uow.members.get(note.team_id, "kim")
    assert kim is not None and (note.edited_by, note.deleted_by) == (kim.id, kim.id)


# --- deleted notes ----------------------------------------------------------------------------


async def test_a_deleted_notes_number_is_never_given_again_and_says_it_was_deleted(team: Harness):
    await team.ok("lee", "/note first")
    await team.ok("lee", "/note second")
    await team.ok("lee", "/delete note 2")
    assert (await team.ok("lee", "/note third")).startswith("📝 Note 3 saved")
    deleted = "Note 2 was deleted (its number stays taken); /questions today lists today's notes."
    for line in ("/edit note 2 again", "/delete note 2"):
        assert await team.rejected("lee", line) == deleted
    form = await open_form(team.bot, call("lee", "/edit note 2"))
    assert not isinstance(form, Form) and plain_text(form.message) == deleted
    assert await team.rejected("lee", "/delete note 9") == (
        "There is no note 9 in this team; /questions today lists today's notes with their numbers."
    )


async def test_the_agenda_shows_numbers_edits_and_not_the_deleted(team: Harness):
    await team.ok("lee", "/note encoder walkthrough")
    await team.ok("park", "/note meet 30 minutes early")
    await team.ok("choi", "/note gone soon")
    before = await team.text("kim", "/questions today")
    assert before.splitlines()[-4:] == [
        "📝 Session notes",
        "  - encoder walkthrough (lee, note 1)",
        "  - meet 30 minutes early (park, note 2)",
        "  - gone soon (choi, note 3)",
    ]
    await team.ok("park", "/edit note 2 meet an hour early")
    await team.ok("choi", "/delete note 3")
    after = await team.text("kim", "/questions today")
    assert after.splitlines()[-3:] == [
        "📝 Session notes",
        "  - encoder walkthrough (lee, note 1)",
        "  - meet an hour early (park, note 2)",
    ]
    await team.ok("lee", "/delete note 1")
    await team.ok("park", "/delete note 2")
    assert "Session notes" not in await team.text("kim", "/questions today")


async def test_the_minutes_show_the_edit_and_leave_the_deleted_out(team: Harness):
    await team.ok("lee", "/note encoder walkthrough")
    await team.ok("park", "/note meet 30 minutes early")
    await team.ok("choi", "/note gone soon")
    before = await minutes(team)
    assert notes_section(before) == ("- encoder walkthrough\n- meet 30 minutes early\n- gone soon")
    await team.ok("park", "/edit note 2 meet an hour early")
    await team.ok("choi", "/delete note 3")
    after = await minutes(team)
    assert notes_section(after) == "- encoder walkthrough\n- meet an hour early"
    assert after.replace("- meet an hour early\n", "- meet 30 minutes early\n- gone soon\n") == (
        before
    )  # nothing else of the week moved


async def test_the_digest_counts_only_the_notes_that_remain(team: Harness):
    await team.ok("lee", "/note kept")
    await team.ok("lee", "/note gone")
    figures = "0 questions (0 resolved, 0 answered, 0 for the mentor), {} session notes, "
    assert figures.format(2) in await team.text("kim", "/digest week:2")
    await team.ok("lee", "/delete note 2")
    assert figures.format(1) in await team.text("kim", "/digest week:2")
    async with team.uow_factory() as uow:
        [stored] = await uow.teams.list()
        assert [n.text for n in await uow.notes.list(stored.id, date.min, date.max)] == ["kept"]


# --- the form ---------------------------------------------------------------------------------


async def test_edit_without_text_opens_a_form_with_the_notes_text(team: Harness):
    await team.ok("lee", "/note encoder walkthrough")
    form = await open_form(team.bot, call("lee", "/edit note 1"))
    assert isinstance(form, Form) and form.command == "edit note" and form.state == "1"
    assert form.title == "Edit note 1"
    assert [(f.name, f.value) for f in form.fields] == [("text", "encoder walkthrough")]
    reply = await submit(team.bot, call("lee", "/edit note 1"), form.state, {"text": " new "})
    assert reply.ok and plain_text(reply.message) == "✏️ Note 1 edited by lee: new"
    assert "  - new (lee, note 1)" in await team.text("kim", "/questions today")


async def test_the_form_refuses_another_member_and_bad_text_and_changes_nothing(team: Harness):
    await team.ok("lee", "/note encoder walkthrough")
    refused = await open_form(team.bot, call("park", "/edit note 1"))
    assert not isinstance(refused, Form) and not refused.ok
    form = await open_form(team.bot, call("lee", "/edit note 1"))
    assert isinstance(form, Form)
    before = await snapshot(team.uow_factory)
    empty = await submit(team.bot, call("lee", "/edit note 1"), form.state, {"text": "  "})
    assert not empty.ok and empty.field == "text"
    stranger = await submit(team.bot, call("park", "/edit note 1"), form.state, {"text": "x"})
    assert not stranger.ok and "Only its author (lee)" in plain_text(stranger.message)
    stale = await submit(team.bot, call("lee", "/edit note 1"), "x", {"text": "x"})
    assert not stale.ok
    assert await snapshot(team.uow_factory) == before


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "/edit note 1",  # typed without text: no form on the console
        "/edit note",
        "/edit note x new text",
        "/edit note #1 new text",
        "/edit note 0 new",
        "/edit note 7 new",
        "/edit note 1 " + "x" * 4001,
        "/delete note",
        "/delete note 7",
        "/delete note -1",
    ],
)
async def test_bad_input_is_one_sentence_and_changes_nothing(team: Harness, line: str):
    await team.ok("lee", "/note encoder walkthrough")
    before = await snapshot(team.uow_factory)
    text = await team.rejected("kim", line)
    assert text and "\n" not in text.strip()
    assert await snapshot(team.uow_factory) == before


# --- the card's Edit / delete ------------------------------------------------------------------


async def mine(team: Harness, user: str, number: int = 1):
    reply = await team.say(user, f"/question {number} view:mine")
    assert reply.ok and reply.ephemeral, plain_text(reply.message)
    return plain_text(reply.message), [a.typed for a in reply.message.actions]


async def test_the_card_lists_for_each_presser_exactly_what_they_may_change(team: Harness):
    card = await team.say("lee", "/ask Why zero_grad?")
    [button] = [a for a in card.message.actions if a.label == "✏️ Edit / delete"]
    assert (button.typed, button.refresh) == ("/question 1 view:mine", "")
    await team.ok("park", "/answer 1 gradients add up")
    await team.ok("choi", "/answer 1 they accumulate")
    assert await mine(team, "lee") == (
        "What you may change on #1:\n    the question: Why zero_grad?",
        ["/edit question 1", "/delete question 1"],
    )
    assert await mine(team, "choi") == (
        "What you may change on #1:\n    2. choi: they accumulate",
        ["/edit answer 1 2", "/delete answer 1 2"],
    )
    text, buttons = await mine(team, "kim")  # the admin: everything
    assert text.splitlines()[1:] == [
        "    the question: Why zero_grad?",
        "    1. park: gradients add up",
        "    2. choi: they accumulate",
    ]
    assert buttons == [
        "/edit question 1",
        "/delete question 1",
        "/edit answer 1 1",
        "/delete answer 1 1",
        "/edit answer 1 2",
        "/delete answer 1 2",
    ]
    assert await mine(team, "jung") == (
        "Nothing on #1 is yours to change: only the asker (lee) or a team admin may edit or "
        "delete the question, and an answer's author (or an admin) the answer.",
        [],
    )


async def test_the_list_runs_the_commands_and_says_which_answers_have_no_button(team: Harness):
    await team.ok("kim", "/ask many answers")
    for n in range(13):
        await team.ok("kim", f"/answer 1 answer {n}")
    text, buttons = await mine(team, "kim")
    assert len(buttons) == 24 and buttons[-1] == "/delete answer 1 11"
    assert text.splitlines()[-1] == (
        "…and 2 more answers without a button here: /edit answer 1 <answer> or /delete answer 1 "
        "<answer>."
    )
    said = await team.ok("kim", buttons[1])  # Delete (the question)
    assert said.startswith("🗑️ #1 deleted by kim: many answers.")
    assert "deleted" in await team.rejected("kim", "/question 1 view:mine")


async def test_the_card_button_in_korean(harness: Harness):
    await harness.ok("kim", "/team setup start:2021-08-02 lang:ko")
    card = await harness.say("lee", "/ask 왜 zero_grad()를 호출하나요?")
    assert card.message.actions[-1].label == "✏️ 고치기 / 지우기"
    text, _ = await mine(harness, "lee")
    assert text == "#1 에서 고치거나 지울 수 있는 것:\n    질문: 왜 zero_grad()를 호출하나요?"
    text, _ = await mine(harness, "park")
    assert text.startswith("#1 에는 고치거나 지울 수 있는 것이 없습니다: 질문은 질문한 분(lee)")
