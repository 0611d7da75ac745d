"""The Slack adapter: a slack-bolt `AsyncApp` serving the command table, in Socket Mode or HTTP.

Socket Mode (`SLACK_BOT_TOKEN` + `SLACK_APP_TOKEN`): slack-bolt's aiohttp Socket Mode handler
asks `apps.connections.open` for a websocket URL and receives commands and interactions over it;
no public URL is needed. HTTP mode (`SLACK_BOT_TOKEN` + `SLACK_SIGNING_SECRET` + `SLACK_PORT`):
an aiohttp server on `SLACK_HOST:SLACK_PORT` takes Slack's requests at `/slack/events`; bolt
checks each request's signature (401 when missing, wrong, or older than 5 minutes), and a
`ReplayGuard` refuses a signed request sent a second time (401 too).

Either way `start()` checks the bot token with auth.test, starts the connection or the server
as tasks on the running event loop (shared with the scheduler and other adapters), and returns.
`SLACK_API_URL` points the Web API (and apps.connections.open) elsewhere: a proxy, or the tests'
fake Slack.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.middleware.authorization.async_single_team_authorization import (
    AsyncSingleTeamAuthorization,
)
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest

from adapters.base import AdapterError
from adapters.slack.api import REFUSED_TOKEN, DisplayNames, error_code, web_client
from adapters.slack.listeners import Listeners
from adapters.slack.pace import Pace
from adapters.slack.poster import SlackPoster
from adapters.slack.replay import SIGNATURE, ReplayGuard
from adapters.slack.replies import Replies
from adapters.slack.settings import SlackSettings
from adapters.slack.threads import ThreadReplies
from bot.core import PeerBot

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
START_TIMEOUT = 30.0  # seconds to get the Socket Mode connection up
DRAIN_TIMEOUT = 5.0  # seconds commands in progress get to finish their answers at close


class SlackAdapter:
    """peerbot on Slack: `await start()`, `poster` for the outbox, `await close()`."""

    platform = "slack"

    def __init__(
        self,
        settings: SlackSettings,
        bot: PeerBot,
        *,
        api_timeout: float = 10.0,
        work_limit: int = 16,
        patience: float = 1.0,
        submit_wait: float = 2.0,
        name_ttl: float = 3600.0,
    ) -> None:
        if settings.slack_bot_token is None:
            raise AdapterError("SLACK_BOT_TOKEN is not set.")
        self.mode = settings.slack_mode
        if self.mode is None:
            raise AdapterError(
                "Slack needs SLACK_APP_TOKEN (Socket Mode), or SLACK_SIGNING_SECRET and "
                "SLACK_PORT (HTTP mode), next to SLACK_BOT_TOKEN."
            )
        self._settings = settings
        self._timeout = api_timeout
        token = settings.slack_bot_token.get_secret_value()
        base_url = settings.slack_api_url
        self.client = web_client(token, base_url, interactive=True, timeout=api_timeout)
        self._poster_client = web_client(token, base_url, interactive=False, timeout=api_timeout)
        self.poster = SlackPoster(self._poster_client, bot)
        self.names = DisplayNames(self.client, ttl=name_ttl)
        self.replies = Replies(self.client, None, cards=bot)
        self.listeners = Listeners(
            bot,
            self.client,
            self.replies,
            self.names,
            prefix=settings.slack_command_prefix,
            default_language=settings.default_language,
            pace=Pace(work_limit, patience),
            submit_wait=submit_wait,
        )
        signing = settings.slack_signing_secret
        self.app = AsyncApp(
            client=self.client,
            # Socket Mode has no signatures to check; HTTP mode checks every request.
            signing_secret=signing.get_secret_value() if signing else None,
            request_verification_enabled=self.mode == "http",
            logger=logging.getLogger("slack_bolt.peerbot"),
        )
        self.listeners.register(self.app)
        self.threads = ThreadReplies(bot, self.client, self.names)
        self.app.event("message")(self.threads.on_message)  # replies in a card's thread
        self.bot_user_id = ""
        self._session: aiohttp.ClientSession | None = None
        self._socket: AsyncSocketModeHandler | None = None
        self._runner: web.AppRunner | None = None
        self.replays = ReplayGuard()

    async def start(self) -> None:
        """Check the token, then connect (Socket Mode) or listen (HTTP); AdapterError if not."""
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self._timeout))
        for client in (self.client, self._poster_client):
            client.session = self._session
        self.replies.use_session(self._session)
        try:
            await self._check_token()
            if self.mode == "socket":
                await self._connect_socket()
            else:
                await self._listen_http()
        except BaseException:
            await self.close()
            raise

    async def _check_token(self) -> None:
        try:
            auth = await self.client.auth_test()
        except SlackApiError as error:
            code = error_code(error)
            if code in REFUSED_TOKEN:
                raise AdapterError(
                    f"Slack refused SLACK_BOT_TOKEN ({code}): copy the Bot User OAuth Token "
                    "(xoxb-…) from your app's OAuth & Permissions page, reinstalling the app "
                    "if it was revoked."
                ) from None
            raise AdapterError(f"Slack's auth.test failed ({code}).") from None
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            raise AdapterError(
                f"Cannot reach Slack's Web API ({type(error).__name__}); check the network "
                "or SLACK_API_URL."
            ) from None
        # bolt's authorization would call auth.test again before acknowledging the first
        # request (a Slack round trip inside the 3 seconds): hand it this answer instead.
        for middleware in getattr(self.app, "_async_middleware_list", ()):
            if isinstance(middleware, AsyncSingleTeamAuthorization):
                middleware.auth_test_result = auth
        self.bot_user_id = str(auth.get("user_id") or "")
        self.poster.bot_user_id = self.bot_user_id
        self.listeners.bot_user_id = self.bot_user_id
        self.threads.bot_user_id = self.bot_user_id
        self.threads.workspace_url = str(auth.get("url") or "")
        log.info(
            "slack: signed in as %s in workspace %s (%s mode)",
            auth.get("user"),
            auth.get("team"),
            self.mode,
        )

    async def _connect_socket(self) -> None:
        app_token = self._settings.slack_app_token
        assert app_token is not None
        self._socket = PacedSocketModeHandler(
            self.listeners.pace,
            self.app,
            app_token.get_secret_value(),
            logger=logging.getLogger("slack_sdk.socket_mode.peerbot"),
            web_client=self.client,
        )
        client = self._socket.client
        try:
            # Asked once here so a wrong app token is an error, not an endless reconnect loop.
            client.wss_uri = await client.issue_new_wss_url()
        except SlackApiError as error:
            code = error_code(error)
            raise AdapterError(
                f"Slack refused SLACK_APP_TOKEN ({code}): create an app-level token (xapp-…) "
                "with the connections:write scope under Basic Information > App-Level Tokens, "
                "and turn Socket Mode on."
                if code in REFUSED_TOKEN
                else f"Slack's apps.connections.open failed ({code})."
            ) from None
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            raise AdapterError(
                f"Cannot reach Slack for Socket Mode ({type(error).__name__})."
            ) from None
        try:
            connect = self._socket.connect_async()  # type: ignore[no-untyped-call]
            await asyncio.wait_for(connect, START_TIMEOUT)
        except TimeoutError:
            raise AdapterError(
                f"Slack's Socket Mode connection did not open within {START_TIMEOUT:g} seconds."
            ) from None
        if not await client.is_connected():
            raise AdapterError("Slack's Socket Mode connection closed right after opening.")
        log.info("slack: Socket Mode connected")

    async def _listen_http(self) -> None:
        port = self._settings.slack_port
        assert port is not None
        host = self._settings.slack_host
        server = web.Application()
        server.router.add_post(EVENTS_PATH, self._on_http_request)
        self._runner = web.AppRunner(server, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        try:
            await web.TCPSite(self._runner, host, port).start()
        except OSError as error:
            raise AdapterError(
                f"Cannot listen on {host}:{port} for Slack's requests ({error.strerror or error})."
            ) from None
        log.info(
            "slack: HTTP mode, Slack's requests at http://%s:%s%s", host, self.port, EVENTS_PATH
        )

    async def _on_http_request(self, request: web.Request) -> web.Response:
        """One request from Slack, through bolt (signature check included), counted by pace."""
        signature = request.headers.get(SIGNATURE, "")
        if not self.replays.admit(signature):
            log.warning("slack: refused a replayed request (its signature was used before)")
            return web.Response(status=401, text="replayed request")
        pace = self.listeners.pace
        pace.arrived()
        try:
            response = await self.app.async_dispatch(await to_bolt_request(request))
            if response.status == 401:
                self.replays.forget(signature)
            return await to_aiohttp_response(response)
        finally:
            pace.answered()

    @property
    def port(self) -> int | None:
        """The HTTP port actually listened on (SLACK_PORT=0 picks a free one)."""
        if self._runner is None or not self._runner.addresses:
            return None
        return int(self._runner.addresses[0][1])

    async def close(self) -> None:
        """Disconnect and stop serving; safe when `start` failed or never ran."""
        if self._socket is not None:
            try:
                await self._socket.close_async()  # type: ignore[no-untyped-call]
            except Exception as error:  # closing a half-open connection may fail; go on
                log.debug("slack: closing Socket Mode: %s", type(error).__name__)
            self._socket = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if not await self.listeners.pace.drain(DRAIN_TIMEOUT):
            log.warning("slack: closing with commands still being answered")
        if self._session is not None:
            await self._session.close()
            self._session = None


class PacedSocketModeHandler(AsyncSocketModeHandler):
    """bolt's Socket Mode handler, counting each envelope until it is acknowledged."""

    def __init__(self, pace: Pace, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pace = pace

    async def handle(  # type: ignore[override]  # as bolt declares it
        self, client: SocketModeClient, req: SocketModeRequest
    ) -> None:
        self._pace.arrived()
        try:
            await super().handle(client, req)  # dispatch, then send the acknowledgement
        finally:
            self._pace.answered()
