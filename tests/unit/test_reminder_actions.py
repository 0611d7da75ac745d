"""Reminders act too: the assignment reminder's Done, the mentor list's Answer #N, the session
agenda's #N; each runs its command for whoever presses it, through the one route."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, date, datetime

from adapters.console import action_lines
from adapters.discord.actions import view_of
from adapters.slack.render import pieces as slack_pieces
from bot.commands.route import route
from bot.commands.table import find
from bot.handlers.listing import AGENDA_LIMIT
from bot.model.teams import Language
from bot.outbox import PostKind
from bot.ports import Reply
from bot.scheduled.occurrences import Occurrence
from bot.scheduled.writer import compose
from bot.text import MAX_ACTIONS, Action, Message, message_from_json, message_to_json, plain_text
from tests.calls import call
from tests.conftest import Harness, snapshot

MONDAY = date(2021, 8, 9)


async def reminder(
    team: Harness, kind: PostKind, *, assignment: int | None = None, channel: str = "c1"
) -> Message:
    """The reminder of `kind` as the writer composes it right now (it has something to say)."""
    async with team.uow_factory() as uow:
        row = await uow.teams.get_by_channel("console", channel)
        assert row is not None and row.id is not None
        key = f"a{assignment}@1h" if assignment else MONDAY.isoformat()
        occurrence = Occurrence(
            datetime.now(UTC), row.id, kind, key, MONDAY, assignment, 1 if assignment else None
        )
        message = await compose(uow, row, occurrence)
    assert message is not None
    return message


async def press(team: Harness, user: str, action: Action, channel: str = "c1") -> Reply:
    """A button pressed by `user`, as the adapters hand it over: its command and args routed,
    then its form opened (where it opens one) or its command run; a reply either way here."""
    invocation = replace(call(user, "/x", channel), command=action.command, args=action.args)
    routed = route(invocation)
    if routed.form is None:
        return await team.bot.run(routed)
    opened = await team.bot.open_form(routed)
    assert isinstance(opened, Reply), "a form opened where a refusal was expected"
    return opened


async def use_korean(team: Harness) -> None:
    await team.ok("kim", "/team settings lang:ko")


# --- the assignment reminder: Done -----------------------------------------------------------


async def test_the_assignment_reminder_carries_done_in_the_teams_language(team):
    await team.ok("kim", '/assignment add ViT due:"2021-08-12 10:00"')
    message = await reminder(team, PostKind.ASSIGNMENT, assignment=1)
    assert message.actions == (Action("assignment done", "1", "Done"),)
    await use_korean(team)
    korean = await reminder(team, PostKind.ASSIGNMENT, assignment=1)
    assert korean.actions == (Action("assignment done", "1", "완료"),)


async def test_pressing_done_marks_it_done_for_the_presser_with_the_commands_sentence(team):
    await team.ok("lee", "/ask lee joins")
    await team.ok("kim", '/assignment add ViT due:"2021-08-12 10:00"')
    [done] = (await reminder(team, PostKind.ASSIGNMENT, assignment=1)).actions
    pressed = await press(team, "lee", done)
    typed = await team.say("kim", "/assignment done 1")
    assert pressed.ok and typed.ok
    assert not pressed.ephemeral  # as /assignment done answers: in the channel
    assert plain_text(pressed.message) == "✅ lee finished #1 ViT (1 of 2 done)."
    assert plain_text(typed.message) == "✅ kim finished #1 ViT (2 of 2 done)."
    again = await press(team, "lee", done)
    assert not again.ok and "already marked #1 done" in plain_text(again.message)
    # Everyone is done: the next reminder has nothing to say.
    async with team.uow_factory() as uow:
        [row] = await uow.teams.list()
        occurrence = Occurrence(
            datetime.now(UTC), row.id, PostKind.ASSIGNMENT, "a1@1h", MONDAY, 1, 1
        )
        assert await compose(uow, row, occurrence) is None


async def test_done_on_an_old_post_whose_assignment_is_gone_is_one_sentence(team):
    await team.ok("kim", '/assignment add ViT due:"2021-08-12 10:00"')
    [done] = (await reminder(team, PostKind.ASSIGNMENT, assignment=1)).actions
    await team.ok("kim", "/assignment remove 1")
    before = await snapshot(team.uow_factory)
    refused = await press(team, "lee", done)
    assert not refused.ok and refused.ephemeral
    assert plain_text(refused.message).startswith("There is no assignment #1 in this team")
    assert await snapshot(team.uow_factory) == before


async def test_a_button_pressed_in_another_teams_or_no_teams_channel_is_one_sentence(team):
    await team.ok("kim", '/assignment add ViT due:"2021-08-12 10:00"')
    await team.ok("kim", "/ask first")
    await team.ok("kim", "/escalate 1")
    [done] = (await reminder(team, PostKind.ASSIGNMENT, assignment=1)).actions
    [answer] = (await reminder(team, PostKind.MENTOR)).actions
    await team.ok("park", "/team setup lang:en", channel="c2")
    before = await snapshot(team.uow_factory)
    for channel in ("c2", "c3"):  # another team's channel; a channel with no team
        for action in (done, answer):
            refused = await press(team, "park", action, channel=channel)
            assert not refused.ok and refused.ephemeral
            assert len(plain_text(refused.message).split("\n")) == 1
    assert await snapshot(team.uow_factory) == before


# --- the mentor list: Answer #N --------------------------------------------------------------


async def test_the_mentor_list_carries_an_answer_button_per_question(team):
    for text in ("one", "two", "three"):
        await team.ok("kim", f"/ask {text}")
    await team.ok("kim", "/escalate 1")
    await team.ok("kim", "/escalate 3")
    message = await reminder(team, PostKind.MENTOR)
    assert message.actions == (
        Action("answer", "1", "Answer #1"),
        Action("answer", "3", "Answer #3"),
    )
    await use_korean(team)
    korean = await reminder(team, PostKind.MENTOR)
    assert [a.label for a in korean.actions] == ["#1 답변하기", "#3 답변하기"]


async def test_pressing_answer_opens_the_answer_form_for_that_question(team):
    await team.ok("kim", "/ask why?")
    await team.ok("kim", "/escalate 1")
    [answer] = (await reminder(team, PostKind.MENTOR)).actions
    routed = route(replace(call("lee", "/x"), command=answer.command, args=answer.args))
    assert routed.form is not None and routed.args == {"number": 1}
    form = await team.bot.open_form(routed)
    assert not isinstance(form, Reply) and form.command == "answer" and form.state == "1"


async def test_a_mentor_list_longer_than_a_message_carries_says_which_have_no_button(team):
    count = MAX_ACTIONS + 5
    for number in range(1, count + 1):
        await team.ok("kim", f"/ask question {number}")
        await team.ok("kim", f"/escalate {number}")
    message = await reminder(team, PostKind.MENTOR)
    assert len(message.actions) == MAX_ACTIONS
    assert [a.args for a in message.actions] == [str(n) for n in range(1, MAX_ACTIONS + 1)]
    text = plain_text(message)
    assert "question 30" in text  # the list itself is never cut
    assert text.endswith(
        "The first 25 have an Answer button; answer the 5 others with /answer and the number."
    )
    await use_korean(team)
    korean = plain_text(await reminder(team, PostKind.MENTOR))
    assert korean.endswith("앞의 25개 질문에 있습니다. 나머지 5개는 /answer 번호로 답변해 주세요.")


# --- the session reminder: #N opens the question's page --------------------------------------


async def test_the_session_agenda_carries_a_page_button_per_item_in_agenda_order(team):
    team.at("2021-08-06 13:00")
    await team.ok("kim", "/ask carried over from Friday")
    await team.ok("kim", "/ask deferred one")
    await team.ok("kim", "/defer 2")
    team.at("2021-08-09 13:00")
    await team.ok("kim", "/ask today's question")
    message = await reminder(team, PostKind.SESSION)
    assert message.actions == (
        Action("question", "2", "#2"),
        Action("question", "1", "#1"),
        Action("question", "3", "#3"),
    )
    page = await press(team, "lee", message.actions[0])
    assert page.ok and page.ephemeral  # the page is for the presser alone
    assert "deferred one" in plain_text(page.message)
    await use_korean(team)
    assert [a.label for a in (await reminder(team, PostKind.SESSION)).actions] == [
        "#2",
        "#1",
        "#3",
    ]


async def test_an_empty_agenda_has_no_buttons_and_a_full_one_one_per_item(team):
    assert (await reminder(team, PostKind.SESSION)).actions == ()
    assert AGENDA_LIMIT <= MAX_ACTIONS  # so every agenda item gets its button
    for number in range(AGENDA_LIMIT + 3):
        await team.ok("kim", f"/ask q{number}")
    message = await reminder(team, PostKind.SESSION)
    assert len(message.actions) == AGENDA_LIMIT
    assert "3 more" in plain_text(message)  # the agenda says what it left off, as before


async def test_a_page_button_of_a_question_gone_meanwhile_is_one_sentence(team):
    await team.ok("kim", "/ask first")
    [page] = (await reminder(team, PostKind.SESSION)).actions
    stale = replace(page, args="99")  # as on a post of an earlier team, numbers run out
    refused = await press(team, "lee", stale)
    assert not refused.ok and "#99" in plain_text(refused.message)


# --- what every reminder's buttons share -----------------------------------------------------


async def test_every_reminder_button_routes_and_round_trips_through_the_outbox_codec(team):
    await team.ok("kim", '/assignment add ViT due:"2021-08-12 10:00"')
    await team.ok("kim", "/ask why?")
    await team.ok("kim", "/escalate 1")
    for lang in (Language.EN, Language.KO):
        await team.ok("kim", f"/team settings lang:{lang.value}")
        for kind, number in (
            (PostKind.SESSION, None),
            (PostKind.MENTOR, None),
            (PostKind.ASSIGNMENT, 1),
            (PostKind.RETRO, None),
        ):
            message = await reminder(team, kind, assignment=number)
            assert message.actions, kind
            assert message_from_json(message_to_json(message)) == message
            for action in message.actions:
                assert action.label, action
                assert find(action.command) is not None, action
                routed = route(call("lee", action.typed))
                assert routed.error is None, action


async def test_a_full_mentor_list_fits_each_platforms_button_limits_without_a_warning(team, caplog):
    for number in range(1, MAX_ACTIONS + 8):
        await team.ok("kim", f"/ask question {number}")
        await team.ok("kim", f"/escalate {number}")
    message = await reminder(team, PostKind.MENTOR)
    with caplog.at_level(logging.WARNING):
        view = view_of(message.actions)
        slack = slack_pieces(message)
    assert view is not None
    rows = view.to_components()
    assert [len(row["components"]) for row in rows] == [5, 5, 5, 5, 5]  # Discord: 5 rows of 5
    [actions] = [b for b in slack[-1].blocks if b["type"] == "actions"]
    assert len(actions["elements"]) == MAX_ACTIONS  # Slack: one actions block
    assert all(len(piece.blocks) <= 50 for piece in slack)  # Slack's blocks per message
    assert not [r for r in caplog.records if "buttons" in r.getMessage()]  # nothing left off
    lines = action_lines(message)  # the console: one line to type per button
    assert len(lines) == MAX_ACTIONS and lines[0] == "[Answer #1: /answer 1]"
