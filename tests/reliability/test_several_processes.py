"""Several processes: three bot processes on one PostgreSQL database walk the same week.

Each process (`week_worker`) writes the reminders falling due and delivers what is due, all at
once, over the same teams. Every reminder and digest must be written once and posted once, also
when one of the three is killed with SIGKILL mid-way (between a post and its mark, or a few
operations later) and the others carry on without it.

The default suite runs 20 teams; `pytest -m slow` runs 100 teams.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FakeClock
from bot.outbox import PostKind, State
from bot.ports import Invocation
from bot.text import plain_text
from peerbot.bootstrap import build
from peerbot.config import Settings
from tests.postgres import POSTGRES_URL, postgres_schema

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).parents[2]
SEOUL = ZoneInfo("Asia/Seoul")
SETUP = datetime(2021, 8, 8, 12, 0, tzinfo=SEOUL)  # a Sunday: nothing falls due before Monday
START = datetime(2021, 8, 9, 0, 0, tzinfo=SEOUL)
END = datetime(2021, 8, 14, 0, 0, tzinfo=SEOUL)  # Monday to Friday: a study week
_ids = itertools.count()


@pytest.fixture
def url():
    with postgres_schema() as connect_args:
        yield f"{POSTGRES_URL}?{urlencode({'options': connect_args['options']})}"


async def seed(url: str, tmp_path: Path, teams: int) -> int:
    """Teams with questions, an escalation, an assignment and varied schedules; returns how many
    reminders the week holds."""
    clock = FakeClock(SETUP)
    runtime = await build(Settings(database_url=url, data_dir=tmp_path), clock)

    async def say(team: int, user: str, line: str) -> None:
        name, _, args = line.lstrip("/").partition(" ")
        reply = await runtime.bot.handle(
            Invocation(
                id=f"w{next(_ids)}",
                platform="console",
                channel_id=f"w{team}",
                user_id=f"u{team}-{user}",
                user_name=user,
                command=name,
                args=args,
            )
        )
        assert reply.ok, plain_text(reply.message)

    try:
        for t in range(teams):
            lang = ("ko", "en")[t % 2]
            setup = f"start:2021-08-02 country:KR lang:{lang} name:w{t} similar:off"  # alike asks
            await say(t, "kim", f"/team setup {setup}")
            settings = f"session:{15 + t % 3}:00"
            if t % 2 == 0:
                settings += " office_hours:14:00"
            await say(t, "kim", f"/team settings {settings}")
            for user in ("kim", "lee", "park"):
                await say(
                    t, user, f"/ask {user}의 질문: attention은 왜 scale하나요? category:lecture"
                )
            await say(t, "lee", "/answer 1 분산을 맞추려고요.")
            await say(t, "kim", "/escalate 2")
            await say(t, "kim", "/assignment add 과제 1 ViT due:2021-08-11 10:00")
        return len(await runtime.reminders.due(START, END))
    finally:
        await runtime.close()


def start(url: str, sink: Path, *flags: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "PEERBOT_"))}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.reliability.week_worker",
            url,
            str(sink),
            "--start",
            START.isoformat(),
            "--end",
            END.isoformat(),
            *flags,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


async def until_posted(sink: Path, count: int, process: subprocess.Popen[str]) -> None:
    """Wait until `sink` holds `count` posts (or the process ended, which the test then sees)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if sink.exists() and len(sink.read_text().split()) >= count:
            return
        await asyncio.sleep(0.02)


def finish(process: subprocess.Popen[str]) -> int:
    _, err = process.communicate(timeout=600)
    if process.returncode not in (0, -signal.SIGKILL):
        raise AssertionError(err[-4000:])
    return process.returncode


async def check_week(url: str, tmp_path: Path, teams: int, *, kill: bool, seed_: int) -> None:
    expected = await seed(url, tmp_path, teams)
    sink = tmp_path / "platform.txt"
    flags: list[list[str]] = [[], [], []]
    if kill:
        rng = random.Random(seed_)
        posts = rng.randint(expected // 12, expected // 6)
        then = rng.choice([0, rng.randint(1, 200)])
        flags[0] = ["--die-after-posts", str(posts), "--then-ops", str(then)]
    processes = [start(url, sink, *flags[0])]
    if kill:
        # The doomed process gets a head start of half its posts, so the other two cannot take
        # every row before it reaches its kill (which once left it finishing alive).
        await until_posted(sink, posts // 2, processes[0])
    processes += [start(url, sink, *f) for f in flags[1:]]
    codes = [finish(p) for p in processes]
    assert codes == ([-signal.SIGKILL, 0, 0] if kill else [0, 0, 0])

    runtime = await build(Settings(database_url=url, data_dir=tmp_path))
    try:
        async with runtime.uow_factory() as uow:
            rows = list(await uow.outbox.list())
    finally:
        await runtime.close()
    assert len(rows) == expected and expected >= 15 * teams
    assert len({(r.team_id, r.kind, r.occurrence) for r in rows}) == expected
    states = Counter(r.state for r in rows)
    assert set(states) <= {State.SENT, State.SKIPPED}, states
    posted = Counter(sink.read_text().split())
    doubled = [row for row, n in posted.items() if n > 1]
    assert not doubled
    assert set(posted) == {str(r.id) for r in rows if r.state is State.SENT}
    digests = [r for r in rows if r.kind is PostKind.DIGEST]
    assert len(digests) == teams and all(r.state is State.SENT and r.attachment for r in digests)
    # Every kind of scheduled post went out; card edits follow posted /ask cards, of which this
    # week of reminders has none, and the cohort posts follow teams in a cohort (none here).
    scheduled = set(PostKind) - {PostKind.CARD, PostKind.COHORT, PostKind.MENTOR_ANSWER}
    assert Counter(r.kind for r in rows if r.state is State.SENT).keys() == scheduled
    killed = f"one killed after {flags[0][1]} posts (+{flags[0][3]} operations)" if kill else ""
    print(
        f"\nthree processes, {teams} teams, a week: {len(rows)} reminders and digests, "
        f"{sum(posted.values())} posts, 0 doubled, 0 lost; {killed or 'none killed'}"
    )


async def test_three_processes_one_killed_mid_way_still_post_each_once(url: str, tmp_path: Path):
    await check_week(url, tmp_path, teams=20, kill=True, seed_=3)


@pytest.mark.slow
@pytest.mark.parametrize("seed_", [11, 12, 13])
async def test_a_week_of_100_teams_three_processes_one_killed(url: str, tmp_path: Path, seed_):
    await check_week(url, tmp_path, teams=100, kill=True, seed_=seed_)


@pytest.mark.slow
async def test_a_week_of_100_teams_three_processes_none_killed(url: str, tmp_path: Path):
    await check_week(url, tmp_path, teams=100, kill=False, seed_=0)
