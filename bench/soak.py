"""Soak: an hour of simulated time at 50 commands a second, reminders and delivery running.

An injected clock walks through a Friday afternoon hour. Every simulated second 50 commands
arrive from random members of the teams (questions, answers, acceptances, notes,
retrospectives, listings), and at every minute the reminders that fall due are written and
delivered (teams' sessions, retrospective nudges, office hours and weekly digests are spread
over the hour, so some fall due every minute). The process's resident memory is sampled every
simulated minute after a garbage collection; memory is steady when the last samples are no
higher than the early ones.

    python -m bench.soak                        # 60 simulated minutes on a SQLite file
    python -m bench.soak --minutes 5            # a short run
    python -m bench.soak --db postgres          # the local PostgreSQL (a fresh schema)
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import re
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench import commands
from bot.clock import FakeClock
from bot.model.teams import Team
from bot.outbox import OutboxMessage, State
from bot.ports import Invocation
from bot.scheduled.drivers import Stepper
from bot.text import plain_text
from peerbot.bootstrap import Runtime, build
from peerbot.config import Settings
from storage import safe_url

SEOUL = ZoneInfo("Asia/Seoul")
START = datetime(2021, 8, 13, 14, 0, tzinfo=SEOUL)  # a Friday: Day 10, digests fall due too
MEMBERS = 5


def rss_mib() -> float:
    """This process's resident set size (Linux /proc; elsewhere the peak from getrusage)."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Latencies:
    """Service times in 10-microsecond buckets: percentiles in fixed memory, so the benchmark's
    own bookkeeping does not grow with the run it measures."""

    def __init__(self) -> None:
        self.buckets: dict[int, int] = {}
        self.count = 0
        self.total = 0.0

    def add(self, seconds: float) -> None:
        key = int(seconds * 100_000)
        self.buckets[key] = self.buckets.get(key, 0) + 1
        self.count += 1
        self.total += seconds

    def percentile_ms(self, p: float) -> float:
        wanted = min(self.count - 1, int(self.count * p))
        seen = 0
        for key in sorted(self.buckets):
            seen += self.buckets[key]
            if seen > wanted:
                return key / 100
        return 0.0

    @property
    def mean_ms(self) -> float:
        return self.total / max(1, self.count) * 1000


class CountingPoster:
    def __init__(self) -> None:
        self.posted: list[int] = []

    async def post(self, team: Team, row: OutboxMessage, *, uncertain: bool) -> None:
        if uncertain and row.id in self.posted:
            return
        self.posted.append(row.id or 0)


def invocation(team: int, member: int, line: str) -> Invocation:
    """A command line from member `member` of team `team`, as `bench.commands` sends it."""
    command, _, args = line.lstrip("/").partition(" ")
    return commands.invocation(team, member, command, args)


async def setup(runtime: Runtime, clock: FakeClock, teams: int) -> None:
    """Teams whose reminders are spread over the hour: some fall due every minute."""
    clock.set(START - timedelta(hours=1))
    for t in range(teams):
        minute = t % 60
        lines = [
            "/team setup start:2021-08-02 lang:en",
            # The session reminder 10 minutes before: at 14:MM.
            f"/team settings session:{(14 * 60 + minute + 10) // 60}:{(minute + 10) % 60:02d}",
        ]
        if t % 3 == 0:
            lines.append(f"/team settings retro_time:14:{minute:02d}")
        if t % 4 == 1:
            lines.append(
                f"/team settings office_hours:{(minute + 30) // 60 + 14}:{(minute + 30) % 60:02d}"
            )
        if t % 5 == 2:
            lines.append(f'/team settings digest:"fri 14:{minute:02d}"')
        lines.append(f"/assignment add quiz {t} due:2021-08-13 15:{minute:02d}")
        for line in lines:
            reply = await runtime.bot.handle(invocation(t, 0, line))
            assert reply.ok, plain_text(reply.message)
        for m in range(1, MEMBERS):
            reply = await runtime.bot.handle(invocation(t, m, "/ask warm-up question"))
            assert reply.ok, plain_text(reply.message)


def next_line(rng: random.Random, asked: int) -> str:
    roll = rng.random()
    if roll < 0.30:
        return f"/ask 왜 zero_grad()를 호출하나요? ({rng.random():.6f}) category:lecture"
    if roll < 0.60:
        return f"/answer {rng.randint(1, asked)} PyTorch는 gradient를 누적합니다."
    if roll < 0.65:
        return f"/accept {rng.randint(1, asked)}"
    if roll < 0.75:
        return "/note transformer encoder 코드 리뷰"
    if roll < 0.85:
        return f"/retro fact: {rng.random():.4f} feeling: 좋았다 plan: 복습"
    if roll < 0.95:
        return "/questions today"
    return "/assignment list"


