"""The statements a week's digest reads (`bot.digest.week.load_week`), built once.

A week's questions, answers and card links are read by one week condition joined in, whatever
their number; its notes, retrospectives, team and rotation by key. All of them are on
`statements.HOT` (SQLite: the driver's cursor), which re-exports them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Text,
    and_,
    bindparam,
    cast,
    exists,
    literal,
    or_,
    select,
    true,
)

from bot.card_links import CARD_LINE
from bot.model.questions import Flag, Status
from storage.tables import (
    answers,
    cards,
    notes,
    questions,
    retros,
    rotation_members,
    rotations,
    teams,
)


def _of_week(settles: bool) -> ColumnElement[bool]:
    """A team's questions a week's digest reads: those of study days `first`..`last` (the
    previous week's and this one's), and the older unresolved ones, but (if `settles`) not
    those settled before the week (`QuestionQuery.answered_since` at `settled`); deleted ones
    left out."""
    later = answers.alias("later")  # not `answers`: WEEK_ANSWERS reads that table itself
    answered_since = exists().where(
        later.c.question_id == questions.c.id,
        later.c.deleted_at.is_(None),
        later.c.created_at >= bindparam("settled"),
    )
    older = and_(
        questions.c.study_date < bindparam("first"),
        questions.c.status != Status.RESOLVED.value,
        or_(
            questions.c.status != Status.ANSWERED.value,
            questions.c.flag != Flag.NONE.value,
            answered_since,
        )
        if settles
        else true(),
    )
    return and_(
        questions.c.team_id == bindparam("team_id"),
        questions.c.deleted_at.is_(None),
        or_(questions.c.study_date.between(bindparam("first"), bindparam("last")), older),
    )


WEEK_QUESTIONS = {
    settles: select(questions).where(_of_week(settles)).order_by(questions.c.number)
    for settles in (True, False)
}
WEEK_ANSWERS = {
    settles: select(answers)
    .join(questions, answers.c.question_id == questions.c.id)
    .where(_of_week(settles), answers.c.deleted_at.is_(None))
    .order_by(answers.c.question_id, answers.c.created_at, answers.c.id)
    for settles in (True, False)
}
"""By whether anything settles before the week: a week's questions and their live answers in
two reads, whatever their number. The week's condition is joined, not an `IN` list of its
question ids (which SQLAlchemy expands and compiles anew on every call, and the driver-cursor
path cannot take)."""

_CARD_OF_QUESTION = and_(
    cards.c.team_id == questions.c.team_id,
    cards.c.shows == literal(CARD_LINE[0], Text) + cast(questions.c.number, Text) + CARD_LINE[1],
    cards.c.link.is_not(None),
    cards.c.link != "",
)
WEEK_CARD_LINKS = {
    settles: select(questions.c.number, cards.c.link)
    .select_from(questions.join(cards, _CARD_OF_QUESTION))
    .where(_of_week(settles))
    .order_by(cards.c.id)
    for settles in (True, False)
}
"""The week's questions' cards that have a link, oldest first: each question's card found by
what it shows (`bot.card_links.card_line`) through the (team_id, shows) index."""


TEAM_BY_ID = select(teams).where(teams.c.id == bindparam("team_id"))
ROTATION_OF_TEAM = select(rotations).where(rotations.c.team_id == bindparam("team_id"))
ROTATION_ORDER = (
    select(rotation_members.c.member_id)
    .where(rotation_members.c.team_id == bindparam("team_id"))
    .order_by(rotation_members.c.position)
)
"""A team by id, and its rotation of session roles with their order: read by every digest."""

NOTES_OF_DAYS = {
    with_deleted: select(notes)
    .where(
        notes.c.team_id == bindparam("team_id"),
        notes.c.study_date.between(bindparam("first"), bindparam("last")),
        *(() if with_deleted else (notes.c.deleted_at.is_(None),)),
    )
    .order_by(notes.c.created_at, notes.c.id)
    for with_deleted in (True, False)
}
RETROS_OF_DAYS = (
    select(retros)
    .where(
        retros.c.team_id == bindparam("team_id"),
        retros.c.study_date.between(bindparam("first"), bindparam("last")),
    )
    .order_by(retros.c.study_date, retros.c.member_id)
)
"""A team's notes (by `with_deleted`) and retrospectives of study days `first`..`last`: read
by every digest (and `/stats`, the retro reminder, an export)."""


def week_parameters(
    team_id: int, first: date, last: date, answered_since: datetime | None
) -> tuple[bool, dict[str, Any]]:
    """For `WEEK_QUESTIONS`, `WEEK_ANSWERS` and `WEEK_CARD_LINKS`: which of each to run (does
    anything settle before the week?) and its parameters."""
    parameters: dict[str, Any] = {"team_id": team_id, "first": first, "last": last}
    if answered_since is not None:
        parameters["settled"] = answered_since
    return answered_since is not None, parameters
