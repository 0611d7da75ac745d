"""Replies in a question card's thread on Discord (needs `DISCORD_MESSAGE_CONTENT=true`).

Reading what members write needs the privileged Message Content intent, so it is an opt-in
setting: without it the client asks for no message intent, Discord sends no message events,
and everything else works as before. With it, a member's message in a thread (a card's thread
is the one the bot started on the card: `Card.thread_ref` is its id) becomes the core's thread
command for what happened to it (`thread_command`: posted, edited, deleted), with the thread's
id as its argument and the message as `Invocation.message`, in the thread's parent channel,
where the team is. The core decides whether the thread is a card's and whether the team records
it. Bot messages (peerbot's own too) and anything outside a thread are left alone.

A deletion says only which message went, in which thread and server (`RawMessageDeleteEvent`);
its author is known only while discord.py still holds the message (the last 1,000 it saw). That
is enough: the thread's parent is asked of Discord when not cached, the reply's link is built
from the ids (`card_link`, as it was when the reply was recorded), and the core removes the
answer stored with that link whoever wrote it, joining no one. So a reply deleted after a
restart, or one the client never saw, takes its answer with it. A bot's message is still left
alone when the cache says it was one.

The core's one notice (replies are not recorded) is posted in the thread. Discord has no
private message outside an interaction, so a reply that cannot be stored is only logged.
"""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
import discord
from discord.http import handle_message_parameters

from adapters.discord.render import pieces
from adapters.discord.threads import card_link
from bot.commands.spec import ThreadEvent
from bot.commands.table import thread_command
from bot.core import PeerBot
from bot.ports import Invocation, Reply, SavedMessage

log = logging.getLogger(__name__)

PLATFORM = "discord"
_THREADS = (
    discord.ChannelType.public_thread,
    discord.ChannelType.private_thread,
    discord.ChannelType.news_thread,
)
_FAILURES = (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError)


class ThreadReplies:
    """Turns thread messages into core calls (when `enabled`); never raises."""

    def __init__(self, bot: PeerBot, client: discord.Client, *, enabled: bool) -> None:
        self._bot = bot
        self._client = client
        self._enabled = enabled

    async def on_message(self, message: discord.Message) -> None:
        await self._handle(ThreadEvent.POSTED, message)

    async def on_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        edited = getattr(payload, "message", None)
        if isinstance(edited, discord.Message) and "content" in payload.data:
            await self._handle(ThreadEvent.EDITED, edited)

    async def on_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        """A message deleted, cached or not: the ids are all the core needs (see above)."""
        cached = payload.cached_message
        try:
            if not self._enabled or payload.guild_id is None or (cached and cached.author.bot):
                return
            channel = self._client.get_channel(payload.channel_id)
            parent = await self._parent_of(
                channel or self._client.get_partial_messageable(payload.channel_id)
            )
            if parent:
                await self._run(_deletion(payload, parent))
        except Exception:
            log.exception("discord: a thread message's deletion failed")

    async def _handle(self, kind: ThreadEvent, message: discord.Message) -> None:
        try:
            if not self._enabled or message.author.bot or message.guild is None:
                return
            parent = await self._parent_of(message.channel)
            if parent:
                await self._run(_invocation(kind, message, parent))
        except Exception:
            log.exception("discord: a thread message's event failed")

    async def _run(self, invocation: Invocation) -> None:
        await self._answer(invocation, await self._bot.run(self._bot.route(invocation)))

    async def _parent_of(self, channel: Any) -> str:
        """The parent channel of a thread ("" for a message outside a thread)."""
        if getattr(channel, "type", None) in _THREADS:
            return str(getattr(channel, "parent_id", "") or "")
        if isinstance(channel, discord.PartialMessageable):  # not cached: ask Discord
            try:
                fetched = await self._client.fetch_channel(channel.id)
            except _FAILURES:
                return ""
            if isinstance(fetched, discord.Thread):
                return str(fetched.parent_id)
        return ""

    async def _answer(self, invocation: Invocation, reply: Reply) -> None:
        if not reply.message.lines:
            return
        if not reply.ok or reply.ephemeral:
            log.info("discord: a thread reply was refused (%s)", invocation.id)
            return
        for piece in pieces(reply.message):
            params: dict[str, Any] = {
                "content": piece.text,
                "allowed_mentions": piece.allowed_mentions,
            }
            try:
                with handle_message_parameters(**params) as sent:
                    await self._client.http.send_message(int(invocation.args), params=sent)
            except _FAILURES as error:
                log.warning("discord: could not answer in thread %s (%s)", invocation.args, error)
                return


def _invocation(kind: ThreadEvent, message: discord.Message, parent: str) -> Invocation:
    """A message posted or edited as the core's thread command, in the thread's parent
    channel."""
    thread = str(message.channel.id)
    author = message.author
    saved = SavedMessage(
        author_id=str(author.id),
        author_name=author.display_name,
        text=message.content,
        link=card_link(message.guild.id if message.guild else None, thread, str(message.id)),
        from_bot=author.bot,
        channel_id=parent,
    )
    return Invocation(
        id=f"{message.id}-{kind.value}",
        platform=PLATFORM,
        channel_id=parent,
        user_id=str(author.id),
        user_name=author.display_name,
        command=thread_command(kind).name,
        args=thread,
        message=saved,
    )


def _deletion(payload: discord.RawMessageDeleteEvent, parent: str) -> Invocation:
    """A deleted message as the core's deletion: its link from the ids, its author as the
    cache knew it ("" when it did not: the core needs none for a deletion)."""
    thread, message_id = str(payload.channel_id), str(payload.message_id)
    author = payload.cached_message.author if payload.cached_message else None
    author_id, name = (str(author.id), author.display_name) if author else ("", "")
    saved = SavedMessage(
        author_id=author_id,
        author_name=name,
        text="",
        link=card_link(payload.guild_id, thread, message_id),
        from_bot=False,
        channel_id=parent,
    )
    return Invocation(
        id=f"{message_id}-{ThreadEvent.DELETED.value}",
        platform=PLATFORM,
        channel_id=parent,
        user_id=author_id,
        user_name=name,
        command=thread_command(ThreadEvent.DELETED).name,
        args=thread,
        message=saved,
    )