async def soak(runtime: Runtime, clock: FakeClock, opts: argparse.Namespace) -> None:
    rng = random.Random(5)
    poster = CountingPoster()
    delivery = runtime.delivery({"bench": poster})
    stepper = Stepper(runtime.reminders, delivery, clock)
    await stepper.advance(START)
    asked = dict.fromkeys(range(opts.teams), MEMBERS - 1)
    latencies = Latencies()
    rejected: dict[str, int] = {}
    memory: list[tuple[int, float]] = []
    wall = time.perf_counter()
    reminders_s = 0.0
    for minute in range(opts.minutes):
        at = START + timedelta(minutes=minute)
        began = time.perf_counter()
        await stepper.advance(at)  # the reminders of this minute, written and delivered
        reminders_s += time.perf_counter() - began
        for second in range(60):
            clock.set(at + timedelta(seconds=second))
            for _ in range(opts.rate):
                team, member = rng.randrange(opts.teams), rng.randrange(MEMBERS)
                line = next_line(rng, asked[team])
                if line.startswith("/accept"):
                    member = 0  # the team's admin may accept any answer
                began = time.perf_counter()
                reply = await runtime.bot.handle(invocation(team, member, line))
                latencies.add(time.perf_counter() - began)
                if reply.ok and line.startswith("/ask"):
                    asked[team] += 1
                elif not reply.ok:
                    key = re.sub(r"\d+", "N", plain_text(reply.message))[:60]
                    rejected[key] = rejected.get(key, 0) + 1
        gc.collect()
        memory.append((minute + 1, rss_mib()))
        if (minute + 1) % 10 == 0 or minute + 1 == opts.minutes:
            print(
                f"  minute {minute + 1:3d}: {latencies.count} commands, "
                f"{len(poster.posted)} posts, RSS {memory[-1][1]:.1f} MiB, "
                f"{time.perf_counter() - wall:.0f} s of wall time",
                flush=True,
            )
    end = START + timedelta(minutes=opts.minutes)
    await stepper.advance(end)
    wall = time.perf_counter() - wall
    report(opts, latencies, rejected, memory, wall, reminders_s)
    async with runtime.uow_factory() as uow:
        rows = await uow.outbox.list()
    due = [r for r in rows if r.due_at <= end]
    sent = [r for r in due if r.state is State.SENT]
    pending = [r for r in due if r.state is State.PENDING]
    skipped = [r for r in due if r.state is State.SKIPPED]
    print(
        f"  reminders: {len(due)} rows due in the hour: {len(sent)} posted, {len(skipped)} with "
        f"nothing to say; lost (still pending) {len(pending)}, "
        f"doubled {len(poster.posted) - len(set(poster.posted))}; "
        f"{reminders_s:.1f} s of wall time writing and delivering them"
    )


def report(
    opts: argparse.Namespace,
    latencies: Latencies,
    rejected: dict[str, int],
    memory: list[tuple[int, float]],
    wall: float,
    reminders_s: float,
) -> None:
    simulated = opts.minutes * 60
    print(
        f"  commands: {latencies.count} in {wall:.0f} s of wall time for {simulated} simulated "
        f"seconds ({wall / simulated:.2f} s per simulated second: "
        f"{'keeps up' if wall < simulated else 'falls behind'} at {opts.rate}/s); "
        f"service time p50 {latencies.percentile_ms(0.5):.1f} ms, "
        f"p99 {latencies.percentile_ms(0.99):.1f} ms, mean {latencies.mean_ms:.1f} ms; "
        f"rejected {sum(rejected.values())}"
    )
    for text, count in sorted(rejected.items(), key=lambda kv: -kv[1])[:5]:
        print(f"    {count} x {text}")
    early = memory[min(len(memory), max(1, len(memory) // 6)) - 1]
    last = memory[-1]
    peak = max(memory, key=lambda m: m[1])
    print(
        f"  memory (RSS after a collection): minute {memory[0][0]} {memory[0][1]:.1f} MiB, "
        f"minute {early[0]} {early[1]:.1f} MiB, minute {last[0]} {last[1]:.1f} MiB, peak "
        f"{peak[1]:.1f} MiB at minute {peak[0]}; from minute {early[0]} to {last[0]}: "
        f"{last[1] - early[1]:+.1f} MiB"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite", help="sqlite, postgres, or an SQLAlchemy URL")
    parser.add_argument("--minutes", type=int, default=60, help="simulated minutes")
    parser.add_argument("--rate", type=int, default=50, help="commands per simulated second")
    parser.add_argument("--teams", type=int, default=300)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url, cleanup = commands.database(opts.db, Path(tmp))
        clock = FakeClock(START)
        runtime = await build(Settings(database_url=url, data_dir=Path(tmp)), clock)
        try:
            print(
                f"peerbot soak: {opts.minutes} simulated minutes at {opts.rate} commands/s, "
                f"{opts.teams} teams x {MEMBERS} members, database "
                f"{safe_url(url.split('?')[0])}, {os.cpu_count()} CPUs",
                flush=True,
            )
            await setup(runtime, clock, opts.teams)
            print(f"  set up; RSS {rss_mib():.1f} MiB", flush=True)
            await soak(runtime, clock, opts)
        finally:
            await runtime.close()
            await cleanup()


if __name__ == "__main__":
    asyncio.run(main())
