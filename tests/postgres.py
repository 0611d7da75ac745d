"""The PostgreSQL test server: whether it is there, and a fresh schema per test.

PEERBOT_TEST_POSTGRES_URL names it (default: the local server). Where no server answers, tests
that need it skip naming the URL, or fail with PEERBOT_REQUIRE_POSTGRES=1 (as CI sets it).
"""

from __future__ import annotations

import functools
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from storage import safe_url
from storage.engine import create_sync_engine

POSTGRES_URL = os.environ.get(
    "PEERBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@functools.cache
def _postgres_problem() -> str | None:
    """Why the test server cannot be used, or None (checked once per run)."""
    engine = create_sync_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            return None
    except Exception as error:  # any failure means "no server here"
        return f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
    finally:
        engine.dispose()


def require_postgres() -> None:
    """Skip (or, with PEERBOT_REQUIRE_POSTGRES=1, fail) when the test server is unreachable."""
    problem = _postgres_problem()
    if problem is None:
        return
    message = f"PostgreSQL at {safe_url(POSTGRES_URL)} is unreachable ({problem})"
    if os.environ.get("PEERBOT_REQUIRE_POSTGRES") == "1":
        pytest.fail(message + " and PEERBOT_REQUIRE_POSTGRES=1")
    pytest.skip(message)


@contextmanager
def postgres_schema() -> Iterator[dict[str, Any]]:
    """A fresh schema, as connect_args that put it first on the search_path; dropped after."""
    require_postgres()
    name = f"t_{secrets.token_hex(6)}"
    admin = create_sync_engine(POSTGRES_URL)
    try:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'CREATE SCHEMA "{name}"')
        yield {"options": f"-csearch_path={name}", "application_name": name}
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        admin.dispose()


def copy_schema(source: str, connect_args: dict[str, Any]) -> None:
    """Copy every row of schema `source` into the schema of `connect_args` (from
    `postgres_schema`), which must be migrated to the same revision; then set each of its
    sequences where `source`'s is, so the copy numbers on as the original would."""
    from storage import upgrade
    from storage.tables import metadata

    upgrade(POSTGRES_URL, connect_args=connect_args)
    target = connect_args["application_name"]
    engine = create_sync_engine(POSTGRES_URL)
    try:
        with engine.begin() as connection:
            for table in metadata.sorted_tables:  # parents before children
                connection.exec_driver_sql(
                    f'INSERT INTO "{target}"."{table.name}" SELECT * FROM "{source}"."{table.name}"'
                )
            sequences = connection.exec_driver_sql(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE n.nspname = %(schema)s AND c.relkind = 'S'",
                {"schema": source},
            ).scalars()
            for name in list(sequences):
                last, called = connection.exec_driver_sql(
                    f'SELECT last_value, is_called FROM "{source}"."{name}"'
                ).one()
                connection.exec_driver_sql(
                    "SELECT setval(%(name)s, %(last)s, %(called)s)",
                    {"name": f'"{target}"."{name}"', "last": last, "called": called},
                )
    finally:
        engine.dispose()


async def assert_no_unit_of_work(url: str) -> None:
    """Beginning a unit of work on `url` (a server that refuses it) is `TryAgainLater`."""
    from bot.errors import TryAgainLater
    from storage import SqlUnitOfWork, create_engine

    engine = create_engine(url)
    try:
        with pytest.raises(TryAgainLater):
            async with SqlUnitOfWork(engine):
                pass
    finally:
        await engine.dispose()
