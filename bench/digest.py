"""Benchmark: rendering weekly digests from the real storage.

One team's week (6 members, 300 questions with answers, 30 retrospectives, notes) rendered as
each format, then the peer-minutes of N such teams one after another, with the peak memory
(tracemalloc and RSS) after 100 teams and after all of them: it should not grow with N.

    python -m bench.digest [--teams 1000] [--workers 2] [--trace] [--db sqlite|postgres|URL]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import resource
import statistics
import tempfile
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime, timedelta
from multiprocessing import get_context
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.commands import database
from bot.clock import FakeClock
from bot.digest import render_week
from bot.model.questions import Answer, Category, Flag, Note, Question, Status
from bot.model.study import Retro
from bot.model.teams import Member, RetroTemplate, Team
from bot.ports import UnitOfWorkFactory
from peerbot.bootstrap import build, settle_heap
from peerbot.config import Settings
from storage import safe_url

SEOUL = ZoneInfo("Asia/Seoul")
WEEK = 2  # 2021-08-09 .. 2021-08-13 for a course that starts 2021-08-02
DAYS = [date(2021, 8, 9) + timedelta(days=i) for i in range(5)]
QUESTIONS, MEMBERS = 300, 6


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SEOUL)


async def add_team(uow_factory: UnitOfWorkFactory, index: int) -> None:
    """One team's week in one transaction: 300 questions, ~450 answers, 30 retros, 10 notes."""
    async with uow_factory() as uow:
        team = await uow.teams.add(
            Team("bench", f"c{index}", f"team{index}", date(2021, 8, 2), created_at=at(DAYS[0], 9))
        )
        assert team.id is not None
        members = [
            await uow.members.add(Member(team.id, f"u{index}-{m}", f"member{m}"))
            for m in range(MEMBERS)
        ]
        ids = [m.id or 0 for m in members]
        for n in range(1, QUESTIONS + 1):
            day = DAYS[n % len(DAYS)]
            asked = at(day, 16, n % 60)
            answers = [
                Answer(
                    0, ids[(n + k) % MEMBERS], f"answer {k} to question {n}: *it* depends", asked
                )
                for k in range(1 + n % 2)
            ]
            category = (Category.LECTURE, Category.ASSIGNMENT, Category.GENERAL)[n % 3]
            resolved = n % 4 != 0
            await uow.questions.add(
                Question(
                    team_id=team.id,
                    number=n,
                    asker_id=ids[n % MEMBERS],
                    text=f"question {n}: why does `x.view()` fail | when <b>?",
                    category=category,
                    study_date=day,
                    asked_at=asked,
                    assignment=f"assignment {n % 2}" if category is Category.ASSIGNMENT else None,
                    status=Status.RESOLVED if resolved else Status.ANSWERED,
                    flag=Flag.ESCALATED if n % 20 == 0 else Flag.NONE,
                    flagged_at=asked if n % 20 == 0 else None,
                    resolved_at=asked + timedelta(days=1) if resolved else None,
                    answers=answers,
                )
            )
        await uow.teams.set_next_question_number(team.id, QUESTIONS + 1)
        for day in DAYS:
            for k in range(2):
                await uow.notes.add(
                    Note(team.id, ids[k], day, f"note {k} ## of {day}", at(day, 17))
                )
            for member_id in ids:
                await uow.retros.add(
                    Retro(
                        team.id,
                        member_id,
                        day,
                        RetroTemplate.FFF,
                        {"fact": "lectures 1-3", "feeling": "fine </details>", "plan": "review"},
                        at(day, 21),
                        at(day, 21),
                    )
                )
        await uow.commit()


async def render_team(uow_factory: UnitOfWorkFactory, team_id: int, fmt: str) -> int:
    async with uow_factory() as uow:
        team = await uow.teams.get(team_id)
        assert team is not None
        member = (await uow.members.list(team_id))[0] if fmt != "peer-minutes" else None
        digest = await render_week(uow, team, WEEK, fmt, member=member)
        return len(digest.markdown)


