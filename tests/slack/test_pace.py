"""Acknowledgements before work: a turn waits while a request awaits its acknowledgement."""

from __future__ import annotations

import asyncio
import time

from adapters.slack.pace import Pace


async def test_work_waits_until_every_waiting_request_was_acknowledged():
    pace = Pace(limit=2, patience=5.0, quiet=0.0)
    order: list[str] = []
    pace.arrived()

    async def work() -> None:
        async with pace.turn():
            order.append("work")

    task = asyncio.create_task(work())
    await asyncio.sleep(0.05)
    assert order == [] and pace.waiting == 1
    order.append("ack")
    pace.answered()
    await task
    assert order == ["ack", "work"]


async def test_work_also_waits_for_a_quiet_moment_after_the_last_arrival():
    pace = Pace(quiet=0.1)
    pace.arrived()
    pace.answered()
    started = time.monotonic()
    async with pace.turn():
        assert time.monotonic() - started >= 0.09


async def test_a_steady_stream_of_requests_cannot_starve_the_work():
    pace = Pace(patience=0.1)
    pace.arrived()  # never answered
    started = time.monotonic()
    async with pace.turn():
        assert 0.09 <= time.monotonic() - started < 1.0


async def test_at_most_limit_turns_at_once_and_drain_waits_for_them():
    pace = Pace(limit=2, quiet=0.0)
    running = 0
    most = 0

    async def work() -> None:
        nonlocal running, most
        async with pace.turn():
            running += 1
            most = max(most, running)
            await asyncio.sleep(0.02)
            running -= 1

    tasks = [asyncio.create_task(work()) for _ in range(6)]
    await asyncio.sleep(0)
    assert not await pace.drain(0.01)
    assert await pace.drain(2.0)
    await asyncio.gather(*tasks)
    assert most == 2
