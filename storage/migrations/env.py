"""Alembic environment: uses the caller's connection (storage.migrate) or DATABASE_URL / -x url."""

from __future__ import annotations

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection

from storage.engine import sync_url
from storage.migrate import migration_connection
from storage.tables import metadata

config = context.config
if config.config_file_name is not None:  # run by hand with alembic.ini; never from the bot
    fileConfig(config.config_file_name)


def database_url() -> str:
    """The URL given as `-x url=...`, else DATABASE_URL, else `sqlalchemy.url` of the ini file."""
    url = (
        context.get_x_argument(as_dictionary=True).get("url")
        or os.environ.get("DATABASE_URL")
        or config.get_main_option("sqlalchemy.url")
    )
    if not url:
        raise RuntimeError("no database: pass -x url=... or set DATABASE_URL")
    return url


def run_migrations(connection: Connection) -> None:
    """Run the migrations on `connection` (already inside the caller's transaction)."""
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    """Print the SQL instead of running it (`alembic upgrade head --sql`)."""
    context.configure(
        url=sync_url(database_url()),
        target_metadata=metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Run against the connection storage.migrate handed in, or open one with the lock held."""
    connection = config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    with migration_connection(database_url()) as own:
        run_migrations(own)


if context.is_offline_mode():
    run_offline()
else:
    run_online()
