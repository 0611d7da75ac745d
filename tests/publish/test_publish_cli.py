"""`peerbot publish`, `publish list` and `publish retry` as an operator types them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.errors import PeerbotError
from bot.publish.layout import (
    DEFAULT_LAYOUT,
    FileSlot,
    check_layout,
    check_url,
    path_for,
    shown_url,
)
from peerbot.cli import main
from tests.publish.remotes import OPENED, bare, files


def _env(tmp_path: Path) -> dict[str, str]:
    return {"PEERBOT_DATA_DIR": str(tmp_path / "data"), "PEERBOT_LANG": "en"}


def test_publish_list_and_retry_from_the_command_line(tmp_path: Path):
    url, remote = bare(tmp_path)
    runner = CliRunner()
    env = _env(tmp_path)
    script = tmp_path / "script.txt"
    script.write_text(
        "@2021-08-09 13:00\n"
        "kim: /team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:en name:cv\n"
        "kim: /ask Why zero_grad? category:lecture\n"
        f"kim: /team settings repo:{url}\n",
        encoding="utf-8",
    )
    done = runner.invoke(main, ["console", "--script", str(script), "--strict"], env=env)
    assert done.exit_code == 0, done.output
    first = runner.invoke(main, ["publish", "--team", "cv", "--week", "2"], env=env)
    assert first.exit_code == 0, first.output
    assert "team cv, Week 02: published commit" in first.output
    assert "peer-session/Week 02/peer-minutes.md" in files(remote)
    again = runner.invoke(main, ["publish", "--week", "2"], env=env)  # every configured team
    assert "nothing changed" in again.output and again.exit_code == 0
    listed = runner.invoke(main, ["publish", "list"], env=env)
    assert "\tcv\tweek02\tunchanged\t" in listed.output and "1 row(s)" in listed.output
    retried = runner.invoke(main, ["publish", "retry"], env=env)
    assert "0 failed or pending row(s) tried again" in retried.output
    OPENED.clear()
    remote.close()


def test_the_default_layout_is_the_teams_own():
    slot = FileSlot(
        4, __import__("datetime").date(2021, 8, 23), "retro-log", "retro-log-kim", "kim"
    )
    assert path_for(DEFAULT_LAYOUT, slot) == "peer-session/Week 04/retro-log-kim.md"
    assert path_for("{week}/{member}-{format}.md", slot) == "04/kim-retro-log.md"
    assert check_layout(" TIL/{monday}/{name}.md ") == "TIL/{monday}/{name}.md"


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/t/til.git",
        "git@github.com:t/til.git",
        "ssh://git@host/t/til.git",
        "file:///srv/til.git",
        "https://kim@github.com/t/til.git",
    ],
)
def test_repository_addresses_taken(url: str):
    assert check_url(url) == url


@pytest.mark.parametrize(
    "url", ["til", "https://github.com", "https://a:b@github.com/t.git", "file://x/y", "C:\\til"]
)
def test_repository_addresses_refused(url: str):
    with pytest.raises(PeerbotError):
        check_url(url)


def test_a_url_is_shown_without_its_user():
    assert shown_url("https://kim@github.com/t/til.git") == "https://github.com/t/til.git"


def test_git_tokens_come_from_the_environment_and_are_redacted_from_logs(monkeypatch):
    import logging

    from peerbot.config import Settings, git_token
    from peerbot.logs import RedactSecrets

    monkeypatch.setenv("PEERBOT_GIT_TOKEN", "ghp_shared_token_1")
    monkeypatch.setenv("PEERBOT_GIT_TOKEN_7", "ghp_team7_token_2")
    assert git_token(7) == "ghp_team7_token_2" and git_token(8) == "ghp_shared_token_1"
    secrets = Settings().secrets()
    assert {"ghp_shared_token_1", "ghp_team7_token_2"} <= set(secrets)
    record = logging.LogRecord(
        "x", logging.WARNING, "f", 1, "push %s", ("ghp_team7_token_2",), None
    )
    RedactSecrets(secrets).filter(record)
    assert "ghp_team7_token_2" not in record.getMessage()
    monkeypatch.delenv("PEERBOT_GIT_TOKEN")
    assert git_token(8) is None


def test_a_refused_push_from_the_command_line_names_its_row_and_exits_1(tmp_path: Path):
    from tests.publish.remotes import http_remote

    runner = CliRunner()
    with http_remote(tmp_path) as remote:
        env = {**_env(tmp_path), "PEERBOT_GIT_TOKEN": remote.token}
        script = tmp_path / "script.txt"
        script.write_text(
            "@2021-08-09 13:00\n"
            "kim: /team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:en name:cv\n"
            f"kim: /team settings repo:{remote.url}\n",
            encoding="utf-8",
        )
        assert runner.invoke(main, ["console", "--script", str(script)], env=env).exit_code == 0
        remote.refuse_push = True
        refused = runner.invoke(main, ["publish", "--team", "cv", "--week", "2"], env=env)
        assert refused.exit_code == 1 and "push refused" in refused.output
        assert "row 1 will be retried (attempt 1 of 5" in refused.output
        assert remote.token not in refused.output
        remote.refuse_push = False
        retried = runner.invoke(main, ["publish", "retry", "1"], env=env)
        assert retried.exit_code == 0 and "published commit" in retried.output
        listed = runner.invoke(main, ["publish", "list", "--state", "published"], env=env)
        assert "\tcv\tweek02\tpublished\t" in listed.output
    OPENED.clear()
    remote.repo.close()


def test_the_commit_author_is_configured_as_name_and_email(monkeypatch):
    from pydantic import ValidationError

    from peerbot.config import Settings

    assert Settings().git_author == "peerbot <peerbot@localhost>"
    monkeypatch.setenv("PEERBOT_GIT_AUTHOR", "Study Bot <bot@example.com>")
    assert Settings().git_author == "Study Bot <bot@example.com>"
    monkeypatch.setenv("PEERBOT_GIT_AUTHOR", "no email")
    with pytest.raises(ValidationError, match="Name <email>"):
        Settings()
