"""Settings from the environment and an optional `.env` file. Secrets come only from here."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.model import Language


class Settings(BaseSettings):
    """Everything peerbot reads from its environment."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    data_dir: Path = Field(
        default_factory=lambda: Path(user_data_dir("peerbot")),
        validation_alias=AliasChoices("PEERBOT_DATA_DIR"),
        description="Where the SQLite file and console history live.",
    )
    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("DATABASE_URL", "PEERBOT_DATABASE_URL"),
        description="Any SQLAlchemy URL; default: SQLite at <data dir>/peerbot.db.",
    )
    templates_dir: Path | None = Field(
        default=None,
        validation_alias=AliasChoices("PEERBOT_TEMPLATES_DIR"),
        description="Digest templates of your own: <format>.md.j2 overrides or adds a format.",
    )
    log_level: str = Field(default="INFO", validation_alias=AliasChoices("PEERBOT_LOG_LEVEL"))
    default_language: Language = Field(
        default=Language.KO, validation_alias=AliasChoices("PEERBOT_LANG")
    )
    slack_bot_token: SecretStr | None = Field(default=None, validation_alias="SLACK_BOT_TOKEN")
    slack_app_token: SecretStr | None = Field(default=None, validation_alias="SLACK_APP_TOKEN")
    slack_signing_secret: SecretStr | None = Field(
        default=None, validation_alias="SLACK_SIGNING_SECRET"
    )
    slack_api_url: str | None = Field(default=None, validation_alias="SLACK_API_URL")
    discord_token: SecretStr | None = Field(default=None, validation_alias="DISCORD_TOKEN")
    discord_api_url: str | None = Field(default=None, validation_alias="DISCORD_API_URL")
    discord_gateway_url: str | None = Field(default=None, validation_alias="DISCORD_GATEWAY_URL")

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise ValueError("PEERBOT_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

    @property
    def effective_database_url(self) -> str:
        """The configured URL, or the SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'peerbot.db'}"

    def secrets(self) -> list[str]:
        """Every configured secret value, for the log redaction filter."""
        values = [
            s.get_secret_value()
            for s in (
                self.slack_bot_token,
                self.slack_app_token,
                self.slack_signing_secret,
                self.discord_token,
            )
            if s is not None
        ]
        return [v for v in values if v]
