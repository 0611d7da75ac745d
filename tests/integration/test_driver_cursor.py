"""The hot statements on the sqlite3 cursor (`storage.driver_cursor`) give what SQLAlchemy's
full path gives: the same rows with the same Python types, the same rowcounts, the same
tables after a write, the same exceptions; and with a statement listener they take the full
path, so the crash tests' kill points still see every statement."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy import exc as sa_exc

from bot.card_links import card_line
from bot.card_ports import Card
from bot.model.questions import Note
from bot.model.rotation import Period, Rotation
from bot.model.study import Retro
from bot.model.teams import Member, RetroTemplate
from bot.outbox import OutboxMessage, PostKind
from bot.text import Message, Plain
from storage import statements as sql
from storage.driver_cursor import DriverCursor
from storage.inline_sqlite import InlineSqliteEngine
from tests.integration.builders import DAY1, T0, a_team, add_team_with_member, answer, ask
from tests.integration.conftest import POSTGRES, Backend, any_backend

NOTE = Message(((Plain("오늘 세션"),),))
Seeded = tuple[Backend, InlineSqliteEngine, dict[str, int]]
TABLES = (
    "questions",
    "answers",
    "search_postings",
    "search_df",
    "search_stats",
    "outbox",
    "cards",
)


@pytest.fixture
async def seeded(
    tmp_path: Path,
) -> AsyncIterator[tuple[Backend, InlineSqliteEngine, dict[str, int]]]:
    """A SQLite database with two teams (one with days off), members, a question with two
    answers, one with none, and their index."""
    async with any_backend("sqlite", tmp_path) as backend:
        engine = backend.engine
        assert isinstance(engine, InlineSqliteEngine)
        yield backend, engine, await _seed(backend)


async def _seed(backend: Backend) -> dict[str, int]:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None and kim.id is not None
    async with backend.uow() as uow:
        off = a_team("B", "c-b", days_off=frozenset({T0.date(), (T0 + timedelta(days=1)).date()}))
        other = await uow.teams.add(off)
        assert other.id is not None
        lee = await uow.members.add(Member(other.id, "lee", "Lee", False, T0, is_mentor=True))
        question = await ask(uow, team, kim, "SVD 정렬된 값인가요 zero_grad()")
        await answer(uow, question, kim, "gradient 누적")
        await answer(uow, question, kim, "정렬된 singular value")
        await ask(uow, team, kim, "아직 답이 없는 질문")
        # what a week's digest reads besides: a note, a retro, the card's link, a rotation
        await uow.notes.add(Note(team.id, kim.id, DAY1, "메모 ## 1", T0))
        await uow.retros.add(Retro(team.id, kim.id, DAY1, RetroTemplate.FFF, {"fact": "f"}, T0, T0))
        card = await uow.cards.add(
            Card(team.id, card_line(1), "console", "c-a", "m1", T0, link="https://x/1")
        )
        await uow.rotations.set(Rotation(team.id, (kim.id,), Period.DAY, True, DAY1, T0))
        for key, minutes in (("due", 0), ("later", 90)):  # what the delivery loop claims
            due = T0 + timedelta(minutes=minutes)
            await uow.outbox.add(OutboxMessage(team.id, PostKind.SESSION, key, due, NOTE, T0))
        await uow.commit()
    assert question.id is not None and lee.id is not None and card.id is not None
    async with backend.uow() as uow:
        claimed = await uow.outbox.claim(T0, T0, 1)
    return {
        "outbox": claimed[0].id or 0,
        "team": team.id,
        "other": other.id,
        "kim": kim.id,
        "question": question.id,
        "card": card.id,
    }


def _cases(ids: Mapping[str, int], dialect: str = "sqlite") -> list[tuple[str, Any, Any]]:
    """(name, statement, parameters) covering every hot statement of `dialect` at least once
    (`statements.HOT`, `HOT_POSTGRES`)."""
    team, question, kim = ids["team"], ids["question"], ids["kim"]
    posting = {"team_id": team, "kind": "q", "question_id": question}
    return [
        (
            "caller",
            sql.TEAM_AND_CALLER,
            {"platform": "console", "channel_id": "c-a", "user_id": "u1"},
        ),
        (
            "caller, days off",
            sql.TEAM_AND_CALLER,
            {"platform": "console", "channel_id": "c-b", "user_id": "lee"},
        ),
        (
            "stranger",
            sql.TEAM_AND_CALLER,
            {"platform": "console", "channel_id": "c-b", "user_id": "x"},
        ),
        ("member", sql.MEMBER_BY_USER, {"team_id": ids["other"], "user_id": "lee"}),
        *(
            (f"members {removed}", statement, {"team_id": ids["other"]})
            for removed, statement in sql.MEMBERS_OF_TEAM.items()
        ),
        ("number", sql.NEXT_QUESTION_NUMBER, {"team_id": team}),
        ("question, answers", sql.QUESTION_WITH_ANSWERS, {"team_id": team, "number": 1}),
        ("question, none", sql.QUESTION_WITH_ANSWERS, {"team_id": team, "number": 2}),
        ("no question", sql.QUESTION_WITH_ANSWERS, {"team_id": team, "number": 9}),
        (
            "postings",
            sql.ANSWER_POSTINGS_IF_IN_TEAM,
            {"question_id": question, "team_id": team, "member_id": kim},
        ),
        (
            "not in team",
            sql.ANSWER_POSTINGS_IF_IN_TEAM,
            {"question_id": question, "team_id": ids["other"], "member_id": kim},
        ),
        (
            "insert question",
            sql.INSERT_QUESTION,
            {
                "team_id": team,
                "number": 3,
                "asker_id": kim,
                "text": "새 질문\u202e",
                "category": "lecture",
                "study_date": T0.date(),
                "asked_at": T0 + timedelta(hours=1),
                "status": "open",
                "flag": "none",
            },
        ),
        (
            "insert answer",
            sql.INSERT_ANSWER,
            {"question_id": question, "member_id": kim, "text": "네", "created_at": T0},
        ),
        (
            "state",
            sql.UPDATE_QUESTION_STATE,
            {
                "where_team_id": team,
                "where_number": 1,
                "status": "resolved",
                "flag": "none",
                "flagged_at": None,
                "resolved_at": T0 + timedelta(days=2),
                "accepted_answer_id": None,
                "claimed_user": None,
                "claimed_name": None,
                "claimed_at": None,
            },
        ),
        *((("lock", sql.LOCK_QUESTION, {"question_id": question}),) if dialect != "sqlite" else ()),
        ("delete postings", sql.DELETE_POSTINGS, posting),
        (
            "insert postings",
            sql.INSERT_POSTINGS,
            [{**posting, "term": t, "tf": 1, "length": 2} for t in ("새", "질문")],
        ),
        (
            "postings' length",
            sql.SET_POSTINGS_LENGTH,
            {"of_team": team, "of_kind": "q", "of_question": question, "new_length": 7},
        ),
        (
            "grow postings",
            sql.GROW_POSTINGS[dialect],
            [{**posting, "term": t, "tf": 2, "length": 7} for t in ("svd", "새로운")],
        ),
        ("df", sql.ADD_DF[dialect], [{"team_id": team, "kind": "q", "term": "svd", "df": -1}]),
        ("unused df", sql.DELETE_UNUSED_DF, {"team_id": team, "kind": "q"}),
        (
            "stats",
            sql.ADD_STATS[dialect],
            {"team_id": team, "kind": "q", "docs": 1, "total_length": 3},
        ),
        *(
            (
                f"parked {lanes}",
                statement,
                {"lane_team": team, "lane_channel": "c-a", "lane_platform": "console"},
            )
            for lanes, statement in sql.PARKED_HERE.items()
        ),
        ("cards", sql.CARDS_SHOWING, {"team_id": team, "shows": "question 1"}),
        ("team", sql.TEAM_BY_CHANNEL, {"platform": "console", "channel_id": "c-b"}),
        ("days off", sql.DAYS_OFF_OF_TEAM, {"team_id": ids["other"]}),
        ("insert outbox row", sql.INSERT_OUTBOX[dialect], _outbox_values(team, "1@a")),
        *(
            (f"claim at +{m}", sql.CLAIM_DUE, {"now": T0 + timedelta(minutes=m), "claim_limit": 5})
            for m in (-1, 30, 120)
        ),
        ("sent", sql.MARK_SENT, {"message_id": ids["outbox"], "at": T0}),
        ("sent, none such", sql.MARK_SENT, {"message_id": 10**6, "at": T0}),
        ("insert card", sql.INSERT_CARD[dialect], _card_values(team, "m2")),
        ("insert taken card", sql.INSERT_CARD[dialect], _card_values(team, "m1")),
        (
            "card",
            sql.CARD_BY_MESSAGE,
            {"platform": "console", "channel_id": "c-a", "message_ref": "m1"},
        ),
        (
            "card thread",
            sql.SET_CARD_THREAD,
            {"card_id": ids["card"], "thread_ref": "t1", "link": "https://example.com/m1"},
        ),
        *_week_cases(team),
    ]


def _week_cases(team: int) -> list[tuple[str, Any, Any]]:
    """A week's digest's reads: the question as one of the week's days and (a week later, with
    and without a cut-off for settling) as an older unresolved one."""
    week = {"team_id": team, "first": DAY1 - timedelta(days=7), "last": DAY1 + timedelta(days=6)}
    later = {"team_id": team, "first": DAY1 + timedelta(days=7), "last": DAY1 + timedelta(days=13)}
    cases: list[tuple[str, Any, Any]] = []
    for settles in (True, False):
        for when, days in (("this week", week), ("later", later)):
            given = {**days, "settled": T0 - timedelta(days=1)} if settles else days
            cases += [
                (f"week questions {when} {settles}", sql.WEEK_QUESTIONS[settles], given),
                (f"week answers {when} {settles}", sql.WEEK_ANSWERS[settles], given),
                (f"week links {when} {settles}", sql.WEEK_CARD_LINKS[settles], given),
            ]
    days = {"team_id": team, "first": DAY1, "last": DAY1 + timedelta(days=6)}
    return [
        *cases,
        *((f"notes {deleted}", q, days) for deleted, q in sql.NOTES_OF_DAYS.items()),
        ("retros", sql.RETROS_OF_DAYS, days),
        ("team by id", sql.TEAM_BY_ID, {"team_id": team}),
        ("rotation", sql.ROTATION_OF_TEAM, {"team_id": team}),
        ("rotation order", sql.ROTATION_ORDER, {"team_id": team}),
    ]


def _card_values(team: int, message: str) -> dict[str, Any]:
    return {
        "team_id": team,
        "shows": "question 1",
        "platform": "console",
        "channel_id": "c-a",
        "message_ref": message,
        "posted_at": T0 + timedelta(minutes=5),
        "thread_ref": None,
        "link": None,
        "capture_told": False,
    }


def _outbox_values(team: int, occurrence: str) -> dict[str, Any]:
    return {
        "team_id": team,
        "kind": "card",
        "occurrence": occurrence,
        "due_at": T0 + timedelta(minutes=1),
        "message": '{"lines": [], "actions": []}',
        "state": "pending",
        "attempts": 0,
        "created_at": T0,
        "attachment_name": None,
        "attachment_text": None,
        "edits": "m1",
        "channel_id": None,
        "thread_ref": None,
    }


def _shape(rows: Sequence[Any]) -> list[tuple[tuple[Any, type], ...]]:
    return [tuple((value, type(value)) for value in row) for row in rows]


async def test_every_hot_statement_gives_what_the_full_path_gives(seeded: Seeded) -> None:
    _, engine, ids = seeded
    fast = DriverCursor(sql.HOT)
    covered = set()
    for name, statement, parameters in _cases(ids):
        covered.add(id(statement))
        seen = []
        for way in ("fast", "full"):
            with engine.sync_engine.connect() as connection:
                connection.begin()
                if way == "fast":
                    raw = DriverCursor.driver_of(connection)
                    assert raw is not None
                    result: Any = fast.run(connection, raw, statement, parameters)
                    assert result is not None, f"{name}: took the full path"
                else:
                    result = connection.execute(statement, parameters)
                rows = result.all() if result.returns_rows else []
                keys = list(result.keys()) if result.returns_rows else []
                tables = {t: connection.execute(text(f"SELECT * FROM {t}")).all() for t in TABLES}
                # a rowcount is read after writes without RETURNING (the driver's for the
                # others varies with when it is read)
                count = None if result.returns_rows else result.rowcount
                seen.append((_shape(rows), count, tables, keys))
                connection.rollback()
        assert seen[0] == seen[1], name
    assert covered == {id(statement) for statement in sql.HOT}, "a hot statement untested"


def taken_question(ids: Mapping[str, int]) -> dict[str, Any]:
    """A question row whose number the seeded team has taken (question 1)."""
    return {
        "team_id": ids["team"],
        "number": 1,
        "asker_id": ids["kim"],
        "text": "again",
        "category": "general",
        "study_date": T0.date(),
        "asked_at": T0,
        "status": "open",
        "flag": "none",
    }


async def test_a_taken_key_is_the_same_integrity_error(seeded: Seeded) -> None:
    _, engine, ids = seeded
    taken = taken_question(ids)
    with engine.sync_engine.connect() as connection:
        connection.begin()
        raw = DriverCursor.driver_of(connection)
        assert raw is not None
        with pytest.raises(sa_exc.IntegrityError, match="UNIQUE"):
            DriverCursor(sql.HOT).run(connection, raw, sql.INSERT_QUESTION, taken)
        connection.rollback()


async def test_with_a_statement_listener_every_statement_takes_the_full_path(
    seeded: Seeded,
) -> None:
    backend, engine, _ = seeded
    seen: list[str] = []
    event.listen(engine.sync_engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    with engine.sync_engine.connect() as connection:
        assert DriverCursor.driver_of(connection) is None
    async with backend.uow() as uow:
        await uow.teams.get_with_caller("console", "c-a", "u1")
    assert any("FROM teams LEFT OUTER JOIN members" in statement for statement in seen)


READS = (
    "all",
    "fetchall",
    "first",
    "one",
    "one_or_none",
    "scalar",
    "scalar_one",
    "scalar_one_or_none",
    "scalars",
    "partitions",
    "iterate",
)


def _read(result: Any, how: str) -> Any:
    """One way the repositories read a result: its value, or the exception's type."""
    try:
        if how == "scalars":
            return list(result.scalars())
        if how == "partitions":
            return [list(part) for part in result.partitions(2)]
        if how == "iterate":
            return list(result)
        return getattr(result, how)()
    except sa_exc.SQLAlchemyError as error:
        return type(error)


