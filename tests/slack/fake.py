"""A fake Slack on 127.0.0.1: the Web API, file uploads, response URLs and Socket Mode.

The real slack-sdk client talks to it through `SLACK_API_URL` (`api_url`, ending in `/api/`).

Web API (`POST /api/<method>`): `auth.test`, `apps.connections.open` (app token only),
`chat.postMessage` / `chat.postEphemeral` (kept per channel, with blocks and message metadata;
a `thread_ts` post is a reply in that thread), `chat.update` (edits a kept message in place),
`conversations.history` (newest first, `oldest`, metadata only with `include_all_metadata`,
thread replies left out as Slack does), `conversations.replies` (a thread, oldest first; a
`thread_ts` in `gone_threads`, whose parent was deleted, answers `thread_not_found`, to
`chat.postMessage` too), `chat.getPermalink`,
`conversations.open`, `users.info`, `views.open` (a trigger id works once), and the external
upload flow: `files.getUploadURLExternal` hands out `POST /upload/<file id>`, which takes the
bytes, and `files.completeUploadExternal` shares the file in a channel as a message.
`POST /commands/<team>/<n>/<id>` is a slash command's `response_url` (Slack's own path shape,
`https://hooks.slack.com/commands/T…/…/…`, which the bot's logs must never show).

Every request is recorded as a `Call` (`calls`, `wait_for`); `fail(...)` makes chosen calls,
or a chosen share of them, answer 429 with `Retry-After`, 500, hang (a timeout; `timeout-posted`:
do the work, then hang, as when Slack posted but its answer never arrived) or return a Slack
error such as `not_in_channel`; `channel_errors` makes every post to a channel fail. `chaos`, if
set, is asked about every Web API call the `fail` faults let through and may answer it with a
`Fault` of its choosing; `clock` stamps each `Call.at` (a test may share its clock with the fake).

Socket Mode (`GET /socket`): says hello, then `deliver(...)` sends an envelope (a slash command
or an interactive payload) and waits for the app to acknowledge its `envelope_id`.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import itertools
import json
import random
import re
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

BOT_TOKEN = "xoxb-1111-2222-fakeBotTokenSecret0123456789"
APP_TOKEN = "xapp-1-A0001-3333-fakeAppTokenSecret9876543210"
# Slack's Socket Mode URL carries a one-time connection ticket, a secret like the tokens.
TICKET = "fake-ticket-4c1f7e2a-0b9d-4d0e-9c6a-secret"
SIGNING_SECRET = "fake-signing-secret-8f14e45fceea167a5a36dedd4bea2543"
TEAM_ID = "T0STUDY"
BOT_USER = "U0PEERBOT"
BOT_ID = "B0PEERBOT"
CHANNEL = "C0STUDY1"
OTHER_CHANNEL = "C0STUDY2"
JSON_FIELDS = ("blocks", "metadata", "view", "files", "attachments", "channels")


@dataclass
class Call:
    """One request as the fake saw it."""

    method: str  # `chat.postMessage`, `upload`, `response_url`
    args: dict[str, Any]
    token: str | None
    status: int = 200
    error: str | None = None
    body: bytes = b""
    at: float = field(default_factory=time.perf_counter)

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.error is None


@dataclass
class Fault:
    """Answer matching calls with a failure, `times` times (None: always) or for a `share`."""

    method: re.Pattern[str]
    kind: str  # "429", "500", "timeout", "timeout-posted", or a Slack error code
    times: int | None = 1
    share: float = 1.0
    retry_after: int = 1
    hang: float = 30.0
    skip: int = 0  # let this many matching calls through first
    hits: int = 0
    seen: int = 0

    def matches(self, method: str, rng: random.Random) -> bool:
        if not self.method.fullmatch(method):
            return False
        self.seen += 1
        if self.seen <= self.skip or (self.times is not None and self.hits >= self.times):
            return False
        if rng.random() >= self.share:
            return False
        self.hits += 1
        return True


@dataclass
class Posted:
    """A message in a channel's history."""

    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    metadata: dict[str, Any] | None
    user: str = BOT_USER
    files: list[dict[str, Any]] = field(default_factory=list)
    thread_ts: str = ""  # the parent's ts when posted in a thread

    def as_history(self, with_metadata: bool) -> dict[str, Any]:
        message: dict[str, Any] = {
            "type": "message",
            "ts": self.ts,
            "user": self.user,
            "bot_id": BOT_ID,
            "text": self.text,
            "blocks": self.blocks,
        }
        if self.files:
            message["files"] = self.files
        if self.thread_ts:
            message["thread_ts"] = self.thread_ts
        if with_metadata and self.metadata:
            message["metadata"] = self.metadata
        return message


