"""A core `Message` as Discord messages: Markdown pieces within 2,000 characters, each with the
mentions Discord may notify in it, and files.

`discord_text` escapes user text (every mention syntax broken, Markdown escaped, web addresses
kept as typed so they stay links); on top of that every piece goes out with allowed mentions
naming only the members that piece mentions (at most `MENTION_CAP`: Discord answers 400 to
more), never @everyone, @here or a role, so even a renderer bug could not ping a whole server.
A piece that would mention more members is cut before the one over the cap.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import discord

from bot.text import Attachment, Message, isolate_bidi, render, split_for_limit

LIMIT = 2000  # Discord's cap on a message's content
MENTION_CAP = 100  # Discord's cap on `allowed_mentions.users`

_UNSAFE_FILENAME = re.compile(r"[^\w.\-]+")
_USER_MENTION = re.compile(r"<@!?(\d+)>")


# --- Markdown -------------------------------------------------------------------------------

_ZWSP = "\u200b"
_DISCORD_MENTION = re.compile(r"@(everyone|here)|<(@[!&]?|#)(\d+)>")
# Markdown to escape, or a web address (kept as typed, so it stays a working link: a backslash
# inside it would become part of the address). An address ends before whitespace, `<`, `>`,
# `[`, `]` (so `[text](url)` stays text: no masked link shows one address and opens another), an
# unbalanced `)` and trailing punctuation; `(…)` inside it (Wikipedia) belongs to it.
_URL_PART = r"\([^\s<>()\[\]]*\)|[^\s<>()\[\]]"
_DISCORD_ESCAPE = re.compile(
    r"(<https?://[^\s<>\[\]]+>)"  # a link typed in angle brackets: Discord's own, no preview
    rf"|(https?://(?:{_URL_PART})*(?:\([^\s<>()\[\]]*\)|[^\s<>()\[\].,:;\"'!?]))"
    r"|([\\*_~`|<>#\[\]()-])"
)


def _discord_mention_broken(found: re.Match[str]) -> str:
    if found.group(1):
        return f"@{_ZWSP}{found.group(1)}"
    return f"<{found.group(2)}{_ZWSP}{found.group(3)}>"


def _discord_escaped(found: re.Match[str]) -> str:
    return found.group(1) or found.group(2) or "\\" + found.group(3)


def escape_discord(text: str) -> str:
    """Discord: break every mention syntax with a zero-width space, then escape Markdown.

    Web addresses are left as typed (after the mention check), so they stay clickable, and so
    is `<https://…>` (Discord's link without a preview); bidi controls are isolated.
    """
    text = isolate_bidi(text)
    if "@" in text or "<" in text:
        text = _DISCORD_MENTION.sub(_discord_mention_broken, text)
    return _DISCORD_ESCAPE.sub(_discord_escaped, text)


def discord_text(message: Message) -> str:
    """Discord Markdown with user text escaped and mentions as `<@id>`."""
    return render(message, str, escape_discord, lambda m: f"<@{m.user_id}>")


# --- messages -------------------------------------------------------------------------------


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
