"""`bench.floor` in small, on SQLite: the floor leaves the same rows as peerbot, and the check
that says so catches a floor that skips durable work. Correctness only (no timing)."""

from __future__ import annotations

import pytest

from bench import floor


async def test_the_floor_leaves_the_rows_peerbot_leaves(capsys: pytest.CaptureFixture[str]):
    assert await floor.bench("sqlite", rounds=1, commands=20, teams=2, members=2)
    assert "DIFFERENT" not in capsys.readouterr().out


async def test_a_floor_that_skips_the_status_change_is_caught(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(floor, "SQLITE_ANSWERED", "SELECT ?")
    assert not await floor.bench("sqlite", rounds=1, commands=20, teams=2, members=2)
