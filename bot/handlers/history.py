"""One question's history and the Edit / Delete buttons of its page.

Kept apart from `questions.py` (which shows the page) and `edits.py` (which edits and deletes),
so both can use it without importing each other. The history says only what the stored data
tells: when it was asked, its current flag and since when, since which study day it has been
carried over, when it was resolved, and its last edit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from bot import i18n
from bot.context import Context
from bot.handlers.listing import name_of
from bot.model.questions import Answer, Flag, Question
from bot.model.teams import Member
from bot.text import Action, Line, Plain

UNDO = "undo"  # `/endorse 12 2 undo`

MAX_BUTTONS = 25
"""Discord's five rows of five and Slack's cap for one actions block: answers past it get none."""


def history_lines(
    ctx: Context, question: Question, members: Mapping[int, Member], *, settled: bool
) -> list[Line]:
    """`asked on …`, then what happened to it since, oldest first."""
    lines = [ctx.line("question.asked", day=ctx.day_label(question.study_date))]
    today = ctx.session_date()
    if question.flag is not Flag.NONE and question.flagged_at is not None:
        key = f"history.{question.flag.value}"
        lines.append(ctx.line(key, day=_day(ctx, question.flagged_at)))
    if not question.is_resolved and not settled and question.study_date < today:
        since, now = ctx.day_label(question.study_date), ctx.day_label(today)
        lines.append(ctx.line("history.carried", day=since, today=now))
    if question.resolved_at is not None:
        lines.append(ctx.line("history.resolved", day=_day(ctx, question.resolved_at)))
    if question.edited_at is not None and question.edited_by is not None:
        who = name_of(members, question.edited_by)
        lines.append(ctx.line("history.edited", who=who, day=_day(ctx, question.edited_at)))
    return lines


def edited_mark(ctx: Context, line: Line, item: Question | Answer) -> Line:
    """The line with `(edited)` after it when the question or answer was edited."""
    if item.edited_at is None:
        return line
    return (*line, Plain(" " + i18n.text_of(ctx.lang, "history.edited_mark")))


def edit_buttons(ctx: Context, question: Question, room: int) -> list[Action]:
    """Edit and Delete for the question when the caller asked it or is an admin, then for each
    answer the caller gave (every answer, for an admin), while `room` buttons remain."""
    member = ctx.the_member
    number = str(question.number)
    buttons: list[Action] = []
    if member.is_admin or member.id == question.asker_id:
        buttons += [Action("edit question", number), Action("delete question", number)]
    for index, given in enumerate(question.answers, start=1):
        if len(buttons) + 2 > room:
            break
        if member.is_admin or member.id == given.member_id:
            args = f"{number} {index}"
            buttons += [
                i18n.button(ctx.lang, "edit answer", args, key="button.edit.answer.n", index=index),
                i18n.button(
                    ctx.lang, "delete answer", args, key="button.delete.answer.n", index=index
                ),
            ]
    return buttons[: max(room, 0)]


def endorse_buttons(ctx: Context, question: Question, room: int) -> list[Action]:
    """For a mentor's page: *Endorse 2* (or *Undo ✅ 2*) on each answer that is not theirs,
    while `room` buttons remain; each refreshes the page."""
    member = ctx.the_member
    if not member.is_mentor:
        return []
    number, buttons = str(question.number), list[Action]()
    for index, given in enumerate(question.answers, start=1):
        if len(buttons) >= room:
            break
        if given.member_id == member.id:
            continue
        undo = given.is_endorsed
        args = f"{number} {index} {UNDO}" if undo else f"{number} {index}"
        key = "button.endorse.undo.n" if undo else "button.endorse.n"
        button = i18n.button(ctx.lang, "endorse", args, key=key, index=index)
        buttons.append(replace(button, refresh=f"question {number}"))
    return buttons


def _day(ctx: Context, instant: datetime) -> Plain:
    """The team-local day of an instant, labelled as the page labels days."""
    return ctx.day_label(ctx.calendar.local_date(instant))
