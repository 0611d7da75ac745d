"""One of several bot processes walking the same simulated week on one database.

    python -m tests.reliability.week_worker URL SINK --start ISO --end ISO
        [--die-after-posts K [--then-ops J]]

The process walks an injected clock from START to END with `Stepper`: at each reminder's time it
writes the due rows (the outbox's unique key lets only one process write each) and delivers
what is due (rows are claimed with `FOR UPDATE SKIP LOCKED`, so only one process posts each).
Posts are appended to SINK, one outbox row id per line; an *uncertain* row already in SINK is
not posted again, as Discord's nonce does.

--die-after-posts K kills the process with SIGKILL J operations (SQL statements and commits,
default 0) after its K-th post: with J = 0 between posting and marking it sent, with J > 0
somewhere in the writing or claiming that follows.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bot.clock import FakeClock
from bot.delivery import Delivery, DeliveryPolicy
from bot.model.teams import Team
from bot.outbox import OutboxMessage
from bot.scheduled.drivers import Stepper
from peerbot.bootstrap import build
from peerbot.config import Settings


class Platform:
    def __init__(self, sink: Path, die_after: int | None, then_ops: int) -> None:
        self.sink, self.die_after, self.then_ops = sink, die_after, then_ops
        self.posts = 0
        self.armed: int | None = None  # operations left before dying

    async def post(self, team: Team, row: OutboxMessage, *, uncertain: bool) -> None:
        if uncertain and self.sink.exists() and str(row.id) in self.sink.read_text().split():
            return
        with self.sink.open("a") as out:
            out.write(f"{row.id}\n")
            out.flush()
            os.fsync(out.fileno())
        self.posts += 1
        if self.die_after is not None and self.posts == self.die_after:
            self.armed = self.then_ops
            self.tick()

    def tick(self, *_: Any) -> None:
        if self.armed is None:
            return
        if self.armed <= 0:
            os.kill(os.getpid(), signal.SIGKILL)
        self.armed -= 1


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("sink", type=Path)
    parser.add_argument("--start", type=datetime.fromisoformat, required=True)
    parser.add_argument("--end", type=datetime.fromisoformat, required=True)
    parser.add_argument("--die-after-posts", type=int)
    parser.add_argument("--then-ops", type=int, default=0)
    opts = parser.parse_args()
    clock = FakeClock(opts.start)
    runtime = await build(Settings(database_url=opts.url, data_dir=opts.sink.parent), clock)
    platform = Platform(opts.sink, opts.die_after_posts, opts.then_ops)
    engine = runtime.uow_factory.engine  # type: ignore[attr-defined]
    event.listen(engine.sync_engine, "before_cursor_execute", platform.tick)
    event.listen(engine.sync_engine, "commit", platform.tick)
    # Each process walks its own simulated clock as fast as it can, so two of them can be hours
    # apart, unlike machines' clocks; a 5-minute lease would then run out under a process still
    # about to post. A lease of a day outlasts that drift and still lets the survivors take over
    # a killed process's rows (it dies early in the week).
    policy = DeliveryPolicy(lease=timedelta(days=1))
    delivery = Delivery(runtime.uow_factory, clock, {"console": platform}, policy)
    stepper = Stepper(runtime.reminders, delivery, clock)
    await stepper.advance(opts.start)  # the start-up catch-up: nothing is due before START
    await stepper.advance(opts.end)
    await runtime.close()
    print(platform.posts)


if __name__ == "__main__":
    asyncio.run(main())
