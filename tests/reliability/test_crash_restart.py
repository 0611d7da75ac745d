"""Crash and restart: a scripted run killed with SIGKILL at random points ends as if uninterrupted.

The script (`scenario`) is weeks of commands of many teams with their reminders and digests in
between, run by a real process (`crash_run`) on a SQLite file with an injected clock. The same
script runs once without interruption and once killed at random operations (inside
transactions, before commits, between a post and its mark) and restarted each time. Both runs
must end with the same content, read through the repositories, the same outbox rows, and the
same posts: none lost, none doubled, in the same order per channel.

The default suite runs a short version (10 teams, one week, 5 kills); `pytest -m slow` runs the
full one (20 teams, two weeks, 50 kills).
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from peerbot.bootstrap import build
from peerbot.config import Settings
from tests.conftest import snapshot

ROOT = Path(__file__).parents[2]


def run(db: Path, teams: int, days: int, die_at: int | None = None) -> tuple[int, dict]:
    command = [sys.executable, "-m", "tests.reliability.crash_run", str(db), str(sink_of(db))]
    command += ["--teams", str(teams), "--days", str(days)]
    if die_at is not None:
        command += ["--die-at", str(die_at)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    if done.returncode not in (0, -signal.SIGKILL):
        raise AssertionError(done.stderr[-4000:])
    stats = json.loads(done.stdout.splitlines()[-1]) if done.returncode == 0 else {}
    return done.returncode, stats


def sink_of(db: Path) -> Path:
    return db.with_suffix(".posts")


async def contents(db: Path) -> tuple[list, list]:
    """The store through the repositories, and the outbox rows (when a row was sent aside)."""
    runtime = await build(Settings(database_url=f"sqlite:///{db}", data_dir=db.parent))
    try:
        state = await snapshot(runtime.uow_factory)
        async with runtime.uow_factory() as uow:
            rows = [replace(row, sent_at=None) for row in await uow.outbox.list()]
        return state, rows
    finally:
        await runtime.close()


def posts(db: Path) -> list[str]:
    return sink_of(db).read_text().splitlines()


def per_channel(lines: list[str]) -> dict[str, list[str]]:
    channels: dict[str, list[str]] = defaultdict(list)
    for line in lines:
        _, team, kind, occurrence, _ = line.split("\t")
        channels[team].append(f"{kind} {occurrence}")
    return channels


async def check_crashes(tmp_path: Path, teams: int, days: int, kills: int, seed: int) -> None:
    reference = tmp_path / "reference.db"
    code, stats = run(reference, teams, days)
    assert code == 0
    total = stats["ops"]

    crashed = tmp_path / "crashed.db"
    rng = random.Random(seed)
    points = sorted(rng.sample(range(1, int(total * 0.95)), kills))
    previous = 0
    for point in points:
        # Each process dies at its own n-th operation; a restart redoes a little (start-up,
        # catch-up), so the kills stay spread over the whole run.
        code, _ = run(crashed, teams, days, die_at=max(1, point - previous))
        assert code == -signal.SIGKILL, f"the process finished before its kill at {point}"
        previous = point
    code, stats = run(crashed, teams, days)
    assert code == 0 and stats["resumed_at"] > 0

    expected_state, expected_rows = await contents(reference)
    state, rows = await contents(crashed)
    assert state == expected_state
    assert rows == expected_rows
    assert {row.state.value for row in rows} <= {"sent", "skipped"}

    expected_posts, got = posts(reference), posts(crashed)
    assert len(expected_posts) > 10 * teams
    doubled = [line for line, n in Counter(got).items() if n > 1]
    assert not doubled, doubled[:5]
    assert sorted(got) == sorted(expected_posts)  # none lost, none extra, same text and file
    assert per_channel(got) == per_channel(expected_posts)  # in order per channel
    kinds = Counter(line.split("\t")[2] for line in got)
    assert set(kinds) == {"session", "retro", "assignment", "mentor", "digest"}, kinds
    print(
        f"\ncrash run: {teams} teams, {days} study days, {total} operations, {kills} SIGKILLs; "
        f"{len(rows)} outbox rows, {len(got)} posts ({dict(kinds)}); store and outbox identical "
        "to the uninterrupted run, 0 lost, 0 doubled, same order per channel"
    )


async def test_killed_at_5_random_points_a_week_of_10_teams_ends_as_if_uninterrupted(tmp_path):
    await check_crashes(tmp_path, teams=10, days=5, kills=5, seed=1)


@pytest.mark.slow
async def test_killed_at_50_random_points_two_weeks_of_20_teams_end_as_if_uninterrupted(
    tmp_path,
):
    await check_crashes(tmp_path, teams=20, days=9, kills=50, seed=2)
