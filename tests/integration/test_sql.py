"""The real databases only: concurrency, outages, and the migrated schema."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bot.clock import FakeClock
from bot.core import PeerBot
from bot.errors import TryAgainLater
from bot.model.teams import Language
from bot.ports import QuestionQuery
from bot.text import plain_text
from storage import SqlUnitOfWork, create_engine, upgrade_async
from storage.engine import create_sync_engine
from storage.migrate import alembic_config
from storage.tables import metadata
from tests.calls import call
from tests.integration.builders import a_team, add_team_with_member
from tests.integration.conftest import (
    POSTGRES,
    POSTGRES_URL,
    Backend,
    postgres_schema,
    sql_backend,
    sqlite_url,
)
from tests.postgres import assert_no_unit_of_work

SEOUL = ZoneInfo("Asia/Seoul")


async def test_concurrent_askers_get_distinct_question_numbers(sql: Backend) -> None:
    team, _ = await add_team_with_member(sql.uow)
    assert team.id is not None
    team_id = team.id

    async def reserve() -> int:
        async with sql.uow() as uow:
            number = await uow.teams.next_question_number(team_id)
            await asyncio.sleep(0)  # let the others in while this transaction is open
            await uow.commit()
            return number

    numbers = await asyncio.gather(*(reserve() for _ in range(20)))
    assert sorted(numbers) == list(range(1, 21))


async def test_unreachable_postgres_means_try_again_later() -> None:
    await assert_no_unit_of_work("postgresql://postgres:secret@127.0.0.1:1/test")


async def test_locked_sqlite_means_try_again_later(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    await upgrade_async(url)
    holder = sqlite3.connect(tmp_path / "peerbot.db", isolation_level=None)
    engine = create_engine(url, busy_timeout_ms=100)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(TryAgainLater):
            async with SqlUnitOfWork(engine):
                pass
        holder.execute("ROLLBACK")
        async with SqlUnitOfWork(engine) as uow:  # and fine again once the lock is gone
            assert await uow.teams.list() == []
    finally:
        holder.close()
        await engine.dispose()


@pytest.mark.postgres
async def test_a_connection_lost_mid_unit_of_work_means_try_again_later(tmp_path: Path) -> None:
    async with sql_backend("postgres", tmp_path) as backend:
        admin = create_sync_engine(POSTGRES_URL)
        try:
            async with backend.uow() as uow:
                await uow.teams.list()
                with admin.begin() as connection:
                    connection.execute(
                        text(
                            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
                            " WHERE application_name = :name"
                        ),
                        {"name": backend.connect_args["application_name"]},
                    )
                with pytest.raises(TryAgainLater):
                    await uow.teams.list()
        finally:
            admin.dispose()
        async with backend.uow() as uow:  # the pool recovers
            assert await uow.teams.list() == []


def _terminate_backends(application_name: str) -> int:
    """Kill the bot's connections from another one (as a restart or an idle kill would), waiting
    until each backend has gone; how many there were."""
    admin = create_sync_engine(POSTGRES_URL)
    try:
        with admin.begin() as connection:
            return len(
                connection.execute(
                    text(
                        "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
                        " WHERE application_name = :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": application_name},
                ).all()
            )
    finally:
        admin.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("pause", [None, 0.2], ids=["at-once", "after-a-pause"])
async def test_connections_killed_in_the_pool_between_commands_are_replaced_unseen(
    tmp_path: Path, pause: float | None
) -> None:
    """No pre-ping: a pooled connection whose backend was killed fails at BEGIN, before any
    statement of the command, and the unit of work begins again on a fresh one. At once (the
    client has not read the server's goodbye yet) or after a pause (it has), with one pooled
    connection or several: every next command answers, none is told to try again."""
    async with sql_backend("postgres", tmp_path) as backend:
        clock = FakeClock(datetime(2021, 8, 9, 15, 30, tzinfo=SEOUL))
        bot = PeerBot(backend.uow, clock, default_language=Language.EN)
        name = backend.connect_args["application_name"]
        # similar:off: the questions are alike on purpose ("asked before?" would hold them)
        setup = "/team setup start:2021-08-02 lang:en similar:off"
        assert (await bot.handle(call("kim", setup))).ok
        assert (await bot.handle(call("kim", "/ask what is attention?"))).ok

        for round_ in range(3):
            assert _terminate_backends(name) >= 1
            if pause is not None:
                await asyncio.sleep(pause)
            reply = await bot.handle(call("kim", f"/ask after the kill {round_}"))
            assert reply.ok, plain_text(reply.message)

        # Several connections in the pool, all killed at once (a server restart), then as many
        # commands at once: each begins again on a fresh connection.
        members = [f"m{i}" for i in range(8)]
        for member in members:  # members before the commands at once (see test_access: joining)
            assert (await bot.handle(call(member, "/questions open"))).ok
        lines = [(m, f"/ask at once before the restart {m}") for m in members]
        replies = await asyncio.gather(*(bot.handle(call(m, x)) for m, x in lines))
        assert [plain_text(r.message) for r in replies if not r.ok] == []
        assert _terminate_backends(name) >= 2
        if pause is not None:
            await asyncio.sleep(pause)
        lines = [(m, f"/ask at once after the restart {m}") for m in members]
        replies = await asyncio.gather(*(bot.handle(call(m, x)) for m, x in lines))
        assert [plain_text(r.message) for r in replies if not r.ok] == []

        async with backend.uow() as uow:
            team = (await uow.teams.list())[0]
            assert team.id is not None
            texts = [q.text for q in await uow.questions.find(team.id, QuestionQuery(limit=100))]
        assert len(texts) == 1 + 3 + 8 + 8 == len(set(texts))


@pytest.mark.postgres
async def test_a_connection_killed_mid_command_is_one_try_again_with_nothing_saved(
    tmp_path: Path,
) -> None:
    """The retry is for BEGIN only: a connection lost after a command's first statement is
    one "try again" sentence, and none of its writes is kept."""
    async with sql_backend("postgres", tmp_path) as backend:
        clock = FakeClock(datetime(2021, 8, 9, 15, 30, tzinfo=SEOUL))
        bot = PeerBot(backend.uow, clock, default_language=Language.EN)
        name = backend.connect_args["application_name"]
        assert (await bot.handle(call("kim", "/team setup start:2021-08-02 lang:en"))).ok

        async with backend.uow() as uow:
            team = (await uow.teams.list())[0]
            assert team.id is not None
            await uow.teams.next_question_number(team.id)  # a write, not committed
            assert _terminate_backends(name) == 1
            with pytest.raises(TryAgainLater):
                await uow.teams.list()
        reply = await bot.handle(call("kim", "/ask after it"))
        assert reply.ok, plain_text(reply.message)
        async with backend.uow() as uow:
            questions = await uow.questions.find(team.id, QuestionQuery())
        assert [(q.number, q.text) for q in questions] == [(1, "after it")]


async def test_an_unmigrated_sqlite_file_is_an_error_not_try_again_later(tmp_path: Path) -> None:
    engine = create_engine(sqlite_url(tmp_path))
    try:
        async with SqlUnitOfWork(engine) as uow:
            with pytest.raises(OperationalError, match="no such table"):
                await uow.teams.list()
    finally:
        await engine.dispose()


def _schema_differences(url: str, connect_args: dict[str, str]) -> list[object]:
    engine = create_sync_engine(url, connect_args=connect_args)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "compare_server_default": True}
            )
            return list(compare_metadata(context, metadata))
    finally:
        engine.dispose()


async def test_migrated_schema_matches_the_tables(sql: Backend) -> None:
    differences = await asyncio.to_thread(_schema_differences, sql.url, sql.connect_args)
    assert differences == []


@pytest.mark.parametrize("kind", ["sqlite", POSTGRES])
async def test_processes_starting_together_migrate_once(kind: str, tmp_path: Path) -> None:
    async def upgrade_three_times(url: str, connect_args: dict[str, str]) -> None:
        await asyncio.gather(*(upgrade_async(url, connect_args=connect_args) for _ in range(3)))
        await upgrade_async(url, connect_args=connect_args)  # and again: nothing to do
        engine = create_engine(url, connect_args=connect_args)
        try:
            async with SqlUnitOfWork(engine) as uow:
                await uow.teams.add(a_team())
                await uow.commit()
            async with engine.connect() as connection:
                versions = (await connection.execute(text("SELECT * FROM alembic_version"))).all()
            head = ScriptDirectory.from_config(alembic_config()).get_current_head()
            assert [tuple(row) for row in versions] == [(head,)]
        finally:
            await engine.dispose()

    if kind == "sqlite":
        await upgrade_three_times(sqlite_url(tmp_path / "new" / "dir"), {})
    else:
        with postgres_schema() as connect_args:
            await upgrade_three_times(POSTGRES_URL, connect_args)


@pytest.mark.alone  # counts the loop's 10 ms ticks over 0.3 s of wall clock
async def test_waiting_for_another_processes_sqlite_lock_does_not_block_the_event_loop(
    tmp_path: Path,
) -> None:
    url = sqlite_url(tmp_path)
    await upgrade_async(url)
    holder = sqlite3.connect(tmp_path / "peerbot.db", isolation_level=None)
    engine = create_engine(url, busy_timeout_ms=2000)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    async def release_soon() -> None:
        await asyncio.sleep(0.3)
        holder.execute("ROLLBACK")

    try:
        holder.execute("BEGIN EXCLUSIVE")
        tick_task = asyncio.create_task(ticker())
        release = asyncio.create_task(release_soon())
        async with SqlUnitOfWork(engine) as uow:  # waits ~0.3 s for the lock, then goes on
            assert await uow.teams.list() == []
        await release
        tick_task.cancel()
        assert ticks >= 15  # the loop kept running while the unit of work waited
    finally:
        holder.close()
        await engine.dispose()
