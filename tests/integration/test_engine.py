"""URLs, SQLite settings and logging of the engine factory."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.engine import create_engine, normalize_url, safe_url, sync_url
from storage.inline_sqlite import INLINE_BUSY_TIMEOUT_MS


@pytest.mark.parametrize(
    ("given", "normalized", "synced"),
    [
        ("sqlite:///data/x.db", "sqlite:///data/x.db", "sqlite:///data/x.db"),
        ("sqlite:////abs/x.db", "sqlite:////abs/x.db", "sqlite:////abs/x.db"),
        ("sqlite+aiosqlite:///x.db", "sqlite:///x.db", "sqlite:///x.db"),
        ("postgres://u:p@h/db", "postgresql+psycopg://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("postgresql://u@h:5433/db", "postgresql+psycopg://u@h:5433/db", None),
        ("postgresql+psycopg://u@h/db?sslmode=require", None, None),
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