class FakeSlack:
    """The fake; `await start()`, use `api_url`, `await close()`."""

    def __init__(self, *, seed: int = 5) -> None:
        self.calls: list[Call] = []
        self.faults: list[Fault] = []
        self.channel_errors: dict[str, str] = {}  # channel -> Slack error for every post
        self.gone_threads: set[str] = set()  # thread_ts whose parent is gone: thread_not_found
        self.history: dict[str, list[Posted]] = {}
        self.users: dict[str, dict[str, Any]] = {}
        self.uploads: dict[str, dict[str, Any]] = {}  # file id -> filename, length, data
        self.views: list[dict[str, Any]] = []
        self.revoked = False
        self.envelopes: list[str] = []  # ids of the envelopes sent over Socket Mode
        self.acks: dict[str, dict[str, Any]] = {}  # envelope id -> the app's acknowledgement
        self._ack_waiters: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._sockets: list[web.WebSocketResponse] = []
        self._used_triggers: set[str] = set()
        self._rng = random.Random(seed)
        self.chaos: Callable[[Call], Fault | None] | None = None
        self.clock: Callable[[], float] = time.perf_counter
        self._ts = itertools.count(1)
        self._ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._release = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(client_max_size=64 * 1024**2)
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_post("/commands/{team}/{n}/{hook}", self._respond)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def close(self) -> None:
        self._release.set()
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.base}/api/"

    def response_url(self, hook: str = "h1") -> str:
        return f"{self.base}/commands/{TEAM_ID}/1000000001/{hook}"

    # --- test controls ---------------------------------------------------------------------

    def fail(
        self,
        method: str,
        kind: str,
        *,
        times: int | None = 1,
        share: float = 1.0,
        retry_after: int = 1,
        hang: float = 30.0,
        skip: int = 0,
    ) -> Fault:
        """Make calls of `method` (a regex, `.*` for all) fail with `kind`."""
        fault = Fault(re.compile(method), kind, times, share, retry_after, hang, skip)
        self.faults.append(fault)
        return fault

    def add_user(self, user_id: str, name: str, display_name: str = "") -> None:
        self.users[user_id] = {
            "id": user_id,
            "team_id": TEAM_ID,
            "name": name.lower(),
            "real_name": name,
            "profile": {"display_name": display_name, "real_name": name},
        }

    def of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def posts(self, channel: str | None = None) -> list[Call]:
        """Successful chat.postMessage calls (to `channel`)."""
        return [
            c
            for c in self.of("chat.postMessage")
            if c.ok and (channel is None or c.args.get("channel") == channel)
        ]

    async def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] = lambda c: True,
        *,
        count: int = 1,
        since: int = 0,
        timeout: float = 5.0,
    ) -> list[Call]:
        """Wait until `count` calls (from the `since`-th on) of `method` (a regex) match."""
        pattern = re.compile(method)

        def found() -> list[Call]:
            return [c for c in self.calls[since:] if pattern.fullmatch(c.method) and predicate(c)]

        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(lambda: len(found()) >= count)
        return found()

    async def settle(self, quiet: float = 0.15, timeout: float = 5.0) -> None:
        """Wait until no call arrived for `quiet` seconds (a reply's follow-ups are done)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            seen = len(self.calls)
            await asyncio.sleep(quiet)
            if len(self.calls) == seen:
                return

    # --- Socket Mode -----------------------------------------------------------------------

    async def deliver(
        self, kind: str, payload: dict[str, Any], *, timeout: float = 5.0
    ) -> dict[str, Any]:
        """Send an envelope (`slash_commands`, `interactive`) and return the app's ack."""
        async with asyncio.timeout(timeout):
            while not self._sockets:
                await asyncio.sleep(0.01)
        envelope_id = f"env-{next(self._ids)}"
        waiter: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._ack_waiters[envelope_id] = waiter
        self.envelopes.append(envelope_id)
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "accepts_response_payload": True,
            "payload": payload,
        }
        await self._sockets[-1].send_str(json.dumps(envelope))
        return await asyncio.wait_for(waiter, timeout)

    async def _socket(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_str(
            json.dumps(
                {
                    "type": "hello",
                    "num_connections": len(self._sockets),
                    "connection_info": {"app_id": "A0001"},
                    "debug_info": {"host": "fake-slack", "approximate_connection_time": 3600},
                }
            )
        )
        try:
            async for message in ws:
                if message.type != WSMsgType.TEXT:
                    continue
                ack = json.loads(message.data)
                envelope_id = str(ack.get("envelope_id", ""))
                self.acks[envelope_id] = ack
                waiter = self._ack_waiters.pop(envelope_id, None)
                if waiter is not None and not waiter.done():
                    waiter.set_result(ack)
        finally:
            self._sockets.remove(ws)
        return ws

    # --- HTTP ------------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        args = await _arguments(request)
        token = _bearer(request) or args.pop("token", None)
        call = Call(method, args, token, at=self.clock())
        self.calls.append(call)
        try:
            fault = next((f for f in self.faults if f.matches(method, self._rng)), None)
            if fault is None and self.chaos is not None:
                fault = self.chaos(call)
            if fault is not None:
                return await self._fault(call, fault)
            answer = self._answer(method, call)
            call.error = None if answer.get("ok") else str(answer.get("error"))
            return web.json_response(answer)
        finally:
            await self._notify()

    async def _fault(self, call: Call, fault: Fault) -> web.StreamResponse:
        if fault.kind == "429":
            call.status, call.error = 429, "ratelimited"
            return web.json_response(
                {"ok": False, "error": "ratelimited"},
                status=429,
                headers={"Retry-After": str(fault.retry_after)},
            )
        if fault.kind == "500":
            call.status, call.error = 500, "internal_error"
            return web.Response(status=500, text="<html>internal error</html>")
        if fault.kind in ("timeout", "timeout-posted"):
            if fault.kind == "timeout-posted":
                self._answer(call.method, call)  # done, but the client will not hear of it
            call.status, call.error = 504, "timeout"
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._release.wait(), fault.hang)
            return web.Response(status=504)
        call.error = fault.kind
        return web.json_response({"ok": False, "error": fault.kind})

    def _answer(self, method: str, call: Call) -> dict[str, Any]:
        if method == "apps.connections.open":
            if call.token != APP_TOKEN:
                return {"ok": False, "error": "invalid_auth"}
            url = f"ws://127.0.0.1:{self.port}/socket?ticket={TICKET}&app_id=A0001"
            return {"ok": True, "url": url}
        if call.token != BOT_TOKEN:
            return {"ok": False, "error": "invalid_auth" if call.token else "not_authed"}
        if self.revoked:
            return {"ok": False, "error": "token_revoked"}
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        if handler is None:
            return {"ok": False, "error": "unknown_method"}
        result: dict[str, Any] = handler(call.args)
        return result

    def _auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://study.slack.com/",
            "team": "study",
            "user": "peerbot",
            "team_id": TEAM_ID,
            "user_id": BOT_USER,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _post(self, args: dict[str, Any], user: str = BOT_USER) -> Posted | dict[str, Any]:
        channel = str(args.get("channel", ""))
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        if channel in self.channel_errors:
            return {"ok": False, "error": self.channel_errors[channel]}
        if str(args.get("thread_ts") or "") in self.gone_threads:
            return {"ok": False, "error": "thread_not_found"}
        if not (args.get("text") or args.get("blocks")):
            return {"ok": False, "error": "no_text"}
        too_long = over_limits(args)
        if too_long:
            return {"ok": False, "error": too_long}
        return Posted(
            channel,
            self._next_ts(),
            str(args.get("text", "")),
            list(args.get("blocks") or []),
            args.get("metadata"),
            user,
            thread_ts=str(args.get("thread_ts") or ""),
        )

    def _chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        posted = self._post(args)
        if isinstance(posted, dict):
            return posted
        self.history.setdefault(posted.channel, []).append(posted)
        return {
            "ok": True,
            "channel": posted.channel,
            "ts": posted.ts,
            "message": posted.as_history(True),
        }

    def _chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        """Edit a message of the channel's history in place (`message_not_found` if none)."""
        channel, ts = str(args.get("channel", "")), str(args.get("ts", ""))
        if channel in self.channel_errors:
            return {"ok": False, "error": self.channel_errors[channel]}
        found = next((m for m in self.history.get(channel, []) if m.ts == ts), None)
        if found is None:
            return {"ok": False, "error": "message_not_found"}
        too_long = over_limits(args)
        if too_long:
            return {"ok": False, "error": too_long}
        found.text, found.blocks = str(args.get("text", "")), list(args.get("blocks") or [])
        return {"ok": True, "channel": channel, "ts": ts, "text": found.text}

    def message(self, channel: str, ts: str) -> Posted:
        """The message at `ts` in the channel's history, as it reads now (after edits)."""
        return next(m for m in self.history.get(channel, []) if m.ts == ts)

    def _chat_postEphemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("user"):
            return {"ok": False, "error": "user_not_in_channel"}
        posted = self._post(args)
        if isinstance(posted, dict):
            return posted
        return {"ok": True, "message_ts": posted.ts}

    def _conversations_history(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        if channel in self.channel_errors:
            return {"ok": False, "error": self.channel_errors[channel]}
        oldest = float(args.get("oldest") or 0)
        with_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
        messages = [
            m.as_history(with_metadata)
            for m in reversed(self.history.get(channel, []))
            if float(m.ts) >= oldest and not m.thread_ts  # Slack leaves thread replies out
        ]
        limit = int(args.get("limit") or 100)
        return {"ok": True, "messages": messages[:limit], "has_more": len(messages) > limit}

    def _conversations_replies(self, args: dict[str, Any]) -> dict[str, Any]:
        """A thread: its parent, then its replies, oldest first (`oldest`, metadata as above)."""
        channel, ts = str(args.get("channel", "")), str(args.get("ts", ""))
        if channel in self.channel_errors:
            return {"ok": False, "error": self.channel_errors[channel]}
        kept = self.history.get(channel, [])
        if ts in self.gone_threads or not any(m.ts == ts for m in kept):
            return {"ok": False, "error": "thread_not_found"}
        oldest = float(args.get("oldest") or 0)
        with_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
        messages = [
            m.as_history(with_metadata)
            for m in kept
            if (m.ts == ts or m.thread_ts == ts) and float(m.ts) >= oldest
        ]
        return {"ok": True, "messages": messages, "has_more": False}

    def _chat_getPermalink(self, args: dict[str, Any]) -> dict[str, Any]:
        channel, ts = str(args.get("channel", "")), str(args.get("message_ts", ""))
        if not channel or not ts:
            return {"ok": False, "error": "message_not_found"}
        link = f"https://study.slack.com/archives/{channel}/p{ts.replace('.', '')}"
        return {"ok": True, "channel": channel, "permalink": link}

    def _conversations_open(self, args: dict[str, Any]) -> dict[str, Any]:
        users = str(args.get("users", ""))
        if not users or "," in users:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "channel": {"id": "D" + users.lstrip("UW")}}

    def _users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(args.get("user", "")))
        return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}

    def _views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        trigger = str(args.get("trigger_id", ""))
        if not trigger or trigger in self._used_triggers:
            return {"ok": False, "error": "expired_trigger_id"}
        self._used_triggers.add(trigger)
        view = dict(args.get("view") or {})
        view["id"] = f"V{next(self._ids):05d}"
        self.views.append(view)
        return {"ok": True, "view": view}

    def _files_getUploadURLExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("filename") or not str(args.get("length", "")).isdigit():
            return {"ok": False, "error": "invalid_arguments"}
        file_id = f"F{next(self._ids):05d}"
        self.uploads[file_id] = {
            "filename": args["filename"],
            "length": int(args["length"]),
            "data": None,
        }
        return {"ok": True, "upload_url": f"{self.base}/upload/{file_id}", "file_id": file_id}

    def _files_completeUploadExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        files = list(args.get("files") or [])
        shared: list[dict[str, Any]] = []
        for item in files:
            upload = self.uploads.get(str(item.get("id")))
            if upload is None or upload["data"] is None:
                return {"ok": False, "error": "file_not_found"}
            shared.append(
                {"id": item["id"], "name": upload["filename"], "title": item.get("title")}
            )
        channel = args.get("channel_id")
        thread = str(args.get("thread_ts") or "")
        if channel:
            if channel in self.channel_errors:
                return {"ok": False, "error": self.channel_errors[channel]}
            if thread in self.gone_threads:
                return {"ok": False, "error": "thread_not_found"}
            posted = Posted(
                str(channel),
                self._next_ts(),
                str(args.get("initial_comment") or ""),
                [],
                None,
                thread_ts=thread,
            )
            posted.files = shared
            self.history.setdefault(posted.channel, []).append(posted)
        return {"ok": True, "files": shared}

    async def _upload(self, request: web.Request) -> web.StreamResponse:
        file_id = request.match_info["file_id"]
        data = await request.read()
        call = Call("upload", {"file_id": file_id}, _bearer(request), body=data)
        self.calls.append(call)
        try:
            fault = next((f for f in self.faults if f.matches("upload", self._rng)), None)
            if fault is not None:
                return await self._fault(call, fault)
            upload = self.uploads.get(file_id)
            if upload is None or upload["length"] != len(data):
                call.status, call.error = 400, "bad_upload"
                return web.Response(status=400, text="bad upload", content_type="text/plain")
            upload["data"] = data
            return web.Response(text=f"OK - {len(data)}", content_type="text/plain")
        finally:
            await self._notify()

    async def _respond(self, request: web.Request) -> web.StreamResponse:
        payload = await request.json()
        call = Call("response_url", dict(payload), None)
        call.args["hook"] = request.match_info["hook"]
        self.calls.append(call)
        try:
            fault = next((f for f in self.faults if f.matches("response_url", self._rng)), None)
            if fault is not None:
                return await self._fault(call, fault)
            too_long = over_limits(call.args)
            if too_long:
                call.error = too_long
                return web.Response(status=400, text=too_long, content_type="text/plain")
            return web.Response(text="ok", content_type="text/plain")
        finally:
            await self._notify()

    def _next_ts(self) -> str:
        return f"{time.time():.0f}.{next(self._ts):06d}"

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()


