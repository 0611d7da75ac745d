"""Benchmark: slash commands through the fake Discord gateway, peerbot against the floor.

The fake Discord (tests/discord/fake.py) runs in a child process with the load driver, so the
bots' process does only the bots' work. Each lane is a real discord.py client on its own fake,
taking interactions with 100 in flight (closed loop: a new one is sent as each callback
arrives). Latency runs from INTERACTION_CREATE leaving the fake's gateway to the interaction's
callback reaching the fake's REST API.

  * floor: a bare discord.py client whose one app command (`/ping`, from an
    `app_commands.CommandTree`) only answers "pong";
  * adapter: peerbot's Discord adapter with a core that answers at once (the adapter's own
    cost: routing, rendering, allowed mentions);
  * peerbot: the adapter with the whole core on a SQLite file: half `/ask`, half `/answer` to
    one of the team's first 100 questions, from 50 members of 10 teams (one channel each),
    as `python -m bench.commands` does through the core alone. As there, the teams' "asked
    before?" check is off unless `--similar on`: the questions asked are alike on purpose, so
    with it on every `/ask` is held back as a draft (a private "asked before?" reply).

Rounds alternate between the lanes so all see the same machine. The three clients share one
process, so the objects built at start-up (peerbot's database engine and seeded teams among
them) are frozen out of the garbage collector first (`gc.freeze()`): otherwise every lane,
the floor included, pays for full collections of peerbot's heap, which flatters peerbot
(`--no-freeze` shows that). The fakes' process is frozen too: it is the stopwatch.

Goal: peerbot's p99 within 1.5x of the floor's and far under Discord's 3 seconds. With 100 in
flight every interaction waits for the ones ahead of it, so p50 is about 100 times the time
one interaction takes the process: the lanes compare the cost per interaction.

    python -m bench.discord [--rounds 3] [--per-round 1000] [--in-flight 100] [--no-freeze]
                            [--similar on|off]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import logging
import multiprocessing
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import discord
from discord import app_commands

from adapters.discord import DiscordAdapter
from adapters.discord.endpoints import Endpoints, RoutedHTTPClient, route_webhooks_here
from bot.clock import FakeClock
from bot.commands.route import Route
from bot.core import PeerBot
from bot.model.teams import Language
from bot.ports import Invocation, Reply
from bot.text import Message, Plain, UserText, plain_text
from peerbot.bootstrap import build
from peerbot.config import Settings
from tests.discord.fake import GUILD_ID, TOKEN, FakeDiscord

LANES = ("floor", "adapter", "peerbot")
TEAMS = 10
MEMBERS = 5
SEEDED = 100  # questions asked per team before the benchmark
FIRST_CHANNEL = 960000000000000001
_ids = itertools.count()


# --- the child process: fakes and the load ----------------------------------------------------


def drive(conn: Connection) -> None:
    """Child process: one fake per lane; runs the rounds it is told to, sends the latencies."""
    asyncio.run(_drive(conn))


async def _drive(conn: Connection) -> None:
    fakes = {lane: FakeDiscord(history=False) for lane in LANES}
    for fake in fakes.values():
        fake.notify = False
        await fake.start()
    gc.freeze()  # the measuring process: its collector should not pause the clock
    conn.send({lane: (f.api_url, f.gateway_url) for lane, f in fakes.items()})
    rounds, per_round, in_flight = await asyncio.to_thread(conn.recv)
    for fake in fakes.values():
        await fake.wait_connected(30)
    payloads = {
        "floor": floor_payloads(fakes["floor"]),
        "adapter": peerbot_payloads(fakes["adapter"]),
        "peerbot": peerbot_payloads(fakes["peerbot"]),
    }
    for lane in LANES:  # warm-up, not counted
        await closed_loop(fakes[lane], min(300, per_round), in_flight, payloads[lane])
    results: dict[str, list[float]] = {lane: [] for lane in LANES}
    elapsed = dict.fromkeys(LANES, 0.0)
    for _ in range(rounds):
        for lane in LANES:
            latencies, took = await closed_loop(fakes[lane], per_round, in_flight, payloads[lane])
            results[lane] += latencies
            elapsed[lane] += took
    conn.send((results, elapsed))
    await asyncio.to_thread(conn.recv)  # "stop"
    for fake in fakes.values():
        await fake.close()


async def closed_loop(
    fake: FakeDiscord, count: int, in_flight: int, payload: Callable[[], dict[str, Any]]
) -> tuple[list[float], float]:
    """Send `count` interactions, `in_flight` at a time; latencies (s) and elapsed time."""
    latencies: list[float] = []
    sent = 0

    async def lane() -> None:
        nonlocal sent
        while sent < count:
            sent += 1
            call = await asyncio.wait_for(await fake.send_interaction(payload()), 30)
            interaction_id = call.path.split("/")[2]
            answered = fake.callbacks_at.pop(interaction_id)
            latencies.append(answered - fake.dispatched_at.pop(interaction_id))

    start = time.perf_counter()
    await asyncio.gather(*(lane() for _ in range(in_flight)))
    return latencies, time.perf_counter() - start


def floor_payloads(fake: FakeDiscord) -> Callable[[], dict[str, Any]]:
    def payload() -> dict[str, Any]:
        return fake.interaction(2, {"id": "3", "name": "ping", "type": 1, "options": []})

    return payload


def peerbot_payloads(fake: FakeDiscord) -> Callable[[], dict[str, Any]]:
    rng = random.Random(6)

    def payload() -> dict[str, Any]:
        team = rng.randrange(TEAMS)
        member = rng.randrange(MEMBERS)
        if rng.random() < 0.5:
            question = f"왜 zero_grad()를 호출하나요? {next(_ids)}"
            options = [
                {"name": "question", "type": 3, "value": question},
                {"name": "category", "type": 3, "value": "lecture"},
            ]
            data = {"id": "1", "name": "ask", "type": 1, "options": options}
        else:
            options = [
                {"name": "number", "type": 3, "value": str(rng.randint(1, SEEDED))},
                {"name": "text", "type": 3, "value": "PyTorch는 gradient를 누적합니다."},
            ]
            data = {"id": "2", "name": "answer", "type": 1, "options": options}
        return fake.interaction(
            2,
            data,
            user_id=1000 + team * MEMBERS + member,
            name=f"member{member}",
            channel_id=FIRST_CHANNEL + team,
            guild_id=GUILD_ID,
        )

    return payload


# --- the bots' process ------------------------------------------------------------------------


class Floor(discord.Client):
    """The floor: a bare discord.py client with one command that only answers."""

    def __init__(self, endpoints: Endpoints) -> None:
        super().__init__(intents=discord.Intents(guilds=True), guild_ready_timeout=0.05)
        self.http = RoutedHTTPClient(endpoints)
        self._connection.http = self.http
        self.tree = app_commands.CommandTree(self)

        @self.tree.command(name="ping", description="answers")
        async def ping(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("pong")

    async def run_until_closed(self, endpoints: Endpoints) -> None:
        route_webhooks_here(endpoints)
        await self.connect(reconnect=True)


def settings_for(urls: tuple[str, str], data: Path) -> Settings:
    return Settings(
        database_url=f"sqlite:///{data / 'bench.db'}",
        data_dir=data,
        default_language=Language.EN,
        discord_token=TOKEN,
        discord_api_url=urls[0],
        discord_gateway_url=urls[1],
    )


async def seed(bot: PeerBot, similar: str) -> None:
    """Ten teams, each with the questions the benchmark's /answer commands answer, then their
    "asked before?" check set to `similar`. The seeded questions are alike on purpose: with the
    check on while seeding, all but the first were held as drafts, and every /answer of the
    benchmark was refused ("There is no question #N")."""
    for team in range(TEAMS):
        channel = str(FIRST_CHANNEL + team)
        await _posted(bot, "s", channel, "team", "setup start:2021-08-02 lang:en similar:off")
        for number in range(SEEDED):
            await _posted(bot, f"q{number}", channel, "ask", f"warm-up question {number}?")
        await _posted(bot, "c", channel, "team", f"settings similar:{similar}")


async def _posted(bot: PeerBot, id_: str, channel: str, command: str, args: str) -> None:
    """Run a seeding command; it must succeed, and an /ask must be posted (not a draft)."""
    reply = await bot.handle(Invocation(id_, "discord", channel, "1", "kim", command, args))
    assert reply.ok and (command != "ask" or not reply.ephemeral), plain_text(reply.message)


def instant_bot(real: PeerBot) -> PeerBot:
    """A core that answers every command at once with a typical /ask reply."""
    reply = Reply(
        Message.of(
            (Plain("❓ **#12** 📒 [Lecture] "), UserText("왜 zero_grad()를 호출하나요?")),
            (Plain("(asked by member1)"),),
        )
    )

    async def run(routed: Route) -> Reply:
        return reply

    # The adapter routes, then runs the route (`PeerBot.run`): replacing `handle` alone, as
    # this lane once did, left the whole core running behind it on the benchmark's database.
    bot = PeerBot(real._uow_factory, real.clock)
    bot.run = run  # type: ignore[method-assign]
    return bot


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def summary(name: str, latencies: list[float], elapsed: float) -> dict[str, float]:
    figures = {
        "p50": percentile(latencies, 0.50) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "max": max(latencies) * 1000,
        "mean": statistics.fmean(latencies) * 1000,
        "rate": len(latencies) / elapsed,
    }
    print(
        f"{name:8} {len(latencies):6} interactions  p50 {figures['p50']:7.1f} ms  "
        f"p99 {figures['p99']:7.1f} ms  max {figures['max']:7.1f} ms  "
        f"{figures['rate']:6.0f}/s"
    )
    return figures


async def main(
    rounds: int, per_round: int, in_flight: int, freeze: bool = True, similar: str = "off"
) -> None:
    logging.basicConfig(level=logging.ERROR)
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    child = context.Process(target=drive, args=(theirs,), daemon=True)
    child.start()
    urls: dict[str, tuple[str, str]] = await asyncio.to_thread(ours.recv)
    with tempfile.TemporaryDirectory() as tmp:
        runtime = await build(settings_for(urls["peerbot"], Path(tmp)), _clock())
        await seed(runtime.bot, similar)
        endpoints = Endpoints(*urls["floor"])
        floor = Floor(endpoints)
        await floor.login(TOKEN)
        floor_runner = asyncio.create_task(floor.run_until_closed(endpoints))
        await floor.wait_until_ready()
        adapters = [
            DiscordAdapter(settings_for(urls["adapter"], Path(tmp)), instant_bot(runtime.bot)),
            DiscordAdapter(settings_for(urls["peerbot"], Path(tmp)), runtime.bot),
        ]
        for adapter in adapters:
            await adapter.start()
        if freeze:
            gc.freeze()  # see the module's docstring
        try:
            ours.send((rounds, per_round, in_flight))
            results, elapsed = await asyncio.to_thread(ours.recv)
            await _handlers_done()
        finally:
            for adapter in adapters:
                await adapter.close()
            await floor.close()
            floor_runner.cancel()
            await runtime.close()
            ours.send("stop")
            child.join(10)
    print(
        f"{in_flight} in flight, {rounds} alternating rounds of {per_round} per lane"
        + ("" if freeze else ", start-up heap not frozen")
        + f', "asked before?" {similar}'
    )
    figures = {lane: summary(lane, results[lane], elapsed[lane]) for lane in LANES}
    for lane in ("adapter", "peerbot"):
        ratio = figures[lane]["p99"] / figures["floor"]["p99"]
        print(f"{lane} p99 / floor p99 = {ratio:.2f}")
    print("goal: peerbot p99 at most 1.5x the floor's, and far under 3 s")


async def _handlers_done() -> None:
    """Let the event handlers still running finish before the clients close: a posted card's
    thread is started after the interaction's callback (the end of its measured latency)."""
    running = [t for t in asyncio.all_tasks() if t.get_name().startswith("discord.py: on_")]
    if running:
        await asyncio.wait(running, timeout=30)


def _clock() -> FakeClock:
    return FakeClock(datetime(2021, 8, 9, 13, 0, tzinfo=ZoneInfo("Asia/Seoul")))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--per-round", type=int, default=1000)
    parser.add_argument("--in-flight", type=int, default=100)
    parser.add_argument(
        "--no-freeze",
        action="store_true",
        help="leave the start-up heap to the garbage collector (every lane then pays for "
        "collecting peerbot's heap)",
    )
    parser.add_argument(
        "--similar",
        choices=("on", "off"),
        default="off",
        help='the teams\' "asked before?" check, as in bench.commands (off: the /ask questions '
        "are alike on purpose; on, each is held back as a draft, a private reply)",
    )
    args = parser.parse_args()
    asyncio.run(main(args.rounds, args.per_round, args.in_flight, not args.no_freeze, args.similar))
