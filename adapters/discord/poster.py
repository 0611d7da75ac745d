"""Posting outbox rows to a team's Discord channel over REST.

Each piece goes out with `nonce=f"{row.id}-{piece}"` and `enforce_nonce`, so Discord returns the
earlier message instead of posting a second one when a post is retried within its nonce window.
An `uncertain` row (a worker died after posting, its lease ran out: at least 5 minutes later,
when the nonce may be forgotten) is first looked for among the channel's recent messages by the
bot; pieces already there are not posted again.

Failures become `PostError`s for the delivery loop: a rate limit honours Discord's retry-after
(discord.py waits out short ones itself; one post never holds a delivery round longer than
`budget` seconds), 5xx and connection errors are retried later, and a missing permission (403)
or a channel that is gone or unreachable (404: deleted, or the bot removed from the server)
is permanent, logged clearly, and told to the team's admins by DM once.
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

from adapters.discord.endpoints import Endpoints, RoutedHTTPClient
from adapters.discord.interactions import RETRO_BUTTON
from adapters.discord.render import allowed_mentions, file_of, pieces
from bot import i18n
from bot.core import PeerBot
from bot.delivery import PostError
from bot.model import Language, Team
from bot.outbox import Kind, OutboxMessage
from bot.text import Message, Plain, UserText

log = logging.getLogger(__name__)

HISTORY = 50  # recent messages searched for an uncertain row's pieces

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


_NOTICE = {
    Language.EN: (
        "I cannot post in the channel of team {team} on Discord ({why}). Its reminders and "
        "digests wait in the outbox. Please give me the View Channel, Send Messages, Attach "
        "Files and Read Message History permissions there, or bind another channel with "
        "/team setup."
    ),
    Language.KO: (
        "Discord에서 {team} 팀 채널에 글을 올릴 수 없습니다 ({why}). 알림과 주간 정리는 "
        "outbox에서 기다리고 있습니다. 그 채널에서 채널 보기, 메시지 보내기, 파일 첨부, "
        "메시지 기록 보기 권한을 주시거나 다른 채널에서 /team setup 을 해 주세요."
    ),
}
_WHY = {
    403: {Language.EN: "missing permission", Language.KO: "권한 없음"},
    404: {
        Language.EN: "the channel is gone, or I was removed from the server",
        Language.KO: "채널이 없거나 서버에서 제거됨",
    },
}


class DiscordPoster:
    """The outbox's `Poster` for teams on Discord.

    It has its own discord.py HTTP client (same token, same endpoints) apart from the gateway
    client's: it posts while the gateway reconnects, and the rate-limit tracing it needs costs
    the interactions nothing.
    """

    def __init__(
        self, endpoints: Endpoints, token: SecretStr, bot: PeerBot, *, budget: float = 10.0
    ) -> None:
        self._http = RoutedHTTPClient(
            endpoints, http_trace=rate_limit_trace(), max_ratelimit_timeout=30.0
        )
        self._token = token
        self._bot = bot
        self._budget = budget
        self._me: str | None = None  # the bot's user id, known once logged in
        self._told: set[tuple[int, int]] = set()  # (team id, status) admins were told about

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
        texts = pieces(row.message)
        channel_id = _snowflake(team.channel_id)
        if channel_id is None:
            raise PostError(f"not a Discord channel id: {team.channel_id[:30]!r}", permanent=True)
        skip = await self._already_posted(channel_id, row, texts) if uncertain else set()
        last = len(texts) - 1
        for index, text in enumerate(texts):
            if index in skip:
                continue
            view = _retro_button(team) if index == last and row.kind is Kind.RETRO else None
            attachment = row.attachment if index == last else None
            await self._send(team, row, channel_id, text, index, view, attachment)
        self._told = {told for told in self._told if told[0] != team.id}

    async def _send(
        self,
        team: Team,
        row: OutboxMessage,
        channel_id: int,
        text: str,
        index: int,
        view: discord.ui.View | None,
        attachment: Any,
    ) -> None:
        params: dict[str, Any] = {
            "content": text,
            "nonce": f"{row.id}-{index}",  # with enforce_nonce: Discord de-duplicates a re-post
            "allowed_mentions": allowed_mentions(row.message),
        }
        if view is not None:
            params["view"] = view
        if attachment is not None:
            params["file"] = file_of(attachment)
        seen: list[float] = []
        _retry_after.set(seen)
        try:
            with handle_message_parameters(**params) as message:
                async with asyncio.timeout(self._budget):
                    await self._http.send_message(channel_id, params=message)
        except TimeoutError:
            raise PostError(
                f"Discord did not take the post within {self._budget:g} s"
                + (" (rate limited)" if seen else ""),
                retry_after=max(seen) if seen else None,
            ) from None
        except discord.RateLimited as error:
            raise PostError("rate limited by Discord", retry_after=error.retry_after) from None
        except (discord.Forbidden, discord.NotFound) as error:
            await self._unreachable(team, row, error)
            raise PostError(_reason(error), permanent=True) from None
        except discord.DiscordServerError as error:
            raise PostError(f"Discord server error {error.status}") from None
        except discord.HTTPException as error:
            if error.status == 429:  # a 429 discord.py does not retry (no Via header)
                raise PostError(
                    "rate limited by Discord", retry_after=max(seen, default=None)
                ) from None
            raise PostError(_reason(error), permanent=400 <= error.status < 500) from None
        except (aiohttp.ClientError, OSError) as error:
            raise PostError(f"cannot reach Discord: {type(error).__name__}") from None

    async def _already_posted(
        self, channel_id: int, row: OutboxMessage, texts: list[str]
    ) -> set[int]:
        """Pieces of `row` the bot already posted in the channel (an earlier, uncertain try)."""
        try:
            async with asyncio.timeout(self._budget):
                recent = await self._http.logs_from(channel_id, HISTORY)
        except (TimeoutError, discord.HTTPException, aiohttp.ClientError, OSError) as error:
            log.info("outbox row %s: cannot read the channel's history (%s)", row.id, error)
            return set()
        since = row.created_at
        mine = {
            str(m.get("content", ""))
            for m in recent
            if str(m.get("author", {}).get("id")) == self._me and _after(m.get("timestamp"), since)
        }
        return {i for i, text in enumerate(texts) if text in mine}

    async def _unreachable(
        self, team: Team, row: OutboxMessage, error: discord.HTTPException
    ) -> None:
        """Log it clearly, and tell the team's admins by DM (once, until a post goes through)."""
        log.error(
            "cannot post outbox row %s to Discord channel %s of team %s (%s): %s; "
            "the team's admins are told",
            row.id,
            team.channel_id,
            team.name,
            team.id,
            _reason(error),
        )
        if team.id is None or (team.id, error.status) in self._told:
            return
        self._told.add((team.id, error.status))
        notice = _notice(team, error.status)
        for admin in await self._bot.admins(team.id):
            user_id = _snowflake(admin.user_id)
            if user_id is None:
                continue
            try:
                async with asyncio.timeout(self._budget):
                    dm = await self._http.start_private_message(user_id)
                    with handle_message_parameters(
                        content=pieces(notice)[0], allowed_mentions=allowed_mentions(notice)
                    ) as message:
                        await self._http.send_message(int(dm["id"]), params=message)
            except (TimeoutError, discord.HTTPException, aiohttp.ClientError, OSError) as err:
                log.warning("could not tell admin %s of team %s by DM: %s", user_id, team.id, err)


def _retro_button(team: Team) -> discord.ui.View:
    """The nudge's button: opens the retrospective form for whoever presses it."""
    view = discord.ui.View(timeout=None)
    view.add_item(
        discord.ui.Button(
            label=i18n.text_of(team.language, "form.retro.button")[:80],
            custom_id=RETRO_BUTTON,
            style=discord.ButtonStyle.primary,
        )
    )
    return view


def _notice(team: Team, status: int) -> Message:
    lang = team.language if team.language in _NOTICE else Language.EN
    before, _, after = _NOTICE[lang].partition("{team}")
    why = _WHY.get(status, _WHY[403])[lang]
    return Message.of((Plain(before), UserText(team.name), Plain(after.format(why=why))))


def _reason(error: discord.HTTPException) -> str:
    return f"Discord answered {error.status} (code {error.code}): {error.text[:120]}"


def _snowflake(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def _after(timestamp: Any, since: datetime) -> bool:
    try:
        return datetime.fromisoformat(str(timestamp)) >= since
    except (TypeError, ValueError):
        return False
