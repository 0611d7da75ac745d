"""A database the bot cannot use at start-up gets one sentence saying what is wrong and what
to do, not "cannot reach the database" and not a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import storage.migrate
from peerbot.cli import main
from storage import upgrade


def run_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str, **env: str) -> Any:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "DISCORD_TOKEN", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return CliRunner().invoke(main, list(args), env={"PEERBOT_DATA_DIR": str(tmp_path), **env})


class FullDisk(sqlite3.Connection):
    """A connection whose database may not grow: what SQLite says on a full disk (SQLITE_FULL)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.execute("PRAGMA max_page_count = 1")


def no_room(monkeypatch: pytest.MonkeyPatch) -> None:
    real = storage.migrate.create_sync_engine

    def create(url: str, **kwargs: Any) -> Any:
        return real(url, **{**kwargs, "connect_args": {"factory": FullDisk}})

    monkeypatch.setattr(storage.migrate, "create_sync_engine", create)


def read_only_url(path: Path) -> str:
    """The file opened read-only (the tests run as root, which ignores file permissions)."""
    return f"sqlite:///file:{path}?mode=ro&uri=true"


@pytest.mark.parametrize("command", [["db", "upgrade"], ["console", "--script", "-"]])
def test_a_read_only_database_file_says_to_check_its_permissions(tmp_path, monkeypatch, command):
    path = tmp_path / "peerbot.db"
    upgrade(f"sqlite:///{path}")  # at the newest schema: starting needs no write to migrate
    result = run_cli(tmp_path, monkeypatch, *command, DATABASE_URL=read_only_url(path))
    assert result.exit_code == 1
    assert f"the database file {path} is read-only" in result.output
    assert "permissions" in result.output and "cannot reach" not in result.output
    assert "Traceback" not in result.output


def test_a_full_disk_at_start_up_says_to_free_space(tmp_path, monkeypatch):
    no_room(monkeypatch)
    result = run_cli(tmp_path, monkeypatch, "db", "upgrade")
    assert result.exit_code == 1
    path = (tmp_path / "peerbot.db").resolve()
    assert f"the database {path} is full" in result.output
    assert "free space on the disk" in result.output and "cannot reach" not in result.output


@pytest.mark.parametrize(
    "url", ["mysql://u:secret@h/db", "mysql+pymysql://u:secret@h/db", "oracle://x", "nonsense"]
)
@pytest.mark.parametrize("command", [["db", "upgrade"], ["console", "--script", "-"]])
def test_an_unsupported_database_url_says_which_urls_work(tmp_path, monkeypatch, url, command):
    result = run_cli(tmp_path, monkeypatch, *command, DATABASE_URL=url)
    assert result.exit_code == 1, result.output
    assert "sqlite:///" in result.output and "postgresql://" in result.output
    assert "secret" not in result.output and "Traceback" not in result.output
    assert not (tmp_path / "peerbot.db").exists()


def test_the_cli_tells_same_named_teams_apart_by_channel(tmp_path, monkeypatch):
    script = (
        "@ 2021-08-09 13:00\n"
        "kim@c1: /team setup start:2021-08-02 name:cv\n"
        "lee@c2: /team setup start:2021-08-02 name:cv\n"
        "kim@c3: /team setup start:2021-08-02 name:nlp\n"
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["console", "--strict"], input=script, env={"PEERBOT_DATA_DIR": str(tmp_path)}
    )
    assert result.exit_code == 0, result.output
    out = tmp_path / "team.json"
    refused = run_cli(tmp_path, monkeypatch, "export", "--team", "cv", "--out", str(out))
    assert refused.exit_code == 1 and not out.exists()
    assert "2 teams are named 'cv' (console:c1, console:c2)" in refused.output
    assert "--team PLATFORM:CHANNEL" in refused.output
    chosen = run_cli(tmp_path, monkeypatch, "export", "--team", "console:c2", "--out", str(out))
    assert chosen.exit_code == 0, chosen.output
    assert '"channel_id": "c2"' in out.read_text()
    assert (
        run_cli(tmp_path, monkeypatch, "export", "--team", "nlp", "--out", str(out)).exit_code == 0
    )


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A 64 KiB tmpfs: a real full disk (needs root; skipped, saying so, where mounting fails)."""
    import subprocess

    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.decode().strip()})")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_really_full_disk_at_start_up_says_to_free_space(tiny_disk, monkeypatch):
    (tiny_disk / "filler").write_bytes(b"x" * 40_000)
    result = run_cli(tiny_disk, monkeypatch, "db", "upgrade")
    assert result.exit_code == 1
    path = (tiny_disk / "peerbot.db").resolve()
    assert f"the disk holding the database file {path} is full" in result.output
    assert "free space on it" in result.output
    assert "cannot reach" not in result.output and "Traceback" not in result.output
