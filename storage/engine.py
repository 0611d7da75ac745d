"""Engines for SQLite (run inline) and PostgreSQL (psycopg 3), set up for short bot transactions.

SQLite gets WAL, a busy timeout, foreign keys and `BEGIN IMMEDIATE` for every transaction, so
concurrent writers queue on the busy timeout instead of failing halfway with "database is locked".
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import sqlalchemy
from sqlalchemy import URL, Engine
from sqlalchemy import exc as sa_exc
from sqlalchemy import make_url as _sa_make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from bot.errors import DatabaseUnusable
from storage.inline_sqlite import InlineSqliteEngine
from storage.sqlite_hooks import SQLITE_BUSY_TIMEOUT_MS, install_sqlite_hooks

log = logging.getLogger(__name__)

POSTGRES_CONNECT_TIMEOUT_S = 10
# Connections per process; units of work beyond this wait in FIFO order (storage.unit_of_work).
POSTGRES_POOL_SIZE = 20

_POSTGRES_SCHEMES = {"postgres", "postgresql"}
_WHICH_URLS = (
    "use sqlite:///path/to/peerbot.db (the default) or postgresql://user:password@host:5432/dbname"
)


class UnsupportedDatabaseUrl(DatabaseUnusable, ValueError):
    """DATABASE_URL names a database peerbot does not run on, or is not a URL at all."""


def make_url(url: str | URL) -> URL:
    """SQLAlchemy's `make_url`, refusing a malformed URL with a sentence saying which work."""
    try:
        return _sa_make_url(url)
    except sa_exc.ArgumentError:
        raise UnsupportedDatabaseUrl(f"DATABASE_URL is not a database URL; {_WHICH_URLS}") from None


def normalize_url(url: str) -> str:
    """The URL with its driver: SQLite's standard one, `postgresql+psycopg` for PostgreSQL.

    `sqlite+aiosqlite:` (the spelling of earlier versions) still works and means `sqlite:`.
    """
    parsed = make_url(url)
    backend = parsed.drivername.split("+", 1)[0]
    if backend == "sqlite":
        parsed = parsed.set(drivername="sqlite")
    elif backend in _POSTGRES_SCHEMES:
        parsed = parsed.set(drivername="postgresql+psycopg")
    else:
        raise UnsupportedDatabaseUrl(
            f"DATABASE_URL {parsed.drivername}:// is not supported (peerbot runs on SQLite and "
            f"PostgreSQL); {_WHICH_URLS}"
        )
    return parsed.render_as_string(hide_password=False)


def sync_url(url: str) -> str:
    """The URL Alembic uses: plain `sqlite:` (pysqlite) or `postgresql+psycopg:`."""
    parsed = make_url(normalize_url(url))
    if parsed.get_backend_name() == "sqlite":
        parsed = parsed.set(drivername="sqlite")
    return parsed.render_as_string(hide_password=False)


def safe_url(url: str | URL) -> str:
    """The URL with its password masked, for logs and messages."""
    return make_url(url).render_as_string(hide_password=True)


def describe(url: str) -> str:
    """What the operator knows the database as: a SQLite file's path, or the masked URL."""
    parsed = make_url(normalize_url(url))
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite":
        return safe_url(parsed)
    if database.startswith("file:"):  # a URI filename: file:/path?mode=ro
        database = database.removeprefix("file:").split("?", 1)[0]
    return str(Path(database).resolve()) if database and database != ":memory:" else database


AnyEngine = AsyncEngine | InlineSqliteEngine


def create_engine(
    url: str,
    *,
    busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS,
    connect_args: Mapping[str, Any] | None = None,
) -> AnyEngine:
    """The engine for `url` (any spelling `normalize_url` accepts).

    PostgreSQL gets an async engine (psycopg 3); SQLite an `InlineSqliteEngine`, whose
    `busy_timeout_ms` bounds how long a unit of work waits for another process's write lock.
    `connect_args` go to the driver, e.g. `{"options": "-csearch_path=s1"}` for PostgreSQL.
    """
    parsed = make_url(normalize_url(url))
    log.info("database: %s", safe_url(parsed))
    if parsed.get_backend_name() == "sqlite":
        _make_sqlite_parent_dir(parsed)
        return InlineSqliteEngine(
            parsed.set(drivername="sqlite"), busy_timeout_ms, dict(connect_args or {})
        )
    return create_async_engine(
        parsed,
        pool_pre_ping=True,
        pool_size=POSTGRES_POOL_SIZE,
        max_overflow=0,
        connect_args=_postgres_connect_args(connect_args),
    )


def create_sync_engine(
    url: str,
    *,
    busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS,
    connect_args: Mapping[str, Any] | None = None,
    foreign_keys: bool = True,
) -> Engine:
    """A pool-less sync engine (for migrations): the async one's settings, foreign keys aside."""
    parsed = make_url(sync_url(url))
    if parsed.get_backend_name() == "sqlite":
        _make_sqlite_parent_dir(parsed)
        engine = sqlalchemy.create_engine(
            parsed, poolclass=NullPool, connect_args=dict(connect_args or {})
        )
        install_sqlite_hooks(engine, busy_timeout_ms, foreign_keys=foreign_keys)
        return engine
    return sqlalchemy.create_engine(
        parsed, poolclass=NullPool, connect_args=_postgres_connect_args(connect_args)
    )


def _make_sqlite_parent_dir(url: URL) -> None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    Path(database).parent.mkdir(parents=True, exist_ok=True)


def _postgres_connect_args(connect_args: Mapping[str, Any] | None) -> dict[str, Any]:
    return {"connect_timeout": POSTGRES_CONNECT_TIMEOUT_S, **(connect_args or {})}
