"""Statements of the hot path, built once.

Building a SQLAlchemy statement and computing its cache key cost more than SQLite takes to run
it; a statement object memoizes its key, so the ones every command runs are built here once,
with `bindparam`s, and executed with a parameter dict.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    LABEL_STYLE_TABLENAME_PLUS_COL,
    BindParameter,
    Executable,
    TextualSelect,
    and_,
    bindparam,
    exists,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine.interfaces import Dialect

from bot.outbox import State
from storage.outbox_statements import CLAIM_DUE as CLAIM_DUE
from storage.outbox_statements import MARK_SENT as MARK_SENT
from storage.search_statements import ADD_DF as ADD_DF
from storage.search_statements import ADD_STATS as ADD_STATS
from storage.search_statements import DELETE_POSTINGS as DELETE_POSTINGS
from storage.search_statements import DELETE_UNUSED_DF as DELETE_UNUSED_DF
from storage.search_statements import DIALECTS as DIALECTS
from storage.search_statements import GROW_POSTINGS as GROW_POSTINGS
from storage.search_statements import INSERT_POSTINGS as INSERT_POSTINGS
from storage.search_statements import SET_POSTINGS_LENGTH as SET_POSTINGS_LENGTH
from storage.tables import (
    answers,
    cards,
    members,
    outbox,
    questions,
    search_postings,
    team_days_off,
    teams,
)
from storage.week_statements import NOTES_OF_DAYS as NOTES_OF_DAYS
from storage.week_statements import RETROS_OF_DAYS as RETROS_OF_DAYS
from storage.week_statements import ROTATION_OF_TEAM as ROTATION_OF_TEAM
from storage.week_statements import ROTATION_ORDER as ROTATION_ORDER
from storage.week_statements import TEAM_BY_ID as TEAM_BY_ID
from storage.week_statements import WEEK_ANSWERS as WEEK_ANSWERS
from storage.week_statements import WEEK_CARD_LINKS as WEEK_CARD_LINKS
from storage.week_statements import WEEK_QUESTIONS as WEEK_QUESTIONS

TEAM_BY_CHANNEL = select(teams).where(
    (teams.c.platform == bindparam("platform")) & (teams.c.channel_id == bindparam("channel_id"))
)
DAYS_OFF_OF_TEAM = select(team_days_off.c.day).where(
    team_days_off.c.team_id == bindparam("team_id")
)
NEXT_QUESTION_NUMBER = (
    update(teams)
    .where(teams.c.id == bindparam("team_id"))
    .values(next_question_number=teams.c.next_question_number + 1)
    .returning(teams.c.next_question_number - 1)
)
_DESTINED_TEAMS = teams.alias("destined_teams")
_PARKED_FOR_TEAM = (
    exists()
    .where(outbox.c.state == State.PARKED.value)
    .where(
        or_(
            and_(outbox.c.team_id == teams.c.id, outbox.c.channel_id.is_(None)),
            and_(
                outbox.c.channel_id == bindparam("channel_id"),
                outbox.c.team_id.in_(
                    select(_DESTINED_TEAMS.c.id).where(
                        _DESTINED_TEAMS.c.platform == bindparam("platform")
                    )
                ),
            ),
        )
    )
)
"""A post parked in the team's own lane or in the lane destined to the channel (the lanes
`PARKED_HERE` reads), asked with the team: most commands then run no read for it."""
TEAM_AND_CALLER = (
    select(
        teams,
        *(column.label(f"caller_{column.name}") for column in members.c),
        team_days_off.c.day.label("day_off"),
        _PARKED_FOR_TEAM.label("parked_here"),
    )
    .select_from(
        teams.outerjoin(
            members,
            (members.c.team_id == teams.c.id) & (members.c.user_id == bindparam("user_id")),
        ).outerjoin(team_days_off, team_days_off.c.team_id == teams.c.id)
    )
    .where(
        (teams.c.platform == bindparam("platform"))
        & (teams.c.channel_id == bindparam("channel_id"))
    )
)
"""The channel's team, the caller's membership (if any), the team's days off and whether a
post to the channel is parked, in one read: one row per day off (one if none), the rest
repeated on each."""
MEMBER_BY_USER = (
    select(members)
    .where(
        (members.c.team_id == bindparam("team_id")) & (members.c.user_id == bindparam("user_id"))
    )
    .order_by(members.c.id)
    .limit(1)
)
MEMBERS_OF_TEAM = {
    with_removed: select(members)
    .where(
        members.c.team_id == bindparam("team_id"),
        *(() if with_removed else (members.c.removed_at.is_(None),)),
    )
    .order_by(members.c.id)
    for with_removed in (True, False)
}
"""By `with_removed`: the team's members, oldest first (a card names its asker and answerers)."""
QUESTION_WITH_ANSWERS = (
    select(questions, answers)
    .select_from(
        questions.outerjoin(
            answers, (answers.c.question_id == questions.c.id) & answers.c.deleted_at.is_(None)
        )
    )
    .where(
        (questions.c.team_id == bindparam("team_id")) & (questions.c.number == bindparam("number"))
    )
    .order_by(answers.c.created_at, answers.c.id)
    .set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)
)
"""Question N of a team and its live answers in order, in one read: one row per answer (one
with the answer's columns None if it has none), the question's columns first on each."""
INSERT_QUESTION = insert(questions).returning(questions.c.id)


