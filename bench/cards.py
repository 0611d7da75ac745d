"""Benchmark: a question card's *Answer* button and its form, 100 members at once, on Slack and
Discord, each beside the framework's floor, in one run.

Four servers run in their own processes (`bench/card_servers.py`): a bare slack-bolt app and a
bare discord.py client that only acknowledge with the same visible result (the modal opens; the
submitted text is written into the card), and peerbot's Slack and Discord adapters, each on its
own SQLite file with the delivery loop beside it as `peerbot run` starts it. This process plays
Slack and Discord (`tests/slack/fake.py`, `tests/discord/fake.py`) and the members
(`bench/card_lanes.py`): 10 teams of 10, each member answering a teammate's card posted by
`/ask`. In a round all 100 members press *Answer* at once, each submits its answer as soon as
its form is open and waits for its card to show it; rounds alternate between the four lanes.

Two figures per lane, timed where the fake receives the request:
  * press → form: the button's payload sent → Slack's `views.open` / Discord's MODAL response;
  * submission → card: the form submitted → the card's `chat.update` / the card message's edit
    (the floor on Discord edits it in the submission's response; peerbot through the outbox).
Goal: p99 within 1.5x of the floor's and far under 3 s.

    python -m bench.cards                      # 100 members, 5 rounds per lane
    python -m bench.cards --rounds 5 --interval 1.0
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import multiprocessing
import tempfile
from collections.abc import Sequence
from pathlib import Path

import aiohttp

from bench.card_lanes import MEMBERS, TEAMS, DiscordLane, SlackLane, Visit
from bench.card_servers import KINDS, serve
from tests.discord.fake import FakeDiscord
from tests.slack.fake import FakeSlack

Lane = SlackLane | DiscordLane
log = logging.getLogger("bench.cards")


async def rounds_of(lane: Lane, members: int, rounds: int, first: int = 0) -> list[Visit | None]:
    """`rounds` rounds of `members` members pressing and submitting at once; None for a visit
    that never saw its form or its card (logged)."""
    visits: list[Visit | None] = []
    for round_no in range(first, first + rounds):
        done = await asyncio.gather(
            *(lane.visit(i, round_no) for i in range(members)), return_exceptions=True
        )
        for index, visit in enumerate(done):
            if isinstance(visit, BaseException):
                log.warning("%s: member %d lost (%r)", lane.name, index, visit)
        visits += [None if isinstance(v, BaseException) else v for v in done]
    return visits


async def run(
    members: int, rounds: int, interval: float, kinds: Sequence[str] = KINDS
) -> dict[str, list[Visit | None]]:
    """Start the fakes and the servers, post the cards, run the rounds; the visits by lane."""
    slack = FakeSlack()
    discords = {kind: FakeDiscord(history=True) for kind in kinds if kind.startswith("discord")}
    await slack.start()
    for fake in discords.values():
        fake.notify = False
        await fake.start()
    context = multiprocessing.get_context("spawn")
    ready, stop = context.Queue(), context.Event()
    with tempfile.TemporaryDirectory() as tmp:
        urls: dict[str, tuple[str, str]] = {
            kind: (slack.api_url, "") if kind.startswith("slack") else _discord_urls(discords[kind])
            for kind in kinds
        }
        data = {kind: str(Path(tmp) / kind) for kind in kinds}
        servers = [
            context.Process(target=serve, args=(k, urls[k], data[k], ready, stop, interval))
            for k in kinds
        ]
        for kind, server in zip(kinds, servers, strict=True):
            Path(data[kind]).mkdir()
            server.start()
        try:
            ports = dict([await asyncio.to_thread(ready.get, True, 120) for _ in kinds])
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
                lanes = _lanes(slack, discords, ports, http, kinds)
                for kind, lane in lanes.items():
                    database = str(Path(data[kind]) / f"{kind.split('-')[0]}.db")
                    await lane.post_cards(kind.endswith("peerbot"), database, members)
                for lane in lanes.values():  # warm-up: connections, caches, first paths
                    await rounds_of(lane, members, 1, first=10_000)
                visits: dict[str, list[Visit | None]] = {kind: [] for kind in kinds}
                for round_no in range(rounds):
                    for kind, lane in lanes.items():
                        visits[kind] += await rounds_of(lane, members, 1, first=round_no)
                for lane in lanes.values():
                    lane.watch.close()
        finally:
            stop.set()
            for server in servers:
                await asyncio.to_thread(server.join, 15)
            for fake in discords.values():
                await fake.close()
            await slack.close()
    return visits


def _discord_urls(fake: FakeDiscord) -> tuple[str, str]:
    return fake.api_url, fake.gateway_url


def _lanes(
    slack: FakeSlack,
    discords: dict[str, FakeDiscord],
    ports: dict[str, int],
    http: aiohttp.ClientSession,
    kinds: Sequence[str],
) -> dict[str, Lane]:
    lanes: dict[str, Lane] = {}
    for kind in kinds:
        if kind.startswith("slack"):
            url = f"http://127.0.0.1:{ports[kind]}/slack/events"
            lanes[kind] = SlackLane(kind, slack, url, http)
        else:
            lanes[kind] = DiscordLane(kind, discords[kind])
    return lanes


# --- the report -----------------------------------------------------------------------------


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def figures(values: Sequence[float]) -> str:
    return (
        f"p50 {percentile(values, 0.5) * 1000:7.1f} ms  p99 {percentile(values, 0.99) * 1000:7.1f}"
        f" ms  max {max(values) * 1000:7.1f} ms"
    )


def report(
    visits: dict[str, list[Visit | None]], members: int, rounds: int, interval: float
) -> None:
    print(
        f"{members} members at once ({TEAMS} teams of {MEMBERS} at most), {rounds} rounds per "
        f"lane; peerbot's delivery loop every {interval:g} s"
    )
    for platform in sorted({kind.split("-")[0] for kind in visits}, reverse=True):
        floor = [v for v in visits[f"{platform}-floor"] if v is not None]
        peerbot = [v for v in visits[f"{platform}-peerbot"] if v is not None]
        for what, pick in (("press -> form", _form), ("submission -> card", _card)):
            low, ours = [pick(v) for v in floor], [pick(v) for v in peerbot]
            ratio = percentile(ours, 0.99) / percentile(low, 0.99)
            print(f"{platform:8} {what:19} floor   {figures(low)}")
            print(f"{'':8} {'':19} peerbot {figures(ours)}   p99 {ratio:5.2f}x the floor")
        acks = [v.ack for v in peerbot]
        print(f"{'':8} {'(submission acked)':19} peerbot {figures(acks)}")
    lost = {kind: sum(v is None for v in done) for kind, done in visits.items()}
    print(
        "lost (no form or no card within a minute): "
        + ", ".join(f"{k} {n}" for k, n in lost.items())
    )
    print("goal: p99 at most 1.5x the floor's, and far under 3 s")


def _form(visit: Visit) -> float:
    return visit.form


def _card(visit: Visit) -> float:
    return visit.card


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--members", type=int, default=TEAMS * MEMBERS)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--interval", type=float, default=1.0, help="peerbot's delivery loop (peerbot run: 1 s)"
    )
    parser.add_argument("--platform", choices=("both", "slack", "discord"), default="both")
    options = parser.parse_args(argv)
    members = min(options.members, TEAMS * MEMBERS)
    kinds = [k for k in KINDS if options.platform in ("both", k.split("-")[0])]
    visits = asyncio.run(run(members, options.rounds, options.interval, kinds))
    report(visits, members, options.rounds, options.interval)


if __name__ == "__main__":
    main()
