"""URLs, SQLite settings and logging of the engine factory."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import make_url, text

from storage import upgrade_async
from storage.engine import (
    POSTGRES_CONNECT_TIMEOUT_S,
    _asyncpg_connect_args,
    create_engine,
    normalize_url,
    safe_url,
    sync_url,
)
from storage.inline_sqlite import INLINE_BUSY_TIMEOUT_MS
from tests.postgres import POSTGRES_URL, postgres_schema


@pytest.mark.parametrize(
    ("given", "normalized", "synced"),
    [
        ("sqlite:///data/x.db", "sqlite:///data/x.db", "sqlite:///data/x.db"),
        ("sqlite:////abs/x.db", "sqlite:////abs/x.db", "sqlite:////abs/x.db"),
        ("sqlite+aiosqlite:///x.db", "sqlite:///x.db", "sqlite:///x.db"),
        ("postgres://u:p@h/db", "postgresql+asyncpg://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        (
            "postgresql://u@h:5433/db",
            "postgresql+asyncpg://u@h:5433/db",
            "postgresql+psycopg://u@h:5433/db",
        ),
        (
            "postgresql+psycopg://u@h/db?sslmode=require",
            "postgresql+asyncpg://u@h/db?sslmode=require",
            "postgresql+psycopg://u@h/db?sslmode=require",
        ),
        ("postgresql+asyncpg://u@h/db", None, "postgresql+psycopg://u@h/db"),
        (  # asyncpg's own parameters: libpq's names for Alembic, or left out
            "postgresql+asyncpg://u@h/db?ssl=require&timeout=5&prepared_statement_cache_size=500",
            "postgresql+asyncpg://u@h/db?prepared_statement_cache_size=500&ssl=require&timeout=5",
            "postgresql+psycopg://u@h/db?connect_timeout=5&sslmode=require",
        ),
    ],
)
def test_urls_are_normalized_for_the_async_and_sync_drivers(
    given: str, normalized: str | None, synced: str | None
) -> None:
    assert normalize_url(given) == (normalized or given)
    assert sync_url(given) == (synced or normalized or given)


def test_unsupported_databases_are_refused() -> None:
    with pytest.raises(ValueError, match="mysql"):
        normalize_url("mysql://u:secret@h/db")


async def test_sqlite_gets_its_directory_and_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "new" / "dir" / "peerbot.db"
    engine = create_engine(f"sqlite:///{path}")
    try:
        async with engine.connect() as connection:
            pragmas = {
                name: (await connection.execute(text(f"PRAGMA {name}"))).scalar()
                for name in ("journal_mode", "busy_timeout", "foreign_keys", "synchronous")
            }
    finally:
        await engine.dispose()
    assert path.exists()
    assert pragmas == {
        "journal_mode": "wal",
        # Short on purpose: waits for another process's lock happen in asyncio, not in SQLite.
        "busy_timeout": INLINE_BUSY_TIMEOUT_MS,
        "foreign_keys": 1,
        "synchronous": 1,
    }


async def test_the_password_never_reaches_the_log(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    engine = create_engine("postgresql://bot:s3cret@127.0.0.1:1/peerbot")
    await engine.dispose()
    assert "127.0.0.1" in caplog.text
    assert "s3cret" not in caplog.text
    assert "s3cret" not in safe_url("postgresql://bot:s3cret@127.0.0.1:1/peerbot")


def test_libpq_parameters_are_translated_for_asyncpg() -> None:
    """asyncpg has no `options` or `connect_timeout`: they become the startup message's settings
    and `timeout`; libpq's others go in a DSN asyncpg reads as libpq does; hosts stay put."""
    url, args = _asyncpg_connect_args(
        make_url(
            "postgresql+asyncpg://u@h/db?options=-csearch_path%3Ds1&sslmode=require"
            "&connect_timeout=3&host=a:5432,b:5433&command_timeout=7"
        ),
        {"application_name": "bot"},
    )
    assert url.render_as_string() == "postgresql+asyncpg://u@h/db?host=a%3A5432%2Cb%3A5433"
    assert args == {
        "timeout": 3.0,
        "command_timeout": 7.0,
        "server_settings": {"options": "-csearch_path=s1", "application_name": "bot"},
        "dsn": "postgresql://?sslmode=require",
    }
    assert _asyncpg_connect_args(make_url("postgresql+asyncpg://u@h/db"), None)[1] == {
        "timeout": float(POSTGRES_CONNECT_TIMEOUT_S)
    }


@pytest.mark.postgres
@pytest.mark.parametrize(
    "scheme", ["postgres", "postgresql", "postgresql+psycopg", "postgresql+asyncpg"]
)
async def test_every_postgres_spelling_runs_the_bot_on_asyncpg_in_the_urls_schema(
    scheme: str,
) -> None:
    with postgres_schema() as connect_args:
        query = urlencode({"options": connect_args["options"], "connect_timeout": "5"})
        base = make_url(POSTGRES_URL).set(drivername=scheme).render_as_string(False)
        url = f"{base}?{query}"
        await upgrade_async(url)  # Alembic, on psycopg
        engine = create_engine(url)
        try:
            async with engine.connect() as connection:
                assert connection.dialect.driver == "asyncpg"
                row = (
                    await connection.execute(
                        text("SELECT current_setting('search_path'), count(*) FROM alembic_version")
                    )
                ).one()
        finally:
            await engine.dispose()
    assert tuple(row) == (connect_args["application_name"], 1)
