"""Acknowledgements before work: the one event loop serves Slack's 3-second deadline first.

Every request Slack sends is counted from arrival until its acknowledgement has been handed
back (`arrived` / `answered`, around bolt's dispatch in HTTP and in Socket Mode). The work a
command causes (display name, the core's transaction, the reply) waits for its `turn`: at most
`limit` at once, and each starts only when no request is waiting for its acknowledgement and
none arrived in the last `quiet` seconds (the rest of a burst is usually on its way), or after
`patience` seconds, so a steady stream of requests cannot starve the work. A burst of
commands is thus acknowledged as fast as a bare bolt app would, and answered right after.

`quiet` is 50 ms: on a busy machine the requests of one burst arrive more than 10 ms apart
(the earlier 10 ms let work start mid-burst, and the acknowledgements behind it waited:
`python -m bench.slack` p99 1.35-1.64x the floor, against 1.04-1.29x at 50 ms). A reply
that waits 50 ms more is not felt; an acknowledgement late by 3 s is an error shown to the user.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator


class Pace:
    """Counts requests awaiting their acknowledgement; hands out turns for the work."""

    def __init__(self, limit: int = 16, patience: float = 1.0, quiet: float = 0.05) -> None:
        self._gate = asyncio.Semaphore(limit)
        self._patience = patience
        self._quiet = quiet
        self._last_arrival = 0.0
        self._waiting = 0
        self._working = 0
        self._idle = asyncio.Event()
        self._idle.set()

    @property
    def waiting(self) -> int:
        """Requests not yet acknowledged."""
        return self._waiting

    def arrived(self) -> None:
        self._last_arrival = time.monotonic()
        self._waiting += 1
        self._idle.clear()

    def answered(self) -> None:
        self._waiting = max(0, self._waiting - 1)
        if self._waiting == 0:
            self._idle.set()

    @contextlib.asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Hold a work slot, entered once every waiting request has been acknowledged."""
        self._working += 1
        try:
            async with self._gate:
                await self._wait_for_calm()
                yield
        finally:
            self._working -= 1

    async def _wait_for_calm(self) -> None:
        deadline = time.monotonic() + self._patience
        while (left := deadline - time.monotonic()) > 0:
            if not self._idle.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._idle.wait(), left)
                continue
            calm = self._last_arrival + self._quiet - time.monotonic()
            if calm <= 0:
                break
            await asyncio.sleep(min(calm, left))

    async def drain(self, timeout: float) -> bool:
        """Wait until nothing is waiting or working (at shutdown); False if time ran out."""
        deadline = time.monotonic() + timeout
        while self._waiting or self._working:
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(0.02)
        return True
