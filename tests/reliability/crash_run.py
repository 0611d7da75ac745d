"""One bot process running the scripted weeks of `scenario`, that may be told to die.

    python -m tests.reliability.crash_run DB SINK --teams N --days D [--seed S] [--die-at OPS]

DB is a SQLite file. The process walks the script with an injected clock: `Stepper` writes and
delivers every reminder at its own time, and each command goes through `PeerBot.handle` as an
adapter would send it. Posts go to SINK, one line per post (row id, team, kind, occurrence and
a digest of the text and file); an *uncertain* row already in SINK is not posted again, as
Discord's nonce does.

--die-at OPS sends this process SIGKILL at its OPS-th operation, counting every SQL statement,
every commit and both sides of every post: a kill can land inside a transaction, just before a
commit, between a post and its mark, anywhere. A restarted process resumes where the committed
data says the dead one stopped: each command's unit of work also records the command's step
number in a side table before it commits, in the same transaction, so a step is either done and
recorded or neither (the repositories never read that table, so it is not "content").

At the end it prints one JSON line: {"ops": N, "steps": S, "resumed_at": I}.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import signal
import sqlite3
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlalchemy import event, text

from bot.clock import FakeClock
from bot.core import PeerBot
from bot.model.teams import Language, Team
from bot.outbox import OutboxMessage
from bot.ports import Invocation, UnitOfWork, UnitOfWorkFactory
from bot.scheduled.drivers import Stepper
from bot.text import message_to_json
from peerbot.bootstrap import build
from peerbot.config import Settings
from tests.reliability.scenario import end_of, script

PROGRESS = "crash_progress"


class Killer:
    """Counts operations and dies with SIGKILL at the chosen one."""

    def __init__(self, die_at: int | None) -> None:
        self.ops = 0
        self.die_at = die_at

    def tick(self, *_: Any) -> None:
        self.ops += 1
        if self.die_at is not None and self.ops >= self.die_at:
            os.kill(os.getpid(), signal.SIGKILL)


def post_line(row: OutboxMessage) -> str:
    body = message_to_json(row.message)
    if row.attachment is not None:
        body += "\0" + row.attachment.filename + "\0" + row.attachment.text
    digest = hashlib.sha256(body.encode()).hexdigest()[:16]
    return f"{row.id}\t{row.team_id}\t{row.kind.value}\t{row.occurrence}\t{digest}\n"


def posted_ids(sink: Path) -> set[str]:
    if not sink.exists():
        return set()
    return {line.split("\t")[0] for line in sink.read_text().splitlines()}


class FilePlatform:
    """The "platform": appends each post to SINK; de-duplicates uncertain rows by id."""

    def __init__(self, sink: Path, killer: Killer) -> None:
        self.sink, self.killer = sink, killer

    async def post(self, team: Team, row: OutboxMessage, *, uncertain: bool) -> None:
        if uncertain and str(row.id) in posted_ids(self.sink):
            return
        self.killer.tick()
        with self.sink.open("a") as out:
            out.write(post_line(row))
            out.flush()
            os.fsync(out.fileno())
        self.killer.tick()


class Recorded:
    """A unit of work that, while a step runs, records the step in the same transaction."""

    def __init__(self, inner: UnitOfWork, progress: Progress) -> None:
        self._inner = inner
        self._progress = progress

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def __aenter__(self) -> Self:
        await self._inner.__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._inner.__aexit__(exc_type, exc, tb)

    async def commit(self) -> None:
        step = self._progress.current
        if step is not None:
            connection = self._inner._connection  # type: ignore[attr-defined]
            await connection.execute(
                text(f"INSERT OR IGNORE INTO {PROGRESS} (step) VALUES (:step)"), {"step": step}
            )
        await self._inner.commit()

    async def rollback(self) -> None:
        await self._inner.rollback()


class Progress:
    def __init__(self, factory: UnitOfWorkFactory) -> None:
        self.current: int | None = None
        self._factory = factory

    def __call__(self) -> UnitOfWork:
        return Recorded(self._factory(), self)  # type: ignore[return-value]


def last_recorded(db: Path) -> int | None:
    connection = sqlite3.connect(db)
    try:
        connection.execute(f"CREATE TABLE IF NOT EXISTS {PROGRESS} (step INTEGER PRIMARY KEY)")
        connection.commit()
        return connection.execute(f"SELECT max(step) FROM {PROGRESS}").fetchone()[0]
    finally:
        connection.close()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("sink", type=Path)
    parser.add_argument("--teams", type=int, required=True)
    parser.add_argument("--days", type=int, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--die-at", type=int)
    opts = parser.parse_args()

    steps = script(opts.teams, opts.days, opts.seed)
    killer = Killer(opts.die_at)
    clock = FakeClock(steps[0].at)
    settings = Settings(database_url=f"sqlite:///{opts.db}", data_dir=opts.db.parent)
    runtime = await build(settings, clock)
    last = last_recorded(opts.db)
    engine = runtime.uow_factory.engine  # type: ignore[attr-defined]
    event.listen(engine.sync_engine, "before_cursor_execute", killer.tick)
    event.listen(engine.sync_engine, "commit", killer.tick)
    progress = Progress(runtime.uow_factory)
    bot = PeerBot(progress, clock, default_language=Language.KO)
    delivery = runtime.delivery({"console": FilePlatform(opts.sink, killer)})
    stepper = Stepper(runtime.reminders, delivery, clock)

    resume = 0 if last is None else last + 1
    if last is not None:
        # Where the dead process stood when its last command committed: everything due by
        # then was written before that command ran.
        await stepper.advance(steps[last].at)
    position = steps[last].at if last is not None else None
    for index in range(resume, len(steps)):
        step = steps[index]
        if step.at != position:
            await stepper.advance(step.at)
            position = step.at
        name, args = step.command
        progress.current = index
        try:
            await bot.handle(
                Invocation(
                    id=f"s{index}",
                    platform="console",
                    channel_id=step.channel,
                    channel_name=step.channel,
                    user_id=step.user,
                    user_name=step.user,
                    command=name,
                    args=args,
                )
            )
        finally:
            progress.current = None
    await stepper.advance(end_of(opts.days))
    await runtime.close()
    print(json.dumps({"ops": killer.ops, "steps": len(steps), "resumed_at": resume}))


if __name__ == "__main__":
    asyncio.run(main())
