"""Backends for the storage contract suite: the fake, SQLite in tmp_path, and PostgreSQL.

PostgreSQL comes from PEERBOT_TEST_POSTGRES_URL; each test gets its own schema, dropped after.
Where no server answers, PostgreSQL tests skip naming the URL, or fail with
PEERBOT_REQUIRE_POSTGRES=1 (as CI sets it).
"""

from __future__ import annotations

import functools
import os
import secrets
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.ports import UnitOfWorkFactory
from storage import SqlUnitOfWorkFactory, create_engine, safe_url, upgrade_async
from storage.engine import create_sync_engine
from tests.fakes import FakeUnitOfWorkFactory

POSTGRES_URL = os.environ.get(
    "PEERBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@dataclass
class Backend:
    """One storage under test: a unit-of-work factory, plus the engine for the SQL ones."""

    kind: str
    uow: UnitOfWorkFactory
    url: str = ""
    connect_args: dict[str, Any] = field(default_factory=dict)
    engine: AsyncEngine | None = None


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


def sqlite_url(directory: Path) -> str:
    return f"sqlite:///{directory / 'peerbot.db'}"


@asynccontextmanager
async def sql_backend(kind: str, directory: Path) -> AsyncIterator[Backend]:
    """A migrated SQLite file or PostgreSQL schema, with its engine disposed after."""
    if kind == "sqlite":
        url, connect_args = sqlite_url(directory), dict[str, Any]()
        await upgrade_async(url)
        engine = create_engine(url)
        try:
            yield Backend(kind, SqlUnitOfWorkFactory(engine), url, connect_args, engine)
        finally:
            await engine.dispose()
        return
    with postgres_schema() as connect_args:
        await upgrade_async(POSTGRES_URL, connect_args=connect_args)
        engine = create_engine(POSTGRES_URL, connect_args=connect_args)
        try:
            yield Backend(kind, SqlUnitOfWorkFactory(engine), POSTGRES_URL, connect_args, engine)
        finally:
            await engine.dispose()


@asynccontextmanager
async def any_backend(kind: str, directory: Path) -> AsyncIterator[Backend]:
    """The fake, or a migrated SQL database."""
    if kind == "fake":
        yield Backend("fake", FakeUnitOfWorkFactory())
        return
    async with sql_backend(kind, directory) as backend:
        yield backend


POSTGRES = pytest.param("postgres", marks=pytest.mark.postgres)


@pytest.fixture(params=["fake", "sqlite", POSTGRES])
async def backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    """Each storage that implements the `bot.ports` contracts."""
    async with any_backend(request.param, tmp_path) as backend:
        yield backend


@pytest.fixture(params=["sqlite", POSTGRES])
async def sql(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    """The real databases only."""
    async with any_backend(request.param, tmp_path) as backend:
        yield backend


@pytest.fixture(params=["fake", "sqlite"])
async def serializing(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    """The storages that run one unit of work at a time (PostgreSQL runs them side by side)."""
    async with any_backend(request.param, tmp_path) as backend:
        yield backend
