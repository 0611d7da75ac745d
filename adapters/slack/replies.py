"""Sending the core's `Reply` to whoever ran a command.

Ephemeral replies go through the command's `response_url` (it works in any channel, member or
not, and needs no scope; Slack allows five uses), or `chat.postEphemeral` when there is none (a
modal's submission). Public replies are posted with `chat.postMessage`; when the bot is not in
the channel (`not_in_channel`: nobody invited it yet) they go through the `response_url` as
`in_channel` instead, so the command still answers. A public reply that is a card (`Reply.shows`)
is reported to the core with its `ts` (`Cards.card_posted`), so the core can keep it current;
its ts is its thread too (`thread_ts`), and its `chat.getPermalink` link is stored with it for
the agenda and the digest. A public reply about a card (`Reply.thread_of`: `/answer 12`) is
posted in that card's thread where it has one (`Reply.thread_ref`), else in the channel;
`update` edits a message in place (`chat.update`, or an ephemeral one through its response_url
with `replace_original`). Files are uploaded with the external
upload flow (files.getUploadURLExternal → the upload URL → files.completeUploadExternal) into
the channel, or, for a private reply or a channel the bot cannot post in, into a direct
message with the caller.

Nothing here raises: a failed reply is logged with the invocation id.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.slack.api import UNREACHABLE, error_code
from adapters.slack.render import SlackMessage, file_name, pieces
from bot.ports import Cards, Reply
from bot.text import Attachment

log = logging.getLogger(__name__)

RESPONSE_URL_USES = 5  # Slack's cap on one response_url
_FAILURES = (SlackApiError, aiohttp.ClientError, TimeoutError, OSError)


@dataclass(frozen=True)
class Caller:
    """Where a command came from: whom to answer, where, and how."""

    invocation_id: str
    channel_id: str
    user_id: str
    response_url: str = ""


class Replies:
    """Answers callers; one per adapter."""

    def __init__(
        self,
        client: AsyncWebClient,
        session: aiohttp.ClientSession | None,
        *,
        cards: Cards | None = None,
    ) -> None:
        self._client = client
        self._session = session
        self._cards = cards

    def use_session(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def send(self, caller: Caller, reply: Reply) -> None:
        """Show `reply` to the caller (ephemeral) or in the channel; never raises."""
        messages = pieces(reply.message)
        try:
            if reply.ephemeral or not reply.ok:
                await self._ephemeral(caller, messages)
                for attachment in reply.files:
                    await self._file_to_dm(caller, attachment)
            else:
                in_channel = await self._public(caller, messages, reply.shows, reply.thread_ref)
                for attachment in reply.files:
                    if not (in_channel and await self._file_to_channel(caller, attachment)):
                        await self._file_to_dm(caller, attachment)
        except _FAILURES as error:
            log.warning(
                "slack: could not answer invocation %s in %s (%s)",
                caller.invocation_id,
                caller.channel_id,
                error_code(error),
            )

    async def _ephemeral(self, caller: Caller, messages: list[SlackMessage]) -> None:
        for index, message in enumerate(messages):
            by_url = caller.response_url and index < RESPONSE_URL_USES
            if by_url and await self._respond(caller, message, "ephemeral"):
                continue
            await self._post_ephemeral(caller, message)

    async def _post_ephemeral(self, caller: Caller, message: SlackMessage) -> None:
        try:
            await self._client.chat_postEphemeral(
                channel=caller.channel_id,
                user=caller.user_id,
                text=message.text,
                blocks=message.blocks,
            )
        except SlackApiError as error:
            if error_code(error) not in UNREACHABLE | {"user_not_in_channel"}:
                raise
            # Not a member of the channel: the bot's direct message with the caller instead.
            await self._client.chat_postMessage(
                channel=caller.user_id, text=message.text, blocks=message.blocks
            )

    async def update(self, caller: Caller, where: Mapping[str, Any], reply: Reply) -> bool:
        """Show `reply` in place of the message a button was on (`where`: the block_actions
        payload's `container`); False when it was not (too long for one message, or refused)."""
        messages = pieces(reply.message)
        if len(messages) != 1:
            return False
        message = messages[0]
        try:
            if where.get("is_ephemeral"):
                if not caller.response_url:
                    return False
                hook = AsyncWebhookClient(caller.response_url, session=self._session, timeout=10)
                response = await hook.send(
                    text=message.text, blocks=message.blocks, replace_original=True
                )
                return response.status_code == 200
            await self._client.chat_update(
                channel=str(where.get("channel_id") or caller.channel_id),
                ts=str(where.get("message_ts") or ""),
                text=message.text,
                blocks=message.blocks,
            )
        except _FAILURES as error:
            log.warning(
                "slack: could not update the message of invocation %s (%s)",
                caller.invocation_id,
                error_code(error),
            )
            return False
        return True

    async def _public(
        self, caller: Caller, messages: list[SlackMessage], shows: str = "", thread_ts: str = ""
    ) -> bool:
        """Post in the channel (in the thread of `thread_ts`, if any); False when it went
        through the response_url instead. A card (`shows`) is reported with the ts of its last
        piece (the one with the buttons), which is its thread."""
        threaded: dict[str, Any] = {"thread_ts": thread_ts} if thread_ts else {}
        for index, message in enumerate(messages):
            try:
                posted = await self._client.chat_postMessage(
                    channel=caller.channel_id,
                    text=message.text,
                    blocks=message.blocks,
                    unfurl_links=False,
                    unfurl_media=False,
                    **threaded,
                )
            except SlackApiError as error:
                if error_code(error) not in UNREACHABLE or not caller.response_url:
                    raise
                log.info(
                    "slack: not a member of %s (%s); answering invocation %s via its "
                    "response_url; invite the bot to the channel for its reminders",
                    caller.channel_id,
                    error_code(error),
                    caller.invocation_id,
                )
                for rest in messages[index : index + RESPONSE_URL_USES]:
                    await self._respond(caller, rest, "in_channel")
                return False
            if shows and index == len(messages) - 1 and self._cards is not None:
                ts = str(posted.get("ts") or "")  # its thread too
                await self._cards.card_posted("slack", caller.channel_id, shows, ts, thread_ref=ts)
                if link := await self._permalink(caller.channel_id, ts):
                    await self._cards.card_posted("slack", caller.channel_id, shows, ts, link=link)
        return True

    async def _permalink(self, channel_id: str, ts: str) -> str:
        """The message's permalink (Slack builds it with the workspace's domain); "" if none."""
        if not ts:
            return ""
        try:
            found = await self._client.chat_getPermalink(channel=channel_id, message_ts=ts)
        except _FAILURES as error:  # the card is still worth keeping without its link
            log.warning("slack: no permalink for %s in %s (%s)", ts, channel_id, error_code(error))
            return ""
        return str(found.get("permalink") or "")

    async def _respond(self, caller: Caller, message: SlackMessage, kind: str) -> bool:
        hook = AsyncWebhookClient(caller.response_url, session=self._session, timeout=10)
        response = await hook.send(
            text=message.text,
            blocks=message.blocks,
            response_type=kind,
            replace_original=False,
        )
        if response.status_code != 200:
            log.warning(
                "slack: response_url of invocation %s answered %s",
                caller.invocation_id,
                response.status_code,
            )
            return False
        return True

    async def _file_to_channel(self, caller: Caller, attachment: Attachment) -> bool:
        try:
            await self.upload(caller.channel_id, attachment)
        except SlackApiError as error:
            if error_code(error) not in UNREACHABLE:
                raise
            return False
        return True

    async def _file_to_dm(self, caller: Caller, attachment: Attachment) -> None:
        opened = await self._client.conversations_open(users=caller.user_id)
        await self.upload(str(opened["channel"]["id"]), attachment)

    async def upload(self, channel_id: str, attachment: Attachment) -> None:
        """The three-step external upload, shared into `channel_id`."""
        await self._client.files_upload_v2(
            channel=channel_id,
            content=attachment.text.encode("utf-8"),
            filename=file_name(attachment),
            title=attachment.filename,
        )
