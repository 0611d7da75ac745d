"""What every SQLite connection gets on connect: WAL, a busy timeout, foreign keys, a Unicode
`lower()`, and `BEGIN IMMEDIATE`, so concurrent writers queue instead of failing halfway.

Its own module, so the inline engine (`storage.inline_sqlite`) and the engine set-up
(`storage.engine`) both use it without importing each other.
"""

from __future__ import annotations

import sqlite3
import time
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import ConnectionPoolEntry

SQLITE_BUSY_TIMEOUT_MS = 5000


def install_sqlite_hooks(
    engine: Engine, busy_timeout_ms: int, *, foreign_keys: bool = True
) -> None:
    """Pragmas on connect, and `BEGIN IMMEDIATE` instead of the driver's deferred BEGIN.

    Migrations pass `foreign_keys=False`: SQLite's table rebuilds need the checks off (the
    pragma cannot change inside a transaction), and `storage.migrate` checks them at the end.
    """

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # Take transaction control from the sqlite3 driver (SQLAlchemy's documented recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            _ensure_wal(cursor)
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()
        # SQLite's lower() folds ASCII only; Python's folds every script, like PostgreSQL's.
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        if connection.dispatch.before_cursor_execute:  # a statement listener sees it too
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        # Straight on the driver: through SQLAlchemy's execution this one fixed statement
        # cost about a twentieth of a small command (`python -m bench.floor`).
        raw = connection.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        try:
            raw.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:  # "database is locked": the caller's retry sees it
            raise DBAPIError.instance("BEGIN IMMEDIATE", (), error, sqlite3.Error) from error


def _ensure_wal(cursor: sqlite3.Cursor) -> None:
    """Put the file in WAL mode (a property of the file, so only a new file needs it).

    Switching needs the file to itself, and SQLite refuses at once, without its busy handler,
    while another connection holds a lock, as when several processes start on a new file.
    So retry briefly, and accept that another connection switched it meanwhile.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value
