"""Benchmark: signed slash commands over HTTP, peerbot's Slack app against a bare bolt app.

Two servers run side by side, each in its own process, as a deployment would run them:
  * peerbot: the real `SlackAdapter` in HTTP mode on a SQLite file, its Web API client
    pointed at the fake Slack (tests/slack/fake.py), and
  * bare: a slack-bolt `AsyncApp` that only acknowledges: the framework's floor.
This process is Slack: it sends rounds of `--concurrency` signed `/ask` and `/questions`
commands at once to one server, then the other, and serves the fake Web API and response URLs.

Figures per server: time to the acknowledgement (the HTTP response Slack waits 3 s for), and
for peerbot also to the final reply (a `chat.postMessage` for `/ask`, a POST to the
`response_url` for `/questions`, timed where the fake Slack receives it).

    python -m bench.slack                       # 100 concurrent, 10 rounds each
    python -m bench.slack --concurrency 200 --rounds 10
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import itertools
import multiprocessing
import re
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp

from tests.slack.fake import (
    BOT_TOKEN,
    CHANNEL,
    SIGNING_SECRET,
    FakeSlack,
    form_body,
    sign,
    slash_payload,
)

USERS = 8


# --- the servers (child processes) ---------------------------------------------------------


def serve(kind: str, api_url: str, db: str, ports: Any, stop: Any, freeze: bool) -> None:
    """Run one server until `stop` is set; its port goes into `ports`."""
    asyncio.run(_serve(kind, api_url, db, ports, stop, freeze))


async def _serve(kind: str, api_url: str, db: str, ports: Any, stop: Any, freeze: bool) -> None:
    import gc
    import logging

    logging.basicConfig(level=logging.WARNING)
    if kind == "bare":
        close, port = await _bare(api_url)
    else:
        close, port = await _peerbot(api_url, db)
    if freeze:
        # What `peerbot run` should do once started: the objects of start-up (modules, the
        # ORM's metadata, holiday tables, ...) live as long as the process, so move them out of
        # the collector's reach; a full collection then takes ~1 ms instead of ~100 ms, which
        # would otherwise stall every acknowledgement in flight.
        gc.collect()
        gc.freeze()
    ports.put((kind, port))
    while not stop.is_set():
        await asyncio.sleep(0.1)
    await close()


async def _bare(api_url: str) -> tuple[Any, int]:
    from aiohttp import web
    from slack_bolt.app.async_app import AsyncApp
    from slack_bolt.app.async_server import AsyncSlackAppServer
    from slack_bolt.context.ack.async_ack import AsyncAck
    from slack_sdk.web.async_client import AsyncWebClient

    app = AsyncApp(
        client=AsyncWebClient(token=BOT_TOKEN, base_url=api_url), signing_secret=SIGNING_SECRET
    )

    async def only_ack(ack: AsyncAck) -> None:
        await ack()

    app.command(re.compile(r"^/.+"))(only_ack)
    runner = web.AppRunner(AsyncSlackAppServer(0, "/slack/events", app).web_app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner.cleanup, int(runner.addresses[0][1])


async def _peerbot(api_url: str, db: str) -> tuple[Any, int]:
    from adapters.slack import SlackAdapter
    from bot.clock import FakeClock
    from bot.model.teams import Language
    from peerbot.bootstrap import build
    from peerbot.config import Settings

    settings = Settings(
        database_url=f"sqlite:///{db}",
        default_language=Language.EN,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_port=0,
        slack_host="127.0.0.1",
        slack_api_url=api_url,
    )
    clock = FakeClock(datetime(2021, 8, 9, 13, 0, tzinfo=ZoneInfo("Asia/Seoul")))
    runtime = await build(settings, clock)
    adapter = SlackAdapter(settings, runtime.bot)
    await adapter.start()

    async def close() -> None:
        await adapter.close()
        await runtime.close()

    assert adapter.port is not None
    return close, adapter.port


# --- Slack's side (this process) -----------------------------------------------------------


@dataclass
class Sample:
    ack: float
    reply: float | None = None


@dataclass
class Results:
    samples: list[Sample] = field(default_factory=list)
    failed: int = 0


_hooks = itertools.count(1)


async def one_command(
    http: aiohttp.ClientSession, fake: FakeSlack, url: str, user: int, ask: bool
) -> tuple[float, float, str, str]:
    """Send one signed command; (sent, acknowledged, hook, marker)."""
    hook = f"b{next(_hooks)}"
    marker = f"q{hook}"
    command, text = ("/ask", f"benchmark question {marker}") if ask else ("/questions", "")
    body = form_body(
        slash_payload(
            command,
            text,
            user=f"U0B{user:03d}",
            user_name=f"member{user}",
            channel=CHANNEL,
            response_url=fake.response_url(hook),
        )
    )
    sent = time.perf_counter()
    async with http.post(url, data=body, headers=sign(body)) as response:
        await response.read()
        acked = time.perf_counter()
        if response.status != 200:
            raise RuntimeError(f"status {response.status}")
    return sent, acked, hook, marker


async def round_of(
    http: aiohttp.ClientSession,
    fake: FakeSlack,
    url: str,
    concurrency: int,
    results: Results,
    *,
    replies: bool,
) -> None:
    start = len(fake.calls)
    outcomes = await asyncio.gather(
        *(one_command(http, fake, url, i % USERS, i % 2 == 0) for i in range(concurrency)),
        return_exceptions=True,
    )
    good = [o for o in outcomes if not isinstance(o, BaseException)]
    results.failed += len(outcomes) - len(good)
    if not replies:
        results.samples += [Sample(acked - sent) for sent, acked, _, _ in good]
        return
    deadline = time.perf_counter() + 30
    arrived: dict[str, float] = {}
    while time.perf_counter() < deadline and len(arrived) < len(good):
        for call in fake.calls[start:]:
            if call.method == "response_url":
                arrived.setdefault(str(call.args.get("hook")), call.at)
            elif call.method == "chat.postMessage":
                found = re.search(r"benchmark question (qb\d+)", str(call.args.get("text", "")))
                if found:
                    arrived.setdefault(found.group(1), call.at)
        await asyncio.sleep(0.05)
    for sent, acked, hook, marker in good:
        at = arrived.get(hook) or arrived.get(marker)
        if at is None:
            results.failed += 1
        results.samples.append(Sample(acked - sent, None if at is None else at - sent))


@contextlib.contextmanager
def quiet_collector() -> Iterator[None]:
    """This process (Slack's side) sends a round's requests and stamps their times without a
    collection in between: its own pauses, tens of ms with every sample and fake call kept,
    landed on one lane's round or the other's and moved the p99 of either by a third."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def line(name: str, values: list[float]) -> str:
    if not values:
        return f"  {name:<22} (none)"
    return (
        f"  {name:<22} p50 {percentile(values, 0.5) * 1000:7.1f} ms   "
        f"p99 {percentile(values, 0.99) * 1000:7.1f} ms   "
        f"max {max(values) * 1000:7.1f} ms   mean {statistics.fmean(values) * 1000:7.1f} ms"
    )


async def main(concurrency: int, rounds: int, freeze: bool) -> None:
    fake = FakeSlack()
    await fake.start()
    for user in range(USERS):
        fake.add_user(f"U0B{user:03d}", f"Member {user}", f"member{user}")
    context = multiprocessing.get_context("spawn")
    ports = context.Queue()
    stop = context.Event()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        servers = [
            context.Process(target=serve, args=(kind, fake.api_url, db, ports, stop, freeze))
            for kind in ("bare", "peerbot")
        ]
        for server in servers:
            server.start()
        urls: dict[str, str] = {}
        for _ in servers:
            kind, port = await asyncio.get_running_loop().run_in_executor(None, ports.get)
            urls[kind] = f"http://127.0.0.1:{port}/slack/events"
        connector = aiohttp.TCPConnector(limit=0)
        try:
            async with aiohttp.ClientSession(connector=connector) as http:
                await _set_up_team(http, fake, urls["peerbot"])
                for kind in ("bare", "peerbot"):  # warm-up: connections, caches, first paths
                    await round_of(
                        http, fake, urls[kind], concurrency, Results(), replies=kind == "peerbot"
                    )
                bare, peerbot = Results(), Results()
                for _ in range(rounds):
                    with quiet_collector():
                        await round_of(http, fake, urls["bare"], concurrency, bare, replies=False)
                    with quiet_collector():
                        await round_of(
                            http, fake, urls["peerbot"], concurrency, peerbot, replies=True
                        )
        finally:
            stop.set()
            for server in servers:
                server.join(10)
            await fake.close()
    report(concurrency, rounds, bare, peerbot, freeze)


async def _set_up_team(http: aiohttp.ClientSession, fake: FakeSlack, url: str) -> None:
    # "Asked before?" off, as in bench.commands and bench.discord: the bench's questions are
    # alike on purpose, and the check would hold all but the first as drafts.
    body = form_body(
        slash_payload(
            "/team",
            "setup start:2021-08-02 zone:Asia/Seoul country:KR lang:en similar:off",
            user="U0B000",
            user_name="member0",
            response_url=fake.response_url("setup"),
        )
    )
    async with http.post(url, data=body, headers=sign(body)) as response:
        assert response.status == 200, response.status
    await fake.wait_for("chat.postMessage", timeout=10)


def report(concurrency: int, rounds: int, bare: Results, peerbot: Results, freeze: bool) -> None:
    floor = [s.ack for s in bare.samples]
    acks = [s.ack for s in peerbot.samples]
    finals = [s.reply for s in peerbot.samples if s.reply is not None]
    print(
        f"Slack HTTP mode, {concurrency} concurrent signed slash commands x {rounds} rounds "
        "(/ask and /questions, half each), "
        + ("gc.freeze() after start" if freeze else "no gc.freeze()")
    )
    print("bare slack-bolt app (ack only, the floor):")
    print(line("acknowledgement", floor))
    print("peerbot Slack app:")
    print(line("acknowledgement", acks))
    print(line("final reply", finals))
    ratio = percentile(acks, 0.99) / percentile(floor, 0.99) if floor and acks else float("nan")
    print(
        f"p99 acknowledgement: {ratio:.2f}x the floor (goal: at most 1.2x, far under 3 s); "
        f"failures: bare {bare.failed}, peerbot {peerbot.failed}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument(
        "--no-freeze", action="store_true", help="leave start-up objects to the collector"
    )
    options = parser.parse_args()
    asyncio.run(main(options.concurrency, options.rounds, not options.no_freeze))
