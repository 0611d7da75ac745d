"""SQLite through the synchronous driver, run inline on the event loop.

aiosqlite hands every statement to a thread and back; with ~10 statements a command, that hop
(and SQLAlchemy's greenlet bridge) cost ~5 ms a command, three times the work itself. A local
SQLite statement takes microseconds, and in WAL mode with `synchronous=NORMAL` a commit does not
fsync, so running them inline is faster and blocks the loop no longer than the work would take
anyway. The one wait that could be long, `BEGIN IMMEDIATE` while *another process* holds the
write lock, is retried here with `asyncio.sleep` back-off instead of SQLite's blocking busy
handler, up to the configured busy timeout; then it is `TryAgainLater`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any

import sqlalchemy
from sqlalchemy import URL, Connection, CursorResult, Executable, Result
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.pool import QueuePool

from storage.driver_cursor import DriverCursor
from storage.sqlite_hooks import install_sqlite_hooks
from storage.statements import HOT

# SQLite's own busy handler would sleep on the event loop, so it is off: `begin` waits in asyncio,
# and once `BEGIN IMMEDIATE` holds the write lock, WAL mode gives statements nothing to wait for
# (a rare SQLITE_BUSY then is TryAgainLater: one sentence, nothing saved).
INLINE_BUSY_TIMEOUT_MS = 0
_FIRST_RETRY_S = 0.002
_LONGEST_RETRY_S = 0.05
_DRIVER_CURSOR = DriverCursor(HOT)  # the hot statements on the sqlite3 cursor


class InlineSqliteConnection:
    """The subset of `AsyncConnection` the repositories use, over a sync connection."""

    def __init__(self, connection: Connection, release: Callable[[Connection], None]) -> None:
        self._connection = connection
        self._release = release
        self._driver = DriverCursor.driver_of(connection)  # None: every statement the full path

    @property
    def dialect(self) -> Dialect:
        return self._connection.dialect

    async def execute(
        self,
        statement: Executable,
        parameters: Sequence[Mapping[str, Any]] | Mapping[str, Any] | None = None,
    ) -> CursorResult[Any]:
        if self._driver is not None:
            if not self._connection.in_transaction():  # after a commit: begin, as SQLAlchemy would
                self._connection.begin()
            fast = _DRIVER_CURSOR.run(self._connection, self._driver, statement, parameters)
            if fast is not None:
                return fast  # type: ignore[return-value]  # the CursorResult API the callers use
        return self._connection.execute(statement, parameters)

    async def execute_aside(
        self, statement: Executable, parameters: Mapping[str, Any] | None = None
    ) -> Result[Any]:
        """`execute` in a worker thread, every row fetched there: for the few reads that can
        take tens of milliseconds (ranked search), so the loop runs meanwhile. The sqlite3
        driver lets go of the GIL while SQLite works. The unit of work awaits this and the gate
        lets no other in, so the connection is used by one thread at a time; if the awaiting
        task is cancelled, the statement is let finish before the cancellation goes on, so the
        rollback that follows never runs beside it."""
        work = asyncio.ensure_future(
            asyncio.to_thread(lambda: self._connection.execute(statement, parameters).freeze())
        )
        try:
            frozen = await asyncio.shield(work)
        except asyncio.CancelledError:
            await asyncio.wait([work])
            raise
        return frozen()

    @asynccontextmanager
    async def begin_nested(self) -> AsyncIterator[None]:
        with self._connection.begin_nested():
            yield

    async def commit(self) -> None:
        self._connection.commit()

    async def rollback(self) -> None:
        self._connection.rollback()

    async def close(self) -> None:
        self._release(self._connection)


class InlineSqliteEngine:
    """A SQLite engine whose connections run on the event loop (see the module docstring)."""

    def __init__(self, url: URL, busy_timeout_ms: int, connect_args: Mapping[str, Any]) -> None:
        self.url = url
        self.busy_timeout_ms = busy_timeout_ms
        # Units of work are queued one at a time per process, so one pooled connection serves.
        self.sync_engine = sqlalchemy.create_engine(
            url,
            poolclass=QueuePool,
            pool_size=1,
            max_overflow=4,
            connect_args={"check_same_thread": False, **connect_args},
        )
        install_sqlite_hooks(self.sync_engine, INLINE_BUSY_TIMEOUT_MS)
        # The one connection units of work take turns on, kept open between them: checking
        # one out of the pool and back (its reset, its events) cost more than a small command.
        self._idle: Connection | None = None

    @property
    def dialect(self) -> Dialect:
        return self.sync_engine.dialect

    async def begin(self) -> InlineSqliteConnection:
        """A connection inside a `BEGIN IMMEDIATE` transaction, waiting without blocking."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.busy_timeout_ms / 1000
        delay = _FIRST_RETRY_S
        while True:
            connection, self._idle = self._idle or self.sync_engine.connect(), None
            try:
                connection.begin()
                return InlineSqliteConnection(connection, self._release)
            except sa_exc.OperationalError as error:
                self._release(connection)
                if not _is_busy(error) or loop.time() + delay > deadline:
                    raise
            except BaseException:
                connection.close()
                raise
            await asyncio.sleep(delay)
            delay = min(delay * 2, _LONGEST_RETRY_S)

    @asynccontextmanager
    async def connect(self) -> AsyncIterator[InlineSqliteConnection]:
        """A plain connection (no transaction opened), for checks and tests."""
        connection = InlineSqliteConnection(self.sync_engine.connect(), _close)
        try:
            yield connection
        finally:
            await connection.close()

    async def dispose(self) -> None:
        idle, self._idle = self._idle, None
        if idle is not None:
            idle.close()
        self.sync_engine.dispose()

    def _release(self, connection: Connection) -> None:
        """A unit of work is done with `connection`: kept for the next one if it is sound and
        out of its transaction (and none is kept yet), else closed."""
        if self._idle is None and not connection.invalidated and not connection.in_transaction():
            self._idle = connection
        else:
            connection.close()


def _close(connection: Connection) -> None:
    connection.close()


def _is_busy(error: sa_exc.OperationalError) -> bool:
    import sqlite3

    code = getattr(error.orig, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
