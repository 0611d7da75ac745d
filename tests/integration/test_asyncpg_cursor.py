"""The hot statements straight on asyncpg (`storage.asyncpg_cursor`) give what SQLAlchemy's
full path gives on PostgreSQL: the same rows with the same Python types, the same rowcounts,
the same tables after a write, the same exceptions (a taken key, a lost connection); and with
a statement listener they take the full path."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.errors import Conflict, TryAgainLater
from storage import statements as sql
from storage.asyncpg_cursor import PostgresConnection
from storage.driver_cursor import DriverResult
from storage.errors import postgres_sqlstate, translate_errors
from tests.integration.conftest import Backend, any_backend
from tests.integration.test_driver_cursor import (
    READS,
    TABLES,
    _cases,
    _read,
    _seed,
    _shape,
    taken_question,
)

pytestmark = pytest.mark.postgres

SERIAL = ("questions", "answers", "outbox", "cards")


@pytest.fixture
async def seeded(tmp_path: Path) -> AsyncIterator[tuple[Backend, AsyncEngine, dict[str, int]]]:
    async with any_backend("postgres", tmp_path) as backend:
        assert isinstance(backend.engine, AsyncEngine)
        yield backend, backend.engine, await _seed(backend)


async def _tables(connection: AsyncConnection) -> dict[str, list[Any]]:
    found = {}
    for table in TABLES:
        rows = (await connection.execute(text(f"SELECT * FROM {table}"))).all()
        found[table] = sorted(map(tuple, rows), key=repr)
    return found


async def _same_ids_next(connection: AsyncConnection) -> None:
    """Sequences do not roll back: each way's inserts start from the same next id."""
    for table in SERIAL:
        await connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)"
            )
        )


async def test_every_hot_statement_gives_what_the_full_path_gives(seeded: Any) -> None:
    _, engine, ids = seeded
    covered = set()
    for name, statement, parameters in _cases(ids, "postgresql"):
        covered.add(id(statement))
        seen = []
        for way in ("fast", "full"):
            async with engine.connect() as connection:
                await connection.begin()
                await _same_ids_next(connection)
                if way == "fast":
                    result: Any = await (await PostgresConnection.of(connection)).execute(
                        statement, parameters
                    )
                    assert isinstance(result, DriverResult), f"{name}: took the full path"
                else:
                    result = await connection.execute(statement, parameters)
                rows = result.all() if result.returns_rows else []
                keys = list(result.keys()) if result.returns_rows else []
                count = None if result.returns_rows else result.rowcount
                seen.append((_shape(rows), count, await _tables(connection), keys))
                await connection.rollback()
        assert seen[0] == seen[1], name
    assert covered == {id(statement) for statement in sql.HOT_POSTGRES}, "a hot one untested"


@pytest.mark.parametrize("how", READS)
async def test_every_way_of_reading_rows_is_the_full_paths(seeded: Any, how: str) -> None:
    _, engine, ids = seeded
    cases = [
        ("none", sql.QUESTION_WITH_ANSWERS, {"team_id": ids["team"], "number": 99}),
        ("one", sql.TEAM_BY_ID, {"team_id": ids["team"]}),
        ("several", sql.QUESTION_WITH_ANSWERS, {"team_id": ids["team"], "number": 1}),
    ]
    for name, statement, parameters in cases:
        async with engine.connect() as connection:
            await connection.begin()
            fast = await (await PostgresConnection.of(connection)).execute(statement, parameters)
            full = await connection.execute(statement, parameters)
            assert _read(fast, how) == _read(full, how), f"{how} of {name}"


async def test_a_taken_key_is_the_same_integrity_error_and_a_conflict(seeded: Any) -> None:
    _, engine, ids = seeded
    taken = taken_question(ids)
    async with engine.connect() as connection:
        await connection.begin()
        wrapped = await PostgresConnection.of(connection)
        with pytest.raises(sa_exc.IntegrityError) as raised:
            await wrapped.execute(sql.INSERT_QUESTION, taken)
        assert postgres_sqlstate(raised.value.orig) == "23505"
        await connection.rollback()
        await connection.begin()
        wrapped = await PostgresConnection.of(connection)
        with pytest.raises(Conflict), translate_errors():
            await wrapped.execute(sql.INSERT_QUESTION, taken)


async def test_a_lost_connection_is_try_again_and_the_next_unit_of_work_runs(
    seeded: Any,
) -> None:
    """The server ends the session under a unit of work: its next hot statement is an outage
    (`TryAgainLater`), and the next unit of work runs (on a fresh connection)."""
    backend, engine, ids = seeded
    async with engine.connect() as connection:
        await connection.begin()
        wrapped = await PostgresConnection.of(connection)
        pid = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        async with engine.connect() as other:
            await other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            gone = text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid")
            while (await other.execute(gone, {"pid": pid})).scalar_one():
                await asyncio.sleep(0.01)
        with pytest.raises(TryAgainLater), translate_errors():
            await wrapped.execute(sql.TEAM_BY_ID, {"team_id": ids["team"]})
    async with backend.uow() as uow:
        team = await uow.teams.get_by_channel("console", "c-A")
        assert team is not None and team.id == ids["team"]


async def test_with_a_statement_listener_every_statement_takes_the_full_path(
    seeded: Any,
) -> None:
    _, engine, ids = seeded
    seen: list[str] = []
    event.listen(engine.sync_engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    async with engine.connect() as connection:
        await connection.begin()
        wrapped = await PostgresConnection.of(connection)
        result = await wrapped.execute(sql.TEAM_BY_ID, {"team_id": ids["team"]})
        assert not isinstance(result, DriverResult)
    assert any("FROM teams" in statement for statement in seen)
