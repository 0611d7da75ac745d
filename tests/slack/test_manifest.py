"""The app manifest comes from the command table, so installing is one paste."""

from __future__ import annotations

import json
import re

from adapters.slack.manifest import BOT_SCOPES, main, manifest, manifest_json
from bot import i18n
from bot.commands.table import TABLE, top_level_names
from bot.model.teams import Language
from peerbot.config import Settings


def test_the_manifests_commands_are_the_tables():
    commands = manifest()["features"]["slash_commands"]
    assert [c["command"] for c in commands] == [f"/{name}" for name in top_level_names()]
    for command, entry in zip(commands, TABLE, strict=True):
        help_text = " ".join(i18n.text_of(Language.EN, entry.help_key).split())
        if len(help_text) <= 140:
            assert command["description"] == help_text
        else:  # clipped at a readable length
            assert command["description"].endswith("…")
            assert help_text.startswith(command["description"][:-1])
        assert command["should_escape"] is False
        assert re.fullmatch(r"/[a-z0-9_-]{1,31}", command["command"])
        assert 0 < len(command["description"]) <= 140 and len(command["usage_hint"]) <= 1000


def test_usage_hints_come_from_the_tables_parameters():
    hints = {c["command"]: c["usage_hint"] for c in manifest()["features"]["slash_commands"]}
    assert hints["/ask"] == "<question> [category:…] [assignment:…] [topic:…] [anyway:…]"
    assert hints["/answer"] == "<number> <text>"
    assert hints["/help"] == ""
    assert hints["/team"].startswith("setup [start:…] [zone:…]")
    assert " | settings " in hints["/team"] and " | members " in hints["/team"]


def test_a_prefix_names_every_command():
    assert all(
        c["command"].startswith("/pb-") for c in manifest("pb-")["features"]["slash_commands"]
    )
    settings = Settings(slack_command_prefix="study_")
    assert manifest(settings)["features"]["slash_commands"][0]["command"] == "/study_ask"


def test_socket_mode_interactivity_and_only_the_scopes_it_needs():
    app = manifest()
    assert app["settings"]["socket_mode_enabled"] is True
    assert app["settings"]["interactivity"] == {"is_enabled": True}
    assert (
        set(app["oauth_config"]["scopes"]["bot"])
        == {
            "commands",
            "chat:write",
            "users:read",
            "im:write",
            "files:write",
            "channels:history",
            "groups:history",
            "channels:read",
            "groups:read",
        }
        == set(BOT_SCOPES)
    )
    assert app["settings"]["event_subscriptions"] == {
        "bot_events": [
            "member_joined_channel",
            "channel_unarchive",
            "message.channels",
            "message.groups",
        ]
    }
    assert "user" not in app["oauth_config"]["scopes"]
    assert all("url" not in c for c in app["features"]["slash_commands"])


def test_http_mode_manifest_points_everything_at_the_request_url():
    url = "https://peerbot.example.org/slack/events"
    app = manifest(request_url=url)
    assert app["settings"]["socket_mode_enabled"] is False
    assert app["settings"]["interactivity"]["request_url"] == url
    assert {c["url"] for c in app["features"]["slash_commands"]} == {url}
    assert app["settings"]["event_subscriptions"]["request_url"] == url


def test_the_manifest_prints_as_json(capsys):
    assert json.loads(manifest_json("pb-")) == manifest("pb-")
    assert main(["pb-"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["features"]["slash_commands"][0]["command"] == "/pb-ask"


def test_the_tables_message_actions_are_message_shortcuts():
    from bot.commands.table import message_actions

    shortcuts = manifest()["features"]["shortcuts"]
    assert shortcuts == [
        {
            "name": "Save as question",
            "type": "message",
            "callback_id": "save_question",
            "description": i18n.text_of(Language.EN, "help.save_question"),
        },
        {
            "name": "Save as answer",
            "type": "message",
            "callback_id": "save_answer",
            "description": i18n.text_of(Language.EN, "help.save_answer"),
        },
    ]
    assert [s["callback_id"] for s in shortcuts] == [a.name for a in message_actions()]
    assert all(len(s["name"]) <= 24 and len(s["description"]) <= 150 for s in shortcuts)
    # no slash command for them, and no new scope (`commands` covers shortcuts)
    slash = {c["command"] for c in manifest()["features"]["slash_commands"]}
    assert not slash & {"/save_question", "/save_answer"}
