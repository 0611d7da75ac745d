"""Posting outbox rows to a team's Discord channel over REST.

Each piece goes out with `nonce=f"{row.id}-{piece}"` and `enforce_nonce`, so Discord returns the
earlier message instead of posting a second one when a post is retried within its nonce window.
An `uncertain` row (a worker died after posting, its lease ran out: at least 5 minutes later,
when the nonce may be forgotten) is first looked for among the channel's recent messages by the
bot; pieces already there are not posted again. The nonce only covers "a few minutes", and the
outbox may retry later than that (back-off, a long rate limit), so the poster also remembers the
pieces Discord confirmed until the row is done, and treats a row whose last try got no answer
(the budget ran out, the connection broke) like an uncertain one. A history read that fails for
a reason that passes (5xx, no answer) fails the post for later rather than posting blind.

Failures become `PostError`s for the delivery loop: a rate limit honours Discord's retry-after
(discord.py waits out short ones itself; one post never holds a delivery round longer than
`budget` seconds), 5xx and connection errors are retried later, and a missing permission (403)
or a channel that is gone or unreachable (404: deleted, or the bot removed from the server)
parks the row until the channel can be posted to again, is logged clearly, and is told to the
team's admins by DM once. Other 4xx answers (a malformed post) are permanent.

A row for another channel (`OutboxMessage.channel_id`) is posted there, and a row for a thread
(`thread_ref`, the thread's channel id) in the thread, as a command's reply goes in its card's
thread; an uncertain thread row is looked for among the thread's messages. A thread Discord
refuses (deleted: 404; archived and locked: 50083; no Send Messages in Threads: 403) gets the
row top level in the channel instead, with a log line; if the channel refuses it too, the row
is parked like any other, and the admins' notice names the channel.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
from datetime import datetime
from typing import Any

import aiohttp
import discord
from discord.http import handle_message_parameters
from pydantic import SecretStr

from adapters.discord.actions import view_of
from adapters.discord.endpoints import Endpoints, RoutedHTTPClient
from adapters.discord.render import Piece, file_of, pieces
from adapters.posting import RowLedger
from bot import i18n
from bot.delivery import PostError
from bot.model.teams import Member, Team
from bot.outbox import OutboxMessage
from bot.ports import Admins
from bot.text import Message

log = logging.getLogger(__name__)

HISTORY = 50  # recent messages searched for an uncertain row's pieces
THREAD_ARCHIVED = 50083  # Discord's code for a post in an archived (locked) thread

# Retry-After of 429s seen by the current task (see `rate_limit_trace`)
_retry_after: contextvars.ContextVar[list[float] | None] = contextvars.ContextVar(
    "peerbot_discord_retry_after", default=None
)


def rate_limit_trace() -> aiohttp.TraceConfig:
    """Notes the Retry-After of every 429 for the task that made the request.

    discord.py sleeps through rate limits itself; when a post is given up on in the middle of
    such a sleep, this is how the poster still knows how long Discord asked it to wait.
    """

    async def on_request_end(
        session: aiohttp.ClientSession,
        context: Any,
        params: aiohttp.TraceRequestEndParams,
    ) -> None:
        box = _retry_after.get()
        if box is not None and params.response.status == 429:
            with contextlib.suppress(ValueError):
                box.append(float(params.response.headers.get("Retry-After", "0")))

    trace = aiohttp.TraceConfig()
    trace.on_request_end.append(on_request_end)
    return trace


class DiscordPoster:
    """The outbox's `Poster` for teams on Discord.

    It has its own discord.py HTTP client (same token, same endpoints) apart from the gateway
    client's: it posts while the gateway reconnects, and the rate-limit tracing it needs costs
    the interactions nothing.
    """

    def __init__(
        self, endpoints: Endpoints, token: SecretStr, admins: Admins, *, budget: float = 10.0
    ) -> None:
        self._http = RoutedHTTPClient(
            endpoints, http_trace=rate_limit_trace(), max_ratelimit_timeout=30.0
        )
        self._token = token
        self._budget = budget
        self._me: str | None = None  # the bot's user id, known once logged in
        self._rows = RowLedger(admins)  # pieces confirmed, rows maybe posted, admins told
        self._gone: set[int] = set()  # threads Discord refused a post in: top level instead

    async def open(self) -> None:
        """Log the HTTP client in (LoginFailure, HTTPException or a connection error if not)."""
        self._http.loop = asyncio.get_running_loop()
        me = await self._http.static_login(self._token.get_secret_value())
        self._me = str(me["id"])

    async def close(self) -> None:
        await self._http.close()

    async def post(self, team: Team, row: OutboxMessage, *, uncertain: bool) -> None:
        if self._me is None:
            raise PostError("the Discord adapter has not started")
        where = row.channel_id or team.channel_id
        channel_id = _snowflake(where)
        if channel_id is None:
            raise PostError(f"not a Discord channel id: {where[:30]!r}", permanent=True)
        await self._rows.attempt(team, row, self._try(team, row, channel_id, uncertain))

    async def _try(self, team: Team, row: OutboxMessage, channel_id: int, uncertain: bool) -> None:
        """Post the row within the budget, turning Discord's failures into PostErrors."""
        retry_after: list[float] = []  # filled by the rate-limit trace, in this task only
        _retry_after.set(retry_after)
        uncertain = self._rows.uncertain(row, uncertain)
        try:
            async with asyncio.timeout(self._budget):  # the whole post, all its pieces
                await self._post(team, row, channel_id, uncertain)
        except TimeoutError:
            self._rows.maybe_posted(row)  # a piece may be in the channel without our knowing
            raise PostError(
                f"Discord did not take the post within {self._budget:g} s"
                + (" (rate limited)" if retry_after else ""),
                retry_after=max(retry_after, default=None),
            ) from None
        except discord.RateLimited as error:
            raise PostError("rate limited by Discord", retry_after=error.retry_after) from None
        except (discord.Forbidden, discord.NotFound) as error:
            # Parked, not given up: the pieces Discord confirmed stay remembered for its return.
            await self._unreachable(team, row, error)
            raise PostError(_reason(error), park=True) from None
        except discord.DiscordServerError as error:
            self._rows.maybe_posted(row)  # a 5xx says nothing of whether it was posted
            raise PostError(f"Discord server error {error.status}") from None
        except discord.HTTPException as error:
            if error.status == 429:  # one discord.py does not wait out (no Via header)
                raise PostError(
                    "rate limited by Discord", retry_after=max(retry_after, default=None)
                ) from None
            if 400 <= error.status < 500:  # permanent: the ledger forgets the row
                raise PostError(_reason(error), permanent=True) from None
            raise PostError(_reason(error)) from None
        except (aiohttp.ClientError, OSError) as error:
            self._rows.maybe_posted(row)
            raise PostError(f"cannot reach Discord: {type(error).__name__}") from None

    async def _post(self, team: Team, row: OutboxMessage, channel_id: int, uncertain: bool) -> None:
        """The row's pieces in order, each with its nonce; the file and button on the last."""
        texts = pieces(row.message)
        if row.edits is not None:
            await self._edit(channel_id, row.edits, texts, row)
            return
        done = self._rows.confirmed(row)
        if uncertain:
            done |= await self._already_posted(self._target(row, channel_id), row, texts)
        last = len(texts) - 1
        for index, piece in enumerate(texts):
            if index in done:
                continue
            params: dict[str, Any] = {
                "content": piece.text,
                "nonce": f"{row.id}-{index}",  # with enforce_nonce: Discord drops a re-post
                "allowed_mentions": piece.allowed_mentions,
            }
            if index == last and (view := view_of(row.message.actions)) is not None:
                params["view"] = view
            if index == last and row.attachment is not None:
                params["file"] = file_of(row.attachment)
            await self._send(team, row, channel_id, params)
            done.add(index)

    def _target(self, row: OutboxMessage, channel_id: int) -> int:
        """Where the row's pieces go: its thread (a channel on Discord), else the channel."""
        thread = _snowflake(row.thread_ref or "")
        return channel_id if thread is None or thread in self._gone else thread

    async def _send(
        self, team: Team, row: OutboxMessage, channel_id: int, params: dict[str, Any]
    ) -> None:
        """One piece, in the row's thread if it has one Discord takes, else in the channel."""
        target = self._target(row, channel_id)
        try:
            with handle_message_parameters(**params) as message:
                await self._http.send_message(target, params=message)
        except discord.HTTPException as error:
            refused = error.status in (403, 404) or error.code == THREAD_ARCHIVED
            if target == channel_id or not refused:
                raise
            log.warning(
                "discord: cannot post in thread %s (%s); outbox row %s of team %s goes top level "
                "in channel %s instead",
                target,
                _reason(error),
                row.id,
                team.name,
                channel_id,
            )
            self._gone.add(target)
            if row.attachment is not None and "file" in params:  # a fresh one: the first was read
                params = {**params, "file": file_of(row.attachment)}
            await self._send(team, row, channel_id, params)

    async def _edit(
        self, channel_id: int, message_ref: str, texts: list[Piece], row: OutboxMessage
    ) -> None:
        """Edit a posted card to what it shows now (a card fits one message; an edit done
        twice leaves the same message). A card deleted since is a permanent failure."""
        message_id = _snowflake(message_ref)
        if message_id is None:
            raise PostError(f"not a Discord message id: {message_ref[:30]!r}", permanent=True)
        if len(texts) > 1:
            log.warning("discord: a card's edit is %s messages long; its first shown", len(texts))
        params: dict[str, Any] = {
            "content": texts[0].text,
            "allowed_mentions": texts[0].allowed_mentions,
            "view": view_of(row.message.actions),
        }
        with handle_message_parameters(**params) as message:
            try:
                await self._http.edit_message(channel_id, message_id, params=message)
            except discord.NotFound:  # the card is gone, not the channel: nothing to edit
                raise PostError("the card's message is gone", permanent=True) from None

    async def _already_posted(
        self, channel_id: int, row: OutboxMessage, texts: list[Piece]
    ) -> set[int]:
        """Pieces of `row` the bot already posted in the channel (an earlier, uncertain try)."""
        try:
            recent = await self._http.logs_from(channel_id, HISTORY)
        except discord.DiscordServerError as error:  # passes: posting blind could double it
            raise PostError(f"cannot read the channel's history: Discord {error.status}") from None
        except (aiohttp.ClientError, OSError) as error:
            raise PostError(f"cannot read the channel's history: {type(error).__name__}") from None
        except discord.HTTPException as error:  # e.g. no Read Message History: never will
            log.info("outbox row %s: cannot read the channel's history (%s)", row.id, error)
            return set()
        since = row.created_at
        mine = {
            str(m.get("content", ""))
            for m in recent
            if str(m.get("author", {}).get("id")) == self._me and _after(m.get("timestamp"), since)
        }
        return {i for i, piece in enumerate(texts) if piece.text in mine}

    async def _unreachable(
        self, team: Team, row: OutboxMessage, error: discord.HTTPException
    ) -> None:
        """Log it clearly, and tell the team's admins by DM (once, until a post goes through)."""
        log.error(
            "cannot post outbox row %s to Discord channel %s of team %s (%s): %s; "
            "the row is parked until the bot can post there again, and the team's admins are told",
            row.id,
            row.channel_id or team.channel_id,
            team.name,
            team.id,
            _reason(error),
        )
        notice = _notice(team, row, error.status)

        async def tell(admin: Member) -> None:
            user_id = _snowflake(admin.user_id)
            if user_id is None:
                return
            try:
                async with asyncio.timeout(self._budget):
                    dm = await self._http.start_private_message(user_id)
                    first = pieces(notice)[0]
                    with handle_message_parameters(
                        content=first.text, allowed_mentions=first.allowed_mentions
                    ) as message:
                        await self._http.send_message(int(dm["id"]), params=message)
            except (TimeoutError, discord.HTTPException, aiohttp.ClientError, OSError) as err:
                log.warning("could not tell admin %s of team %s by DM: %s", user_id, team.id, err)

        await self._rows.tell_admins(team, (row.channel_id, error.status), tell)


def _notice(team: Team, row: OutboxMessage, status: int) -> Message:
    """What the team's admins are told by DM (it names Discord's own permissions, and the
    channel by its id when it is not the team's)."""
    if row.channel_id:
        key = f"discord.cannot_post_other.{status}"
        return i18n.say(team.language, key, team=team.name, channel=row.channel_id)
    return i18n.say(team.language, f"discord.cannot_post.{status}", team=team.name)


def _reason(error: discord.HTTPException) -> str:
    return f"Discord answered {error.status} (code {error.code}): {error.text[:120]}"


def _snowflake(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def _after(timestamp: Any, since: datetime) -> bool:
    try:
        return datetime.fromisoformat(str(timestamp)) >= since
    except (TypeError, ValueError):
        return False
