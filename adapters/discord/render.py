"""A core `Message` as Discord messages: Markdown pieces within 2,000 characters, the mentions
Discord may notify, and files.

User text is escaped by `bot.text.discord_text`; on top of that every message goes out with
allowed mentions naming only the members the message means (`Message.mentions()`), never
@everyone, @here or a role, so even a renderer bug could not ping a whole server.
"""

from __future__ import annotations

import io
import re

import discord

from bot.text import Attachment, Message, discord_text, split_for_limit

LIMIT = 2000  # Discord's cap on a message's content

_UNSAFE_FILENAME = re.compile(r"[^\w.\-]+")


def pieces(message: Message) -> list[str]:
    """The message as content pieces of at most 2,000 characters, cut at line ends."""
    return [piece for piece in split_for_limit(discord_text(message), LIMIT) if piece.strip()] or [
        "\u200b"  # an empty message cannot be sent; the core never means one, but be safe
    ]


def allowed_mentions(message: Message) -> discord.AllowedMentions:
    """Notify exactly the members the message means, and nobody else."""
    users = [discord.Object(int(m.user_id)) for m in message.mentions() if m.user_id.isdigit()]
    return discord.AllowedMentions(everyone=False, roles=False, users=users, replied_user=False)


def file_of(attachment: Attachment) -> discord.File:
    """A reply's file as an upload; `week04/peer-minutes.md` becomes `week04-peer-minutes.md`."""
    name = "-".join(_UNSAFE_FILENAME.sub("_", part) for part in attachment.filename.split("/"))
    return discord.File(io.BytesIO(attachment.text.encode("utf-8")), filename=name or "file.md")
