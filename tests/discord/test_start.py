"""Starting and stopping: a refused token, an unreachable API, and no token in any log line."""

from __future__ import annotations

import logging
import socket

import pytest
from pydantic import SecretStr

from adapters.base import AdapterError
from adapters.discord import DiscordAdapter
from peerbot.config import Settings
from tests.discord.fake import TOKEN, FakeDiscord


def no_secret_in(records: list[logging.LogRecord], secret: str) -> None:
    for record in records:
        assert secret not in record.getMessage() + (record.exc_text or ""), record.name


async def test_a_refused_token_is_one_sentence_without_the_token(
    settings: Settings, runtime, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.DEBUG)
    wrong = "wrong-token.Zz1.not-the-right-one-0123456789"
    adapter = DiscordAdapter(
        settings.model_copy(update={"discord_token": SecretStr(wrong)}),
        runtime.bot,
        guild_ready_timeout=0.05,
    )
    with pytest.raises(AdapterError) as raised:
        await adapter.start()
    assert "DISCORD_TOKEN" in str(raised.value) and wrong not in str(raised.value)
    assert fake.calls[0].path == "/users/@me" and fake.calls[0].status == 401
    await adapter.close()  # safe after a failed start
    no_secret_in(caplog.records, wrong)


async def test_an_unreachable_api_is_one_sentence(settings: Settings, runtime):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    unreachable = settings.model_copy(
        update={"discord_api_url": f"http://127.0.0.1:{port}/api/v10"}
    )
    adapter = DiscordAdapter(unreachable, runtime.bot)
    with pytest.raises(AdapterError, match="reach Discord"):
        await adapter.start()
    await adapter.close()


async def test_no_token_is_needed_to_build_and_close_the_adapter(settings: Settings, runtime):
    adapter = DiscordAdapter(settings, runtime.bot)
    await adapter.close()  # never started
    with pytest.raises(AdapterError, match="DISCORD_TOKEN"):
        DiscordAdapter(settings.model_copy(update={"discord_token": None}), runtime.bot)


async def test_the_gateway_url_is_asked_of_the_api_when_only_the_api_is_given(
    settings: Settings, runtime, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.DEBUG)
    adapter = DiscordAdapter(
        settings.model_copy(update={"discord_gateway_url": None}),
        runtime.bot,
        guild_ready_timeout=0.05,
    )
    await adapter.start()
    try:
        assert fake.calls_to("GET", "^/gateway/bot$")
        assert fake.identifies and fake.identifies[0]["token"] == TOKEN
    finally:
        await adapter.close()
    no_secret_in(caplog.records, TOKEN)
