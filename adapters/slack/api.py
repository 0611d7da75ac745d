"""Slack Web API plumbing: clients, what an error means, and display names.

Two clients share one connection pool. The interactive one (replies to commands, modals) lets
slack-sdk retry a 429 once when Slack asks for at most `SHORT_WAIT` seconds: a person is
waiting, and a short pause beats a lost reply. The poster's client retries nothing: the outbox
delivery loop owns retries and needs Slack's `Retry-After` as it was sent (slack-sdk's
`RateLimitErrorRetryHandler` would sleep it off inside the call and hide it), and a connection
error after Slack may have posted must not be replayed blindly.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://slack.com/api/"
SHORT_WAIT = 3  # seconds of Retry-After an interactive reply may wait out once

# Errors that mean the channel cannot be posted to until someone acts: permanent for a post.
UNREACHABLE = frozenset({"not_in_channel", "channel_not_found", "is_archived", "restricted_action"})
# Errors that mean the bot token itself is refused.
REFUSED_TOKEN = frozenset(
    {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"}
)
# Errors Slack answers with when trying again later may work.
TRANSIENT = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)


class ShortRateLimitRetry(AsyncRateLimitErrorRetryHandler):
    """Retry a 429 once, and only when Slack asks for a short wait (`SHORT_WAIT` seconds)."""

    def __init__(self, longest: float = SHORT_WAIT) -> None:
        super().__init__(max_retry_count=1)
        self._longest = longest

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is None or response.status_code != 429:
            return False
        return header_seconds(response.headers) <= self._longest


def header_seconds(headers: Any) -> float:
    """The Retry-After header's seconds (1 when absent or unreadable)."""
    for key in headers or {}:
        if str(key).lower() == "retry-after":
            value = headers[key]
            value = value[0] if isinstance(value, list | tuple) else value
            try:
                return max(0.0, float(value))
            except (TypeError, ValueError):
                return 1.0
    return 1.0


def web_client(
    token: str, base_url: str | None, *, interactive: bool, timeout: float
) -> AsyncWebClient:
    """A Web API client on `base_url` (Slack's own by default); the session is set at start."""
    url = (base_url or DEFAULT_API_URL).rstrip("/") + "/"
    handlers: list[AsyncRetryHandler] = (
        [AsyncConnectionErrorRetryHandler(), ShortRateLimitRetry()] if interactive else []
    )
    return AsyncWebClient(
        token=token,
        base_url=url,
        timeout=int(max(1, timeout)),
        retry_handlers=handlers,
        logger=logging.getLogger("slack_sdk.web.async_client"),
    )


def error_code(error: BaseException) -> str:
    """Slack's error code (`not_in_channel`), `http_<status>`, or the exception's name."""
    if isinstance(error, SlackApiError):
        response = error.response
        data = response.data if isinstance(response.data, dict) else {}
        if response.status_code == 429:
            return "ratelimited"
        if data.get("error"):
            return str(data["error"])
        return f"http_{response.status_code}"
    if isinstance(error, SlackRequestError):
        return "upload_failed"
    return type(error).__name__


def retry_after(error: SlackApiError) -> float | None:
    """Seconds Slack asked to wait (429), else None."""
    if error.response.status_code != 429:
        return None
    return header_seconds(dict(error.response.headers or {}))


def is_transient(error: BaseException) -> bool:
    """Whether trying the same call again later may work."""
    if isinstance(error, SlackApiError):
        status = error.response.status_code
        return status == 429 or status >= 500 or error_code(error) in TRANSIENT
    return isinstance(error, SlackRequestError | aiohttp.ClientError | TimeoutError | OSError)


class DisplayNames:
    """Members' display names from users.info, cached for `ttl` seconds.

    Concurrent lookups of one user share one request; a failed lookup falls back to the name
    the payload carried (and is not cached), so a slow or rate-limited users.info never holds
    up a command for long.
    """

    def __init__(self, client: AsyncWebClient, *, ttl: float = 3600.0, wait: float = 1.5) -> None:
        self._client = client
        self._ttl = ttl
        self._wait = wait
        self._cache: dict[str, tuple[str, float]] = {}
        self._pending: dict[str, asyncio.Task[str | None]] = {}

    async def get(self, user_id: str, fallback: str = "", *, wait: float | None = None) -> str:
        """The member's name; `fallback` if Slack does not say within `wait` seconds."""
        cached = self._cache.get(user_id)
        if cached is not None and cached[1] > time.monotonic():
            return cached[0]
        task = self._pending.get(user_id)
        if task is None:
            task = asyncio.ensure_future(self._lookup(user_id))
            self._pending[user_id] = task
            task.add_done_callback(lambda _: self._pending.pop(user_id, None))
        try:
            name = await asyncio.wait_for(asyncio.shield(task), wait or self._wait)
        except TimeoutError:
            name = None
        stale = cached[0] if cached is not None else ""  # better than the payload's handle
        return name or stale or fallback or user_id

    def forget(self, user_id: str) -> None:
        self._cache.pop(user_id, None)

    async def _lookup(self, user_id: str) -> str | None:
        try:
            response = await self._client.users_info(user=user_id)
        except (SlackApiError, aiohttp.ClientError, TimeoutError, OSError) as error:
            log.info("slack: users.info for %s failed (%s)", user_id, error_code(error))
            return None
        user = response.get("user") or {}
        profile = user.get("profile") or {}
        name = str(
            profile.get("display_name")
            or profile.get("real_name")
            or user.get("real_name")
            or user.get("name")
            or ""
        ).strip()
        if name:
            self._cache[user_id] = (name, time.monotonic() + self._ttl)
        return name or None
