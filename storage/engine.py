"""Engines for SQLite (run inline) and PostgreSQL, set up for short bot transactions.

SQLite gets WAL, a busy timeout, foreign keys and `BEGIN IMMEDIATE` for every transaction, so
concurrent writers queue on the busy timeout instead of failing halfway with "database is locked".

PostgreSQL: the bot runs on asyncpg (SQLAlchemy's `postgresql+asyncpg` dialect; its client costs
a fraction of psycopg's CPU per statement), Alembic and the sync tools on psycopg 3. Either way
the URL's query and `connect_args` are libpq's parameters (`options`, `sslmode`,
`connect_timeout`, ...), translated here for asyncpg.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import sqlalchemy
from sqlalchemy import URL, Engine
from sqlalchemy import exc as sa_exc
from sqlalchemy import make_url as _sa_make_url
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg
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
    """The URL with the bot's driver: SQLite's standard one, `postgresql+asyncpg` for PostgreSQL.

    `sqlite+aiosqlite:` (the spelling of earlier versions) still works and means `sqlite:`;
    `postgres:`, `postgresql:` and `postgresql+psycopg:` mean `postgresql+asyncpg:`. The query
    is kept as given (libpq's parameters; `create_engine` translates them).
    """
    parsed = make_url(url)
    backend = parsed.drivername.split("+", 1)[0]
    if backend == "sqlite":
        parsed = parsed.set(drivername="sqlite")
    elif backend in _POSTGRES_SCHEMES:
        parsed = parsed.set(drivername="postgresql+asyncpg")
    else:
        raise UnsupportedDatabaseUrl(
            f"DATABASE_URL {parsed.drivername}:// is not supported (peerbot runs on SQLite and "
            f"PostgreSQL); {_WHICH_URLS}"
        )
    return parsed.render_as_string(hide_password=False)


def sync_url(url: str) -> str:
    """The URL Alembic uses: plain `sqlite:` (pysqlite) or `postgresql+psycopg:`.

    asyncpg's own query parameters, for a URL written for it, are given libpq's names (`ssl`
    is `sslmode`, `timeout` `connect_timeout`) or left out (`command_timeout`, the statement
    caches), which psycopg would refuse.
    """
    parsed = make_url(normalize_url(url))
    if parsed.get_backend_name() == "sqlite":
        return parsed.set(drivername="sqlite").render_as_string(hide_password=False)
    query = {
        _LIBPQ_NAMES.get(key, key): value
        for key, value in parsed.query.items()
        if key not in _ASYNCPG_ONLY
    }
    parsed = parsed.set(drivername="postgresql+psycopg", query=query)
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

    PostgreSQL gets an async engine on asyncpg; SQLite an `InlineSqliteEngine`, whose
    `busy_timeout_ms` bounds how long a unit of work waits for another process's write lock.
    `connect_args` go to the driver; for PostgreSQL they are libpq's, as psycopg takes them
    (`{"options": "-csearch_path=s1"}`), and asyncpg's own names work too (`server_settings`).

    No pre-ping on checkout: `begin()` sends BEGIN at once (`_EagerBeginAsyncpgDialect`), so a
    connection that died in the pool fails there, and the unit of work retries once on a fresh
    one (`storage.unit_of_work._begin`).
    """
    parsed = make_url(normalize_url(url))
    log.info("database: %s", safe_url(parsed))
    if parsed.get_backend_name() == "sqlite":
        _make_sqlite_parent_dir(parsed)
        return InlineSqliteEngine(
            parsed.set(drivername="sqlite"), busy_timeout_ms, dict(connect_args or {})
        )
    parsed, asyncpg_args = _asyncpg_connect_args(parsed, connect_args)
    return create_async_engine(
        parsed.set(drivername=f"postgresql+{_EAGER_BEGIN_DRIVER}"),
        pool_pre_ping=False,
        pool_size=POSTGRES_POOL_SIZE,
        max_overflow=0,
        connect_args=asyncpg_args,
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
    """psycopg's: libpq's parameters as given, with the connect timeout."""
    return {"connect_timeout": POSTGRES_CONNECT_TIMEOUT_S, **(connect_args or {})}


# asyncpg.connect's own keywords (and those of SQLAlchemy's adapter), passed on as they are.
_ASYNCPG_KEYWORDS = {
    "passfile",
    "timeout",
    "statement_cache_size",
    "max_cached_statement_lifetime",
    "max_cacheable_statement_size",
    "command_timeout",
    "ssl",
    "direct_tls",
    "connection_class",
    "record_class",
    "server_settings",
    "target_session_attrs",
    "krbsrvname",
    "gsslib",
    "prepared_statement_cache_size",
    "prepared_statement_name_func",
}
# asyncpg's spellings that libpq knows by another name, and those it does not know at all.
_LIBPQ_NAMES = {"ssl": "sslmode", "timeout": "connect_timeout"}
_ASYNCPG_ONLY = (
    _ASYNCPG_KEYWORDS
    - set(_LIBPQ_NAMES)
    - {
        "passfile",
        "target_session_attrs",
        "krbsrvname",
        "gsslib",
    }
)
_FLOATS = {"timeout", "command_timeout"}
_INTS = {
    "statement_cache_size",
    "max_cached_statement_lifetime",
    "max_cacheable_statement_size",
    "prepared_statement_cache_size",
}
# libpq's parameters that PostgreSQL takes in the startup message, as asyncpg's server settings.
_STARTUP_SETTINGS = {"options", "application_name"}
# Kept in the URL: SQLAlchemy's dialect reads them (several hosts, `?host=a:5432,b:5432`).
_URL_KEYS = {"host", "port"}


def _asyncpg_connect_args(
    url: URL, connect_args: Mapping[str, Any] | None
) -> tuple[URL, dict[str, Any]]:
    """The URL and asyncpg's keywords for libpq's parameters (the URL's query, `connect_args`).

    asyncpg has no `options` or `connect_timeout`: `options` (`-csearch_path=s1`, any `-c`) and
    `application_name` go in the startup message as libpq sends them (`server_settings`), the
    connect timeout is `timeout`. The rest of libpq's (`sslmode`, `sslrootcert`,
    `target_session_attrs`, ...) go in a DSN, which asyncpg reads the way libpq does.
    """
    given: dict[str, Any] = {
        key: value[-1] if isinstance(value, tuple) else value
        for key, value in url.query.items()
        if key not in _URL_KEYS
    }
    given.update(connect_args or {})
    args: dict[str, Any] = {"timeout": float(POSTGRES_CONNECT_TIMEOUT_S)}
    settings: dict[str, str] = {}
    libpq: dict[str, str] = {}
    for key, value in given.items():
        if key == "connect_timeout":
            args["timeout"] = float(value)
        elif key in _STARTUP_SETTINGS:
            settings[key] = str(value)
        elif key in _FLOATS:
            args[key] = float(value)
        elif key in _INTS:
            args[key] = int(value)
        elif key in _ASYNCPG_KEYWORDS:
            args[key] = value
        else:
            libpq[key] = str(value)
    if settings:
        args["server_settings"] = {**settings, **args.get("server_settings", {})}
    if libpq:
        args["dsn"] = "postgresql://?" + urlencode(libpq)
    kept = {key: value for key, value in url.query.items() if key in _URL_KEYS}
    return url.set(query=kept), args


class _EagerBeginAsyncpgDialect(PGDialect_asyncpg):
    """SQLAlchemy's asyncpg dialect, sending BEGIN in `begin()` rather than before the first
    statement: the same round trip, made where a connection that died idle in the pool (a server
    restart, an idle kill) can still be swapped for a fresh one without losing any work."""

    supports_statement_cache = True

    def do_begin(self, dbapi_connection: Any) -> None:
        if not dbapi_connection._started:
            dbapi_connection.await_(dbapi_connection._start_transaction())


_EAGER_BEGIN_DRIVER = "peerbot_asyncpg"
registry.register(f"postgresql.{_EAGER_BEGIN_DRIVER}", __name__, "_EagerBeginAsyncpgDialect")
