"""The Discord adapter: a discord.py client that serves the command table as slash commands.

Intents: `guilds` only by default. Slash commands, buttons and modals arrive as interactions,
which need no intent; the bot reads no member's message. With `DISCORD_MESSAGE_CONTENT=true`
it also asks for `guild_messages` and the privileged `message_content` (switched on in the
Developer Portal), to read replies in question cards' threads (`thread_replies.py`).
Commands are registered per server when the bot sees it (at start and when it joins one):
fast to appear. With `DISCORD_GLOBAL_SYNC` they are registered once for the application
instead (Discord may take a while to show them), and each server's own copy is cleared so no
command shows twice.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp
import discord

from adapters.base import AdapterError
from adapters.discord.commands import command_payloads
from adapters.discord.endpoints import Endpoints, RoutedHTTPClient, route_webhooks_here
from adapters.discord.interactions import Interactions
from adapters.discord.poster import DiscordPoster
from adapters.discord.settings import DiscordSettings
from adapters.discord.thread_replies import ThreadReplies
from bot.core import PeerBot
from bot.digest import available_formats

log = logging.getLogger(__name__)

START_TIMEOUT = 60.0  # seconds to wait for the gateway's READY


class PeerbotClient(discord.Client):
    """A discord.py client whose events go to the adapter; REST and gateway per `endpoints`."""

    def __init__(
        self,
        adapter: DiscordAdapter,
        endpoints: Endpoints,
        *,
        read_threads: bool = False,
        **options: Any,
    ) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        intents.guild_messages = intents.message_content = read_threads
        super().__init__(intents=intents, **options)
        # One client's own HTTP client (see endpoints.py): nothing process-wide is changed.
        self.http = RoutedHTTPClient(endpoints)
        self._connection.http = self.http
        self._adapter = adapter

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        await self._adapter.interactions.on_interaction(interaction)

    async def on_message(self, message: discord.Message) -> None:
        await self._adapter.threads.on_message(message)

    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        await self._adapter.threads.on_edit(payload)

    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        await self._adapter.threads.on_delete(payload)

    async def on_guild_available(self, guild: discord.Guild) -> None:
        await self._adapter.sync_guild(guild.id)

    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self._adapter.sync_guild(guild.id)
        channels = [str(channel.id) for channel in guild.channels]
        await self._adapter.channels_back(channels, f"the bot joined server {guild.id}")

    async def on_guild_channel_update(
        self, before: discord.abc.GuildChannel, after: discord.abc.GuildChannel
    ) -> None:
        # A permission may have been given back: try the parked posts (re-parked if not).
        await self._adapter.channels_back([str(after.id)], "the channel's settings changed")

    async def on_ready(self) -> None:
        await self._adapter.sync_global()


class DiscordAdapter:
    """peerbot on Discord: `await start()`, `poster` for the outbox, `await close()`."""

    platform = "discord"

    def __init__(
        self,
        settings: DiscordSettings,
        bot: PeerBot,
        *,
        defer_after: float = 2.0,
        post_budget: float = 10.0,
        guild_ready_timeout: float = 2.0,
    ) -> None:
        if settings.discord_token is None:
            raise AdapterError("DISCORD_TOKEN is not set.")
        self._token = settings.discord_token
        self._endpoints = Endpoints(settings.discord_api_url, settings.discord_gateway_url)
        self._global = settings.discord_global_sync
        self.commands = command_payloads(available_formats(settings.templates_dir))
        self.client = PeerbotClient(
            self,
            self._endpoints,
            read_threads=settings.discord_message_content,
            guild_ready_timeout=guild_ready_timeout,
        )
        self.threads = ThreadReplies(bot, self.client, enabled=settings.discord_message_content)
        self.interactions = Interactions(
            bot, default_language=settings.default_language, defer_after=defer_after
        )
        self.poster = DiscordPoster(self._endpoints, self._token, bot, budget=post_budget)
        self._bot = bot
        self._synced: set[int] = set()
        self._synced_global = False
        self._runner: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Log in, connect to the gateway, and return once READY (AdapterError if it cannot)."""
        try:
            await self.client.login(self._token.get_secret_value())
            if self._endpoints.api is not None and self._endpoints.gateway is None:
                _, self._endpoints.gateway, _ = await self.client.http.get_bot_gateway()
            await self.poster.open()
        except discord.LoginFailure:
            await self.close()
            raise AdapterError(
                "Discord refused DISCORD_TOKEN: copy the bot token from the Developer Portal "
                "(Bot > Reset Token)."
            ) from None
        except (discord.HTTPException, discord.GatewayNotFound, aiohttp.ClientError, OSError) as e:
            await self.close()
            raise AdapterError(f"Cannot reach Discord's API ({type(e).__name__}).") from None
        self._runner = asyncio.create_task(self._run(), name="peerbot-discord-gateway")
        ready = asyncio.create_task(self.client.wait_until_ready())
        done, _ = await asyncio.wait(
            {ready, self._runner}, timeout=START_TIMEOUT, return_when=asyncio.FIRST_COMPLETED
        )
        if ready not in done:
            ready.cancel()
            problem = self._runner.exception() if self._runner in done else None
            await self.close()
            raise AdapterError(_gateway_problem(problem))
        log.info(
            "discord: connected as %s to %s server(s)", self.client.user, len(self.client.guilds)
        )

    async def _run(self) -> None:
        route_webhooks_here(self._endpoints)  # interaction answers go where the API does
        await self.client.connect(reconnect=True)

    async def close(self) -> None:
        """Disconnect; safe when `start` failed or never ran."""
        await self.poster.close()
        if not self.client.is_closed():
            await self.client.close()
        if self._runner is not None:
            try:
                await asyncio.wait_for(self._runner, 5.0)
            except (TimeoutError, asyncio.CancelledError, Exception):
                self._runner.cancel()
            self._runner = None

    async def channels_back(self, channel_ids: list[str], why: str) -> None:
        """The bot may post in these channels again: the parked posts to them go out (their
        teams' own, and other teams' posts destined to them)."""
        try:
            await self._bot.channels_back(self.platform, channel_ids, why)
        except Exception:  # the next command from the channel un-parks them too
            log.exception("discord: could not un-park the posts of %s channel(s)", len(channel_ids))

    async def sync_guild(self, guild_id: int) -> None:
        """Register the command tree in one server (once per process); clear it in global mode."""
        if guild_id in self._synced:
            return
        self._synced.add(guild_id)
        payload = [] if self._global else self.commands
        application_id = self.client.application_id
        assert application_id is not None  # known after login
        try:
            await self.client.http.bulk_upsert_guild_commands(application_id, guild_id, payload)
        except discord.HTTPException as error:
            self._synced.discard(guild_id)
            log.error(
                "discord: cannot register the commands in server %s (%s %s); the bot needs "
                "the applications.commands scope there (see the invite link in the README)",
                guild_id,
                error.status,
                error.text[:120],
            )
            return
        if not self._global:
            log.info("discord: %s commands registered in server %s", len(payload), guild_id)

    async def sync_global(self) -> None:
        """With DISCORD_GLOBAL_SYNC, register the tree for the whole application (once)."""
        if not self._global or self._synced_global:
            return
        application_id = self.client.application_id
        assert application_id is not None
        try:
            await self.client.http.bulk_upsert_global_commands(application_id, self.commands)
        except discord.HTTPException as error:
            log.error("discord: cannot register the global commands (%s)", error.status)
            return
        self._synced_global = True
        log.info("discord: %s commands registered globally", len(self.commands))


def _gateway_problem(error: BaseException | None) -> str:
    if isinstance(error, discord.PrivilegedIntentsRequired):
        return "Discord asks for a privileged intent peerbot does not use; please report this."
    if isinstance(error, discord.ConnectionClosed) and error.code == 4004:
        return "Discord's gateway refused DISCORD_TOKEN."
    if error is not None:
        return f"Cannot connect to Discord's gateway ({type(error).__name__})."
    return f"Discord's gateway did not get ready within {START_TIMEOUT:g} seconds."
