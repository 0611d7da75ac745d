"""Slack's JSON can carry a lone surrogate: in a command's text it gets a sentence, in a
member's display name it is repaired, and the member can use every command."""

from __future__ import annotations

import pytest

from tests.slack.conftest import SETUP
from tests.slack.fake import FakeSlack
from tests.slack.test_socket_mode import command, socket_adapter, socket_settings  # noqa: F401


@pytest.mark.usefixtures("socket_adapter")
async def test_a_lone_surrogate_over_socket_mode_gets_a_sentence_and_a_name_is_repaired(
    fake: FakeSlack,
):
    fake.add_user("U0SUR", "Sur Real", display_name="sur\ud800")
    await command(fake, "/team", SETUP)
    await fake.wait_for("chat.postMessage")
    await command(fake, "/ask", "why \ud800?")
    [refused] = await fake.wait_for("response_url")
    assert "cannot store" in refused.args["text"] and "went wrong" not in refused.args["text"]

    since = len(fake.calls)
    await command(fake, "/ask", "is my name fine?", user="U0SUR", user_name="sur")
    [asked] = await fake.wait_for("chat.postMessage", since=since)
    assert "#1" in asked.args["text"] and "\ud800" not in asked.args["text"]
