"""A bot process for the multi-process tests: writes and delivers reminders, maybe dies.

    python -m tests.processes.worker URL SINK --since ISO --now ISO [--die-after-post N]
        [--die-after-write] [--dedupe]

Posts go to SINK, one outbox row id per line (the "platform"). With --dedupe the platform
behaves like Discord with a nonce: an uncertain row already in SINK is not posted again.
--die-after-post N kills the process with SIGKILL right after its Nth post, before marking it
sent; --die-after-write kills it after writing the outbox rows, before posting any.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
from datetime import datetime
from pathlib import Path

from bot.clock import FakeClock
from bot.model.teams import Team
from bot.outbox import OutboxMessage
from peerbot.bootstrap import build
from peerbot.config import Settings


class FilePlatform:
    def __init__(self, sink: Path, dedupe: bool, die_after: int | None) -> None:
        self.sink, self.dedupe, self.die_after, self.count = sink, dedupe, die_after, 0

    async def post(self, team: Team, row: OutboxMessage, *, uncertain: bool) -> None:
        if uncertain and self.dedupe and str(row.id) in self.sink.read_text().split():
            return
        with self.sink.open("a") as out:
            out.write(f"{row.id}\n")
            out.flush()
            os.fsync(out.fileno())
        self.count += 1
        if self.die_after is not None and self.count >= self.die_after:
            os.kill(os.getpid(), signal.SIGKILL)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("sink", type=Path)
    parser.add_argument("--since", type=datetime.fromisoformat, required=True)
    parser.add_argument("--now", type=datetime.fromisoformat, required=True)
    parser.add_argument("--die-after-post", type=int)
    parser.add_argument("--die-after-write", action="store_true")
    parser.add_argument("--dedupe", action="store_true")
    opts = parser.parse_args()
    clock = FakeClock(opts.now)
    runtime = await build(Settings(database_url=opts.url, data_dir=opts.sink.parent), clock)
    await runtime.reminders.write_due(opts.since, opts.now)
    if opts.die_after_write:
        os.kill(os.getpid(), signal.SIGKILL)
    platform = FilePlatform(opts.sink, opts.dedupe, opts.die_after_post)
    await runtime.delivery({"console": platform}).deliver_due()
    await runtime.close()


if __name__ == "__main__":
    asyncio.run(main())
