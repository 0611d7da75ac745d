"""Real processes on one database: every reminder written and posted exactly once.

Two processes race over the same week; a process killed with SIGKILL after posting but before
marking, or after writing but before posting, is restarted and nothing is lost or doubled.
Runs on SQLite and PostgreSQL (skipped with a reason where no PostgreSQL server answers).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest

from bot.model.teams import Member, Team, TeamSchedule
from peerbot.bootstrap import build
from peerbot.config import Settings
from tests.postgres import POSTGRES_URL, postgres_schema

ROOT = Path(__file__).parents[2]
SEOUL = ZoneInfo("Asia/Seoul")
SINCE = datetime(2021, 8, 9, 0, 0, tzinfo=SEOUL)
NOW = datetime(2021, 8, 14, 0, 0, tzinfo=SEOUL)  # a whole week's reminders are due
TEAMS = 20


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'bot.db'}"
        return
    with postgres_schema() as connect_args:
        yield f"{POSTGRES_URL}?{urlencode({'options': connect_args['options']})}"


async def seed(url: str, tmp_path: Path) -> int:
    """TEAMS teams with three members each; returns how many reminders the week holds."""
    runtime = await build(Settings(database_url=url, data_dir=tmp_path))
    try:
        async with runtime.uow_factory() as uow:
            for i in range(TEAMS):
                # A week of grace: seen from Saturday, the whole week is posted (late).
                week = TeamSchedule(grace_minutes=7 * 24 * 60)
                team = await uow.teams.add(
                    Team(
                        "console",
                        f"c{i}",
                        f"t{i}",
                        date(2021, 8, 2),
                        schedule=week,
                        created_at=SINCE,
                    )
                )
                for m in range(3):
                    await uow.members.add(Member(team.id or 0, f"u{m}", f"m{m}"))
            await uow.commit()
        return len(await runtime.reminders.due(SINCE, NOW))
    finally:
        await runtime.close()


def worker(url: str, sink: Path, *flags: str, now: datetime = NOW) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "PEERBOT_"))}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.processes.worker",
            url,
            str(sink),
            "--since",
            SINCE.isoformat(),
            "--now",
            now.isoformat(),
            *flags,
        ],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
    )


def finish(process: subprocess.Popen[bytes]) -> int:
    _, err = process.communicate(timeout=120)
    if process.returncode not in (0, -signal.SIGKILL):
        raise AssertionError(err.decode())
    return process.returncode


async def sent_rows(url: str, tmp_path: Path) -> Counter[str]:
    runtime = await build(Settings(database_url=url, data_dir=tmp_path))
    try:
        async with runtime.uow_factory() as uow:
            return Counter(m.state.value for m in await uow.outbox.list())
    finally:
        await runtime.close()


def posts(sink: Path) -> Counter[str]:
    return Counter(sink.read_text().split()) if sink.exists() else Counter()


async def test_two_processes_write_and_post_each_reminder_once(url: str, tmp_path: Path):
    expected = await seed(url, tmp_path)
    sink = tmp_path / "platform.txt"
    processes = [worker(url, sink) for _ in range(2)]
    assert [finish(p) for p in processes] == [0, 0]
    posted = posts(sink)
    states = await sent_rows(url, tmp_path)
    assert expected > 200 and len(posted) == states["sent"] == expected
    assert max(posted.values()) == 1 and states["pending"] == 0


async def test_killed_after_posting_before_marking_then_restarted_posts_once(
    url: str, tmp_path: Path
):
    await seed(url, tmp_path)
    sink = tmp_path / "platform.txt"
    assert finish(worker(url, sink, "--die-after-post", "3")) == -signal.SIGKILL
    assert sum(posts(sink).values()) == 3
    later = NOW + timedelta(minutes=6)  # the dead process's lease has run out
    assert finish(worker(url, sink, "--dedupe", now=later)) == 0
    posted, states = posts(sink), await sent_rows(url, tmp_path)
    assert max(posted.values()) == 1 and len(posted) == states["sent"] > 200
    assert states["pending"] == 0


async def test_killed_after_writing_before_posting_then_restarted_loses_nothing(
    url: str, tmp_path: Path
):
    expected = await seed(url, tmp_path)
    sink = tmp_path / "platform.txt"
    assert finish(worker(url, sink, "--die-after-write")) == -signal.SIGKILL
    assert not posts(sink)
    assert finish(worker(url, sink)) == 0
    posted, states = posts(sink), await sent_rows(url, tmp_path)
    assert max(posted.values()) == 1 and len(posted) == states["sent"] == expected
