"""Where one discord.py client sends its requests: Discord, or `DISCORD_API_URL` /
`DISCORD_GATEWAY_URL` (a proxy, or the tests' fake Discord).

discord.py keeps its addresses in class attributes: every REST route starts at `Route.BASE`,
the first gateway connection goes to `DiscordWebSocket.DEFAULT_GATEWAY`, and interaction
responses and follow-ups go through a webhook adapter picked by the `async_context` ContextVar.
Setting those attributes would move every client in the process (a second bot, the benchmark's
bare client). Instead one client gets:

* an `HTTPClient` subclass that rewrites the URLs of its own routes and gateway connections, and
* a rewriting webhook adapter, selected in the task that runs the client: the tasks in which
  discord.py dispatches events are created from it and inherit the ContextVar's value.

The gateway is `DISCORD_GATEWAY_URL`, or else what `GET /gateway/bot` of `DISCORD_API_URL`
answers; every connection goes there, resumes included, keeping the query discord.py asks for
(`v=10&encoding=json&compress=zlib-stream`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import aiohttp
import yarl
from discord.file import File
from discord.http import HTTPClient, Route
from discord.webhook.async_ import AsyncWebhookAdapter, async_context


class Endpoints:
    """The API base and gateway one client uses; None means Discord's own."""

    def __init__(self, api: str | None = None, gateway: str | None = None) -> None:
        self.api = api.rstrip("/") if api else None
        self.gateway = gateway

    def rest_url(self, url: str) -> str:
        """A route's URL moved from Discord's API base to ours."""
        base = Route.BASE
        if self.api is not None and url.startswith(base):
            return self.api + url[len(base) :]
        return url

    def gateway_url(self, url: str) -> str:
        """A gateway URL moved to ours, keeping the query discord.py chose."""
        if self.gateway is None:
            return url
        return str(yarl.URL(self.gateway).with_query(yarl.URL(url).query))


class RoutedHTTPClient(HTTPClient):
    """discord.py's HTTP client with its REST and gateway URLs moved to `endpoints`."""

    def __init__(
        self,
        endpoints: Endpoints,
        *,
        http_trace: aiohttp.TraceConfig | None = None,
        max_ratelimit_timeout: float | None = None,
    ) -> None:
        super().__init__(
            None,  # type: ignore[arg-type]  # discord.py sets the loop at login
            http_trace=http_trace,
            max_ratelimit_timeout=max_ratelimit_timeout,
        )
        self.endpoints = endpoints

    async def request(
        self,
        route: Route,
        *,
        files: Sequence[File] | None = None,
        form: Iterable[dict[str, Any]] | None = None,
        **kwargs: Any,
    ) -> Any:
        route.url = self.endpoints.rest_url(route.url)
        return await super().request(route, files=files, form=form, **kwargs)

    async def ws_connect(self, url: str, *, compress: int = 0) -> aiohttp.ClientWebSocketResponse:
        return await super().ws_connect(self.endpoints.gateway_url(url), compress=compress)


class RoutedWebhookAdapter(AsyncWebhookAdapter):
    """Interaction callbacks and follow-ups, sent to `endpoints` instead of Discord."""

    def __init__(self, endpoints: Endpoints) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.endpoints = endpoints

    async def request(  # the same keywords as discord.py's, passed through
        self, route: Route, session: aiohttp.ClientSession, **kwargs: Any
    ) -> Any:
        route.url = self.endpoints.rest_url(route.url)
        return await super().request(route, session, **kwargs)


def route_webhooks_here(endpoints: Endpoints) -> None:
    """Send this task's (and its child tasks') interaction responses to `endpoints`."""
    if endpoints.api is not None:
        async_context.set(RoutedWebhookAdapter(endpoints))