@pytest.mark.parametrize("how", READS)
async def test_every_way_of_reading_rows_is_the_full_paths(seeded: Seeded, how: str) -> None:
    """No row, one row, several rows: each read gives the same rows, or raises the same
    exception (`one` of none, `one_or_none` of several ...), as SQLAlchemy's `Result`."""
    _, engine, ids = seeded
    cases = [
        ("none", sql.QUESTION_WITH_ANSWERS, {"team_id": ids["team"], "number": 99}),
        ("one", sql.TEAM_BY_ID, {"team_id": ids["team"]}),
        ("several", sql.QUESTION_WITH_ANSWERS, {"team_id": ids["team"], "number": 1}),
    ]
    fast = DriverCursor(sql.HOT)
    for name, statement, parameters in cases:
        seen = []
        with engine.sync_engine.connect() as connection:
            raw = DriverCursor.driver_of(connection)
            assert raw is not None
            seen.append(_read(fast.run(connection, raw, statement, parameters), how))
            seen.append(_read(connection.execute(statement, parameters), how))
        assert seen[0] == seen[1], f"{how} of {name}"


@pytest.mark.parametrize("kind", ["sqlite", POSTGRES])
async def test_a_hot_write_after_a_commit_is_in_the_next_transaction(
    kind: str, tmp_path: Path
) -> None:
    """A unit of work may commit and go on: a hot statement after the commit begins the next
    transaction, as SQLAlchemy's own path does, so its write is rolled back with it (not
    autocommitted on SQLite, not left in a transaction SQLAlchemy never commits on
    PostgreSQL) and committed with it."""
    async with any_backend(kind, tmp_path) as backend:
        team, kim = await add_team_with_member(backend.uow)
        for then, kept in (("rollback", False), ("commit", True)):
            async with backend.uow() as uow:
                await uow.commit()
                question = await ask(uow, team, kim, f"after a commit, then a {then}")
                await (uow.rollback() if then == "rollback" else uow.commit())
            async with backend.uow() as uow:
                assert team.id is not None
                found = await uow.questions.get(team.id, question.number)
                assert (found is not None) is kept, then