UPDATE_QUESTION_STATE = (
    update(questions)
    .where(
        (questions.c.team_id == bindparam("where_team_id"))
        & (questions.c.number == bindparam("where_number"))
    )
    .values(
        status=bindparam("status"),
        flag=bindparam("flag"),
        flagged_at=bindparam("flagged_at"),
        resolved_at=bindparam("resolved_at"),
        accepted_answer_id=bindparam("accepted_answer_id"),
        claimed_user=bindparam("claimed_user"),  # a cohort mentor's claim (0015)
        claimed_name=bindparam("claimed_name"),
        claimed_at=bindparam("claimed_at"),
    )
)
CHANGE_VALUES: dict[str, BindParameter[Any]] = {
    "text": bindparam("text"),
    "edited_at": bindparam("edited_at"),
    "edited_by": bindparam("edited_by"),
    "deleted_at": bindparam("deleted_at"),
    "deleted_by": bindparam("deleted_by"),
}
"""What an edit or a deletion stores, on a question or an answer (migration 0007)."""
UPDATE_QUESTION_CHANGE = (
    update(questions)
    .where(
        (questions.c.team_id == bindparam("where_team_id"))
        & (questions.c.number == bindparam("where_number"))
    )
    .values({**CHANGE_VALUES, "topic": bindparam("topic")})  # the topic is edited with it (0013)
)
ANSWER_VALUES: dict[str, BindParameter[Any]] = {
    **CHANGE_VALUES,
    "endorsed_at": bindparam("endorsed_at"),
    "endorsed_by": bindparam("endorsed_by"),
}
"""What an answer's update stores: its change and a mentor's endorsement (migration 0012)."""
INSERT_ANSWER = insert(answers).returning(answers.c.id)
LOCK_QUESTION = (
    select(questions.c.id).where(questions.c.id == bindparam("question_id")).with_for_update()
)
"""PostgreSQL: a question's writers of its index take turns (SQLite's writers always do).
Two /answer to one question at once both replaced its answers' postings: the second's insert
hit the first's rows, a unique violation, and its member was told to try again."""
ANSWER_POSTINGS_IF_IN_TEAM = (
    select(questions.c.deleted_at, search_postings.c.term, search_postings.c.tf)
    .select_from(
        questions.outerjoin(
            search_postings,
            (search_postings.c.team_id == questions.c.team_id)
            & (search_postings.c.kind == "a")
            & (search_postings.c.question_id == questions.c.id),
        )
    )
    .where(
        questions.c.id == bindparam("question_id"),
        questions.c.team_id == bindparam("team_id"),
        exists().where(
            members.c.id == bindparam("member_id"), members.c.team_id == bindparam("team_id")
        ),
    )
)
"""Before an answer goes in: no row if the question or the member is not the team's; else the
question's deletion and its answers' postings (one row with no term if it has none)."""
UPDATE_ANSWER = (
    update(answers)
    .where(
        answers.c.id == bindparam("where_id"),
        answers.c.question_id.in_(
            select(questions.c.id).where(questions.c.team_id == bindparam("where_team_id"))
        ),
    )
    .values(ANSWER_VALUES)
)


# Every command's last read: the channel's parked posts (`outbox_repository.unpark`).
_PARKED = outbox.c.state == State.PARKED.value
# (parameters not named as outbox's columns: `UNPARK_HERE`'s SET reserves those names)
_OWN_LANE = and_(outbox.c.team_id == bindparam("lane_team"), outbox.c.channel_id.is_(None))
_DESTINED_LANE = and_(
    outbox.c.channel_id == bindparam("lane_channel"),
    outbox.c.team_id.in_(select(teams.c.id).where(teams.c.platform == bindparam("lane_platform"))),
)
_LANES_HERE = {
    (own, destined): and_(
        _PARKED, or_(*([_OWN_LANE] if own else []), *([_DESTINED_LANE] if destined else []))
    )
    for own in (True, False)
    for destined in (True, False)
    if own or destined
}
PARKED_HERE = {
    lanes: select(outbox.c.team_id, outbox.c.channel_id).where(parked)
    for lanes, parked in _LANES_HERE.items()
}
"""By (the team's own lane, the channel's destined lane): the parked rows there."""
UNPARK_HERE = {
    lanes: update(outbox)
    .where(parked)
    .values(state=State.PENDING.value, next_attempt_at=None, unparked_at=bindparam("at"))
    for lanes, parked in _LANES_HERE.items()
}
"""By the same lanes: those rows due again (only run when `PARKED_HERE` found some)."""

