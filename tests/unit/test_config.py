from pathlib import Path

from peerbot.config import Settings
from peerbot.logs import RedactSecrets


def test_settings_take_keyword_arguments_as_well_as_environment(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:///from-env.db")
    settings = Settings(database_url="sqlite:///given.db", data_dir=tmp_path)
    assert settings.effective_database_url == "sqlite:///given.db"
    assert settings.data_dir == tmp_path


def test_environment_configures_the_database_and_data_dir(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("PEERBOT_DATA_DIR", str(tmp_path))
    assert Settings().effective_database_url == f"sqlite:///{tmp_path / 'peerbot.db'}"


def test_secrets_are_hidden_in_the_settings_repr(monkeypatch):
    monkeypatch.setenv("DISCORD_TOKEN", "discord-secret-value")
    settings = Settings()
    assert "discord-secret-value" not in repr(settings)
    assert settings.secrets() == ["discord-secret-value"]


def test_the_log_filter_blanks_secrets_and_url_passwords():
    redact = RedactSecrets(["xoxb-123-secret"]).redact
    assert redact("token xoxb-123-secret failed") == "token *** failed"
    assert redact("postgresql://bot:hunter2@db/x") == "postgresql://bot:***@db/x"
