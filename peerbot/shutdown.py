"""SIGTERM and SIGINT from the first moment of `peerbot run`: a request to stop, never a kill.

The handler is installed before the configuration is read, the database migrated or any adapter
started, so a signal at any moment of start-up lets the process stop cleanly: what is starting
finishes or is cancelled, what has started is closed, and the process exits with status 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable
from types import FrameType

log = logging.getLogger("peerbot")
SIGNALS = (signal.SIGTERM, signal.SIGINT)


class StopRequest:
    """Remembers a stop signal; `wait` and `unless_stopped` let the event loop act on it."""

    def __init__(self) -> None:
        self.requested: signal.Signals | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._event: asyncio.Event | None = None

    def install(self) -> None:
        """Take over SIGTERM and SIGINT (call first thing, in the main thread)."""
        for sig in SIGNALS:
            signal.signal(sig, self._on_signal)

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        first = self.requested is None
        self.requested = signal.Signals(signum)
        if self._loop is not None and self._event is not None:
            with contextlib.suppress(RuntimeError):  # the loop already closed: nothing to wake
                self._loop.call_soon_threadsafe(self._event.set)
        if not first:
            log.info("%s again: already stopping", self.requested.name)

    def _attach(self) -> asyncio.Event:
        """The event set by a signal, for the running loop (set already if one came)."""
        if self._event is None or self._loop is not asyncio.get_running_loop():
            self._loop, self._event = asyncio.get_running_loop(), asyncio.Event()
        if self.requested is not None:
            self._event.set()
        return self._event

    async def wait(self) -> None:
        """Until a stop signal comes (at once if one already came)."""
        await self._attach().wait()

    def restore(self) -> None:
        """Give SIGTERM and SIGINT back their default actions (for the console's own handling)."""
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)

    async def unless_stopped(self, work: Awaitable[object]) -> bool:
        """Run `work` to its end (True), or cancel it when a stop signal comes first (False)."""
        event = self._attach()
        task = asyncio.ensure_future(work)
        stopped = asyncio.ensure_future(event.wait())
        await asyncio.wait({task, stopped}, return_when=asyncio.FIRST_COMPLETED)
        stopped.cancel()
        if task.done():
            task.result()  # its exception, if it failed
            return True
        task.cancel()
        await asyncio.wait({task})  # let it clean up; an adapter closes itself when cancelled
        if not task.cancelled() and task.exception() is not None:
            log.info("stopped while starting: %s", type(task.exception()).__name__)
        return False
