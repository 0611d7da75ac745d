"""Message shortcuts (*Save as question*, *Save as answer*): a Slack message as the core's
`SavedMessage`, and back from a form's state.

A `message_action` payload carries the message (`user`, `text`, `ts`, `bot_id` for a bot's)
and its channel; the link is `chat.getPermalink`'s (Slack puts none in the payload). The text is
mrkdwn: `<@U…>`, `<#C…|name>`, `<!here>` and `<https://…|label>` become the words a person
reads, so a saved question shows `@Lee`, never a markup that would ping when shown again (the
core keeps it as user text, escaped by every renderer).

The message's `ref` (the author, their name, the link and the channel, as JSON) travels in the
modal's `private_metadata` with the form's state, so *Save as answer*'s submission finds the
message again after a restart; the text comes back in the form's own field.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Mapping
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.api import DisplayNames, error_code
from bot.ports import SavedMessage

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"<([^<>]*)>")
QUICK = 0.3  # seconds a name may take while Slack's 3-second clock runs


async def saved_message(
    body: Mapping[str, Any],
    client: AsyncWebClient,
    names: DisplayNames,
    *,
    bot_user_id: str = "",
) -> SavedMessage:
    """The message a shortcut was used on, in the core's terms."""
    message: Mapping[str, Any] = body.get("message") or {}
    channel = str((body.get("channel") or {}).get("id", ""))
    author = str(message.get("user") or message.get("bot_id") or "")
    from_bot = bool(
        message.get("bot_id")
        or message.get("subtype") == "bot_message"
        or (bot_user_id and author == bot_user_id)
    )
    name = "" if from_bot else await names.get(author, fallback="", wait=QUICK)
    text = await plain_of(str(message.get("text") or ""), names)
    link = await _permalink(client, channel, str(message.get("ts") or body.get("message_ts") or ""))
    saved = SavedMessage(author, name, text, link, from_bot, channel)
    return _with_ref(saved)


def from_ref(ref: str, channel_id: str) -> SavedMessage | None:
    """The message a form's state names (its text is the form's to give), or None."""
    try:
        author, name, link, channel = json.loads(ref)
    except (ValueError, TypeError):
        return None
    if not all(isinstance(part, str) for part in (author, name, link, channel)):
        return None
    if channel != channel_id:
        return None
    return _with_ref(SavedMessage(author, name, "", link, False, channel))


async def plain_of(mrkdwn: str, names: DisplayNames) -> str:
    """Slack markup as the words it shows: `<@U1>` → `@Lee`, `<url|label>` → `label (url)`."""
    parts: list[str] = []
    last = 0
    for token in _TOKEN.finditer(mrkdwn):
        parts.append(html.unescape(mrkdwn[last : token.start()]))
        parts.append(await _word(token.group(1), names))
        last = token.end()
    parts.append(html.unescape(mrkdwn[last:]))
    return "".join(parts)


async def _word(token: str, names: DisplayNames) -> str:
    target, _, label = token.partition("|")
    label = html.unescape(label)
    if target.startswith("@"):
        return "@" + (label or await names.get(target[1:], fallback=target[1:], wait=QUICK))
    if target.startswith("#"):
        return "#" + (label or target[1:])
    if target.startswith("!"):  # <!here>, <!channel>, <!subteam^S1|@team>, <!date^…|fallback>
        return label or "@" + target[1:].split("^")[0]
    url = html.unescape(target)
    if label and label != url:
        return f"{label} ({url})"
    return url


async def _permalink(client: AsyncWebClient, channel: str, ts: str) -> str:
    if not channel or not ts:
        return ""
    try:
        found = await client.chat_getPermalink(channel=channel, message_ts=ts)
    except Exception as error:  # the record is still worth keeping without its link
        log.warning("slack: no permalink for %s in %s (%s)", ts, channel, error_code(error))
        return ""
    return str(found.get("permalink") or "")


def _with_ref(saved: SavedMessage) -> SavedMessage:
    ref = json.dumps([saved.author_id, saved.author_name, saved.link, saved.channel_id])
    return SavedMessage(
        saved.author_id,
        saved.author_name,
        saved.text,
        saved.link,
        saved.from_bot,
        saved.channel_id,
        ref=ref,
    )
