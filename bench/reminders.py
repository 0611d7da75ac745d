"""Benchmark: 1,000 teams whose session reminders fall due in the same minute.

How long until every outbox row is written, and until all are delivered through a fake
adapter that allows 50 posts per second with 30 ms of latency each (so the floor is 20 s);
then checks nothing was lost or doubled.

    python -m bench.reminders [--teams 1000] [--rate 50] [--db postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.commands import database
from bot.clock import FakeClock
from bot.model.teams import Member, Team
from bot.outbox import OutboxMessage, State
from peerbot.bootstrap import build
from peerbot.config import Settings
from storage import safe_url

SEOUL = ZoneInfo("Asia/Seoul")
DUE = datetime(2021, 8, 9, 15, 50, tzinfo=SEOUL)  # Day 6, every team's session reminder


class ThrottledPoster:
    """A platform that takes `rate` posts per second, each after `latency` seconds."""

    def __init__(self, rate: float, latency: float) -> None:
        self.interval = 1 / rate
        self.latency = latency
        self.next_slot = 0.0
        self.posted: list[int] = []

    async def post(self, team: Team, row: OutboxMessage, *, uncertain: bool) -> None:
        now = time.perf_counter()
        slot = max(now, self.next_slot)
        self.next_slot = slot + self.interval
        await asyncio.sleep(slot - now + self.latency)
        self.posted.append(row.id or 0)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=50.0, help="posts per second allowed")
    parser.add_argument("--db", default="sqlite", help="sqlite, postgres, or an SQLAlchemy URL")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url, cleanup = database(opts.db, Path(tmp))
        clock = FakeClock(DUE - timedelta(hours=2))
        runtime = await build(Settings(database_url=url, data_dir=Path(tmp)), clock)
        try:
            print(
                f"peerbot reminder benchmark: {opts.teams} teams, {safe_url(url.split('?')[0])}, "
                f"{os.cpu_count()} CPUs"
            )
            async with runtime.uow_factory() as uow:
                for i in range(opts.teams):
                    team = await uow.teams.add(
                        Team("bench", f"c{i}", f"team{i}", date(2021, 8, 2), created_at=clock.now())
                    )
                    assert team.id is not None
                    for m in range(6):
                        await uow.members.add(Member(team.id, f"u{i}-{m}", f"member{m}"))
                await uow.commit()
            clock.set(DUE)
            start = time.perf_counter()
            written = await runtime.reminders.write_due(DUE - timedelta(minutes=1), DUE)
            rows_s = time.perf_counter() - start
            poster = ThrottledPoster(opts.rate, 0.03)
            delivery = runtime.delivery({"bench": poster})
            start = time.perf_counter()
            while len(poster.posted) < written:
                await delivery.deliver_due()
            deliver_s = time.perf_counter() - start
            floor = written / opts.rate
            async with runtime.uow_factory() as uow:
                sent = await uow.outbox.list(state=State.SENT.value)
            again = await runtime.reminders.write_due(DUE - timedelta(minutes=1), DUE)
            print(f"  rows written: {written} in {rows_s:.2f} s (goal: within 2 s)")
            print(
                f"  delivered: {len(poster.posted)} in {deliver_s:.2f} s; floor {floor:.1f} s "
                f"at {opts.rate:.0f} posts/s: {100 * (deliver_s / floor - 1):+.1f} % "
                "(goal: within 10 %)"
            )
            print(
                f"  doubled: {len(poster.posted) - len(set(poster.posted))}; lost: "
                f"{opts.teams - len(sent)}; rows written by a second pass: {again}"
            )
        finally:
            await runtime.close()
            await cleanup()


if __name__ == "__main__":
    asyncio.run(main())
