"""Alembic migrations, run from code: the runtime needs no alembic.ini.

Several bot processes may start together on one database. On PostgreSQL the upgrade runs in one
transaction holding an advisory lock; on SQLite in one `BEGIN IMMEDIATE` transaction. Either way
the second process waits, then finds the schema at head and does nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text

from storage.engine import create_sync_engine, describe
from storage.errors import startup_errors, translate_errors

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

MIGRATION_BUSY_TIMEOUT_MS = 60_000
"""How long a second process waits on SQLite for the first one's upgrade."""

ADVISORY_LOCK_KEY = 0x70656572626F74  # "peerbot"
"""The PostgreSQL advisory lock held during an upgrade (one bigint for the whole database)."""


def alembic_config() -> Config:
    """An Alembic config pointing at this package's migrations (no ini file involved)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    return config


@contextmanager
def migration_connection(
    url: str, *, connect_args: Mapping[str, Any] | None = None
) -> Iterator[Connection]:
    """A connection inside one transaction that holds the migration lock; commits on success."""
    engine = create_sync_engine(
        url,
        busy_timeout_ms=MIGRATION_BUSY_TIMEOUT_MS,
        connect_args=connect_args,
        foreign_keys=False,
    )
    try:
        with engine.begin() as connection:  # on SQLite, this BEGIN IMMEDIATE is the lock
            if connection.dialect.name == "postgresql":
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY}
                )
            yield connection
            if connection.dialect.name == "sqlite":
                _check_sqlite_foreign_keys(connection)
    finally:
        engine.dispose()


def upgrade(
    url: str, revision: str = "head", *, connect_args: Mapping[str, Any] | None = None
) -> None:
    """Apply the migrations up to `revision` (blocking; see `upgrade_async` inside a loop).

    An unreachable or locked database raises `TryAgainLater`, so the CLI can say so in a
    sentence; one that cannot be written (read-only, full) `DatabaseUnusable`, saying what to do.
    """
    with (
        translate_errors(),
        startup_errors(describe(url)),
        migration_connection(url, connect_args=connect_args) as connection,
    ):
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        if connection.dialect.name == "sqlite":
            # A file at head needs no write to migrate: prove it can be written before the bot
            # takes commands it could not save (SQLite opens a read-only file without a word).
            connection.execute(text("UPDATE alembic_version SET version_num = version_num"))


async def upgrade_async(
    url: str, revision: str = "head", *, connect_args: Mapping[str, Any] | None = None
) -> None:
    """`upgrade` in a worker thread, for callers already inside an event loop."""
    await asyncio.to_thread(upgrade, url, revision, connect_args=connect_args)


def _check_sqlite_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"migration left rows with broken foreign keys: {broken[:5]}")
