"""The web view under 100 concurrent readers: p50/p99 per page, against a floor.

    python -m bench.web [--readers 100] [--requests 5] [--extra 300]

The demo team (`bench.web_demo`, plus `--extra` questions with answers spread over its two
weeks) lives in a SQLite file, read through the real storage. Each of `--readers` clients (one
aiohttp session, 127.0.0.1) opens the pages in turn, `--requests` times each; the floor is a
trivial aiohttp handler returning a page of the same size, served and read the same way in the
same run. Printed: p50 and p99 per page in milliseconds, and each as a ratio to the floor's.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

import aiohttp
from aiohttp import web

from adapters.web import web_app
from bench.web_demo import PAGES, demo
from storage import SqlUnitOfWorkFactory, create_engine, upgrade_async
from tests.conftest import SEOUL
from tests.web.seed import Seeded


async def extra_questions(s: Seeded, count: int) -> None:
    days = ["2021-08-02", "2021-08-03", "2021-08-04", "2021-08-05", "2021-08-06", "2021-08-09"]
    for i in range(count):
        day = days[i % len(days)]
        s.clock.set(datetime.fromisoformat(f"{day}T11:00").replace(tzinfo=SEOUL))
        await s.ok("lee", f"/ask Practice question {i} about gradient step {i % 17}?")
        await s.ok("park", f"/answer {8 + i} Worked example {i}: check the shapes first.")
    s.clock.set(datetime(2021, 8, 11, 17, 0, tzinfo=SEOUL))


async def serve(app: web.Application) -> tuple[web.AppRunner, int]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, int(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]


async def read(urls: list[str], readers: int, requests: int) -> dict[str, list[float]]:
    """Every reader opens every URL `requests` times, all readers at once; seconds per URL."""
    timings: dict[str, list[float]] = {url: [] for url in urls}
    connector = aiohttp.TCPConnector(limit=readers)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def reader(offset: int) -> None:
            for n in range(requests * len(urls)):
                url = urls[(n + offset) % len(urls)]
                start = time.perf_counter()
                async with session.get(url) as response:
                    await response.read()
                    assert response.status == 200, (url, response.status)
                timings[url].append(time.perf_counter() - start)

        await asyncio.gather(*(reader(i) for i in range(readers)))
    return timings


def quantile(values: list[float], q: float) -> float:
    """The q-quantile (0.5: median, 0.99: p99), interpolated."""
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


async def main(readers: int, requests: int, extra: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'bench.db'}"
        await upgrade_async(url)
        engine = create_engine(url)
        s = await demo(SqlUnitOfWorkFactory(engine))
        await extra_questions(s, extra)
        link = await s.link()
        pages_runner, port = await serve(web_app(s.pages))
        sample = await _fetch(f"http://127.0.0.1:{port}{link}")
        floor_app = web.Application()

        async def floor(_: web.Request) -> web.Response:
            return web.Response(text=sample, content_type="text/html")

        floor_app.router.add_get("/", floor)
        floor_runner, floor_port = await serve(floor_app)
        try:
            base = f"http://127.0.0.1:{port}{link}"
            floor_url = f"http://127.0.0.1:{floor_port}/"
            urls = [base + p for p in PAGES.values()]
            alone = await read(urls, 1, requests)  # one reader: each page's own cost
            floor_times = (await read([floor_url], readers, requests * len(PAGES)))[floor_url]
            page_times = await read(urls, readers, requests)
        finally:
            await pages_runner.cleanup()
            await floor_runner.cleanup()
            await engine.dispose()
    report(readers, requests, extra, floor_times, page_times, alone)


async def _fetch(url: str) -> str:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return await response.text()


def report(
    readers: int,
    requests: int,
    extra: int,
    floor_times: list[float],
    page_times: dict[str, list[float]],
    alone: dict[str, list[float]],
) -> None:
    f50, f99 = quantile(floor_times, 0.5), quantile(floor_times, 0.99)
    print(f"{readers} concurrent readers, {requests} reads of each page each, SQLite, ")
    print(f"demo team + {extra} questions; floor: a static aiohttp page of the same size")
    head = f"{'page':<10} {'p50 ms':>8} {'p99 ms':>8} {'p50/floor':>10} {'p99/floor':>10}"
    print(head + f" {'alone p50 ms':>13}")
    print(f"{'floor':<10} {f50 * 1000:8.1f} {f99 * 1000:8.1f} {1:10.1f} {1:10.1f}")
    everything: list[float] = []
    for (name, _), times, own in zip(
        PAGES.items(), page_times.values(), alone.values(), strict=True
    ):
        everything += times
        p50, p99 = quantile(times, 0.5), quantile(times, 0.99)
        print(
            f"{name:<10} {p50 * 1000:8.1f} {p99 * 1000:8.1f} {p50 / f50:10.1f} "
            f"{p99 / f99:10.1f} {statistics.median(own) * 1000:13.1f}"
        )
    p50, p99 = quantile(everything, 0.5), quantile(everything, 0.99)
    print(
        f"{'all pages':<10} {p50 * 1000:8.1f} {p99 * 1000:8.1f} {p50 / f50:10.1f} {p99 / f99:10.1f}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=100)
    parser.add_argument("--requests", type=int, default=5)
    parser.add_argument("--extra", type=int, default=300)
    args = parser.parse_args()
    asyncio.run(main(args.readers, args.requests, args.extra))
