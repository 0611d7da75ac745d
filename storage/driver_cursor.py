"""The hot statements run straight on the sqlite3 cursor, compiled by SQLAlchemy once.

Every command runs a dozen small statements (`storage.statements`). Through SQLAlchemy's
execution machinery (execution context, result metadata, events) one costs several times what
SQLite takes to run it. For the statements listed in `statements.HOT`, this module keeps what
SQLAlchemy compiles once per set of parameter names: the SQL text, the order of its
parameters, the fixed values of literal ones, each parameter's bind processor and each result
column's result processor (the same `UtcDateTime`, `Date` and `Boolean` conversions the full
path applies), and runs them on the connection's own sqlite3 cursor. The rows come back as
SQLAlchemy `Row`s (in a `DriverResult`), driver errors as SQLAlchemy's exceptions (so
`storage.errors` translates them the same), inside the same transaction.

A statement that needs more (Python-side column defaults, expanding `IN` lists) is refused at
compile time and takes the full path; so does every statement while anything listens to the
engine's `before_cursor_execute` (the crash tests kill a process at a statement through it).
"""

from __future__ import annotations

import functools
import operator
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Executable
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.engine.result import SimpleResultMetaData
from sqlalchemy.engine.row import Row
from sqlalchemy.sql.compiler import SQLCompiler

Parameters = Mapping[str, Any]
_MISSING = object()


class DriverResult:
    """A hot statement's rows, read the ways the repositories read a `CursorResult` (`all`,
    `one`, `one_or_none`, `first`, the scalars, `partitions`, iteration, `rowcount`, `keys`), as
    SQLAlchemy `Row`s with the result processors applied. SQLAlchemy's own `Result` machinery
    (filters, uniquing, its row getter) cost ~2 µs a statement, more than many of these reads
    take in SQLite. Like a `Result`, it is read once."""

    __slots__ = ("_keys", "_make", "_raw", "returns_rows", "rowcount")

    def __init__(
        self,
        raw: list[Any],
        prepared: Prepared,
        rowcount: int,
    ) -> None:
        self._raw, self._make, self._keys = raw, prepared.make, prepared.keys
        self.rowcount, self.returns_rows = rowcount, bool(prepared.keys)

    def keys(self) -> list[str]:
        return list(self._keys)

    def all(self) -> list[Row[Any]]:
        raw, self._raw = self._raw, []
        return list(map(self._make, raw))

    fetchall = all

    def __iter__(self) -> Iterator[Row[Any]]:
        return iter(self.all())

    def partitions(self, size: int) -> Iterator[list[Row[Any]]]:
        rows = self.all()
        for start in range(0, len(rows), size):
            yield rows[start : start + size]

    def first(self) -> Row[Any] | None:
        raw, self._raw = self._raw, []
        return self._make(raw[0]) if raw else None

    def one_or_none(self) -> Row[Any] | None:
        raw, self._raw = self._raw, []
        if len(raw) > 1:
            raise sa_exc.MultipleResultsFound(
                "Multiple rows were found when one or none was required"
            )
        return self._make(raw[0]) if raw else None

    def one(self) -> Row[Any]:
        row = self.one_or_none()
        if row is None:
            raise sa_exc.NoResultFound("No row was found when one was required")
        return row

    def scalar_one_or_none(self) -> Any:
        row = self.one_or_none()
        return None if row is None else row[0]

    def scalar_one(self) -> Any:
        return self.one()[0]

    def scalar(self) -> Any:
        row = self.first()
        return None if row is None else row[0]

    def scalars(self) -> Iterator[Any]:
        return (row[0] for row in self.all())


