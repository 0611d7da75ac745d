"""The hot statements run straight on the sqlite3 cursor, compiled by SQLAlchemy once.

Every command runs a dozen small statements (`storage.statements`). Through SQLAlchemy's
execution machinery (execution context, result metadata, events) one costs several times what
SQLite takes to run it. For the statements listed in `statements.HOT`, this module keeps what
SQLAlchemy compiles once per set of parameter names: the SQL text, the order of its
parameters, the fixed values of literal ones, each parameter's bind processor and each result
column's result processor (the same `UtcDateTime`, `Date` and `Boolean` conversions the full
path applies), and runs them on the connection's own sqlite3 cursor. The rows come back as
SQLAlchemy `Row`s, driver errors as SQLAlchemy's exceptions (so `storage.errors` translates
them the same), inside the same transaction.

A statement that needs more (Python-side column defaults, expanding `IN` lists) is refused at
compile time and takes the full path; so does every statement while anything listens to the
engine's `before_cursor_execute` (the crash tests kill a process at a statement through it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Executable
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.engine.result import IteratorResult, SimpleResultMetaData
from sqlalchemy.sql.compiler import SQLCompiler

Parameters = Mapping[str, Any]
_MISSING = object()


class FastResult(IteratorResult[Any]):
    """An `IteratorResult` with the cursor's `rowcount` and `returns_rows`, as callers read
    them on a `CursorResult`."""

    rowcount: int = -1
    returns_rows: bool = False


class Prepared:
    """One statement compiled for the sqlite3 cursor, for one set of parameter names."""

    __slots__ = ("_binds", "_fixed", "_metadata", "_names", "_returns_rows", "sql")

    def __init__(self, compiled: SQLCompiler, dialect: Dialect) -> None:
        self.sql = compiled.string
        names = list(compiled.positiontup or ())
        self._names = names
        self._fixed = {
            name: compiled.binds[name].effective_value
            for name in names
            if not compiled.binds[name].required
        }
        processors = compiled._bind_processors
        self._binds: list[Callable[[Any], Any] | None] = []
        for name in names:
            bind = processors.get(name)
            assert bind is None or callable(bind), "tuple binds are refused by `_prepare`"
            self._binds.append(bind)
        columns = compiled._result_columns
        self._returns_rows = bool(columns)
        self._metadata = SimpleResultMetaData(
            [column.keyname for column in columns],
            _processors=[column.type._cached_result_processor(dialect, None) for column in columns],
        )

    def _values(self, given: Parameters) -> tuple[Any, ...]:
        fixed = self._fixed
        return tuple(
            [
                (given[name] if name in given else fixed[name])
                if bind is None
                else bind(given[name] if name in given else fixed[name])
                for name, bind in zip(self._names, self._binds)  # noqa: B905 (same length)
            ]
        )

    def run(
        self, raw: sqlite3.Connection, parameters: Parameters | Sequence[Parameters] | None
    ) -> FastResult:
        many = isinstance(parameters, Sequence)
        values: Any = None
        try:
            cursor = raw.cursor()
            if many:
                values = [self._values(p) for p in parameters]  # type: ignore[arg-type, union-attr]
                cursor.executemany(self.sql, values)
                rows: list[Any] = []
            else:
                values = self._values(parameters or {})  # type: ignore[arg-type]
                cursor.execute(self.sql, values)
                rows = cursor.fetchall() if self._returns_rows else []
            rowcount = cursor.rowcount
            cursor.close()
        except sqlite3.Error as error:
            raise sa_exc.DBAPIError.instance(
                self.sql, values, error, sqlite3.Error, ismulti=many
            ) from error
        result = FastResult(self._metadata, iter(rows))
        result.rowcount = rowcount
        result.returns_rows = self._returns_rows
        return result


class DriverCursor:
    """The prepared forms of the hot statements, per process and dialect."""

    def __init__(self, hot: Sequence[Executable]) -> None:
        self._hot = {id(statement): statement for statement in hot}
        self._prepared: dict[tuple[int, frozenset[str]], Prepared | None] = {}

    def run(
        self,
        connection: Connection,
        statement: Executable,
        parameters: Parameters | Sequence[Parameters] | None,
    ) -> FastResult | None:
        """The statement's result if it is hot and preparable, else None (take the full path)."""
        if id(statement) not in self._hot or connection.dispatch.before_cursor_execute:
            return None
        first = parameters[0] if isinstance(parameters, Sequence) and parameters else parameters
        names: frozenset[str] = frozenset(first or ())  # type: ignore[arg-type]
        key = (id(statement), names)
        prepared = self._prepared.get(key, _MISSING)
        if prepared is _MISSING:
            prepared = self._prepared[key] = _prepare(statement, connection.dialect, names)
        if prepared is None:
            return None
        assert isinstance(prepared, Prepared)
        raw = connection.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        return prepared.run(raw, parameters)


def _prepare(statement: Executable, dialect: Dialect, names: frozenset[str]) -> Prepared | None:
    compiled = statement.compile(dialect=dialect, column_keys=sorted(names))  # type: ignore[attr-defined]
    assert isinstance(compiled, SQLCompiler)
    if compiled.insert_prefetch or compiled.update_prefetch or compiled.literal_execute_params:
        return None  # Python-side defaults or literal parameters: the full path fills them
    if any(bind.expanding for bind in compiled.binds.values()):
        return None
    if not all(p is None or callable(p) for p in compiled._bind_processors.values()):
        return None  # a tuple's processors
    if not set(compiled.positiontup or ()) <= names | {
        n for n, b in compiled.binds.items() if not b.required
    }:
        return None  # a parameter neither given nor fixed: let SQLAlchemy say which
    return Prepared(compiled, dialect)
