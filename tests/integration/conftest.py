"""Backends for the storage contract suite: the fake, SQLite in tmp_path, and PostgreSQL.

PostgreSQL comes from PEERBOT_TEST_POSTGRES_URL; each test gets its own schema, dropped after.
Where no server answers, PostgreSQL tests skip naming the URL, or fail with
PEERBOT_REQUIRE_POSTGRES=1 (as CI sets it).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.ports import UnitOfWorkFactory
from storage import SqlUnitOfWorkFactory, create_engine, upgrade_async
from tests.fakes import FakeUnitOfWorkFactory
from tests.postgres import POSTGRES_URL, postgres_schema


@dataclass
class Backend:
    """One storage under test: a unit-of-work factory, plus the engine for the SQL ones."""

    kind: str
    uow: UnitOfWorkFactory
    url: str = ""
    connect_args: dict[str, Any] = field(default_factory=dict)
    engine: AsyncEngine | None = None


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
