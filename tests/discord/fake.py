"""A fake Discord on 127.0.0.1: the REST API and the gateway the real discord.py client talks to.

REST (under `/api/v10`): login (`GET /users/@me`, `GET /oauth2/applications/@me`), `GET
/gateway/bot`, command sync (`PUT /applications/{app}[/guilds/{guild}]/commands`), interaction
callbacks, webhook follow-ups and edits of the original response, channel messages (JSON or
multipart with files; `nonce` + `enforce_nonce` de-duplicated like Discord does), edits of
channel messages (`PATCH`, and an UPDATE_MESSAGE callback on a component's message; `messages`
keeps each by id as it reads now), and DM channels.
Every call is recorded as a `Call`; `fail(...)` makes chosen calls, or a chosen share of them,
answer 429 (with `retry_after` and `Retry-After`), 500, 403, 404 or hang (a timeout;
`timeout-posted`: do the work, then hang, as when Discord posted but its answer never arrived).
`chaos`, if set, is asked about every call the `fail` faults let through and may answer it with a
`Fault` of its choosing; `clock` stamps each `Call.at`; `nonce_window` (seconds of `clock`, None:
forever) is how long a nonce de-duplicates, "a few minutes" on Discord.

The gateway (`/gateway`, JSON; with the `compress=zlib-stream` discord.py asks for, one zlib
stream flushed per frame as Discord does; plain text frames for anything else, such as
`zstd-stream`, which discord.py also reads) says HELLO, takes IDENTIFY (or RESUME, replaying
what the client missed), sends READY and GUILD_CREATE, acknowledges heartbeats,
and dispatches whatever a test sends: `interact(...)` delivers an INTERACTION_CREATE and waits for
the callback it causes. `drop()` cuts the connection, as Discord does now and then.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import random
import re
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

TOKEN = "fake-discord-token.Xy9.secret-value-0123456789"
APP_ID = 900000000000000001
BOT_ID = 900000000000000001
GUILD_MESSAGES = 1 << 9  # gateway intents
MESSAGE_CONTENT = 1 << 15  # privileged
GUILD_ID = 910000000000000001
CHANNEL_ID = 920000000000000001
OTHER_CHANNEL_ID = 920000000000000002
_snowflakes = itertools.count(930000000000000001)


def snowflake() -> str:
    return str(next(_snowflakes))


@dataclass
class Call:
    """One REST request as the fake saw it."""

    method: str
    path: str  # without the /api/v10 prefix
    query: dict[str, str]
    json: Any  # the JSON body, or the multipart `payload_json`
    files: list[tuple[str, bytes]]  # (filename, content) of multipart files
    headers: dict[str, str]
    status: int = 200
    at: float = field(default_factory=time.perf_counter)

    @property
    def authorized(self) -> bool:
        return self.headers.get("Authorization") == f"Bot {TOKEN}"


@dataclass
class Fault:
    """Answer matching calls with a failure, `times` times (None: always) or for a `share`."""

    method: str
    path: re.Pattern[str]
    kind: str  # "429", "500", "403", "404", "timeout", "timeout-posted"
    times: int | None = 1
    share: float = 1.0
    retry_after: float = 0.2
    hang: float = 30.0
    skip: int = 0  # let this many matching calls through first
    hits: int = 0
    seen: int = 0

    def matches(self, method: str, path: str, rng: random.Random) -> bool:
        if self.method not in ("*", method) or not self.path.search(path):
            return False
        self.seen += 1
        if self.seen <= self.skip:
            return False
        if self.times is not None and self.hits >= self.times:
            return False
        return rng.random() < self.share


@dataclass
class Session:
    """A gateway session: what was sent, so a RESUME can replay what the client missed."""

    id: str
    seq: int = 0
    sent: list[dict[str, Any]] = field(default_factory=list)


def user_payload(user_id: int | str, name: str, global_name: str | None = None) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": global_name,
        "avatar": None,
        "bot": False,
    }


def member_payload(
    user_id: int | str, name: str, *, nick: str | None = None, global_name: str | None = None
) -> dict[str, Any]:
    return {
        "user": user_payload(user_id, name, global_name),
        "nick": nick,
        "roles": [],
        "joined_at": "2021-08-01T00:00:00+00:00",
        "deaf": False,
        "mute": False,
        "flags": 0,
        "permissions": "2147483647",
    }


def channel_payload(channel_id: int | str, name: str, guild_id: int | str) -> dict[str, Any]:
    return {
        "id": str(channel_id),
        "type": 0,
        "name": name,
        "guild_id": str(guild_id),
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
    }


def guild_payload(guild_id: int | str, channels: Iterable[tuple[int, str]]) -> dict[str, Any]:
    return {
        "id": str(guild_id),
        "name": f"study server {guild_id}",
        "unavailable": False,
        "member_count": 8,
        "roles": [
            {
                "id": str(guild_id),
                "name": "@everyone",
                "permissions": "0",
                "position": 0,
                "color": 0,
                "hoist": False,
                "managed": False,
                "mentionable": False,
                "flags": 0,
            }
        ],
        "channels": [channel_payload(cid, name, guild_id) for cid, name in channels],
        "members": [],
        "threads": [],
        "emojis": [],
        "stickers": [],
        "features": [],
        "icon": None,
        "owner_id": "1",
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "premium_tier": 0,
        "nsfw_level": 0,
        "preferred_locale": "ko",
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


def message_payload(
    channel_id: str, body: dict[str, Any] | None, *, author_id: int = BOT_ID
) -> dict[str, Any]:
    body = body or {}
    return {
        "id": snowflake(),
        "channel_id": str(channel_id),
        "author": {**user_payload(author_id, "peerbot"), "bot": True},
        "content": body.get("content", ""),
        "timestamp": "2021-08-09T04:00:00+00:00",
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": body.get("embeds", []),
        "components": body.get("components", []),
        "pinned": False,
        "type": 0,
        "flags": body.get("flags", 0),
        "nonce": body.get("nonce"),
    }


class FakeDiscord:
    """The fake. `await start()`, point a client at `api_url` / `gateway_url`, `await close()`."""

    def __init__(
        self,
        *,
        seed: int = 6,
        heartbeat_ms: int = 41250,
        history: bool = True,
        compress: bool = True,
    ) -> None:
        """`history=False` (benchmarks) keeps no calls and only the last 1,000 frames;
        `compress=False` answers in plain JSON text even when zlib-stream is asked for."""
        self.history = history
        self.calls: list[Call] = []
        self.faults: list[Fault] = []
        self.refused: list[Call] = []  # calls answered 400/413 for breaking Discord's limits
        self.identifies: list[dict[str, Any]] = []
        self.resumes: list[dict[str, Any]] = []
        self.guilds: dict[str, dict[str, Any]] = {
            str(GUILD_ID): guild_payload(
                GUILD_ID, [(CHANNEL_ID, "study"), (OTHER_CHANNEL_ID, "general")]
            )
        }
        self.channel_messages: dict[str, list[dict[str, Any]]] = {}  # delivered, de-duplicated
        # Every message by id as it reads now: channel posts and interaction responses, with
        # edits applied (`PATCH /channels/{c}/messages/{m}`, an UPDATE_MESSAGE callback).
        self.messages: dict[str, dict[str, Any]] = {}
        # Threads started on a message (`POST /channels/{c}/messages/{m}/threads`), by id (the
        # message's); their messages are channel messages of the thread's id.
        self.threads: dict[str, dict[str, Any]] = {}
        self.threads_allowed = True  # False: the bot lacks Create Public Threads (403)
        self._tasks: set[asyncio.Task[None]] = set()
        self._interactions: dict[str, dict[str, Any]] = {}  # interaction id -> its payload
        self.heartbeat_ms = heartbeat_ms
        self.callbacks_at: dict[str, float] = {}  # interaction id -> when its callback arrived
        self.dispatched_at: dict[str, float] = {}  # interaction id -> when it was sent
        self._rng = random.Random(seed)
        self.chaos: Callable[[Call], Fault | None] | None = None
        self.clock: Callable[[], float] = time.perf_counter
        self.nonce_window: float | None = None
        self._nonces: dict[tuple[str, str], tuple[dict[str, Any], float]] = {}
        self._sessions: dict[str, Session] = {}
        self._ws: web.WebSocketResponse | None = None
        self._session: Session | None = None
        self._connected = asyncio.Event()
        self._changed = asyncio.Condition()
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._port = 0
        self._interaction_ids = itertools.count(940000000000000001)
        self._callbacks: dict[str, asyncio.Future[Call]] = {}
        self.compress = compress
        self.gateway_queries: list[dict[str, str]] = []  # what each connection asked for
        self._compressors: dict[web.WebSocketResponse, Any] = {}
        self.notify = True  # wake `wait_for` callers on every call (off in benchmarks)

    # --- life cycle ----------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(client_max_size=32 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        self._port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def close(self) -> None:
        self._closing.set()
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self._port}/gateway"

    # --- what tests use --------------------------------------------------------------------

    def fail(
        self,
        method: str,
        path: str,
        kind: str,
        *,
        times: int | None = 1,
        share: float = 1.0,
        retry_after: float = 0.2,
        hang: float = 30.0,
        skip: int = 0,
    ) -> Fault:
        """Make calls matching `method` ("*" for any) and the `path` regex fail as `kind`.

        `times` failures (None: every time), each with probability `share`, after letting
        `skip` matching calls through; a 429 says `retry_after`, a timeout hangs `hang` s.
        """
        fault = Fault(method, re.compile(path), kind, times, share, retry_after, hang, skip)
        self.faults.append(fault)
        return fault

    def calls_to(self, method: str, path: str) -> list[Call]:
        pattern = re.compile(path)
        return [c for c in self.calls if c.method == method and pattern.search(c.path)]

    async def wait_for(
        self, predicate: Callable[[Call], bool], *, timeout: float = 5.0, after: int = 0
    ) -> Call:
        """The first recorded call (from index `after` on) that matches; waits for it."""

        def found() -> Call | None:
            return next((c for c in self.calls[after:] if predicate(c)), None)

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: found() is not None), timeout)
        call = found()
        assert call is not None
        return call

    async def wait_connected(self, timeout: float = 5.0) -> None:
        await asyncio.wait_for(self._connected.wait(), timeout)

    async def add_guild(self, guild_id: int, channels: Iterable[tuple[int, str]]) -> None:
        """The bot is added to a server: GUILD_CREATE, as on a join (no `unavailable` key)."""
        data = guild_payload(guild_id, channels)
        del data["unavailable"]
        self.guilds[str(guild_id)] = data
        await self.dispatch("GUILD_CREATE", data)

    async def remove_guild(self, guild_id: int) -> None:
        """The bot is removed from a server: GUILD_DELETE (not an outage: no `unavailable`)."""
        self.guilds.pop(str(guild_id), None)
        await self.dispatch("GUILD_DELETE", {"id": str(guild_id)})

    async def update_channel(self, channel_id: int, name: str, guild_id: int) -> None:
        """A channel's settings (its permission overwrites) changed: CHANNEL_UPDATE."""
        await self.dispatch("CHANNEL_UPDATE", channel_payload(channel_id, name, guild_id))

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a DISPATCH on the live session (kept for a RESUME if the client is away)."""
        session = self._session
        assert session is not None, "no gateway session yet"
        session.seq += 1
        frame = {"op": 0, "t": event, "s": session.seq, "d": data}
        session.sent.append(frame)
        if not self.history and len(session.sent) > 2000:
            del session.sent[:1000]
        ws = self._ws
        if ws is not None and not ws.closed:
            with contextlib.suppress(ConnectionError):  # replayed on RESUME
                await self._send(ws, frame)

    async def drop(self, code: int = 4000) -> None:
        """Cut the gateway connection; the client should RESUME."""
        self._connected.clear()
        ws, self._ws = self._ws, None
        if ws is not None:
            await ws.close(code=code, message=b"fake drop")

    # --- interactions --------------------------------------------------------------------

    def interaction(
        self,
        itype: int,
        data: dict[str, Any],
        *,
        user_id: int | str = 111,
        name: str = "kim",
        nick: str | None = None,
        global_name: str | None = None,
        channel_id: int | str = CHANNEL_ID,
        guild_id: int | str | None = GUILD_ID,
        message: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """An INTERACTION_CREATE payload (type 2 command, 3 component, 4 autocomplete, 5 modal)."""
        payload: dict[str, Any] = {
            "id": str(next(self._interaction_ids)),
            "application_id": str(APP_ID),
            "type": itype,
            "data": data,
            "token": f"itoken-{snowflake()}",
            "version": 1,
            "locale": "ko",
            "app_permissions": "2147483647",
            "attachment_size_limit": 10 * 1024 * 1024,
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(guild_id or 0)},
            "context": 0 if guild_id else 1,
        }
        if guild_id is not None:
            payload["guild_id"] = str(guild_id)
            payload["guild_locale"] = "ko"
            payload["channel"] = channel_payload(channel_id, "study", guild_id)
            payload["member"] = member_payload(user_id, name, nick=nick, global_name=global_name)
        else:
            payload["channel"] = {
                "id": str(channel_id),
                "type": 1,
                "recipients": [user_payload(user_id, name, global_name)],
            }
            payload["user"] = user_payload(user_id, name, global_name)
        payload["channel_id"] = str(channel_id)
        if message is not None:
            payload["message"] = message
        return payload

    async def send_interaction(self, payload: dict[str, Any]) -> asyncio.Future[Call]:
        """Deliver an interaction; the future is its callback (`POST /interactions/…/callback`)."""
        interaction_id = str(payload["id"])
        self._interactions[interaction_id] = payload
        callback: asyncio.Future[Call] = asyncio.get_running_loop().create_future()
        self._callbacks[interaction_id] = callback
        self.dispatched_at[interaction_id] = time.perf_counter()
        await self.dispatch("INTERACTION_CREATE", payload)
        return callback

    async def interact(self, payload: dict[str, Any], *, timeout: float = 5.0) -> Call:
        """Deliver an interaction and wait for its callback."""
        return await asyncio.wait_for(await self.send_interaction(payload), timeout)

    def followups(self, payload: dict[str, Any]) -> list[Call]:
        """Follow-ups and edits of one interaction, in order."""
        token = payload["token"]
        return [c for c in self.calls if c.path.startswith(f"/webhooks/{APP_ID}/{token}")]

    async def wait_followup(self, payload: dict[str, Any], count: int = 1) -> list[Call]:
        token = payload["token"]
        prefix = f"/webhooks/{APP_ID}/{token}"
        async with self._changed:
            await asyncio.wait_for(
                self._changed.wait_for(lambda: len(self.followups(payload)) >= count), 5.0
            )
        return [c for c in self.calls if c.path.startswith(prefix)]

    # --- REST ----------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["path"]
        body, files = await _read_body(request)
        call = Call(
            request.method,
            path,
            dict(request.query),
            body,
            files,
            {k: v for k, v in request.headers.items()},
            at=self.clock(),
        )
        if self.history:
            self.calls.append(call)
        try:
            response = await self._answer(call)
        except asyncio.CancelledError:
            call.status = 499
            raise
        call.status = response.status
        if self.notify:
            async with self._changed:
                self._changed.notify_all()
        return response

    async def _answer(self, call: Call) -> web.Response:
        if not call.authorized and not call.path.startswith(("/interactions/", "/webhooks/")):
            return _error(401, 0, "401: Unauthorized")
        for fault in self.faults:
            if fault.matches(call.method, call.path, self._rng):
                fault.hits += 1
                return await self._fault(fault, call)
        chosen = self.chaos(call) if self.chaos is not None else None
        if chosen is not None:
            return await self._fault(chosen, call)
        refused = _over_limits(call)
        if refused is not None:
            self.refused.append(call)
            return refused
        return self._route(call)

    async def _fault(self, fault: Fault, call: Call) -> web.Response:
        if fault.kind == "429":
            return _json(
                {
                    "message": "You are being rate limited.",
                    "retry_after": fault.retry_after,
                    "global": False,
                },
                status=429,
                headers={
                    "Retry-After": str(fault.retry_after),
                    "Via": "1.1 google",
                    "X-RateLimit-Scope": "user",
                },
            )
        if fault.kind == "500":
            return _error(500, 0, "500: Internal Server Error")
        if fault.kind == "403":
            return _error(403, 50013, "Missing Permissions")
        if fault.kind == "404":
            return _error(404, 10003, "Unknown Channel")
        if fault.kind in ("timeout", "timeout-posted"):
            if fault.kind == "timeout-posted":
                self._route(call)  # done, but the client will not hear of it
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), fault.hang)
            return _error(504, 0, "504: Gateway Timeout")
        raise ValueError(f"unknown fault kind {fault.kind!r}")

    def _route(self, call: Call) -> web.Response:
        method, path = call.method, call.path
        if (method, path) == ("GET", "/users/@me"):
            return _json({**user_payload(BOT_ID, "peerbot"), "bot": True})
        if (method, path) == ("GET", "/oauth2/applications/@me"):
            return _json(_application())
        if (method, path) == ("GET", "/gateway/bot"):
            return _json(
                {
                    "url": self.gateway_url,
                    "shards": 1,
                    "session_start_limit": {
                        "total": 1000,
                        "remaining": 999,
                        "reset_after": 0,
                        "max_concurrency": 1,
                    },
                }
            )
        if method == "PUT" and re.fullmatch(r"/applications/\d+(/guilds/\d+)?/commands", path):
            return _json(
                [
                    {**c, "id": snowflake(), "application_id": str(APP_ID), "version": "1"}
                    for c in call.json
                ]
            )
        if method == "POST" and re.fullmatch(r"/interactions/\d+/[^/]+/callback", path):
            interaction_id = path.split("/")[2]
            self.callbacks_at.setdefault(interaction_id, call.at)
            waiter = self._callbacks.pop(interaction_id, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(call)
            return _json(self._callback(interaction_id, call.json))
        webhook = re.fullmatch(r"/webhooks/\d+/([^/]+)(/messages/(@original|\d+))?", path)
        if webhook:
            if method == "DELETE":
                return web.Response(status=204)
            return _json(message_payload("0", call.json))
        one = re.fullmatch(r"/channels/(\d+)", path)
        if one and method == "GET":
            found_thread = self.threads.get(one.group(1))
            if found_thread is not None:
                return _json(found_thread)
            return _error(404, 10003, "Unknown Channel")
        started = re.fullmatch(r"/channels/(\d+)/messages/(\d+)/threads", path)
        if started and method == "POST":
            return self._start_thread(started.group(1), started.group(2), call.json)
        edit = re.fullmatch(r"/channels/(\d+)/messages/(\d+)", path)
        if edit and method == "PATCH":
            found = self.messages.get(edit.group(2))
            if found is None or found["channel_id"] != edit.group(1):
                return _error(404, 10008, "Unknown Message")
            return _json(_edited(found, call.json))
        channel = re.fullmatch(r"/channels/(\d+)/messages", path)
        if channel and method == "POST":
            return _json(self._channel_message(channel.group(1), call.json))
        if channel and method == "GET":  # the channel's history, newest first
            limit = int(call.query.get("limit", "50"))
            posted = self.channel_messages.get(channel.group(1), [])
            return _json([m["message"] for m in reversed(posted)][:limit])
        if (method, path) == ("POST", "/users/@me/channels"):
            recipient = call.json["recipient_id"]
            return _json(
                {
                    "id": f"8{recipient}",
                    "type": 1,
                    "last_message_id": None,
                    "recipients": [user_payload(recipient, f"user{recipient}")],
                }
            )
        return _error(404, 0, f"404: Not Found ({method} {path})")

    def _start_thread(self, channel_id: str, message_id: str, body: dict[str, Any]) -> web.Response:
        """A public thread on the message, with the message's id (one per message)."""
        if not self.threads_allowed:
            return _error(403, 50013, "Missing Permissions")
        found = self.messages.get(message_id)
        if found is None or found.get("channel_id") != channel_id:
            return _error(404, 10008, "Unknown Message")
        if message_id in self.threads:
            return _error(400, 160004, "A thread has already been created for this message")
        name = str(body.get("name") or "")
        if not 1 <= len(name) <= 100:
            return _error(400, 50035, "Invalid Form Body")
        thread = {
            **channel_payload(message_id, name, GUILD_ID),
            "type": 11,
            "parent_id": channel_id,
            "owner_id": str(BOT_ID),
            "message_count": 0,
            "member_count": 1,
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": body.get("auto_archive_duration", 4320),
                "archive_timestamp": datetime.now(UTC).isoformat(),
                "locked": False,
            },
        }
        self.threads[message_id] = thread
        if self._session is not None:  # Discord tells the bot (the guilds intent) at once
            task = asyncio.get_running_loop().create_task(self.dispatch("THREAD_CREATE", thread))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return _json(thread)

    def _intents(self) -> int:
        """The intents of the live session's IDENTIFY."""
        return int((self.identifies[-1] if self.identifies else {}).get("intents", 0))

    async def member_message(
        self,
        event: str,
        channel_id: str,
        content: str,
        *,
        author: tuple[int, str] = (222, "lee"),
        message_id: str | None = None,
        bot: bool = False,
    ) -> dict[str, Any] | None:
        """A member (or a bot) writes, edits (MESSAGE_UPDATE) or deletes (MESSAGE_DELETE) a
        message in a channel or thread, as the gateway tells the bot: only with the
        GUILD_MESSAGES intent, and its content only with MESSAGE_CONTENT (Discord sends
        it empty otherwise). The event's payload, None when the bot was not told."""
        if not self._intents() & GUILD_MESSAGES:
            return None
        data: dict[str, Any] = {
            **message_payload(channel_id, {"content": content}, author_id=author[0]),
            "guild_id": str(GUILD_ID),
            "author": {**user_payload(author[0], author[1]), "bot": bot},
        }
        data["id"] = message_id or data["id"]
        if not self._intents() & MESSAGE_CONTENT:
            data["content"] = ""
        if event == "MESSAGE_DELETE":
            data = {"id": data["id"], "channel_id": channel_id, "guild_id": str(GUILD_ID)}
        elif event == "MESSAGE_UPDATE":
            data["edited_timestamp"] = datetime.now(UTC).isoformat()
        await self.dispatch(event, data)
        return data

    def in_thread(self, thread_id: str) -> list[dict[str, Any]]:
        """The messages posted in a thread (as sent), oldest first."""
        return self.channel_messages.get(thread_id, [])

    def _channel_message(self, channel_id: str, body: dict[str, Any]) -> dict[str, Any]:
        nonce = body.get("nonce")
        seen = self._nonces.get((channel_id, nonce)) if nonce else None
        fresh = seen is not None and (
            self.nonce_window is None or self.clock() - seen[1] <= self.nonce_window
        )
        if seen is not None and fresh and body.get("enforce_nonce"):
            return seen[0]  # Discord: the same message, not a new one
        message = message_payload(channel_id, body)
        message["timestamp"] = datetime.now(UTC).isoformat()
        self.messages[message["id"]] = message
        self.channel_messages.setdefault(channel_id, []).append({**body, "message": message})
        if nonce:
            self._nonces[(channel_id, nonce)] = (message, self.clock())
        return message

    def _callback(self, interaction_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """The callback's answer; a message it posts (4) is kept, one it updates (7) edited."""
        answer = _callback_answer(interaction_id, body)
        payload = self._interactions.get(interaction_id, {})
        resource = answer.get("resource")
        if resource is not None and body.get("type") == 4:
            message = resource["message"]
            message["channel_id"] = str(payload.get("channel_id", "0"))
            self.messages[message["id"]] = message
        if body.get("type") == 7:
            on = self.messages.get(str((payload.get("message") or {}).get("id", "")))
            if on is not None:
                _edited(on, body.get("data") or {})
        return answer

    # --- gateway -------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self.gateway_queries.append(dict(request.query))
        if self.compress and request.query.get("compress") == "zlib-stream":
            self._compressors[ws] = zlib.compressobj()
        if self._ws is not None and not self._ws.closed:
            await self._ws.close(code=4000)
        self._ws = ws
        await self._send(ws, {"op": 10, "d": {"heartbeat_interval": self.heartbeat_ms}})
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            frame = json.loads(message.data)
            await self._on_frame(ws, frame)
        if self._ws is ws:
            self._connected.clear()
        self._compressors.pop(ws, None)
        return ws

    async def _send(self, ws: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        """One frame: JSON text, or with `compress=zlib-stream` a zlib stream flushed per frame
        (ending in 00 00 ff ff), as Discord sends it."""
        text = json.dumps(frame)
        compressor = self._compressors.get(ws)
        if compressor is None:
            await ws.send_str(text)
            return
        await ws.send_bytes(
            compressor.compress(text.encode()) + compressor.flush(zlib.Z_SYNC_FLUSH)
        )

    async def _on_frame(self, ws: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        op, data = frame.get("op"), frame.get("d")
        if op == 1:
            await self._send(ws, {"op": 11})
        elif op == 2:
            await self._identify(ws, data)
        elif op == 6:
            await self._resume(ws, data)

    async def _identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        self.identifies.append(data)
        if data.get("token") != TOKEN:
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        session = Session(id=f"session-{snowflake()}")
        self._sessions[session.id] = session
        self._session = session
        self._connected.set()
        await self.dispatch(
            "READY",
            {
                "v": 10,
                "user": {**user_payload(BOT_ID, "peerbot"), "bot": True},
                "guilds": [{"id": gid, "unavailable": True} for gid in self.guilds],
                "session_id": session.id,
                "resume_gateway_url": self.gateway_url,
                "application": {"id": str(APP_ID), "flags": 0},
            },
        )
        for guild in self.guilds.values():
            await self.dispatch("GUILD_CREATE", guild)

    async def _resume(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        self.resumes.append(data)
        session = self._sessions.get(data.get("session_id", ""))
        if data.get("token") != TOKEN or session is None:
            await self._send(ws, {"op": 9, "d": False})
            return
        self._session = session
        missed = [f for f in session.sent if f["s"] > (data.get("seq") or 0)]
        for frame in missed:
            await self._send(ws, frame)
        self._connected.set()
        await self.dispatch("RESUMED", {})


async def _read_body(request: web.Request) -> tuple[Any, list[tuple[str, bytes]]]:
    files: list[tuple[str, bytes]] = []
    if request.content_type.startswith("multipart/"):
        body: Any = None
        reader = await request.multipart()
        async for part in reader:
            if part.name == "payload_json":  # type: ignore[union-attr]
                body = json.loads(await part.text())  # type: ignore[union-attr]
            else:
                files.append((part.filename or "", await part.read()))  # type: ignore[union-attr]
        return body, files
    raw = await request.read()
    return (json.loads(raw) if raw else None), files


CONTENT_LIMIT = 2000  # characters of a message's content
MENTION_CAP = 100  # users in allowed_mentions
UPLOAD_LIMIT = 8 * 1024 * 1024  # bytes of the files of one message (a server without boosts)
FILES_PER_MESSAGE = 10


def _over_limits(call: Call) -> web.Response | None:
    """Discord's answer to a message over its limits: 400 (content, mentions, files) or 413."""
    sends = call.method in ("POST", "PATCH") and (
        re.fullmatch(r"/channels/\d+/messages", call.path)
        or re.fullmatch(r"/webhooks/\d+/[^/]+(/messages/(@original|\d+))?", call.path)
        or re.fullmatch(r"/interactions/\d+/[^/]+/callback", call.path)
    )
    if not sends or not isinstance(call.json, dict):
        return None
    body = call.json.get("data") if "/interactions/" in call.path else call.json
    body = body if isinstance(body, dict) else {}
    if len(str(body.get("content") or "")) > CONTENT_LIMIT:
        return _error(400, 50035, "Invalid Form Body (content: Must be 2000 or fewer in length.)")
    users = (body.get("allowed_mentions") or {}).get("users") or []
    if len(users) > MENTION_CAP:
        return _error(400, 50035, "Invalid Form Body (allowed_mentions.users: 100 or fewer)")
    if len(call.files) > FILES_PER_MESSAGE:
        return _error(400, 50035, "Invalid Form Body (files: Must be 10 or fewer in length.)")
    if sum(len(content) for _, content in call.files) > UPLOAD_LIMIT:
        return _error(413, 40005, "Request entity too large")
    return None


def _json(data: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """JSON with Discord's exact content type (discord.py compares it as a whole string)."""
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers={**(headers or {}), "Content-Type": "application/json"},
    )


def _error(status: int, code: int, message: str) -> web.Response:
    return _json({"message": message, "code": code}, status=status)


def _application() -> dict[str, Any]:
    return {
        "id": str(APP_ID),
        "name": "peerbot",
        "icon": None,
        "description": "",
        "bot_public": True,
        "bot_require_code_grant": False,
        "owner": user_payload(1, "owner"),
        "verify_key": "00" * 32,
        "flags": 0,
    }


def _edited(message: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    """`message` edited in place by what `body` sets (content, components)."""
    for key in ("content", "components"):
        if key in body:
            message[key] = body[key]
    message["edited_timestamp"] = datetime.now(UTC).isoformat()
    return message


def _callback_answer(interaction_id: str, body: dict[str, Any]) -> dict[str, Any]:
    kind = body.get("type")
    data = body.get("data") or {}
    answer: dict[str, Any] = {
        "interaction": {
            "id": interaction_id,
            "type": 2,
            "response_message_loading": kind == 5,
            "response_message_ephemeral": bool(data.get("flags", 0) & 64),
        }
    }
    if kind in (4, 5, 7):
        message = message_payload("0", data)
        answer["interaction"]["response_message_id"] = message["id"]
        answer["resource"] = {"type": kind, "message": message}
    return answer


def message_menu(
    name: str,
    content: str,
    *,
    author_id: int | str = 222,
    author: str = "lee",
    bot: bool = False,
    channel_id: int | str = CHANNEL_ID,
    mentions: Iterable[dict[str, Any]] = (),
) -> dict[str, Any]:
    """A message context-menu command's data (type 3), the message resolved as Discord sends
    it: content included, whatever the bot's intents."""
    message = message_payload(str(channel_id), {"content": content}, author_id=int(author_id))
    message["author"] = {**user_payload(author_id, author, author.title()), "bot": bot}
    message["mentions"] = list(mentions)
    return {
        "id": "3",
        "name": name,
        "type": 3,
        "target_id": message["id"],
        "resolved": {"messages": {message["id"]: message}},
    }
