"""A question's and an answer's row mapped to `bot.model`, by position (see `question_of_row`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.model.questions import Answer, Category, Flag, Question, Status

# An enum's value looked up in a dict: a call of the enum costs ~0.35 us, three a question, and
# a week's digest maps hundreds (an unknown value still goes to the enum, which refuses it).
_CATEGORIES = {c.value: c for c in Category}
_STATUSES = {s.value: s for s in Status}
_FLAGS = {f.value: f for f in Flag}

CHANGE_COLUMNS = ("edited_at", "edited_by", "deleted_at", "deleted_by")
"""The last columns of both `questions` and `answers` (migration 0007)."""

QUESTION_COLUMNS = (
    "id",
    "team_id",
    "number",
    "asker_id",
    "text",
    "category",
    "assignment",
    "study_date",
    "asked_at",
    "status",
    "flag",
    "flagged_at",
    "resolved_at",
    "accepted_answer_id",
    *CHANGE_COLUMNS,
    "source_link",
    "topic",
    "claimed_user",
    "claimed_name",
    "claimed_at",
)
"""The columns of `questions` in table order, as `question_of_row` unpacks a row of it."""

ANSWER_COLUMNS = (
    "id",
    "question_id",
    "member_id",
    "text",
    "created_at",
    *CHANGE_COLUMNS,
    "source_link",
    "endorsed_at",
    "endorsed_by",
)
"""The columns of `answers` in table order, as `answer_of_row` unpacks a row of it."""


def question_of_row(row: Sequence[Any], its_answers: list[Answer]) -> Question:
    # By position: a row's attributes cost ~1.5 us each, five times the whole unpacking, and a
    # week's digest maps thousands of rows on the loop (QUESTION_COLUMNS, tested against the table).
    (
        question_id,
        team_id,
        number,
        asker_id,
        text,
        category,
        assignment,
        study_date,
        asked_at,
        status,
        flag,
        flagged_at,
        resolved_at,
        accepted_answer_id,
        edited_at,
        edited_by,
        deleted_at,
        deleted_by,
        source_link,
        topic,
        claimed_user,
        claimed_name,
        claimed_at,
    ) = row
    # By position, in `Question`'s field order: a call by 24 keywords costs twice as much (each
    # column's field: tests/integration/test_big_reads.py).
    return Question(
        team_id,
        number,
        asker_id,
        text,
        _CATEGORIES.get(category) or Category(category),
        study_date,
        asked_at,
        assignment,
        _STATUSES.get(status) or Status(status),
        _FLAGS.get(flag) or Flag(flag),
        flagged_at,
        resolved_at,
        accepted_answer_id,
        source_link,
        its_answers,
        question_id,
        edited_at,
        edited_by,
        deleted_at,
        deleted_by,
        topic,
        claimed_user,
        claimed_name,
        claimed_at,
    )


def answer_of_row(row: Sequence[Any]) -> Answer:
    # ANSWER_COLUMNS, by position
    (
        answer_id,
        question_id,
        member_id,
        text,
        created_at,
        edited_at,
        edited_by,
        deleted_at,
        deleted_by,
        source_link,
        endorsed_at,
        endorsed_by,
    ) = row
    # By position, in `Answer`'s field order (as `question_of_row`)
    return Answer(
        question_id,
        member_id,
        text,
        created_at,
        answer_id,
        source_link,
        edited_at,
        edited_by,
        deleted_at,
        deleted_by,
        endorsed_at,
        endorsed_by,
    )
