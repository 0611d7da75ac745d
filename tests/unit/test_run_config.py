"""`peerbot run` with a half-done platform set-up says what to set, and never prints a token."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from peerbot.cli import main

BOT = "xoxb-1-secret-bot-token"
APP = "xapp-1-secret-app-token"


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"SLACK_BOT_TOKEN": BOT}, "neither SLACK_APP_TOKEN"),
        ({"SLACK_BOT_TOKEN": BOT, "SLACK_SIGNING_SECRET": "s3cret"}, "SLACK_PORT"),
        ({"SLACK_APP_TOKEN": APP}, "SLACK_BOT_TOKEN is not"),
    ],
)
def test_a_half_configured_slack_is_refused_in_one_sentence(tmp_path, monkeypatch, env, says):
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "DISCORD_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    env = {"PEERBOT_DATA_DIR": str(tmp_path), **env}
    result = CliRunner().invoke(main, ["run"], env=env)
    assert result.exit_code == 1
    assert says in result.output
    assert BOT not in result.output and APP not in result.output and "s3cret" not in result.output


def test_the_slack_manifest_command_prints_the_tables_commands_with_the_prefix(tmp_path):
    import json

    from bot.commands.table import top_level_names

    result = CliRunner().invoke(
        main, ["slack", "manifest", "--prefix", "pb-"], env={"PEERBOT_DATA_DIR": str(tmp_path)}
    )
    assert result.exit_code == 0, result.output
    manifest = json.loads(result.output)
    commands = [c["command"] for c in manifest["features"]["slash_commands"]]
    assert commands == [f"/pb-{name}" for name in top_level_names()]
    assert manifest["settings"]["socket_mode_enabled"] is True