def memory(trace: bool) -> str:
    gc.collect()
    rss = f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    if not trace:
        return rss
    current, peak = tracemalloc.get_traced_memory()
    return f"{rss}, traced now {current / 2**20:.1f} MiB, traced peak {peak / 2**20:.1f} MiB"


def render_many(url: str, team_ids: list[int], trace: bool) -> list[str]:
    """A worker process: render the teams' peer-minutes in turn; memory at 10% and at the end."""
    return asyncio.run(_render_many(url, team_ids, trace))


async def _render_many(url: str, team_ids: list[int], trace: bool) -> list[str]:
    runtime = await build(Settings(database_url=url), FakeClock(at(DAYS[-1], 18)))
    if trace:
        tracemalloc.start()
    lines, start = [], time.perf_counter()
    checkpoints = {max(1, len(team_ids) // 10), len(team_ids)}
    try:
        for count, team_id in enumerate(team_ids, 1):
            await render_team(runtime.uow_factory, team_id, "peer-minutes")
            if count in checkpoints:
                elapsed = time.perf_counter() - start
                lines.append(f"{count} teams in {elapsed:.1f} s; {memory(trace)}")
    finally:
        await runtime.close()
    return lines


async def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--teams", type=int, default=1000)
    parser.add_argument("--db", default="sqlite", help="sqlite, postgres, or an SQLAlchemy URL")
    parser.add_argument(
        "--workers", type=int, default=1, help="processes rendering (SQLite serializes them)"
    )
    parser.add_argument("--trace", action="store_true", help="tracemalloc figures (slower)")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url, cleanup = database(opts.db, Path(tmp))
        clock = FakeClock(at(DAYS[-1], 18))
        runtime = await build(Settings(database_url=url, data_dir=Path(tmp)), clock)
        try:
            print(
                f"peerbot digest benchmark: {opts.teams} teams x ({MEMBERS} members, "
                f"{QUESTIONS} questions, {MEMBERS * len(DAYS)} retrospectives), "
                f"{safe_url(url.split('?')[0])}, {os.cpu_count()} CPUs"
            )
            start = time.perf_counter()
            for i in range(opts.teams):
                await add_team(runtime.uow_factory, i)
            print(f"built the data in {time.perf_counter() - start:.1f} s")
            async with runtime.uow_factory() as uow:
                team_ids = [t.id for t in await uow.teams.list() if t.id is not None]
            # A started bot settles its heap (`settle_heap`); the objects building the data left
            # here are no bot's, and the collector's full scans of them were the 60-130 ms maxima.
            settle_heap()

            for fmt in ("peer-minutes", "retro-log", "til-review"):
                await render_team(runtime.uow_factory, team_ids[0], fmt)  # warm up
                times = []
                for _ in range(20):
                    start = time.perf_counter()
                    size = await render_team(runtime.uow_factory, team_ids[0], fmt)
                    times.append((time.perf_counter() - start) * 1000)
                print(
                    f"one team's week as {fmt}: median {statistics.median(times):.1f} ms, "
                    f"max {max(times):.1f} ms ({size:,} characters; goal < 10 ms)"
                )

            gc.unfreeze()
            await runtime.close()
            runtime = await build(Settings(database_url=url, data_dir=Path(tmp)), clock)
            chunks = [team_ids[w :: opts.workers] for w in range(opts.workers)]
            start = time.perf_counter()
            with ProcessPoolExecutor(opts.workers, mp_context=get_context("spawn")) as pool:
                reports = list(
                    pool.map(render_many, [url] * opts.workers, chunks, [opts.trace] * opts.workers)
                )
            elapsed = time.perf_counter() - start
            for worker, lines in enumerate(reports):
                for line in lines:
                    print(f"  worker {worker}: {line}")
            print(
                f"{len(team_ids)} teams' weekly digests in {elapsed:.1f} s with {opts.workers} "
                "worker process(es) (goal < 30 s on 2 cores; memory flat from 10% to 100%)"
            )
        finally:
            await runtime.close()
            await cleanup()


if __name__ == "__main__":
    asyncio.run(main())
