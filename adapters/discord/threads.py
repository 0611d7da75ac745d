"""Question cards' threads on Discord: a thread is started on the card, and replies about the
question (`Reply.thread_of`) are posted in it.

A thread started from a message (`POST /channels/{channel}/messages/{message}/threads`) has the
message's id as its own, but the id Discord answers with is what is stored (`Card.thread_ref`),
so nothing depends on that. It needs the bot's *Create Public Threads* and *Send Messages in
Threads* permissions (README); without them the card simply has no thread and replies stay in
the channel. The card's link (`https://discord.com/channels/<guild>/<channel>/<message>`) opens
the card, and its thread beside it.

Nothing here raises: a failure is logged and the reply goes where it would have gone anyway.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any, Literal

import aiohttp
import discord
from discord.http import handle_message_parameters

from adapters.discord.actions import view_of
from adapters.discord.render import pieces
from bot.ports import Cards, Reply
from bot.text import Message, plain_text

log = logging.getLogger(__name__)

PLATFORM = "discord"

THREAD_NAME = 100  # Discord's cap on a thread's name
ARCHIVE_AFTER: Literal[10080] = 10080  # minutes of quiet before the thread is archived
_FAILURES = (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError)


def thread_name(message: Message) -> str:
    """The card's first line as plain words (a thread's name shows no markup and pings no one)."""
    first = next((line.strip() for line in plain_text(message).splitlines() if line.strip()), "")
    return first[:THREAD_NAME] or "?"


def card_link(guild_id: int | str | None, channel_id: str, message_id: str) -> str:
    """The card message's link, "" outside a server."""
    if not guild_id or not channel_id or not message_id:
        return ""
    return f"https://discord.com/channels/{guild_id}/{channel_id}/{message_id}"


async def start_thread(
    http: discord.http.HTTPClient, channel_id: str, message_id: str, reply: Reply
) -> str:
    """Start the thread of a posted card; its id, "" when Discord refused (no permission)."""
    try:
        thread = await http.start_thread_with_message(
            int(channel_id),
            int(message_id),
            name=thread_name(reply.message),
            auto_archive_duration=ARCHIVE_AFTER,
        )
    except (*_FAILURES, ValueError) as error:
        log.warning("discord: no thread on the card %s (%s)", message_id, type(error).__name__)
        return ""
    return str(thread.get("id") or "")


async def remember_card(
    cards: Cards, interaction: discord.Interaction, reply: Reply, posted: str
) -> None:
    """A card was posted in the channel as message `posted`: report it with its link at once
    (the core keeps it current from now on), then start its thread and report that, so
    replies about it go in the thread."""
    channel_id = str(interaction.channel_id or "")
    link = card_link(interaction.guild_id, channel_id, posted)
    await cards.card_posted(PLATFORM, channel_id, reply.shows, posted, link=link)
    thread = await start_thread(interaction.client.http, channel_id, posted, reply)
    if thread:
        await cards.card_posted(PLATFORM, channel_id, reply.shows, posted, thread_ref=thread)


async def to_thread(interaction: discord.Interaction, reply: Reply) -> Reply:
    """A public reply about a card is posted in the card's thread (`Reply.thread_ref`); the
    interaction then answers the caller with it privately. Returns the reply to answer with
    (as it was when there is no thread or it could not be posted in)."""
    thread = reply.thread_ref
    if not thread or reply.ephemeral or not reply.ok:
        return reply
    texts = pieces(reply.message)
    view = view_of(reply.message.actions)
    for index, piece in enumerate(texts):
        params: dict[str, Any] = {"content": piece.text, "allowed_mentions": piece.allowed_mentions}
        if view is not None and index == len(texts) - 1:
            params["view"] = view
        try:
            with handle_message_parameters(**params) as message:
                await interaction.client.http.send_message(int(thread), params=message)
        except (*_FAILURES, ValueError) as error:  # archived and locked, deleted, no permission
            log.warning("discord: could not post in thread %s (%s)", thread, error)
            return reply if index == 0 else replace(reply, ephemeral=True)
    return replace(reply, ephemeral=True)
