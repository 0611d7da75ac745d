"""`bench.cards` in small: three members press *Answer* and submit on every lane, servers in
this process. Correctness only (no timing): every press got its form and every submission its
card edit, so the benchmark measures what it says it measures."""

from __future__ import annotations

from pathlib import Path

import aiohttp

from bench.card_lanes import DiscordLane, SlackLane
from bench.card_servers import KINDS, start
from bench.cards import rounds_of
from tests.discord.fake import FakeDiscord
from tests.slack.fake import FakeSlack

MEMBERS = 3


async def test_every_press_opens_its_form_and_every_submission_edits_its_card(tmp_path: Path):
    slack = FakeSlack()
    await slack.start()
    discords = {k: FakeDiscord() for k in KINDS if k.startswith("discord")}
    for fake in discords.values():
        await fake.start()
    closers = []
    try:
        async with aiohttp.ClientSession() as http:
            for kind in KINDS:
                data = tmp_path / kind
                data.mkdir()
                fake = discords.get(kind)
                urls = (slack.api_url, "") if fake is None else (fake.api_url, fake.gateway_url)
                close, port = await start(kind, urls, data, 0.05)
                closers.append(close)
                lane: SlackLane | DiscordLane
                if fake is None:
                    lane = SlackLane(kind, slack, f"http://127.0.0.1:{port}/slack/events", http)
                else:
                    await fake.wait_connected(10)
                    lane = DiscordLane(kind, fake)
                database = data / f"{kind.split('-')[0]}.db"
                await lane.post_cards(kind.endswith("peerbot"), str(database), MEMBERS)
                visits = await rounds_of(lane, MEMBERS, 2)
                lane.watch.close()
                assert len(visits) == 2 * MEMBERS and None not in visits, kind
                assert all(v is not None and min(v.form, v.card, v.ack) > 0 for v in visits)
    finally:
        for close in reversed(closers):
            await close()
        for fake in discords.values():
            await fake.close()
        await slack.close()
