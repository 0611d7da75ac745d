"""A core `Message` as Slack messages: mrkdwn text plus section blocks, within Slack's limits.

`slack_text` turns the core's small Markdown into mrkdwn and escapes user text (`&`, `<`, `>`),
so nothing typed can form `<!channel>`, `<!here>`, `<!subteam^…>` or `<@U…>`; the only mentions
are the bot's own `Mention`s. On top of that every section is `verbatim`, so Slack does not go
looking for `@here` or channel names in it, and messages go out without `link_names`.

Limits: a section's text holds 3,000 characters; a message's `text` 40,000 (Slack truncates
beyond). A message here holds up to `SECTIONS` sections (12,000 characters); longer text is cut
at line ends into several messages, posted in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from adapters.slack.actions import actions_block
from bot.text import (
    Attachment,
    Mention,
    Message,
    Plain,
    UserText,
    isolate_bidi,
    split_for_limit,
)

SECTION_LIMIT = 3000  # a section block's text
SECTIONS = 4  # sections in one message
MESSAGE_LIMIT = SECTION_LIMIT * SECTIONS

_UNSAFE_FILENAME = re.compile(r"[^\w.\-]+")


# --- mrkdwn ---------------------------------------------------------------------------------


def escape_slack(text: str) -> str:
    """Slack mrkdwn: `&`, `<` and `>` become entities, so `<!channel>` is only text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Slack's control sequences are `<…>`; once `&`, `<` and `>` are entities nothing typed can
# open one. The renderer then writes the few it means: `<@U…>` for a mention and `<url|text>`
# for a link (web addresses only: a `<!…>`, `<@…>` or `<#…>` cannot start with `http`).
_SLACK_USER_ID = re.compile(r"[UW][A-Z0-9]{1,20}")
# `&lt;` and `&gt;` (a typed `<`, `>`) end an address: `<https://x/docs>` links to `…/docs`.
_URL_CHARS = r"(?:(?!&[lg]t;)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%])"
_SLACK_LINKISH = re.compile(
    r"\[(?P<label>[^\]\n]+)\]"  # [label](url)
    r"\((?P<target>https?://(?:(?!&[lg]t;)[^\s()]|\([^\s()]*\))+)\)"
    rf"|(?P<bare>https?://{_URL_CHARS}+)"  # a bare web address
)
# A label that reads as an address (`https://good`, `www.good`, `good.com`, `good.com_login`):
# shown with the real target beside it, never as the only visible text of a link to somewhere
# else. No word boundary after the letters: `good.com_login` and `good.com1` read as addresses.
_ADDRESS_LIKE = re.compile(r"://|\bwww\.|[\w-]\.[a-z]{2,}|&[lg]t;", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(`[^`\n]+`)")
_MD_BULLET = re.compile(r"^(\s*)[-*] (?=\S|$)")
_MD_HEADING = re.compile(r"^#{1,6} +(.+?)\s*$")
_TRAILING_PUNCTUATION = ".,;:!?)'"


def _slack_link(found: re.Match[str]) -> str:
    if found.group("target"):
        label, target = found.group("label"), found.group("target")
        if _ADDRESS_LIKE.search(label) and label != target:
            return f"{label} (<{target}>)"  # the address it opens, shown as itself
        return f"<{target}|{label}>"
    url = found.group("bare")
    trail = ""
    while url and url[-1] in _TRAILING_PUNCTUATION and not _balanced(url):
        url, trail = url[:-1], url[-1] + trail
    return f"<{url}>{trail}" if "://" in url[:8] and len(url) > 8 else found.group(0)


def _balanced(url: str) -> bool:
    """A trailing `)` belongs to the address when it closes one inside it (Wikipedia links)."""
    return url.endswith(")") and url.count("(") >= url.count(")")


def _slack_links(escaped: str) -> str:
    return _SLACK_LINKISH.sub(_slack_link, escaped)


def _slack_markup(text: str, *, line_start: bool) -> str:
    """The bot's own Markdown as mrkdwn: `**b**`→`*b*`, links, `- ` lists, `# ` headings.

    Escaped first, like user text, so a catalog sentence such as `/ask <question>` shows its
    angle brackets; code spans keep their text (escaped, not restyled).
    """
    out: list[str] = []
    for index, part in enumerate(_CODE_SPAN.split(text)):
        if index % 2:  # a code span, backticks included
            out.append(escape_slack(part))
            continue
        # `**` → `*`: the core's bold may open in one span and close in another (around a
        # user's text), so the markers are converted one by one, not in pairs.
        converted = _slack_links(escape_slack(part)).replace("**", "*")
        if index == 0 and line_start:
            heading = _MD_HEADING.match(converted)
            converted = f"*{heading.group(1)}*" if heading else converted
            converted = _MD_BULLET.sub(r"\1• ", converted)
        out.append(converted)
    return "".join(out)


def slack_mention(mention: Mention) -> str:
    """`<@U…>` for a Slack user id; anything else (a console name) as plain `@name`."""
    if _SLACK_USER_ID.fullmatch(mention.user_id):
        return f"<@{mention.user_id}>"
    return "@" + escape_slack(isolate_bidi(mention.name))


def slack_text(message: Message) -> str:
    """Slack mrkdwn: the bot's Markdown converted, user text escaped (web addresses made
    links), mentions as `<@U…>`. Nothing a user typed can mention anyone."""
    lines: list[str] = []
    for line in message.lines:
        parts: list[str] = []
        for position, span in enumerate(line):
            if isinstance(span, Plain):
                parts.append(_slack_markup(span.text, line_start=position == 0))
            elif isinstance(span, UserText):
                parts.append(_slack_links(escape_slack(isolate_bidi(span.text))))
            else:
                parts.append(slack_mention(span))
        lines.append("".join(parts))
    return "\n".join(lines)


# --- messages -------------------------------------------------------------------------------


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
