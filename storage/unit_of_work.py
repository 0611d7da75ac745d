"""The SQL unit of work: one connection and one transaction per `async with`."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from types import TracebackType
from typing import Self

from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.ports import (
    AssignmentRepository,
    AwayRepository,
    CardRepository,
    CohortRepository,
    MemberRepository,
    NoteRepository,
    OutboxRepository,
    QuestionRepository,
    RetroRepository,
    RotationRepository,
    TeamRepository,
)
from bot.publish.ports import PublishingRepository
from bot.search.ports import SearchRepository
from bot.web.access import WebRepository
from storage.asyncpg_cursor import PostgresConnection
from storage.card_repository import SqlCardRepository
from storage.cohort_repository import SqlCohortRepository
from storage.engine import POSTGRES_POOL_SIZE, AnyEngine
from storage.errors import translate_errors
from storage.inline_sqlite import InlineSqliteConnection, InlineSqliteEngine
from storage.member_repository import SqlMemberRepository
from storage.note_repository import SqlNoteRepository
from storage.outbox_repository import SqlOutboxRepository
from storage.publish_repository import SqlPublishingRepository
from storage.question_repository import SqlQuestionRepository
from storage.repositories import SqlTeamRepository
from storage.rotation_repository import SqlRotationRepository
from storage.search_repository import SqlSearchRepository
from storage.study_repositories import (
    SqlAssignmentRepository,
    SqlAwayRepository,
    SqlRetroRepository,
)
from storage.web_repository import SqlWebRepository

log = logging.getLogger(__name__)

Connectionish = PostgresConnection | InlineSqliteConnection


class SqlUnitOfWork:
    """`async with` opens a transaction; leaving it without `commit()` rolls back.

    An unreachable or busy database raises `bot.errors.TryAgainLater` from `__aenter__`, from
    any repository call and from `commit`; a taken unique key raises `bot.errors.Conflict`.
    """

    teams: TeamRepository
    members: MemberRepository
    questions: QuestionRepository
    notes: NoteRepository
    retros: RetroRepository
    assignments: AssignmentRepository
    away: AwayRepository
    outbox: OutboxRepository
    cards: CardRepository
    rotations: RotationRepository
    cohorts: CohortRepository
    web: WebRepository
    publishing: PublishingRepository
    search: SearchRepository

    def __init__(
        self,
        engine: AnyEngine,
        gate: Gate | None = None,
        on_queued: Callable[[], None] | None = None,
    ) -> None:
        self._engine = engine
        self._gate = gate
        self._on_queued = on_queued  # told after a commit that wrote outbox rows
        self._connection: Connectionish | None = None

    async def __aenter__(self) -> Self:
        if self._connection is not None:
            raise RuntimeError("this unit of work is already open")
        if self._gate is not None:
            await self._gate.enter()
        try:
            with translate_errors():
                connection = await _begin(self._engine)
        except BaseException:
            if self._gate is not None:
                self._gate.leave()
            raise
        self._connection = connection
        self.teams = SqlTeamRepository(connection)
        self.members = SqlMemberRepository(connection)
        self.questions = SqlQuestionRepository(connection)
        self.notes = SqlNoteRepository(connection)
        self.retros = SqlRetroRepository(connection)
        self.assignments = SqlAssignmentRepository(connection)
        self.away = SqlAwayRepository(connection)
        self.outbox = self._outbox = SqlOutboxRepository(connection)
        self.cards = SqlCardRepository(connection)
        self.rotations = SqlRotationRepository(connection)
        self.cohorts = SqlCohortRepository(connection)
        self.web = SqlWebRepository(connection)
        self.publishing = SqlPublishingRepository(connection)
        self.search = SqlSearchRepository(connection)
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
            if self._gate is not None:
                self._gate.leave()

    async def commit(self) -> None:
        """Make everything done so far durable; later work starts a new transaction."""
        with translate_errors():
            await self._open().commit()
        if self._outbox.queued:
            self._outbox.queued = 0
            if self._on_queued is not None:
                self._on_queued()

    async def rollback(self) -> None:
        """Undo everything since the last commit."""
        with translate_errors():
            await self._open().rollback()

    def _open(self) -> Connectionish:
        if self._connection is None:
            raise RuntimeError("use the unit of work inside `async with`")
        return self._connection


class Gate:
    """Lets at most `permits` units of work of this process in at once, first come first served.

    SQLite gets one permit: every transaction there is a `BEGIN IMMEDIATE` writer, so only one
    runs at a time anyway, and pooled connections racing on SQLite's polling busy handler cut
    throughput several times over. PostgreSQL gets one per pooled connection: the pool's own
    queue is not fair, and under load some commands waited seconds while others went ahead.

    The queue waits as long as it must: a unit of work waiting here waits for this process's
    own earlier ones, not for the database, so it is no outage and never `TryAgainLater`. What
    bounds the wait for an unreachable database is each unit of work's own: the connect
    timeout (PostgreSQL), the busy timeout (another process's lock on SQLite).
    """

    def __init__(self, permits: int) -> None:
        self._semaphore = asyncio.Semaphore(permits)

    async def enter(self) -> None:
        await self._semaphore.acquire()

    def leave(self) -> None:
        self._semaphore.release()


class SqlUnitOfWorkFactory:
    """Makes a fresh `SqlUnitOfWork` on the shared engine for each call. `on_queued` is called
    after each commit that wrote outbox rows (`bot.delivery.Doorbell.ring`)."""

    def __init__(
        self,
        engine: AnyEngine,
        *,
        on_queued: Callable[[], None] | None = None,
    ) -> None:
        self.engine = engine
        permits = 1 if isinstance(engine, InlineSqliteEngine) else POSTGRES_POOL_SIZE
        self._gate = Gate(permits)
        self._on_queued = on_queued

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, self._gate, self._on_queued)


async def _begin(engine: AnyEngine) -> Connectionish:
    """A connection inside a new transaction (on SQLite: `BEGIN IMMEDIATE`).

    On PostgreSQL `begin()` sends BEGIN (`storage.engine._EagerBeginAsyncpgDialect`). A pooled
    connection that died while idle (a server restart, an idle kill) fails there, before any of
    the unit of work's statements: SQLAlchemy invalidates it (and every connection older than
    it), and the begin is tried once more on a fresh one. A second failure is an outage.
    """
    if isinstance(engine, InlineSqliteEngine):
        return await engine.begin()
    try:
        return await _connect_and_begin(engine)
    except sa_exc.DBAPIError as error:
        if not error.connection_invalidated:
            raise
        log.info("a pooled database connection had closed (%s); taking a fresh one", error.orig)
    return await _connect_and_begin(engine)


async def _connect_and_begin(engine: AsyncEngine) -> PostgresConnection:
    connection = await engine.connect()
    try:
        await connection.begin()
        return await PostgresConnection.of(connection)
    except BaseException:
        await _close_quietly(connection)
        raise


async def _close_quietly(connection: Connectionish | AsyncConnection) -> None:
    try:
        await connection.close()
    except Exception:
        log.warning("closing a database connection failed", exc_info=True)
