"""The running bot's publishing: every `interval`, make the weekly publishes due and try the due
rows (`schedule_weekly`, `Publisher.run_due`). A failure is a log line and the next round tries
again; the rows themselves say what happened."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.publish.service import Publisher
from bot.publish.weekly import schedule_weekly

log = logging.getLogger(__name__)


class PublishLoop:
    def __init__(self, publisher: Publisher, interval: float = 60.0) -> None:
        self._publisher = publisher
        self._interval = interval
        self._task: asyncio.Task[None] | None = None

    async def round(self) -> int:
        """One round: how many publishes ran."""
        publisher = self._publisher
        await schedule_weekly(publisher.uow_factory, publisher.clock.now())
        return len(await publisher.run_due())

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="publish")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            try:
                await self.round()
            except Exception:
                log.exception("a publishing round failed; the next one tries again")
            await asyncio.sleep(self._interval)