TEXT_LIMIT = 40_000  # characters of a message's `text` (Slack truncates; the fake refuses)
SECTION_LIMIT = 3000  # characters of a section block's text
BLOCKS_LIMIT = 50  # blocks in one message


def over_limits(args: dict[str, Any]) -> str | None:
    """Slack's error for a message over its limits, or None."""
    if len(str(args.get("text") or "")) > TEXT_LIMIT:
        return "msg_too_long"
    blocks = args.get("blocks") or []
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    if len(blocks) > BLOCKS_LIMIT:
        return "invalid_blocks"
    for block in blocks:
        text = (block.get("text") or {}).get("text", "") if isinstance(block, dict) else ""
        if len(str(text)) > SECTION_LIMIT:
            return "invalid_blocks"
    return None


async def _arguments(request: web.Request) -> dict[str, Any]:
    """Query, form and JSON arguments in one dict; JSON-valued fields decoded."""
    args: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        body = await request.json()
        args.update(body if isinstance(body, dict) else {})
    elif request.can_read_body:
        args.update({k: v for k, v in (await request.post()).items() if isinstance(v, str)})
    for key in JSON_FIELDS:
        if isinstance(args.get(key), str):
            with contextlib.suppress(ValueError):
                args[key] = json.loads(args[key])
    return args


