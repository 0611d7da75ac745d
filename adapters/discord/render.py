"""A core `Message` as Discord messages: Markdown pieces within 2,000 characters, each with the
mentions Discord may notify in it, and files.

User text is escaped by `bot.text.discord_text`; on top of that every piece goes out with
allowed mentions naming only the members that piece mentions (at most `MENTION_CAP`: Discord
answers 400 to more), never @everyone, @here or a role, so even a renderer bug could not ping a
whole server. A piece that would mention more members is cut before the one over the cap.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import discord

from bot.text import Attachment, Message, discord_text, split_for_limit

LIMIT = 2000  # Discord's cap on a message's content
MENTION_CAP = 100  # Discord's cap on `allowed_mentions.users`

_UNSAFE_FILENAME = re.compile(r"[^\w.\-]+")
_USER_MENTION = re.compile(r"<@!?(\d+)>")


@dataclass(frozen=True)
class Piece:
    """One Discord message's content and the users it may notify (those it mentions)."""

    text: str
    users: tuple[int, ...] = ()

    @property
    def allowed_mentions(self) -> discord.AllowedMentions:
        """Notify exactly the members this piece mentions, and nobody else."""
        return discord.AllowedMentions(
            everyone=False,
            roles=False,
            users=[discord.Object(user) for user in self.users],
            replied_user=False,
        )


def pieces(message: Message) -> list[Piece]:
    """The message as pieces of at most 2,000 characters and 100 mentions, cut at line ends."""
    meant = {int(m.user_id) for m in message.mentions() if m.user_id.isdigit()}
    texts = [
        part
        for piece in split_for_limit(discord_text(message), LIMIT)
        for part in split_for_mentions(piece, MENTION_CAP)
        if part.strip()
    ]
    # an empty message cannot be sent; the core never means one, but be safe
    return [Piece(text, _mentioned(text, meant)) for text in texts] or [Piece("\u200b")]


def split_for_mentions(text: str, cap: int) -> list[str]:
    """`text` in parts mentioning at most `cap` distinct users each, cut at a line end or a
    space before the first mention over the cap (at the mention itself when there is none)."""
    parts: list[str] = []
    seen: set[str] = set()
    start = previous_end = 0
    for found in _USER_MENTION.finditer(text):
        if found.group(1) in seen:
            previous_end = found.end()
            continue
        if len(seen) == cap:
            gap = text[previous_end : found.start()]
            cut = max(gap.rfind("\n"), gap.rfind(" "))
            cut = previous_end + cut if cut >= 0 else found.start()
            parts.append(text[start:cut])
            start, seen = cut + (text[cut : cut + 1] in ("\n", " ")), set()
        seen.add(found.group(1))
        previous_end = found.end()
    parts.append(text[start:])
    return parts


def _mentioned(text: str, meant: set[int]) -> tuple[int, ...]:
    """The meant members whose `<@id>` is in `text`, in order, once each."""
    found = dict.fromkeys(int(m.group(1)) for m in _USER_MENTION.finditer(text))
    return tuple(user for user in found if user in meant)


def file_of(attachment: Attachment) -> discord.File:
    """A reply's file as an upload; `week04/peer-minutes.md` becomes `week04-peer-minutes.md`."""
    name = "-".join(_UNSAFE_FILENAME.sub("_", part) for part in attachment.filename.split("/"))
    return discord.File(io.BytesIO(attachment.text.encode("utf-8")), filename=name or "file.md")
