"""The SQL unit of work: one connection and one transaction per `async with`."""

from __future__ import annotations

import logging
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.ports import MemberRepository, NoteRepository, QuestionRepository, TeamRepository
from storage.errors import translate_errors
from storage.question_repository import SqlQuestionRepository
from storage.repositories import SqlMemberRepository, SqlNoteRepository, SqlTeamRepository

log = logging.getLogger(__name__)


class SqlUnitOfWork:
    """`async with` opens a transaction; leaving it without `commit()` rolls back.

    An unreachable or busy database raises `bot.errors.TryAgainLater` from `__aenter__`, from
    any repository call and from `commit`; a taken unique key raises `bot.errors.Conflict`.
    """

    teams: TeamRepository
    members: MemberRepository
    questions: QuestionRepository
    notes: NoteRepository

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._connection: AsyncConnection | None = None

    async def __aenter__(self) -> Self:
        if self._connection is not None:
            raise RuntimeError("this unit of work is already open")
        with translate_errors():
            connection = await self._engine.connect()
            try:
                await connection.begin()  # on SQLite: BEGIN IMMEDIATE, may wait for the lock
            except BaseException:
                await _close_quietly(connection)
                raise
        self._connection = connection
        self.teams = SqlTeamRepository(connection)
        self.members = SqlMemberRepository(connection)
        self.questions = SqlQuestionRepository(connection)
        self.notes = SqlNoteRepository(connection)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            await connection.rollback()
        except Exception:
            # A broken connection has nothing uncommitted left to lose; what was committed
            # stays committed, so this must not turn a success into an error.
            log.warning("rollback at the end of a unit of work failed", exc_info=True)
        finally:
            await _close_quietly(connection)

    async def commit(self) -> None:
        """Make everything done so far durable; later work starts a new transaction."""
        with translate_errors():
            await self._open().commit()

    async def rollback(self) -> None:
        """Undo everything since the last commit."""
        with translate_errors():
            await self._open().rollback()

    def _open(self) -> AsyncConnection:
        if self._connection is None:
            raise RuntimeError("use the unit of work inside `async with`")
        return self._connection


class SqlUnitOfWorkFactory:
    """Makes a fresh `SqlUnitOfWork` on the shared engine for each call."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine)


async def _close_quietly(connection: AsyncConnection) -> None:
    try:
        await connection.close()
    except Exception:
        log.warning("closing a database connection failed", exc_info=True)
