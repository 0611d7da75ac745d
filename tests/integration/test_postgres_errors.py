"""PostgreSQL's errors in the core's terms, the same on asyncpg (the bot) as on psycopg (Alembic
and the sync tools): outages are `TryAgainLater`, a taken unique key is `Conflict`, bugs stay
errors. Each SQLSTATE is raised by the real server (`RAISE ... USING ERRCODE`)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bot.errors import Conflict, TryAgainLater
from storage import create_engine
from storage.engine import create_sync_engine
from storage.errors import translate_errors
from tests.postgres import POSTGRES_URL, assert_no_unit_of_work, postgres_schema

pytestmark = pytest.mark.postgres

OUTCOMES = {
    "23505": Conflict,  # unique_violation
    "40001": TryAgainLater,  # serialization_failure
    "40P01": TryAgainLater,  # deadlock_detected
    "57014": TryAgainLater,  # query_canceled (a statement timeout)
    "57P01": TryAgainLater,  # admin_shutdown
    "53300": TryAgainLater,  # too_many_connections
    "55P03": TryAgainLater,  # lock_not_available
    "08006": TryAgainLater,  # connection_failure
    "23503": DBAPIError,  # foreign_key_violation: a bug, not a conflict
    "42601": DBAPIError,  # syntax_error
    "22012": DBAPIError,  # division_by_zero
    "XX000": DBAPIError,  # internal_error
}


def _raising(sqlstate: str) -> str:
    return f"DO $$ BEGIN RAISE EXCEPTION 'raised' USING ERRCODE = '{sqlstate}'; END $$"


@pytest.mark.parametrize("sqlstate", list(OUTCOMES))
async def test_asyncpg_and_psycopg_errors_mean_the_same(sqlstate: str) -> None:
    expected = OUTCOMES[sqlstate]
    with postgres_schema() as connect_args:
        engine = create_engine(POSTGRES_URL, connect_args=connect_args)
        try:
            async with engine.connect() as connection:
                with pytest.raises(expected) as on_asyncpg, translate_errors():
                    await connection.execute(text(_raising(sqlstate)))
        finally:
            await engine.dispose()

        def on_psycopg() -> type[BaseException]:
            sync = create_sync_engine(POSTGRES_URL, connect_args=connect_args)
            try:
                with sync.connect() as connection, translate_errors():
                    connection.execute(text(_raising(sqlstate)))
            except Exception as error:
                return type(error)
            finally:
                sync.dispose()
            raise AssertionError("nothing raised")

        psycopg_error = await asyncio.to_thread(on_psycopg)
    assert issubclass(psycopg_error, expected)
    if expected is DBAPIError:  # left as it is, the driver's error inside
        assert on_asyncpg.value.orig is not None


async def test_a_taken_unique_key_names_its_constraint_on_asyncpg() -> None:
    with postgres_schema() as connect_args:
        engine = create_engine(POSTGRES_URL, connect_args=connect_args)
        try:
            async with engine.connect() as connection:
                await connection.execute(text("CREATE TABLE t (k int CONSTRAINT t_k UNIQUE)"))
                await connection.execute(text("INSERT INTO t VALUES (1)"))
                with pytest.raises(Conflict, match=r"^t_k$"), translate_errors():
                    await connection.execute(text("INSERT INTO t VALUES (1)"))
        finally:
            await engine.dispose()


async def test_a_database_that_refuses_the_connection_means_try_again_later() -> None:
    """asyncpg's errors while connecting reach us unwrapped by SQLAlchemy (a missing database,
    a refused login, too many connections): psycopg raised them as OperationalError."""
    await assert_no_unit_of_work(POSTGRES_URL.rsplit("/", 1)[0] + "/no_such_database_here")
