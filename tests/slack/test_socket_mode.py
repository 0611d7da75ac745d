"""Socket Mode: commands and modal submissions over the fake websocket, each acknowledged."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from pydantic import SecretStr

from adapters.base import AdapterError
from adapters.slack import SlackAdapter
from peerbot.config import Settings
from tests.slack.conftest import SETUP, assert_no_secret_logged
from tests.slack.fake import (
    APP_TOKEN,
    CHANNEL,
    FakeSlack,
    slash_payload,
    view_submission,
)


@pytest.fixture
def socket_settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={
            "slack_app_token": SecretStr(APP_TOKEN),
            "slack_signing_secret": None,
            "slack_port": None,
        }
    )


@pytest.fixture
async def socket_adapter(
    socket_settings: Settings, runtime, debug_logs
) -> AsyncIterator[SlackAdapter]:
    assert socket_settings.slack_mode == "socket"
    adapter = SlackAdapter(socket_settings, runtime.bot, submit_wait=1.0)
    await adapter.start()
    yield adapter
    await adapter.close()
    assert_no_secret_logged(debug_logs)


async def command(fake: FakeSlack, name: str, text: str = "", **more: str) -> dict:
    payload = slash_payload(name, text, response_url=fake.response_url("sock"), **more)
    return await fake.deliver("slash_commands", payload)


async def test_commands_and_a_modal_through_socket_mode_are_each_acknowledged(
    socket_adapter: SlackAdapter, fake: FakeSlack
):
    [opened] = fake.of("apps.connections.open")
    assert opened.token == APP_TOKEN  # the app-level token, for this call only
    assert all(c.token != APP_TOKEN for c in fake.calls if c.method != "apps.connections.open")
    assert socket_adapter.port is None  # no HTTP server in Socket Mode

    ack = await command(fake, "/team", SETUP)
    assert set(ack) == {"envelope_id"}  # acknowledged, with nothing to show yet
    [setup] = await fake.wait_for("chat.postMessage")
    assert setup.args["channel"] == CHANNEL and "set up" in setup.args["text"]

    ack = await command(fake, "/questions")
    [listed] = await fake.wait_for("response_url")
    assert listed.args["response_type"] == "ephemeral"

    await command(fake, "/retro")
    await fake.wait_for("views.open")
    rejected = await fake.deliver("interactive", view_submission(fake.views[-1], {}))
    assert rejected["payload"]["response_action"] == "errors"
    assert list(rejected["payload"]["errors"]) == ["fact"]

    saved = await fake.deliver(
        "interactive", view_submission(fake.views[-1], {"fact": "socket mode works"})
    )
    assert "payload" not in saved or not saved["payload"]
    [told] = await fake.wait_for("chat.postEphemeral")
    assert told.args["user"] == "U0KIM" and "saved" in told.args["text"]
    assert len(fake.envelopes) == 5
    assert set(fake.acks) == set(fake.envelopes)  # every envelope acknowledged


async def test_a_refused_app_token_stops_start_with_a_sentence(
    socket_settings: Settings, runtime, debug_logs
):
    wrong = socket_settings.model_copy(update={"slack_app_token": SecretStr("xapp-wrong")})
    adapter = SlackAdapter(wrong, runtime.bot)
    with pytest.raises(AdapterError) as raised:
        await adapter.start()
    assert "SLACK_APP_TOKEN" in str(raised.value) and "invalid_auth" in str(raised.value)
    assert "xapp-wrong" not in str(raised.value)
    assert_no_secret_logged(debug_logs)


async def test_the_interactive_ack_of_a_submission_is_json(
    socket_adapter: SlackAdapter, fake: FakeSlack
):
    await command(fake, "/team", SETUP)
    await fake.wait_for("chat.postMessage")
    await command(fake, "/assignment", "add")
    await fake.wait_for("views.open")
    ack = await fake.deliver(
        "interactive", view_submission(fake.views[-1], {"title": "ViT", "due": "whenever"})
    )
    assert json.dumps(ack["payload"]) and list(ack["payload"]["errors"]) == ["due"]
