"""Replies in a question card's thread (Slack `message` events with a `thread_ts`).

A member's reply under a message becomes the core's thread command for what happened to it
(`thread_command`: posted, edited as `message_changed`, deleted as `message_deleted`), with
the thread's ts as its argument (a card's thread is its ts) and the reply as
`Invocation.message`; the core decides whether it is a card's thread and whether the team
records it. Bot messages (peerbot's own too), the thread's parent, and any other subtype
(joins, file shares, broadcasts' copies) are left alone.

The reply's link is built, not asked for (`chat.getPermalink` knows no deleted message): the
workspace's address from `auth.test`, `archives/<channel>/p<ts>?thread_ts=…&cid=…`, as Slack
writes a thread reply's permalink. So an edit or deletion finds the answer recorded from it.
A `message_deleted` event carries the reply as `previous_message`: its author is passed along
as Discord's is, but the core's deletion goes by the link alone and joins no one (the same
path as Discord's deletions after a restart, whose author is unknown).

The core's answer (the one notice that replies are not recorded) is posted in the thread; a
reply that cannot be stored is told to its author alone; nothing else is said.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.api import DisplayNames, error_code
from adapters.slack.render import pieces
from adapters.slack.saved import plain_of
from bot.commands.spec import ThreadEvent
from bot.commands.table import thread_command
from bot.core import PeerBot
from bot.ports import Invocation, Reply, SavedMessage

log = logging.getLogger(__name__)

PLATFORM = "slack"
QUICK = 0.3  # seconds a display name may take
_SUBTYPES = {
    None: ThreadEvent.POSTED,
    "thread_broadcast": ThreadEvent.POSTED,  # "also send to the channel": still a reply
    "message_changed": ThreadEvent.EDITED,
    "message_deleted": ThreadEvent.DELETED,
}


class ThreadReplies:
    """Turns thread replies into core calls; `on_message` is the bolt `message` listener."""

    def __init__(self, bot: PeerBot, client: AsyncWebClient, names: DisplayNames) -> None:
        self._bot = bot
        self._client = client
        self._names = names
        self.bot_user_id = ""  # set from auth.test at start
        self.workspace_url = ""  # https://<domain>.slack.com/, from auth.test

    async def on_message(self, event: dict[str, Any]) -> None:
        """One `message` event; never raises."""
        try:
            found = reply_of(event)
            if found is None:
                return
            kind, reply, channel = found
            if self._from_bot(reply):
                return
            invocation = await self._invocation(kind, reply, channel)
            await self._answer(invocation, await self._bot.run(self._bot.route(invocation)))
        except Exception:
            log.exception("slack: a thread reply's event failed")

    def _from_bot(self, reply: Mapping[str, Any]) -> bool:
        user = str(reply.get("user") or "")
        return bool(
            reply.get("bot_id")
            or reply.get("subtype") == "bot_message"
            or not user
            or (self.bot_user_id and user == self.bot_user_id)
        )

    async def _invocation(
        self, kind: ThreadEvent, reply: Mapping[str, Any], channel: str
    ) -> Invocation:
        author, ts = str(reply["user"]), str(reply.get("ts") or "")
        thread = str(reply.get("thread_ts") or "")
        deleted = kind is ThreadEvent.DELETED  # the core joins and names no one for it
        name = "" if deleted else await self._names.get(author, fallback="", wait=QUICK)
        text = "" if deleted else str(reply.get("text") or "")
        saved = SavedMessage(
            author_id=author,
            author_name=name,
            text=await plain_of(text, self._names),
            link=self.link(channel, ts, thread),
            from_bot=False,
            channel_id=channel,
        )
        return Invocation(
            id=f"{channel}-{ts}-{kind.value}",
            platform=PLATFORM,
            channel_id=channel,
            user_id=author,
            user_name=name,
            command=thread_command(kind).name,
            args=thread,
            message=saved,
        )

    def link(self, channel: str, ts: str, thread: str) -> str:
        """The reply's permalink, as Slack writes one ("" before auth.test answered)."""
        if not self.workspace_url or not ts:
            return ""
        base = self.workspace_url.rstrip("/")
        return f"{base}/archives/{channel}/p{ts.replace('.', '')}?thread_ts={thread}&cid={channel}"

    async def _answer(self, invocation: Invocation, reply: Reply) -> None:
        """The core's sentence, if any: in the thread, or to the author alone when refused."""
        messages = pieces(reply.message) if reply.message.lines else []
        thread = invocation.args
        try:
            for message in messages:
                if reply.ok and not reply.ephemeral:
                    await self._client.chat_postMessage(
                        channel=invocation.channel_id,
                        thread_ts=thread,
                        text=message.text,
                        blocks=message.blocks,
                        unfurl_links=False,
                    )
                else:
                    await self._client.chat_postEphemeral(
                        channel=invocation.channel_id,
                        user=invocation.user_id,
                        thread_ts=thread,
                        text=message.text,
                        blocks=message.blocks,
                    )
        except SlackApiError as error:
            log.warning("slack: could not answer in thread %s (%s)", thread, error_code(error))


def reply_of(event: Mapping[str, Any]) -> tuple[ThreadEvent, Mapping[str, Any], str] | None:
    """What happened to which reply, in which channel; None for anything but a thread reply."""
    subtype = event.get("subtype")
    if subtype not in _SUBTYPES:
        return None
    kind = _SUBTYPES[subtype]
    reply: Mapping[str, Any] = event
    if kind is ThreadEvent.EDITED:
        reply = event.get("message") or {}
    elif kind is ThreadEvent.DELETED:
        reply = event.get("previous_message") or {}
    thread, ts = reply.get("thread_ts"), reply.get("ts")
    if not thread or not ts or thread == ts:  # not in a thread, or the thread's parent
        return None
    return kind, reply, str(event.get("channel") or "")
