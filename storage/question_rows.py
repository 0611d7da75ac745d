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
    return Question(
        team_id=team_id,
        number=number,
        asker_id=asker_id,
        text=text,
        category=_CATEGORIES.get(category) or Category(category),
        study_date=study_date,
        asked_at=asked_at,
        assignment=assignment,
        status=_STATUSES.get(status) or Status(status),
        flag=_FLAGS.get(flag) or Flag(flag),
        flagged_at=flagged_at,
        resolved_at=resolved_at,
        accepted_answer_id=accepted_answer_id,
        source_link=source_link,
        answers=its_answers,
        id=question_id,
        edited_at=edited_at,
        edited_by=edited_by,
        deleted_at=deleted_at,
        deleted_by=deleted_by,
        topic=topic,
        claimed_user=claimed_user,
        claimed_name=claimed_name,
        claimed_at=claimed_at,
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
    return Answer(
        question_id=question_id,
        member_id=member_id,
        text=text,
        created_at=created_at,
        id=answer_id,
        edited_at=edited_at,
        edited_by=edited_by,
        deleted_at=deleted_at,
        deleted_by=deleted_by,
        source_link=source_link,
        endorsed_at=endorsed_at,
        endorsed_by=endorsed_by,
    )
