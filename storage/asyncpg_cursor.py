"""The hot statements straight on asyncpg, compiled by SQLAlchemy once: PostgreSQL's half of
`storage.driver_cursor`.

Through SQLAlchemy's asyncio layer a statement crosses a greenlet, the execution context, the
dialect's cursor adapter and the `Result` machinery: measured, about 100 µs of client CPU a
statement against 25 µs for asyncpg's own `fetch` of the same prepared statement (a whole
command's: `python -m bench.floor --db postgres`). For `statements.HOT_POSTGRES`,
`PostgresConnection` runs the SQL text, parameter order, bind and result processors SQLAlchemy
compiled for the asyncpg dialect (`driver_cursor.Prepared`) on the unit of work's own asyncpg
connection, inside the transaction SQLAlchemy began on it. Driver errors become the exceptions
SQLAlchemy raises (through its asyncpg adapter's own translation), so `storage.errors` reads
them the same; a lost connection is invalidated, as SQLAlchemy does. Every other statement,
and every statement while anything listens to the engine's `before_cursor_execute`, takes
SQLAlchemy's path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import CursorResult, Executable
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncTransaction

from storage.driver_cursor import DriverCursor, DriverResult, Parameters, Prepared
from storage.statements import HOT_POSTGRES

_DRIVER_CURSOR = DriverCursor(HOT_POSTGRES)
_STATUS_COUNT = re.compile(r"(?:SELECT|UPDATE|DELETE|INSERT \d+) (\d+)")


class PostgresConnection:
    """The subset of `AsyncConnection` the repositories use, the hot statements on asyncpg."""

    def __init__(self, connection: AsyncConnection, adapted: Any | None) -> None:
        self._connection = connection
        # SQLAlchemy's adapter of the asyncpg connection (None: every statement its full path).
        self._adapted: Any = adapted

    @classmethod
    async def of(cls, connection: AsyncConnection) -> PostgresConnection:
        """`connection` (in its transaction) with its asyncpg connection at hand."""
        if connection.sync_connection is None or (
            connection.sync_connection.dispatch.before_cursor_execute
        ):
            return cls(connection, None)
        fairy = await connection.get_raw_connection()
        return cls(connection, fairy.dbapi_connection)

    @property
    def dialect(self) -> Dialect:
        return self._connection.dialect

    async def execute(
        self,
        statement: Executable,
        parameters: Sequence[Mapping[str, Any]] | Mapping[str, Any] | None = None,
    ) -> CursorResult[Any]:
        if self._adapted is not None:
            prepared = _DRIVER_CURSOR.prepared(self.dialect, statement, parameters)
            if prepared is not None:
                if not self._connection.in_transaction():  # after a commit: begin, as it would
                    await self._connection.begin()
                return await self._run(prepared, parameters)  # type: ignore[return-value]
        return await self._connection.execute(statement, parameters)

    def begin_nested(self) -> AsyncTransaction:
        return self._connection.begin_nested()

    async def commit(self) -> None:
        await self._connection.commit()

    async def rollback(self) -> None:
        await self._connection.rollback()

    async def close(self) -> None:
        await self._connection.close()

    async def _run(
        self, prepared: Prepared, parameters: Parameters | Sequence[Parameters] | None
    ) -> DriverResult:
        adapted = self._adapted
        raw = adapted._connection  # the asyncpg connection
        many = isinstance(parameters, Sequence)
        if many and len(parameters) == 1:  # type: ignore[arg-type]
            many, parameters = False, parameters[0]  # type: ignore[index]  # as SQLAlchemy runs it
        values: Any = None
        try:
            if many:
                values = [prepared.values(p) for p in parameters]  # type: ignore[union-attr, arg-type]
                await raw.executemany(prepared.sql, values)
                rows, rowcount = [], -1
            elif prepared.keys:
                values = prepared.values(parameters or {})  # type: ignore[arg-type]
                rows = await raw.fetch(prepared.sql, *values)
                rowcount = len(rows)
            else:
                values = prepared.values(parameters or {})  # type: ignore[arg-type]
                status = await raw.execute(prepared.sql, *values)
                found = _STATUS_COUNT.match(status or "")
                rows, rowcount = [], int(found.group(1)) if found else -1
        except Exception as error:
            raise await self._translated(error, prepared.sql, values, many) from error
        return DriverResult(rows, prepared, rowcount)

    async def _translated(
        self, error: Exception, sql: str, values: Any, many: bool
    ) -> BaseException:
        """The exception SQLAlchemy's path raises for `error`; a lost connection invalidated."""
        try:
            self._adapted._handle_exception(error)  # raises the adapter's DBAPI error
        except Exception as adapted_error:
            error = adapted_error
        dialect = self.dialect
        # A session the server ended can also leave asyncpg's protocol mid-operation ("another
        # operation is in progress") rather than say the connection closed: closed is lost.
        raw_closed = self._adapted._connection.is_closed()
        lost = raw_closed or dialect.is_disconnect(error, None, None)  # type: ignore[arg-type]
        if lost:
            await self._connection.invalidate()
        return sa_exc.DBAPIError.instance(
            sql,
            values,
            error,
            dialect.loaded_dbapi.Error,
            connection_invalidated=lost,
            dialect=dialect,
            ismulti=many,
        )
