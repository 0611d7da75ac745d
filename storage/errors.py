"""Database failures in the core's terms: `TryAgainLater` for outages, `Conflict` for taken keys."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Literal

import asyncpg
from sqlalchemy import exc as sa_exc

from bot.errors import Conflict, DatabaseUnusable, TryAgainLater

_SQLITE_TRANSIENT_CODES = {
    sqlite3.SQLITE_BUSY,
    sqlite3.SQLITE_LOCKED,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_PROTOCOL,
}
_SQLITE_UNIQUE_CODES = {sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY}
_POSTGRES_UNIQUE_VIOLATION = "23505"
# The SQLSTATE classes psycopg raises as OperationalError (`psycopg.errors._base_exc_map`), every
# one of which this module took for an outage when the bot ran on psycopg; asyncpg's errors are
# classed by the same codes. Among them: 08 connection exception, 40 transaction rollback
# (serialization failure, deadlock), 53 insufficient resources (too many connections), 55 object
# not in prerequisite state (lock not available), 57 operator intervention (admin shutdown,
# query canceled: a statement timeout).
_POSTGRES_OUTAGE_CLASSES = (
    "08", "27", "28", "2F", "38", "39", "3B", "40", "53", "54", "55", "57", "58", "F", "H",
)  # fmt: skip


def is_unavailable(error: BaseException) -> bool:
    """True for an unreachable or busy database; False for bugs and constraint violations.

    On SQLite only lock and I/O errors count: "no such table" is an OperationalError too, and
    telling users to try again would hide a missing migration.
    """
    if isinstance(error, sa_exc.IntegrityError):
        return False
    if isinstance(error, sa_exc.DBAPIError):
        if error.connection_invalidated:
            return True
        if isinstance(error.orig, sqlite3.Error):
            if not isinstance(error, sa_exc.OperationalError):
                return False
            code = getattr(error.orig, "sqlite_errorcode", None)
            return code is None or (code & 0xFF) in _SQLITE_TRANSIENT_CODES
        sqlstate = postgres_sqlstate(error.orig)
        if sqlstate is not None:
            return sqlstate.startswith(_POSTGRES_OUTAGE_CLASSES)
        # No SQLSTATE: psycopg's failed connections and lost ones are OperationalErrors.
        return isinstance(error, sa_exc.OperationalError)
    if isinstance(error, asyncpg.PostgresError | asyncpg.InterfaceError):
        # SQLAlchemy wraps asyncpg's errors in statements, not in connecting: one that reaches
        # here unwrapped is a failed connection (refused login, missing database, too many
        # connections), which psycopg raised as OperationalError.
        return True
    # sqlalchemy's own TimeoutError is the pool's; the builtin one is an OSError (asyncpg's
    # connect timeout too).
    return isinstance(error, sa_exc.TimeoutError | OSError)


def postgres_sqlstate(orig: BaseException | None) -> str | None:
    """The SQLSTATE of a PostgreSQL driver error: psycopg's carry it as `sqlstate`, and so do
    SQLAlchemy's adapted asyncpg errors (copied from the asyncpg error, their `__cause__`)."""
    code = getattr(orig, "sqlstate", None)
    if not code and orig is not None:
        code = getattr(orig.__cause__, "sqlstate", None)
    return code if isinstance(code, str) and code else None


def is_unique_violation(error: BaseException) -> bool:
    """True when a unique key or primary key was already taken (not for other constraints)."""
    if not isinstance(error, sa_exc.IntegrityError):
        return False
    orig = error.orig
    if isinstance(orig, sqlite3.Error):
        code = getattr(orig, "sqlite_errorcode", None)
        if code is None:
            return "UNIQUE constraint failed" in str(orig)
        return code in _SQLITE_UNIQUE_CODES
    return postgres_sqlstate(orig) == _POSTGRES_UNIQUE_VIOLATION


class translate_errors:
    """Re-raise outages as `TryAgainLater` and taken unique keys as `Conflict` (cause chained).

    Other integrity errors (foreign keys, NOT NULL) are bugs and propagate unchanged. A class,
    not a generator: it wraps every statement, and entering a generator-based context manager
    cost more than a hot statement on the driver's cursor."""

    __slots__ = ()

    def __enter__(self) -> None:
        return None

    def __exit__(
        self,
        _type: type[BaseException] | None,
        error: BaseException | None,
        _traceback: TracebackType | None,
    ) -> Literal[False]:
        if error is None or not isinstance(error, Exception):
            return False
        if is_unavailable(error):
            raise TryAgainLater(type(error).__name__) from error
        if is_unique_violation(error):
            raise Conflict(_constraint_of(error)) from error
        return False


@contextmanager
def startup_errors(where: str) -> Iterator[None]:
    """Re-raise a database that cannot be written (read-only, full, unopenable) as
    `DatabaseUnusable`, naming `where` (a file path or a safe URL) and what the operator can do."""
    try:
        yield
    except sa_exc.OperationalError as error:
        sentence = _startup_sentence(error, where)
        if sentence is None:
            raise
        raise DatabaseUnusable(sentence) from error


def _startup_sentence(error: sa_exc.OperationalError, where: str) -> str | None:
    code = getattr(error.orig, "sqlite_errorcode", None)
    if not isinstance(error.orig, sqlite3.Error) or code is None:
        return None
    if code & 0xFF == sqlite3.SQLITE_READONLY:
        return (
            f"the database file {where} is read-only; check the permissions of the file and of "
            "its directory (the bot writes there), or point DATABASE_URL at a writable file"
        )
    if code & 0xFF == sqlite3.SQLITE_FULL:
        return (
            f"the database {where} is full (no space left); free space on the disk holding it, "
            "then start again"
        )
    if code & 0xFF == sqlite3.SQLITE_IOERR:
        return _io_error_sentence(error, where)
    if code & 0xFF == sqlite3.SQLITE_CANTOPEN:
        return (
            f"cannot open the database file {where}; check that its directory exists and is "
            "writable, or point DATABASE_URL elsewhere"
        )
    return None


LOW_DISK_BYTES = 1 << 20
"""Free space below which a SQLite I/O error at start-up is taken for a full disk."""


def _io_error_sentence(error: sa_exc.OperationalError, where: str) -> str:
    """A full disk shows as an I/O error when SQLite cannot grow its -shm or -wal file."""
    name = getattr(error.orig, "sqlite_errorname", "SQLITE_IOERR")
    try:
        free = shutil.disk_usage(Path(where).parent).free
    except OSError:
        free = None
    if free is not None and free < LOW_DISK_BYTES:
        return (
            f"the disk holding the database file {where} is full ({free // 1024} KiB free, "
            f"{name}); free space on it, then start again"
        )
    return (
        f"writing the database file {where} failed ({name}, a disk I/O error); check free "
        "space on the disk holding it and that the disk works"
    )


def _constraint_of(error: BaseException) -> str:
    """The violated constraint (for logs; no user data): a PostgreSQL name or SQLite's text."""
    orig = getattr(error, "orig", None)
    if isinstance(orig, sqlite3.Error):
        return str(orig)  # "UNIQUE constraint failed: teams.name"
    name = getattr(getattr(orig, "diag", None), "constraint_name", None)  # psycopg
    if name is None and orig is not None:
        name = getattr(orig.__cause__, "constraint_name", None)  # asyncpg, under SQLAlchemy's
    return str(name or type(error).__name__)
