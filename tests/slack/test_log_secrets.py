"""Secrets that come with Slack's events stay out of every log line, at DEBUG too.

slack-sdk logs each Socket Mode envelope in full at DEBUG: the command's `response_url` (which
can post into the channel for 30 minutes), the legacy verification token, and the connection
URL with its ticket. A real `peerbot run` at DEBUG against the fake Slack must show none of them.
"""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest

from peerbot.logs import RedactSecrets, redact_patterns
from tests.run_process import start_peerbot_run
from tests.slack.fake import APP_TOKEN, BOT_TOKEN, TICKET, FakeSlack, slash_payload

HOOK = "https://hooks.slack.com/commands/T0STUDY/1234567890/AbCdEfGhIjKlMnOp"


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ("""data: '{"payload": {"token": "legacy-verification-token"}}'""", "legacy-verif"),
        ("""data: '{"response_url": "http://127.0.0.1:9/x/h1"}'""", "x/h1"),
        ("Sending a request - url: http://127.0.0.1:9/commands/T0S/10/h1, body: {}", "10/h1"),
        (f"{{'response_url': '{HOOK}', 'text': 'hi'}}", "AbCdEf"),
        (f"token=legacy-verification-token&response_url={HOOK}", "legacy-verif"),
        (f"token=x&response_url={HOOK}&text=hi", "AbCdEf"),
        (f"posting to {HOOK} failed", "AbCdEf"),
        (f"Connecting to wss://wss-primary.slack.com/link/?ticket={TICKET}&app_id=A1", TICKET),
        ("{'type': 2, 'token': 'aW50ZXJhY3Rpb246MTIzNDU2', 'id': '1'}", "aW50ZXJh"),
        (f"auth with {BOT_TOKEN} and {APP_TOKEN}", "fakeBotToken"),
    ],
)
def test_secret_shaped_parts_of_a_line_are_blanked_whatever_logged_it(line: str, secret: str):
    assert secret not in redact_patterns(line)
    assert secret not in RedactSecrets([]).redact(line)
    assert "***" in redact_patterns(line)


def test_a_line_without_secrets_is_left_as_it_was():
    line = "slack: signed in as peerbot in workspace study (socket mode); next_token_count=3"
    assert redact_patterns("question #12 answered by kim (tokens: none)") == (
        "question #12 answered by kim (tokens: none)"
    )
    assert redact_patterns(line) == line


async def test_peerbot_run_at_debug_logs_no_response_url_token_or_ticket(tmp_path: Path):
    slack = FakeSlack()
    await slack.start()
    bot = await start_peerbot_run(
        tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN, SLACK_API_URL=slack.api_url
    )
    response_url = slack.response_url("debug-hook-7f3a")
    try:
        payload = slash_payload("/help", f"see {HOOK}", response_url=response_url)
        ack = await slack.deliver("slash_commands", payload, timeout=60)
        assert set(ack) == {"envelope_id"}
        await slack.wait_for("response_url", timeout=10)
    finally:
        if bot.returncode is None:
            bot.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(bot.communicate(), 30)
        await slack.close()
    logs = (out + err).decode()
    assert bot.returncode == 0, logs[-3000:]
    assert "Received message" in logs  # slack-sdk did log the envelope
    for secret in ("debug-hook-7f3a", "legacy-verification-token", TICKET, "AbCdEf", BOT_TOKEN):
        assert secret not in logs, secret
