"""Digest files within what one chat message can carry on every platform.

The smallest upload cap of the platforms is Discord's for a bot on a server without boosts
(8 MiB, now often 10; Slack takes far more), so no file the core attaches is over `FILE_LIMIT`.
A digest over it goes without its file: the message says how big it is and how to get it
(`peerbot digest … --out DIR`, which has no such limit), and a log line says so.
"""

from __future__ import annotations

import logging
import re

from bot import i18n
from bot.model.teams import Language, Team
from bot.text import Attachment, Message, Plain, UserText

log = logging.getLogger(__name__)

FILE_LIMIT = 8 * 1024 * 1024  # bytes: Discord's upload cap without boosts, the smallest


def size_of(attachment: Attachment) -> int:
    """The file's size in bytes as it is uploaded (UTF-8)."""
    return len(attachment.text.encode("utf-8"))


def fit(
    team: Team,
    week: int,
    fmt: str,
    attachment: Attachment,
    *,
    lang: Language | None = None,
    member: str | None = None,
) -> tuple[Attachment | None, Message]:
    """`attachment` when it fits in a message, else None and the sentence that says why."""
    size = size_of(attachment)
    if size <= FILE_LIMIT:
        return attachment, Message()
    log.warning(
        "digest %s of team %s is %d bytes, over the %d one message can carry: not attached",
        attachment.filename,
        team.id,
        size,
        FILE_LIMIT,
    )
    return None, too_big(team, week, fmt, size, lang or team.language, member)


def too_big(
    team: Team, week: int, fmt: str, size: int, lang: Language, member: str | None
) -> Message:
    """The file is N MiB, over the limit; how to write it to a directory instead."""
    command: list[Plain | UserText] = [Plain("peerbot digest --team "), UserText(_word(team.name))]
    command.append(Plain(f" --week {week} --format {fmt}"))
    if member is not None:
        command += [Plain(" --member "), UserText(_word(member))]
    if lang is not team.language:
        command.append(Plain(f" --lang {lang.value}"))
    command.append(Plain(" --out DIR"))
    return i18n.say(
        lang,
        "digest.too_big",
        size=Plain(f"{size / 2**20:.1f}"),
        limit=Plain(f"{FILE_LIMIT / 2**20:.0f}"),
        command=tuple(command),
    )


def _word(value: str) -> str:
    """One shell word: as is when safe, else in single quotes."""
    if re.fullmatch(r"[\w.@-]+", value):
        return value
    return "'" + value.replace("'", "'\\''") + "'"
