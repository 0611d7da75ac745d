"""A core `Message` as Slack messages: mrkdwn text plus section blocks, within Slack's limits.

`bot.text.slack_text` escapes user text (`&`, `<`, `>`), so nothing typed can form `<!channel>`,
`<!here>`, `<!subteam^…>` or `<@U…>`; the only mentions are the bot's own `Mention`s. On top
of that every section is `verbatim`, so Slack does not go looking for `@here` or channel names
in it, and messages go out without `link_names`.

Limits: a section's text holds 3,000 characters; a message's `text` 40,000 (Slack truncates
beyond). A message here holds up to `SECTIONS` sections (12,000 characters); longer text is cut
at line ends into several messages, posted in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from adapters.slack.actions import actions_block
from bot.text import Attachment, Message, slack_text, split_for_limit

SECTION_LIMIT = 3000  # a section block's text
SECTIONS = 4  # sections in one message
MESSAGE_LIMIT = SECTION_LIMIT * SECTIONS

_UNSAFE_FILENAME = re.compile(r"[^\w.\-]+")


@dataclass(frozen=True)
class SlackMessage:
    """One message: the mrkdwn `text` (notifications, fallback) and its blocks."""

    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}


def pieces(message: Message) -> list[SlackMessage]:
    """The message as Slack messages, in order, each within Slack's limits; its buttons go
    under the last one."""
    text = slack_text(message)
    out: list[SlackMessage] = []
    for piece in split_for_limit(text, MESSAGE_LIMIT):
        if not piece.strip():
            continue
        blocks = [section(part) for part in split_for_limit(piece, SECTION_LIMIT) if part.strip()]
        out.append(SlackMessage(piece, blocks))
    out = out or [SlackMessage("\u200b", [])]  # the core never means an empty one
    buttons = actions_block(message.actions)
    if buttons is not None:
        out[-1] = SlackMessage(out[-1].text, [*out[-1].blocks, buttons])
    return out


def file_name(attachment: Attachment) -> str:
    """`week04/peer-minutes.md` as one safe file name: `week04-peer-minutes.md`."""
    name = "-".join(_UNSAFE_FILENAME.sub("_", part) for part in attachment.filename.split("/"))
    return name.strip("-.") or "file.md"
