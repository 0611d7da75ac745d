"""Posting outbox rows to a team's Slack channel.

Each piece is a `chat.postMessage` carrying message metadata `{event_type: peerbot_outbox,
event_payload: {row, piece}}`. Slack has no idempotency key, so when an earlier attempt may have
gone out (`uncertain`: a worker died after posting; or this poster's own last try of the row
timed out or lost its connection) the channel's history since the row was due is read first
(`conversations.history` with `include_all_metadata`) and the pieces found there are not posted
again; the digest's file is recognised by its title among the bot's own files. Pieces this
poster saw go out are remembered until the row is done, so a row retried after a later piece
failed (a 429, a 500) posts only what is missing, without a history read that could fail too.

Failures become `PostError`s for the delivery loop: a 429 carries Slack's `Retry-After` (this
client never sleeps it off itself), 5xx answers, timeouts and connection errors are retried
later, and `not_in_channel`, `channel_not_found`, `is_archived` and a refused token park the
row (it waits until the channel can be posted to again): logged with what to do, and for a
channel the team's admins are told by direct message (once, until a post to the team goes
through again). Pieces confirmed before a row was parked are remembered, not posted twice.

A row for another channel (`OutboxMessage.channel_id`) is posted there, and a row for a thread
(`thread_ref`) with `thread_ts`, the way a command's reply goes under its card; an uncertain
thread row is looked for among the thread's replies (`conversations.replies`, which the two
`*:history` scopes allow). A thread Slack says is gone (`thread_not_found`, `invalid_thread_ts`,
`cannot_reply_to_message`: the card was deleted) gets the row top level in the channel instead,
with a log line; a refused other channel parks the row, and the admins' notice names it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from datetime import timedelta
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from adapters.posting import RowLedger
from adapters.slack.api import (
    REFUSED_TOKEN,
    UNREACHABLE,
    error_code,
    is_transient,
    retry_after,
)
from adapters.slack.render import SlackMessage, file_name, pieces
from bot import i18n
from bot.delivery import PostError
from bot.model.teams import Member, Team
from bot.outbox import OutboxMessage
from bot.ports import Admins
from bot.text import Message, Plain

log = logging.getLogger(__name__)

EVENT_TYPE = "peerbot_outbox"
HISTORY_PAGES = 5  # of 200 messages: how far back an uncertain row is looked for
CLOCK_SLACK = timedelta(minutes=2)  # our clock against Slack's timestamps
_FAILURES = (SlackApiError, SlackRequestError, aiohttp.ClientError, TimeoutError, OSError)
_WHY = ("not_in_channel", "channel_not_found", "is_archived")  # codes the notice explains
# A thread_ts Slack cannot reply under: the row goes top level in the channel instead.
THREAD_GONE = frozenset({"thread_not_found", "invalid_thread_ts", "cannot_reply_to_message"})


class SlackPoster:
    """The outbox's `Poster` for teams on Slack."""

    def __init__(self, client: AsyncWebClient, admins: Admins) -> None:
        self._client = client  # no retry handlers: the delivery loop retries
        self.bot_user_id = ""  # set from auth.test at start: whose files are ours
        # Pieces confirmed (the file is piece `len(messages)`), rows maybe posted, admins told.
        self._rows = RowLedger(admins)
        self._gone: set[tuple[str, str]] = set()  # (channel, thread_ts) Slack said are gone

    async def post(self, team: Team, row: OutboxMessage, *, uncertain: bool) -> None:
        messages = pieces(row.message)
        if row.edits is not None:  # a card brought up to date: `chat.update`, done twice alike
            update = self._update(team, row, row.edits, messages)
            await self._rows.attempt(team, row, self._call(team, row, "chat.update", update))
            return
        await self._rows.attempt(team, row, self._post(team, row, messages, uncertain))

    async def _update(
        self, team: Team, row: OutboxMessage, ts: str, messages: list[SlackMessage]
    ) -> None:
        """Edit the card at `ts` (a card fits one message; only the first piece is shown)."""
        if len(messages) > 1:
            log.warning("slack: a card's edit is %s messages long; its first shown", len(messages))
        await self._client.chat_update(
            channel=_channel(team, row), ts=ts, text=messages[0].text, blocks=messages[0].blocks
        )

    async def _post(
        self, team: Team, row: OutboxMessage, messages: list[SlackMessage], uncertain: bool
    ) -> None:
        """The pieces Slack has not confirmed yet, in order, then the file."""
        done = self._rows.confirmed(row)
        if self._rows.uncertain(row, uncertain):
            done |= await self._already_posted(team, row, len(messages))
        for index, message in enumerate(messages):
            if index not in done:
                await self._call(
                    team, row, "chat.postMessage", self._send(team, row, index, message)
                )
                done.add(index)
        if row.attachment is not None and len(messages) not in done:
            await self._call(team, row, "file upload", self._upload(team, row))

    async def _send(
        self, team: Team, row: OutboxMessage, index: int, message: SlackMessage
    ) -> None:
        channel = _channel(team, row)
        thread = self._thread(team, row)
        payload = {"row": row.id, "piece": index}
        try:
            await self._client.chat_postMessage(
                channel=channel,
                text=message.text,
                blocks=message.blocks,
                metadata={"event_type": EVENT_TYPE, "event_payload": payload},
                unfurl_links=False,
                unfurl_media=False,
                thread_ts=thread or None,
            )
        except SlackApiError as error:
            if not self._thread_gone(team, row, thread, error):
                raise
            await self._send(team, row, index, message)

    def _thread_gone(
        self, team: Team, row: OutboxMessage, thread: str, error: SlackApiError
    ) -> bool:
        """Whether Slack refused the post for its thread alone (then remembered, logged)."""
        if not thread or error_code(error) not in THREAD_GONE:
            return False
        channel = _channel(team, row)
        log.warning(
            "slack: the thread %s in %s is gone (%s); outbox row %s of team %s goes top level "
            "in the channel instead",
            thread,
            channel,
            error_code(error),
            row.id,
            team.name,
        )
        self._gone.add((channel, thread))
        return True

    def _thread(self, team: Team, row: OutboxMessage) -> str:
        """The thread_ts the row replies under, "" for top level (none, or it is gone)."""
        thread = row.thread_ref or ""
        return "" if (_channel(team, row), thread) in self._gone else thread

    async def _upload(self, team: Team, row: OutboxMessage) -> None:
        attachment = row.attachment
        assert attachment is not None
        thread = self._thread(team, row)
        try:
            await self._client.files_upload_v2(
                channel=_channel(team, row),
                content=attachment.text.encode("utf-8"),
                filename=file_name(attachment),
                title=attachment.filename,
                thread_ts=thread or None,
            )
        except SlackApiError as error:
            if not self._thread_gone(team, row, thread, error):
                raise
            await self._upload(team, row)

    async def _call(self, team: Team, row: OutboxMessage, what: str, call: Awaitable[None]) -> None:
        """Await one Slack call, turning its failure into the PostError the loop expects."""
        try:
            await call
        except _FAILURES as error:
            raise await self._post_error(team, row, what, error) from None

    async def _post_error(
        self, team: Team, row: OutboxMessage, what: str, error: BaseException
    ) -> PostError:
        code = error_code(error)
        reason = f"Slack {what} failed: {code}"
        if isinstance(error, SlackApiError) and error.response.status_code == 429:
            return PostError("rate limited by Slack", retry_after=retry_after(error))
        if not isinstance(error, SlackApiError | SlackRequestError) or _server_side(error):
            # No answer, or a 5xx (a gateway's 504 says nothing of what Slack behind it did):
            # Slack may have posted. The next try reads the history first.
            self._rows.maybe_posted(row)
        if code in UNREACHABLE:
            await self._unreachable(team, row, code)
            return PostError(reason, park=True)
        if code in REFUSED_TOKEN:
            log.error(
                "slack refused the bot token (%s) posting outbox row %s of team %s; set a valid "
                "SLACK_BOT_TOKEN (OAuth & Permissions > Bot User OAuth Token) and restart",
                code,
                row.id,
                team.name,
            )
            return PostError(reason, park=True)
        if is_transient(error):
            return PostError(reason)
        log.error("slack: outbox row %s of team %s cannot be posted: %s", row.id, team.name, code)
        return PostError(reason, permanent=True)

    async def _already_posted(self, team: Team, row: OutboxMessage, count: int) -> set[int]:
        """Pieces of `row` already in the channel or its thread (0..count-1; `count` is the
        file). A thread's replies are not in the channel's history: they are read apart."""
        since = (row.due_at or row.created_at) - CLOCK_SLACK
        channel, thread = _channel(team, row), self._thread(team, row)
        found: set[int] = set()
        cursor: str | None = None
        try:
            for _ in range(HISTORY_PAGES):
                page = await self._page(channel, thread, f"{since.timestamp():.6f}", cursor)
                for message in page.get("messages") or []:
                    found |= self._pieces_in(message, row, count)
                cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
                if not page.get("has_more") or not cursor:
                    break
        except SlackApiError as error:
            if error.response.status_code == 429:
                raise PostError(
                    "rate limited by Slack (history)", retry_after=retry_after(error)
                ) from None
            if error_code(error) in UNREACHABLE:
                raise await self._post_error(team, row, "conversations.history", error) from None
            if is_transient(error):  # a 500: posting blind now could double a piece; wait
                raise PostError(f"Slack history failed: {error_code(error)}") from None
            log.warning(
                "slack: cannot read the history of %s for outbox row %s (%s); posting anyway",
                channel,
                row.id,
                error_code(error),
            )
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            raise PostError(f"Slack history unreachable: {error_code(error)}") from None
        if found:
            log.info("outbox row %s: pieces %s were posted already", row.id, sorted(found))
        return found

    async def _page(
        self, channel: str, thread: str, oldest: str, cursor: str | None
    ) -> AsyncSlackResponse:
        """One page of the channel's history, or of the thread's replies when `thread`."""
        if thread:
            return await self._client.conversations_replies(
                channel=channel,
                ts=thread,
                oldest=oldest,
                include_all_metadata=True,
                limit=200,
                cursor=cursor,
            )
        return await self._client.conversations_history(
            channel=channel, oldest=oldest, include_all_metadata=True, limit=200, cursor=cursor
        )

    def _pieces_in(self, message: dict[str, Any], row: OutboxMessage, count: int) -> set[int]:
        metadata = message.get("metadata") or {}
        payload = metadata.get("event_payload") or {}
        if metadata.get("event_type") == EVENT_TYPE and _same(payload.get("row"), row.id):
            try:
                return {int(payload.get("piece", -1))}
            except (TypeError, ValueError):
                return set()
        attachment = row.attachment
        if attachment is None or (self.bot_user_id and message.get("user") != self.bot_user_id):
            return set()
        titles = {str(f.get("title") or f.get("name")) for f in message.get("files") or []}
        return {count} if attachment.filename in titles else set()

    async def _unreachable(self, team: Team, row: OutboxMessage, code: str) -> None:
        """Log it clearly, and tell the team's admins by DM (once, until a post goes through)."""
        log.error(
            "cannot post outbox row %s to Slack channel %s of team %s (%s): %s; the row is "
            "parked until the bot can post there again, and the team's admins are told",
            row.id,
            _channel(team, row),
            team.name,
            team.id,
            code,
        )
        notice = pieces(_notice(team, row, code))[0]

        async def tell(admin: Member) -> None:
            try:
                opened = await self._client.conversations_open(users=admin.user_id)
                await self._client.chat_postMessage(
                    channel=str(opened["channel"]["id"]), text=notice.text, blocks=notice.blocks
                )
            except _FAILURES as error:
                log.warning(
                    "could not tell admin %s of team %s by DM (%s)",
                    admin.user_id,
                    team.id,
                    error_code(error),
                )

        await self._rows.tell_admins(team, (row.channel_id, code), tell)


def _channel(team: Team, row: OutboxMessage) -> str:
    """Where the row goes: its own channel, else the team's."""
    return row.channel_id or team.channel_id


def _notice(team: Team, row: OutboxMessage, code: str) -> Message:
    why = code if code in _WHY else "channel_not_found"
    reason = i18n.text_of(team.language, f"slack.why.{why}")
    if row.channel_id:  # another channel than the team's: named by its id (escaped text)
        return i18n.say(
            team.language,
            "slack.cannot_post_other",
            team=team.name,
            channel=row.channel_id,
            why=Plain(reason),
        )
    return i18n.say(team.language, "slack.cannot_post", team=team.name, why=Plain(reason))


def _server_side(error: BaseException) -> bool:
    return isinstance(error, SlackApiError) and error.response.status_code >= 500


def _same(value: Any, row_id: int | None) -> bool:
    try:
        return row_id is not None and int(value) == row_id
    except (TypeError, ValueError):
        return False