def _bearer(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    return header.removeprefix("Bearer ").strip() or None


# --- what Slack sends the app --------------------------------------------------------------


def sign(
    body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None
) -> dict[str, str]:
    """Slack's request signature headers: `v0=` HMAC-SHA256 over `v0:{ts}:{body}`."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": "application/x-www-form-urlencoded",
    }


_triggers = itertools.count(1)


def slash_payload(
    command: str,
    text: str = "",
    *,
    user: str = "U0KIM",
    user_name: str = "kim",
    channel: str = CHANNEL,
    response_url: str = "",
) -> dict[str, str]:
    """A slash command as Slack sends it (form fields; the Socket Mode payload as a dict)."""
    trigger = f"{next(_triggers)}.{int(time.time())}.fake{next(_triggers):08x}"
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM_ID,
        "team_domain": "study",
        "channel_id": channel,
        "channel_name": "peer-session",
        "user_id": user,
        "user_name": user_name,
        "command": command,
        "text": text,
        "api_app_id": "A0001",
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger,
    }


def event_callback(event: dict[str, Any]) -> str:
    """An Events API request (HTTP mode) carrying `event`, as JSON."""
    return json.dumps(
        {
            "token": "legacy-verification-token",
            "team_id": TEAM_ID,
            "api_app_id": "A0001",
            "event": {"team": TEAM_ID, "event_ts": f"{time.time():.6f}", **event},
            "type": "event_callback",
            "event_id": f"Ev{next(_triggers):08d}",
            "event_time": int(time.time()),
        }
    )


def form_body(payload: dict[str, str]) -> str:
    return urllib.parse.urlencode(payload)


def interactive_body(payload: dict[str, Any]) -> str:
    return urllib.parse.urlencode({"payload": json.dumps(payload)})


def block_action(
    action_id: str,
    *,
    user: str = "U0KIM",
    channel: str = CHANNEL,
    value: str = "",
    ts: str = "1.000001",
    ephemeral: bool = False,
    response_url: str = "",
) -> dict[str, Any]:
    """A button press on a message in `channel` (the one at `ts`, or an ephemeral one)."""
    return {
        "type": "block_actions",
        "team": {"id": TEAM_ID, "domain": "study"},
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM_ID},
        "api_app_id": "A0001",
        "token": "legacy-verification-token",
        "container": {
            "type": "message",
            "message_ts": ts,
            "channel_id": channel,
            "is_ephemeral": ephemeral,
        },
        "trigger_id": f"{next(_triggers)}.{int(time.time())}.btn{next(_triggers):08x}",
        "channel": {"id": channel, "name": "peer-session"},
        "message": {"type": "message", "ts": ts, "text": "nudge"},
        "response_url": response_url,
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "peerbot_actions",
                "value": value,
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }


def view_submission(
    view: dict[str, Any], values: dict[str, str], *, user: str = "U0KIM"
) -> dict[str, Any]:
    """Submitting the modal `view` (as the app opened it) with `values` by block id."""
    state = {
        block["block_id"]: {block["element"]["action_id"]: _state_of(block, values)}
        for block in view.get("blocks", [])
        if block.get("type") == "input"
    }
    return {
        "type": "view_submission",
        "team": {"id": TEAM_ID, "domain": "study"},
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM_ID},
        "api_app_id": "A0001",
        "token": "legacy-verification-token",
        "trigger_id": f"{next(_triggers)}.{int(time.time())}.sub{next(_triggers):08x}",
        "view": {
            **view,
            "type": "modal",
            "team_id": TEAM_ID,
            "state": {"values": state},
            "hash": "1.abc",
        },
        "response_urls": [],
    }


def _state_of(block: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """An input block's submitted state: a text input's value, or a select's chosen option."""
    value = values.get(block["block_id"])
    if block["element"]["type"] != "static_select":
        return {"type": "plain_text_input", "value": value}
    chosen = [o for o in block["element"]["options"] if o["value"] == value]
    return {"type": "static_select", "selected_option": chosen[0] if chosen else None}


def message_action(
    callback_id: str,
    message: dict[str, Any],
    *,
    user: str = "U0KIM",
    channel: str = CHANNEL,
) -> dict[str, Any]:
    """A message shortcut used on `message` (`user`, `text`, `ts`; `bot_id` for a bot's)."""
    return {
        "type": "message_action",
        "token": "legacy-verification-token",
        "action_ts": f"{time.time():.6f}",
        "team": {"id": TEAM_ID, "domain": "study"},
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM_ID},
        "channel": {"id": channel, "name": "peer-session"},
        "is_enterprise_install": False,
        "callback_id": callback_id,
        "trigger_id": f"{next(_triggers)}.{int(time.time())}.sc{next(_triggers):08x}",
        "response_url": "",
        "message_ts": message.get("ts", "1.000002"),
        "message": {"type": "message", "ts": "1.000002", **message},
    }