CARDS_SHOWING = (
    select(cards)
    .where((cards.c.team_id == bindparam("team_id")) & (cards.c.shows == bindparam("shows")))
    .order_by(cards.c.id)
)

# A posted card (`card_repository.add`), reported twice by an adapter: at once, and again
# with its thread. Not an exception and a savepoint on the second report, which found the
# first's row: the insert skips a taken message, and the card is read when it returns no id.
_CARD_VALUES = (
    "team_id",
    "shows",
    "platform",
    "channel_id",
    "message_ref",
    "posted_at",
    "thread_ref",
    "link",
    "capture_told",
)
CARD_KEY = ("platform", "channel_id", "message_ref")


def _insert_unless_taken(
    dialect: Dialect, table: Any, columns: tuple[str, ...], key: tuple[str, ...]
) -> TextualSelect:
    """INSERT of one row (its columns as bind parameters, typed as the columns) returning its
    id, or nothing when its key is taken: compiled once per dialect into text, as SQLAlchemy
    does not cache an ON CONFLICT statement (as the search index's upserts,
    `storage.search_statements`)."""
    insert_of = sqlite_insert if dialect.name == "sqlite" else postgresql_insert
    statement = (
        insert_of(table)
        .values({c: bindparam(c) for c in columns})
        .on_conflict_do_nothing(index_elements=list(key))
        .returning(table.c.id)
    )
    typed = [bindparam(c, type_=table.c[c].type) for c in columns]
    return text(str(statement.compile(dialect=dialect))).bindparams(*typed).columns(table.c.id)


INSERT_CARD = {
    dialect.name: _insert_unless_taken(dialect, cards, _CARD_VALUES, CARD_KEY)
    for dialect in DIALECTS
}
OUTBOX_VALUES = (
    "team_id",
    "kind",
    "occurrence",
    "due_at",
    "message",
    "state",
    "attempts",
    "created_at",
    "attachment_name",
    "attachment_text",
    "edits",
    "channel_id",
    "thread_ref",
)
INSERT_OUTBOX = {
    dialect.name: _insert_unless_taken(
        dialect, outbox, OUTBOX_VALUES, ("team_id", "kind", "occurrence")
    )
    for dialect in DIALECTS
}
"""By dialect: an outbox row, or nothing when its (team, kind, occurrence) is taken: a card's
edit is queued by every change of its question."""
CARD_BY_MESSAGE = select(cards).where(
    and_(*(cards.c[c] == bindparam(c) for c in CARD_KEY)),
)
SET_CARD_THREAD = update(cards).where(cards.c.id == bindparam("card_id"))
"""Executed with `thread_ref` and `link`: the SET names the columns given."""


def _hot(dialect: str) -> tuple[Executable, ...]:
    return (
        TEAM_AND_CALLER,
        MEMBER_BY_USER,
        *MEMBERS_OF_TEAM.values(),
        NEXT_QUESTION_NUMBER,
        INSERT_QUESTION,
        QUESTION_WITH_ANSWERS,
        *WEEK_QUESTIONS.values(),
        *WEEK_ANSWERS.values(),
        *WEEK_CARD_LINKS.values(),
        *((LOCK_QUESTION,) if dialect == "postgresql" else ()),
        ANSWER_POSTINGS_IF_IN_TEAM,
        INSERT_ANSWER,
        UPDATE_QUESTION_STATE,
        DELETE_POSTINGS,
        INSERT_POSTINGS,
        SET_POSTINGS_LENGTH,
        GROW_POSTINGS[dialect],
        DELETE_UNUSED_DF,
        ADD_DF[dialect],
        ADD_STATS[dialect],
        *PARKED_HERE.values(),
        CARDS_SHOWING,
        TEAM_BY_CHANNEL,
        DAYS_OFF_OF_TEAM,
        INSERT_CARD[dialect],
        INSERT_OUTBOX[dialect],
        CLAIM_DUE,
        MARK_SENT,
        CARD_BY_MESSAGE,
        SET_CARD_THREAD,
        *NOTES_OF_DAYS.values(),
        RETROS_OF_DAYS,
        TEAM_BY_ID,
        ROTATION_OF_TEAM,
        ROTATION_ORDER,
    )


HOT = _hot("sqlite")
"""What every /ask and /answer runs, the card an /ask posts (reported by the adapter) and a
week's digest reads: on SQLite, straight on the driver's cursor (`storage.driver_cursor`)."""
HOT_POSTGRES = _hot("postgresql")
"""The same on PostgreSQL (with the question's lock an answer takes), straight on asyncpg
(`storage.asyncpg_cursor`)."""
