"""The real slack-bolt app (the adapter) against the fake Slack, on a SQLite file.

`slack` drives it the way Slack does: signed HTTP requests to the running app on 127.0.0.1,
each acknowledged within Slack's 3 seconds, then whatever the app sent the fake Web API (and
the command's response URL) is the outcome.
"""

from __future__ import annotations

import itertools
import logging
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from adapters.slack import SlackAdapter
from bot.clock import FakeClock
from bot.model.teams import Language
from peerbot.bootstrap import Runtime, build
from peerbot.config import Settings
from tests.slack.fake import (
    APP_TOKEN,
    BOT_TOKEN,
    CHANNEL,
    SIGNING_SECRET,
    Call,
    FakeSlack,
    form_body,
    interactive_body,
    sign,
    slash_payload,
)

SEOUL = ZoneInfo("Asia/Seoul")
SECRETS = (BOT_TOKEN, APP_TOKEN, SIGNING_SECRET)
ANSWERS = (
    "response_url",
    "chat.postMessage",
    "chat.postEphemeral",
    "views.open",
    "files.completeUploadExternal",
)
USERS = {"U0KIM": "kim", "U0LEE": "lee", "U0PARK": "park"}
SETUP = "setup start:2021-08-02 zone:Asia/Seoul country:KR lang:en"
_hooks = itertools.count(1)


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = FakeSlack()
    await server.start()
    for user_id, name in USERS.items():
        server.add_user(user_id, name.title() + " Real", display_name=name)
    yield server
    await server.close()


@pytest.fixture
def settings(tmp_path, fake: FakeSlack) -> Settings:
    """HTTP mode on a free port of 127.0.0.1."""
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'peerbot.db'}",
        data_dir=tmp_path,
        default_language=Language.EN,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_port=0,
        slack_host="127.0.0.1",
        slack_api_url=fake.api_url,
        web_port=8099,  # /team web gives links (the web view itself is not served here)
        web_url="https://peerbot.example",
    )


@pytest.fixture
async def runtime(settings: Settings) -> AsyncIterator[Runtime]:
    built = await build(settings, FakeClock(datetime(2021, 8, 9, 13, 0, tzinfo=SEOUL)))
    yield built
    await built.close()


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every log line at DEBUG, slack-sdk's and slack-bolt's included (to look for secrets)."""
    caplog.set_level(logging.DEBUG)
    return caplog


def assert_no_secret_logged(logs: pytest.LogCaptureFixture) -> None:
    for record in logs.records:
        text = record.getMessage() + (record.exc_text or "")
        for secret in SECRETS:
            assert secret not in text, f"a secret in a log line of {record.name}"


@pytest.fixture
async def adapter(
    settings: Settings, runtime: Runtime, debug_logs: pytest.LogCaptureFixture
) -> AsyncIterator[SlackAdapter]:
    running = SlackAdapter(settings, runtime.bot, api_timeout=2.0, submit_wait=1.0)
    await running.start()
    yield running
    await running.close()
    assert_no_secret_logged(debug_logs)


@dataclass
class Outcome:
    """What one request caused: its acknowledgement, and the calls the app made after it."""

    status: int
    ack: str
    ack_seconds: float
    calls: list[Call]

    @property
    def answers(self) -> list[Call]:
        return [c for c in self.calls if c.method in ANSWERS]

    @property
    def public(self) -> list[Call]:
        """Messages everyone in a channel sees."""
        return [
            c
            for c in self.calls
            if c.ok
            and (
                (c.method == "chat.postMessage" and not str(c.args["channel"]).startswith("U"))
                or (c.method == "response_url" and c.args.get("response_type") == "in_channel")
            )
        ]

    @property
    def private(self) -> list[Call]:
        """Messages only the caller sees."""
        return [
            c
            for c in self.calls
            if c.ok
            and (
                c.method == "chat.postEphemeral"
                or (c.method == "chat.postMessage" and str(c.args["channel"]).startswith("U"))
                or (c.method == "response_url" and c.args.get("response_type") == "ephemeral")
            )
        ]

    @property
    def text(self) -> str:
        return "\n".join(str(c.args.get("text", "")) for c in self.public + self.private)

    def only(self) -> Call:
        """The one message the command answered with."""
        messages = self.public + self.private
        assert len(messages) == 1, [(c.method, c.args.get("text")) for c in messages]
        return messages[0]


class SlackDriver:
    """Sends what Slack would send to the running app and collects what followed."""

    def __init__(self, fake: FakeSlack, url: str, http: aiohttp.ClientSession) -> None:
        self.fake = fake
        self.url = url
        self.http = http

    async def send(self, body: str, headers: dict[str, str]) -> tuple[int, str, float]:
        started = time.perf_counter()
        async with self.http.post(self.url, data=body, headers=headers) as response:
            text = await response.text()
            return response.status, text, time.perf_counter() - started

    async def command(
        self,
        command: str,
        text: str = "",
        *,
        user: str = "U0KIM",
        channel: str = CHANNEL,
        expect_answer: bool = True,
    ) -> Outcome:
        payload = slash_payload(
            command,
            text,
            user=user,
            user_name=USERS.get(user, user.lower()),
            channel=channel,
            response_url=self.fake.response_url(f"h{next(_hooks)}"),
        )
        body = form_body(payload)
        return await self._request(body, expect_answer)

    async def interact(self, payload: dict[str, Any], *, expect_answer: bool = True) -> Outcome:
        return await self._request(interactive_body(payload), expect_answer)

    async def _request(self, body: str, expect_answer: bool) -> Outcome:
        start = len(self.fake.calls)
        status, ack, seconds = await self.send(body, sign(body))
        assert seconds < 3.0, f"acknowledged after {seconds:.2f} s"
        if expect_answer and status == 200:
            await self.fake.wait_for("|".join(map(re.escape, ANSWERS)), since=start)
        await self.fake.settle()
        return Outcome(status, ack, seconds, self.fake.calls[start:])


@pytest.fixture
async def slack(adapter: SlackAdapter, fake: FakeSlack) -> AsyncIterator[SlackDriver]:
    async with aiohttp.ClientSession() as http:
        yield SlackDriver(fake, f"http://127.0.0.1:{adapter.port}/slack/events", http)


@pytest.fixture
async def team(slack: SlackDriver) -> SlackDriver:
    """Channel C0STUDY1 bound to a team, set up by kim (admin), in English."""
    outcome = await slack.command("/team", SETUP)
    assert "set up" in outcome.text
    return slack


def blocks_text(call: Call) -> str:
    """All mrkdwn/plain text inside a call's blocks."""
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                out.append(node["text"])
            for value in node.values():
                if isinstance(value, dict | list):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(call.args.get("blocks") or [])
    return "\n".join(out)
