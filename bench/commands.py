"""Benchmark: /ask and /answer through the core, as the adapters drive it, on real storage.

50 members of 10 teams issue commands concurrently. Two figures:
  * closed loop: every member sends its next command as soon as the last one is answered
    (the most the bot can do), and
  * open loop: commands arrive at a fixed rate (default 500/s) whether or not the bot keeps up,
    latency measured from each command's arrival, so queueing is counted.

    python -m bench.commands                    # SQLite file in a temporary directory
    python -m bench.commands --db postgres      # the local PostgreSQL (a fresh schema)
    python -m bench.commands --db postgres --processes 3   # three bot processes, one database

With --processes N the teams are shared out among N bot processes on the same database (each a
team's only process, as a deployment would route a channel), which run each phase together;
the figures are the processes' commands and latencies together over the phase's wall time.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import statistics
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.clock import FakeClock
from bot.ports import Invocation, Reply
from bot.text import plain_text
from peerbot.bootstrap import Runtime, build
from peerbot.config import Settings
from storage import normalize_url, safe_url

POSTGRES = os.environ.get(
    "PEERBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
_ids = itertools.count()


def invocation(team: int, member: int, command: str, args: str) -> Invocation:
    return Invocation(
        id=f"b{next(_ids)}",
        platform="bench",
        channel_id=f"team{team}",
        channel_name=f"team{team}",
        user_id=f"m{team}-{member}",
        user_name=f"member{member}",
        command=command,
        args=args,
    )


async def setup_teams(runtime: Runtime, teams: int, members: int, similar: str = "off") -> None:
    """`similar` off by default: the questions are alike on purpose, and "asked before?" would
    hold every one as a draft (and most answers would name no question)."""
    setup = f"setup start:2021-08-02 lang:en similar:{similar}"
    for team in range(teams):
        reply = await runtime.bot.handle(invocation(team, 0, "team", setup))
        assert reply.ok, plain_text(reply.message)
        for member in range(members):
            warm_up = f"warm-up question of member {member}"
            reply = await runtime.bot.handle(invocation(team, member, "ask", warm_up))
            assert reply.ok, plain_text(reply.message)
        ASKED_SO_FAR[team] = members


def next_command(team: int, member: int, asked: dict[int, int], rng: random.Random) -> Invocation:
    """Half /ask, half /answer to a question of the team already asked (and committed)."""
    if rng.random() < 0.5:
        text = f"왜 zero_grad()를 호출하나요? ({rng.random():.6f}) category:lecture"
        return invocation(team, member, "ask", text)
    number = rng.randint(1, asked[team])
    return invocation(team, member, "answer", f"{number} PyTorch는 gradient를 누적합니다.")


def count_asked(inv: Invocation, reply: Reply, asked: dict[int, int]) -> None:
    """After an /ask is answered, its number may be answered by others."""
    if inv.command == "ask" and reply.ok:
        team = int(inv.channel_id.removeprefix("team"))
        asked[team] += 1


REJECTIONS: dict[str, int] = {}
ASKED_SO_FAR: dict[int, int] = {}


def note_rejection(reply: Reply) -> int:
    """Count a rejected command by its sentence (a benchmark should reject none)."""
    if reply.ok:
        return 0
    text = plain_text(reply.message)
    REJECTIONS[text] = REJECTIONS.get(text, 0) + 1
    return 1


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


Phase = tuple[int, float, list[float], int]  # commands, seconds, latencies, rejected


async def closed_loop(
    runtime: Runtime, teams: list[int], members: int, per_member: int, seed: int = 1
) -> Phase:
    rng = random.Random(seed)
    asked = ASKED_SO_FAR
    latencies: list[float] = []
    failures = 0

    async def member_loop(team: int, member: int) -> None:
        nonlocal failures
        for _ in range(per_member):
            inv = next_command(team, member, asked, rng)
            start = time.perf_counter()
            reply = await runtime.bot.handle(inv)
            latencies.append(time.perf_counter() - start)
            failures += note_rejection(reply)
            count_asked(inv, reply, asked)

    start = time.perf_counter()
    await asyncio.gather(*(member_loop(t, m) for t in teams for m in range(members)))
    elapsed = time.perf_counter() - start
    return len(latencies), elapsed, latencies, failures


async def open_loop(
    runtime: Runtime, teams: list[int], members: int, rate: float, seconds: float, seed: int = 2
) -> Phase:
    rng = random.Random(seed)
    asked = dict(ASKED_SO_FAR)
    latencies: list[float] = []
    failures = 0
    total = int(rate * seconds)

    async def one(inv: Invocation, due: float) -> None:
        nonlocal failures
        reply = await runtime.bot.handle(inv)
        latencies.append(time.perf_counter() - due)
        failures += note_rejection(reply)
        count_asked(inv, reply, asked)

    tasks = []
    start = time.perf_counter()
    for i in range(total):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        team, member = rng.choice(teams), rng.randrange(members)
        tasks.append(asyncio.create_task(one(next_command(team, member, asked, rng), due)))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    return total, elapsed, latencies, failures


def report(name: str, count: int, elapsed: float, latencies: list[float], failures: int) -> None:
    ms = [x * 1000 for x in latencies]
    print(
        f"{name:>22}: {count} commands in {elapsed:.2f} s = {count / elapsed:.0f} commands/s; "
        f"latency p50 {percentile(ms, 0.50):.1f} ms, p99 {percentile(ms, 0.99):.1f} ms, "
        f"mean {statistics.fmean(ms):.1f} ms; rejected {failures}"
    )
    for text, count in REJECTIONS.items():
        print(f"{'':>24}{count} x {text}")
    REJECTIONS.clear()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite", help="sqlite, postgres, or an SQLAlchemy URL")
    parser.add_argument("--teams", type=int, default=10)
    parser.add_argument("--members", type=int, default=5, help="members per team")
    parser.add_argument("--per-member", type=int, default=100, help="closed-loop commands each")
    parser.add_argument("--rate", type=float, default=500, help="open-loop commands per second")
    parser.add_argument("--seconds", type=float, default=10, help="open-loop duration")
    parser.add_argument(
        "--processes", type=int, default=1, help="bot processes sharing the database"
    )
    parser.add_argument(
        "--similar",
        choices=("on", "off"),
        default="off",
        help='the teams\' "asked before?" check (off: these questions are alike on purpose; on, '
        "each would be held back as a draft and the answers to its number refused)",
    )
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url, cleanup = database(opts.db, Path(tmp))
        clock = FakeClock(START)
        runtime = await build(Settings(database_url=url, data_dir=Path(tmp)), clock)
        try:
            print(
                f"peerbot command benchmark: {opts.teams} teams x {opts.members} members, "
                f"database {safe_url(normalize_url(url).split('?')[0])}, {os.cpu_count()} CPUs"
                + (f", {opts.processes} bot processes" if opts.processes > 1 else "")
                + f', "asked before?" {opts.similar}'
            )
            await setup_teams(runtime, opts.teams, opts.members, opts.similar)
            if opts.processes > 1:
                await runtime.close()
                several(url, Path(tmp), opts)
                return
            teams = list(range(opts.teams))
            closed = await closed_loop(runtime, teams, opts.members, opts.per_member)
            report("closed loop", *closed)
            opened = await open_loop(runtime, teams, opts.members, opts.rate, opts.seconds)
            report(f"open loop at {opts.rate:.0f}/s", *opened)
        finally:
            await runtime.close()
            await cleanup()


START = datetime(2021, 8, 9, 13, 0, tzinfo=ZoneInfo("Asia/Seoul"))


def several(url: str, tmp: Path, opts: argparse.Namespace) -> None:
    """Run both phases in `opts.processes` processes at once; report them together."""
    import multiprocessing

    n = opts.processes
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(n + 1)
    results = context.Queue()
    children = [
        context.Process(target=_child, args=(url, tmp, opts, k, barrier, results)) for k in range(n)
    ]
    for child in children:
        child.start()
    barrier.wait()  # every process is connected and ready
    start = time.perf_counter()
    barrier.wait()  # every process has finished the closed loop
    closed_wall = time.perf_counter() - start
    barrier.wait()  # and the open loop
    phases = [results.get() for _ in children]
    for child in children:
        child.join()
    for index, name in ((0, "closed loop"), (1, f"open loop at {opts.rate:.0f}/s")):
        parts = [p[index] for p in phases]
        for rejections in (p[2 + index] for p in phases):
            for text, count in rejections.items():
                REJECTIONS[text] = REJECTIONS.get(text, 0) + count
        wall = closed_wall if index == 0 else max(part[1] for part in parts)
        latencies = [x for part in parts for x in part[2]]
        report(name, sum(part[0] for part in parts), wall, latencies, sum(p[3] for p in parts))


def _child(url: str, tmp: Path, opts: argparse.Namespace, k: int, barrier, results) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(_child_main(url, tmp, opts, k, barrier, results))


async def _child_main(
    url: str, tmp: Path, opts: argparse.Namespace, k: int, barrier, results
) -> None:  # type: ignore[no-untyped-def]
    n = opts.processes
    teams = [t for t in range(opts.teams) if t % n == k]
    runtime = await build(Settings(database_url=url, data_dir=tmp), FakeClock(START))
    try:
        for team in teams:
            ASKED_SO_FAR[team] = opts.members  # the warm-up questions the parent asked
        async with runtime.uow_factory() as uow:  # a connection up before the start
            await uow.teams.list()
        barrier.wait()
        closed = await closed_loop(runtime, teams, opts.members, opts.per_member, seed=1 + k)
        closed_rejections = dict(REJECTIONS)
        REJECTIONS.clear()
        barrier.wait()
        rate = opts.rate / n
        opened = await open_loop(runtime, teams, opts.members, rate, opts.seconds, seed=100 + k)
        barrier.wait()
        results.put((closed, opened, closed_rejections, dict(REJECTIONS)))
    finally:
        await runtime.close()


def database(kind: str, tmp: Path):  # type: ignore[no-untyped-def]
    async def nothing() -> None:
        return None

    if kind == "sqlite":
        return f"sqlite:///{tmp / 'bench.db'}", nothing
    if kind != "postgres":
        return kind, nothing
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    from storage import sync_url

    # libpq's spelling of the URL, whichever driver PEERBOT_TEST_POSTGRES_URL names
    plain = sync_url(POSTGRES).replace("+psycopg", "", 1)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")

    async def drop() -> None:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")

    sep = "&" if "?" in POSTGRES else "?"
    return f"{POSTGRES}{sep}options=-csearch_path%3D{schema}", drop


if __name__ == "__main__":
    asyncio.run(main())