class Prepared:
    """One statement compiled for a driver (sqlite3 here, asyncpg in `storage.asyncpg_cursor`),
    for one set of parameter names."""

    __slots__ = ("_bound", "_fixed", "_get", "keys", "make", "sql")

    def __init__(self, compiled: SQLCompiler, dialect: Dialect) -> None:
        self.sql = compiled.string
        names = list(compiled.positiontup or ())
        self._fixed = {
            name: compiled.binds[name].effective_value
            for name in names
            if not compiled.binds[name].required
        }
        # The values in the statement's order (a 1-tuple getter returns its item bare).
        getter = operator.itemgetter(*names) if names else (lambda _: ())
        self._get = getter if len(names) != 1 else (lambda given: (getter(given),))
        processors = compiled._bind_processors
        self._bound: list[tuple[int, Callable[[Any], Any]]] = []
        for index, name in enumerate(names):
            bind = processors.get(name)
            assert bind is None or callable(bind), "tuple binds are refused by `_prepare`"
            if bind is not None:
                self._bound.append((index, bind))
        columns = compiled._result_columns
        self.keys = [column.keyname for column in columns]
        metadata = SimpleResultMetaData(
            self.keys,
            _processors=[column.type._cached_result_processor(dialect, None) for column in columns],
        )
        self.make: Callable[[Any], Row[Any]] = functools.partial(
            Row,
            metadata,
            metadata._effective_processors,
            metadata._key_to_index,
        )

    def values(self, given: Parameters) -> Sequence[Any]:
        """The statement's parameters in its order, each bound as SQLAlchemy binds it."""
        if self._fixed:
            given = {**self._fixed, **given}
        values = self._get(given)
        if not self._bound:
            return values
        values = list(values)
        for index, bind in self._bound:
            values[index] = bind(values[index])
        return values

    def run(
        self, raw: sqlite3.Connection, parameters: Parameters | Sequence[Parameters] | None
    ) -> DriverResult:
        many = isinstance(parameters, Sequence)
        values: Any = None
        try:
            cursor = raw.cursor()
            if many:
                values = [self.values(p) for p in parameters]  # type: ignore[arg-type, union-attr]
                cursor.executemany(self.sql, values)
                rows: list[Any] = []
            else:
                values = self.values(parameters or {})  # type: ignore[arg-type]
                cursor.execute(self.sql, values)
                rows = cursor.fetchall() if self.keys else []
            rowcount = cursor.rowcount
            cursor.close()
        except sqlite3.Error as error:
            raise sa_exc.DBAPIError.instance(
                self.sql, values, error, sqlite3.Error, ismulti=many
            ) from error
        return DriverResult(rows, self, rowcount)


class DriverCursor:
    """The prepared forms of the hot statements, per process and dialect."""

    def __init__(self, hot: Sequence[Executable]) -> None:
        self._hot = {id(statement): statement for statement in hot}
        self._prepared: dict[tuple[int, tuple[str, ...]], Prepared | None] = {}

    @staticmethod
    def driver_of(connection: Connection) -> sqlite3.Connection | None:
        """The sqlite3 connection under `connection` to run hot statements on, or None while
        anything listens to the engine's `before_cursor_execute` (all take the full path).
        A unit of work asks once, at its start."""
        if connection.dispatch.before_cursor_execute:
            return None
        raw = connection.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        return raw

    def run(
        self,
        connection: Connection,
        raw: sqlite3.Connection,
        statement: Executable,
        parameters: Parameters | Sequence[Parameters] | None,
    ) -> DriverResult | None:
        """The statement's result if it is hot and preparable, else None (take the full path)."""
        prepared = self.prepared(connection.dialect, statement, parameters)
        return None if prepared is None else prepared.run(raw, parameters)

    def prepared(
        self,
        dialect: Dialect,
        statement: Executable,
        parameters: Parameters | Sequence[Parameters] | None,
    ) -> Prepared | None:
        """The statement compiled for these parameter names, if it is hot and preparable (one
        `DriverCursor` per dialect: the key does not name it)."""
        first: Parameters | None = (
            parameters[0] if isinstance(parameters, Sequence) and parameters else parameters  # type: ignore[assignment]
        )
        key: tuple[int, tuple[str, ...]] = (id(statement), tuple(first) if first else ())
        prepared = self._prepared.get(key, _MISSING)
        if prepared is _MISSING:
            if key[0] not in self._hot:
                return None  # (not kept: a passing statement's id is reused once it is gone)
            names = frozenset(key[1])
            prepared = self._prepared[key] = _prepare(statement, dialect, names)
        assert prepared is None or isinstance(prepared, Prepared)
        return prepared


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
