"""A real discord.py client (the adapter) against the fake Discord, on a SQLite file."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from adapters.discord import DiscordAdapter
from bot.clock import FakeClock
from bot.model.teams import Language
from peerbot.bootstrap import Runtime, build
from peerbot.config import Settings
from tests.discord.fake import CHANNEL_ID, TOKEN, Call, FakeDiscord

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    yield server
    await server.close()


@pytest.fixture
def settings(tmp_path, fake: FakeDiscord) -> Settings:
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'peerbot.db'}",
        data_dir=tmp_path,
        default_language=Language.EN,
        discord_token=TOKEN,
        discord_api_url=fake.api_url,
        discord_gateway_url=fake.gateway_url,
        web_port=8099,  # /team web gives links (the web view itself is not served here)
        web_url="https://peerbot.example",
    )


@pytest.fixture
async def runtime(settings: Settings) -> AsyncIterator[Runtime]:
    clock = FakeClock(datetime(2021, 8, 9, 13, 0, tzinfo=SEOUL))
    built = await build(settings, clock)
    yield built
    await built.close()


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every log line at DEBUG, discord.py's included (to look for the token in them)."""
    caplog.set_level(logging.DEBUG)
    return caplog


@pytest.fixture
async def adapter(
    settings: Settings, runtime: Runtime, fake: FakeDiscord, debug_logs: Any
) -> AsyncIterator[DiscordAdapter]:
    running = DiscordAdapter(settings, runtime.bot, guild_ready_timeout=0.05, post_budget=3.0)
    await running.start()
    yield running
    await running.close()
    for record in debug_logs.records:  # nothing ever logs the token, at any level
        text = record.getMessage() + (record.exc_text or "")
        assert TOKEN not in text, f"token in a log line: {record.name}"


def slash(name: str, sub: str | None = None, **options: Any) -> dict[str, Any]:
    """A slash command's interaction data, as Discord sends it."""
    typed = [
        {"name": key, "type": 4 if isinstance(value, int) else 3, "value": value}
        for key, value in options.items()
    ]
    if sub is not None:
        typed = [{"name": sub, "type": 1, "options": typed}]
    return {"id": "1", "name": name, "type": 1, "options": typed}


async def command(
    fake: FakeDiscord, name: str, sub: str | None = None, *, user: Any = None, **options: Any
) -> Call:
    """Run one slash command as a member (kim unless `user=(id, name)`), return the callback."""
    user_id, user_name = user or (111, "kim")
    payload = fake.interaction(2, slash(name, sub, **options), user_id=user_id, name=user_name)
    return await fake.interact(payload)


def content(call: Call) -> str:
    """The text of a callback (type 4) or follow-up."""
    body = call.json or {}
    return str((body.get("data") or body).get("content", ""))


def flags(call: Call) -> int:
    body = call.json or {}
    return int((body.get("data") or body).get("flags", 0) or 0)


async def set_up_team(
    fake: FakeDiscord, channel_id: int = CHANNEL_ID, start: str = "2021-08-02"
) -> Call:
    payload = fake.interaction(
        2,
        slash("team", "setup", start=start, zone="Asia/Seoul", lang="en"),
        channel_id=channel_id,
    )
    call = await fake.interact(payload)
    assert call.json["type"] == 4 and not flags(call) & 64, call.json
    return call


async def card_reported(
    runtime: Runtime, message_id: str | None = None, *, threaded: bool = True
) -> None:
    """Wait until the adapter has reported the card it posted (right after the response, so a
    test's next step may come first): the one at `message_id`, or any; with its thread
    (`threaded`, reported once the thread is started) unless the fake refuses threads."""
    for _ in range(200):
        async with runtime.uow_factory() as uow:
            refs = [
                c.message_ref
                for t in await uow.teams.list()
                for c in await uow.cards.list(t.id)
                if c.thread_ref or not threaded
            ]
        if refs and (message_id is None or message_id in refs):
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the card was never reported")
