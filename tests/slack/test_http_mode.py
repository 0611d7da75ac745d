"""HTTP mode: Slack's signed requests to the running app; bolt checks every signature."""

from __future__ import annotations

import time

import pytest
from pydantic import SecretStr

from adapters.base import AdapterError
from adapters.slack import SlackAdapter
from adapters.slack.replay import ReplayGuard
from peerbot.config import Settings
from tests.conftest import snapshot
from tests.slack.conftest import CHANNEL, SETUP, SlackDriver, assert_no_secret_logged
from tests.slack.fake import BOT_TOKEN, SIGNING_SECRET, FakeSlack, form_body, sign, slash_payload


def setup_body(fake: FakeSlack) -> str:
    return form_body(slash_payload("/team", SETUP, response_url=fake.response_url()))


async def test_a_signed_command_is_acknowledged_at_once_and_answered_after(slack: SlackDriver):
    outcome = await slack.command("/team", SETUP)
    assert outcome.status == 200
    assert outcome.ack == ""  # an empty acknowledgement: the answer follows as a message
    assert outcome.ack_seconds < 1.0
    assert "set up" in outcome.only().args["text"]


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param(lambda body: {"Content-Type": "application/x-www-form-urlencoded"}, id="none"),
        pytest.param(lambda body: sign(body, secret="not-the-secret"), id="wrong secret"),
        pytest.param(lambda body: sign(body + "&x=1"), id="another body"),
        pytest.param(lambda body: sign(body, timestamp=int(time.time()) - 6 * 60), id="stale"),
        pytest.param(lambda body: sign(body, timestamp=int(time.time()) + 6 * 60), id="future"),
    ],
)
async def test_unsigned_wrong_or_stale_requests_get_401_and_change_nothing(
    slack: SlackDriver, fake: FakeSlack, runtime, headers
):
    before = await snapshot(runtime.uow_factory)
    calls = len(fake.calls)
    body = setup_body(fake)
    status, _, _ = await slack.send(body, headers(body))
    await fake.settle(quiet=0.2)
    assert status == 401
    assert fake.calls[calls:] == []  # nothing was posted, nobody was looked up
    assert await snapshot(runtime.uow_factory) == before == []


async def test_a_four_minute_old_signature_is_still_accepted(slack: SlackDriver, fake: FakeSlack):
    body = setup_body(fake)
    status, _, _ = await slack.send(body, sign(body, timestamp=int(time.time()) - 4 * 60))
    assert status == 200
    await fake.wait_for("chat.postMessage")


async def test_a_replayed_request_gets_401_and_asks_nothing_twice(
    slack: SlackDriver, fake: FakeSlack, runtime
):
    await slack.command("/team", SETUP)
    body = form_body(slash_payload("/ask", "why async?", response_url=fake.response_url()))
    headers = sign(body)
    first, _, _ = await slack.send(body, headers)
    await fake.settle(quiet=0.2)
    before = await snapshot(runtime.uow_factory)
    calls = len(fake.calls)
    again, text, _ = await slack.send(body, headers)
    await fake.settle(quiet=0.2)
    assert (first, again) == (200, 401)
    assert "replayed" in text
    assert fake.calls[calls:] == []
    assert await snapshot(runtime.uow_factory) == before
    async with runtime.uow_factory() as uow:
        team = await uow.teams.get_by_channel("slack", CHANNEL)
        assert team is not None and await uow.teams.next_question_number(team.id) == 2


async def test_a_wrong_signature_does_not_use_up_the_right_one(slack: SlackDriver, fake: FakeSlack):
    body = setup_body(fake)
    right = sign(body)
    wrong = {**right, "X-Slack-Request-Timestamp": str(int(right["X-Slack-Request-Timestamp"]) - 1)}
    assert (await slack.send(body, wrong))[0] == 401
    assert (await slack.send(body, right))[0] == 200
    await fake.wait_for("chat.postMessage")


def test_the_replay_memory_forgets_a_signature_once_bolt_would_refuse_its_timestamp():
    now = [1000.0]
    guard = ReplayGuard(window=300.0, clock=lambda: now[0])
    assert guard.admit("v0=a") and not guard.admit("v0=a")
    now[0] += 600.0  # a timestamp 5 min in the future is still accepted 5 min after it
    assert not guard.admit("v0=a")
    now[0] += 61.0
    assert guard.admit("v0=b") and len(guard) == 1  # v0=a forgotten, memory stays bounded
    assert guard.admit("v0=a")


async def test_a_refused_bot_token_stops_start_with_a_sentence_and_no_token(
    settings: Settings, runtime, fake: FakeSlack, debug_logs
):
    fake.revoked = True
    adapter = SlackAdapter(settings, runtime.bot)
    with pytest.raises(AdapterError) as raised:
        await adapter.start()
    message = str(raised.value)
    assert "token_revoked" in message and "SLACK_BOT_TOKEN" in message
    assert BOT_TOKEN not in message and SIGNING_SECRET not in message
    await adapter.close()  # safe after a failed start
    assert_no_secret_logged(debug_logs)


async def test_a_wrong_bot_token_is_refused_too(settings: Settings, runtime, debug_logs):
    wrong = settings.model_copy(update={"slack_bot_token": SecretStr("xoxb-wrong")})
    with pytest.raises(AdapterError, match="invalid_auth"):
        await SlackAdapter(wrong, runtime.bot).start()


async def test_an_unreachable_api_is_a_sentence(settings: Settings, runtime):
    nowhere = settings.model_copy(update={"slack_api_url": "http://127.0.0.1:9/api/"})
    with pytest.raises(AdapterError, match="Cannot reach Slack"):
        await SlackAdapter(nowhere, runtime.bot).start()


async def test_a_taken_port_is_a_sentence(settings: Settings, runtime, adapter: SlackAdapter):
    taken = settings.model_copy(update={"slack_port": adapter.port})
    with pytest.raises(AdapterError, match="Cannot listen"):
        await SlackAdapter(taken, runtime.bot).start()


def test_without_app_token_or_signing_secret_it_says_what_is_missing(settings: Settings):
    bare = settings.model_copy(update={"slack_signing_secret": None})
    with pytest.raises(AdapterError, match="SLACK_APP_TOKEN"):
        SlackAdapter(bare, None)  # type: ignore[arg-type]
