"""The four servers of `bench.cards`, each run in its own process as a deployment would run it.

* `slack-floor`: a bare slack-bolt app: a button press is acknowledged and opens a fixed
  modal (`views.open`); a submission is acknowledged and its text written into the message
  the button was on (`chat.update`): the least any app must do for the same two results.
* `discord-floor`: a bare discord.py client: a button press is answered with a fixed modal,
  a submission with an update of the message the button was on (the interaction's response).
* `slack-peerbot`, `discord-peerbot`: peerbot's adapter on its own SQLite file with the
  delivery loop running beside it, as `peerbot run` starts them (`bot/delivery.py`): the card
  edit after a submission is an outbox row that loop posts.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.clock import FakeClock
from bot.model.teams import Language
from peerbot.bootstrap import Runtime, build, settle_heap
from peerbot.config import Settings

Close = Callable[[], Awaitable[None]]
KINDS = ("slack-floor", "slack-peerbot", "discord-floor", "discord-peerbot")


def serve(kind: str, urls: tuple[str, str], data: str, ready: Any, stop: Any, every: float) -> None:
    """Child process: run server `kind` until `stop` is set; ("kind", port or 0) into `ready`.

    `urls` are the fake's (Slack: Web API and unused; Discord: REST and gateway); `every` is
    the delivery loop's interval in seconds (`peerbot run`: 1.0)."""
    asyncio.run(_serve(kind, urls, Path(data), ready, stop, every))


async def _serve(
    kind: str, urls: tuple[str, str], data: Path, ready: Any, stop: Any, every: float
) -> None:
    logging.basicConfig(level=logging.WARNING)
    close, port = await start(kind, urls, data, every)
    settle_heap()  # as `peerbot run` does once started
    ready.put((kind, port))
    while not stop.is_set():
        await asyncio.sleep(0.1)
    await close()


async def start(kind: str, urls: tuple[str, str], data: Path, every: float) -> tuple[Close, int]:
    """Start server `kind` on the running event loop; its closer and port (Discord: 0)."""
    starts = {
        "slack-floor": lambda: _slack_floor(urls[0]),
        "slack-peerbot": lambda: _slack_peerbot(urls[0], data, every),
        "discord-floor": lambda: _discord_floor(urls),
        "discord-peerbot": lambda: _discord_peerbot(urls, data, every),
    }
    return await starts[kind]()


# --- Slack ----------------------------------------------------------------------------------


async def _slack_floor(api_url: str) -> tuple[Close, int]:
    from aiohttp import web
    from slack_bolt.app.async_app import AsyncApp
    from slack_bolt.app.async_server import AsyncSlackAppServer
    from slack_bolt.context.ack.async_ack import AsyncAck
    from slack_sdk.web.async_client import AsyncWebClient

    from tests.slack.fake import BOT_TOKEN, SIGNING_SECRET

    client = AsyncWebClient(token=BOT_TOKEN, base_url=api_url)
    app = AsyncApp(client=client, signing_secret=SIGNING_SECRET)

    async def press(ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        where = body["container"]
        await client.views_open(trigger_id=body["trigger_id"], view=_floor_modal(where))

    async def submission(ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        view = body["view"]
        channel, ts = str(view["private_metadata"]).split("|")
        text = view["state"]["values"]["text"]["text"]["value"]
        await client.chat_update(channel=channel, ts=ts, text=f"card: {text}")

    app.action(re.compile(".+"))(press)
    app.view(re.compile(".+"))(submission)
    runner = web.AppRunner(AsyncSlackAppServer(0, "/slack/events", app).web_app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner.cleanup, int(runner.addresses[0][1])


def _floor_modal(where: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": "floor",
        "title": {"type": "plain_text", "text": "Answer"},
        "submit": {"type": "plain_text", "text": "Send"},
        "private_metadata": f"{where['channel_id']}|{where['message_ts']}",
        "blocks": [
            {
                "type": "input",
                "block_id": "text",
                "label": {"type": "plain_text", "text": "Answer"},
                "element": {"type": "plain_text_input", "action_id": "text"},
            }
        ],
    }


async def _slack_peerbot(api_url: str, data: Path, every: float) -> tuple[Close, int]:
    from adapters.slack import SlackAdapter
    from tests.slack.fake import BOT_TOKEN, SIGNING_SECRET

    settings = Settings(
        database_url=f"sqlite:///{data / 'slack.db'}",
        data_dir=data,
        default_language=Language.EN,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_port=0,
        slack_host="127.0.0.1",
        slack_api_url=api_url,
    )
    runtime = await build(settings, _clock())
    adapter = SlackAdapter(settings, runtime.bot)
    await adapter.start()
    close = _deliver(runtime, {"slack": adapter.poster}, every, adapter.close)
    assert adapter.port is not None
    return close, adapter.port


# --- Discord --------------------------------------------------------------------------------


async def _discord_floor(urls: tuple[str, str]) -> tuple[Close, int]:
    import discord

    from adapters.discord.endpoints import Endpoints
    from bench.discord import Floor
    from tests.discord.fake import TOKEN

    class CardFloor(Floor):
        async def on_interaction(self, interaction: discord.Interaction) -> None:
            if interaction.type is discord.InteractionType.component:
                modal = discord.ui.Modal(title="Answer", custom_id="floor")
                modal.add_item(discord.ui.TextInput(label="Answer", custom_id="text"))
                await interaction.response.send_modal(modal)
            elif interaction.type is discord.InteractionType.modal_submit:
                data: Any = interaction.data or {}
                text = data["components"][0]["components"][0]["value"]
                await interaction.response.edit_message(content=f"card: {text}")

    endpoints = Endpoints(*urls)
    floor = CardFloor(endpoints)
    await floor.login(TOKEN)
    running = asyncio.create_task(floor.run_until_closed(endpoints))
    await floor.wait_until_ready()

    async def close() -> None:
        await floor.close()
        running.cancel()

    return close, 0


async def _discord_peerbot(urls: tuple[str, str], data: Path, every: float) -> tuple[Close, int]:
    from adapters.discord import DiscordAdapter
    from tests.discord.fake import TOKEN

    settings = Settings(
        database_url=f"sqlite:///{data / 'discord.db'}",
        data_dir=data,
        default_language=Language.EN,
        discord_token=TOKEN,
        discord_api_url=urls[0],
        discord_gateway_url=urls[1],
    )
    runtime = await build(settings, _clock())
    adapter = DiscordAdapter(settings, runtime.bot, guild_ready_timeout=0.05)
    await adapter.start()
    return _deliver(runtime, {"discord": adapter.poster}, every, adapter.close), 0


def _deliver(runtime: Runtime, posters: dict[str, Any], every: float, closing: Close) -> Close:
    """Start the delivery loop (what `LiveScheduler` starts for `peerbot run`); its closer."""
    loop = asyncio.create_task(runtime.delivery(posters).run(every))

    async def close() -> None:
        loop.cancel()
        await closing()
        await runtime.close()

    return close


def _clock() -> FakeClock:
    return FakeClock(datetime(2021, 8, 9, 13, 0, tzinfo=ZoneInfo("Asia/Seoul")))
