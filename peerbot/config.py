"""Settings from the environment and an optional `.env` file. Secrets come only from here."""

from __future__ import annotations

import os
import re
from pathlib import Path

from platformdirs import user_data_dir
from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.model.teams import Language
from bot.web.access import WebAccess


class ConfigurationError(ValueError):
    """The settings cannot start the bot as given: one sentence saying what to set."""


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
    slack_port: int | None = Field(
        default=None,
        validation_alias=AliasChoices("SLACK_PORT", "PORT"),
        description="HTTP mode: serve Slack's requests on this port at /slack/events.",
    )
    slack_host: str = Field(default="0.0.0.0", validation_alias="SLACK_HOST")
    slack_command_prefix: str = Field(
        default="",
        validation_alias="SLACK_COMMAND_PREFIX",
        description="Prefix of every slash command (`pb-` gives /pb-ask), against collisions.",
    )
    discord_token: SecretStr | None = Field(default=None, validation_alias="DISCORD_TOKEN")
    discord_api_url: str | None = Field(default=None, validation_alias="DISCORD_API_URL")
    discord_gateway_url: str | None = Field(default=None, validation_alias="DISCORD_GATEWAY_URL")
    discord_global_sync: bool = Field(
        default=False,
        validation_alias="DISCORD_GLOBAL_SYNC",
        description="Register the commands globally (slow to appear) instead of per server.",
    )
    discord_message_content: bool = Field(
        default=False,
        validation_alias="DISCORD_MESSAGE_CONTENT",
        description="Read replies in question cards' threads (needs the privileged Message "
        "Content intent, switched on in the Developer Portal).",
    )

    web_port: int | None = Field(
        default=None,
        validation_alias="PEERBOT_WEB_PORT",
        description="Serve the read-only web view on this port (`peerbot run`, `peerbot web`).",
    )
    web_host: str = Field(default="127.0.0.1", validation_alias="PEERBOT_WEB_HOST")
    web_url: str | None = Field(
        default=None,
        validation_alias="PEERBOT_WEB_URL",
        description="The web view's public base URL, for the links /team web gives.",
    )
    web_secret: SecretStr | None = Field(
        default=None,
        validation_alias="PEERBOT_WEB_SECRET",
        description="Signs the web links; default: a secret made once and kept in the database.",
    )

    git_author: str = Field(
        default="peerbot <peerbot@localhost>",
        validation_alias="PEERBOT_GIT_AUTHOR",
        description="The author of `peerbot publish`'s commits, `Name <email>`.",
    )

    @field_validator("git_author")
    @classmethod
    def _valid_author(cls, value: str) -> str:
        if not re.fullmatch(r"[^<>\n]+ <[^<>\s]+>", value.strip()):
            raise ValueError("PEERBOT_GIT_AUTHOR must read `Name <email>`")
        return value.strip()

    @field_validator("slack_command_prefix")
    @classmethod
    def _valid_prefix(cls, value: str) -> str:
        prefix = value.strip().lower()
        if prefix and not all(c.isalnum() or c in "-_" for c in prefix):
            raise ValueError("SLACK_COMMAND_PREFIX may hold only letters, digits, - and _")
        if len(prefix) > 10:
            raise ValueError("SLACK_COMMAND_PREFIX must be at most 10 characters")
        return prefix

    @property
    def slack_mode(self) -> str | None:
        """Slack's mode: "socket", "http", or None when Slack is not configured."""
        if self.slack_bot_token is None:
            return None
        if self.slack_app_token is not None:
            return "socket"
        if self.slack_signing_secret is not None and self.slack_port is not None:
            return "http"
        return None

    def platforms(self) -> list[str]:
        """The platforms the tokens configure; a half-done Slack set-up is refused."""
        platforms: list[str] = []
        if self.slack_bot_token or self.slack_app_token:
            if self.slack_bot_token is None:
                raise ConfigurationError(
                    "SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not; set the bot token "
                    "(xoxb-…) from the app's OAuth & Permissions page too"
                )
            if self.slack_mode is None:
                raise ConfigurationError(
                    "SLACK_BOT_TOKEN is set, but neither SLACK_APP_TOKEN (Socket Mode, no public "
                    "URL) nor SLACK_SIGNING_SECRET with SLACK_PORT (HTTP mode) is; set one of them"
                )
            platforms.append("slack")
        if self.discord_token is not None:
            platforms.append("discord")
        return platforms

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

    def web_access(self) -> WebAccess | None:
        """Where the web view is published, when it is served (PEERBOT_WEB_PORT)."""
        if self.web_port is None:
            return None
        base = self.web_url or f"http://{self.web_host}:{self.web_port}"
        secret = self.web_secret.get_secret_value() if self.web_secret else None
        return WebAccess(base.rstrip("/"), secret or None)

    def secrets(self) -> list[str]:
        """Every configured secret value, for the log redaction filter."""
        values = [
            s.get_secret_value()
            for s in (
                self.slack_bot_token,
                self.slack_app_token,
                self.slack_signing_secret,
                self.discord_token,
                self.web_secret,
            )
            if s is not None
        ]
        return [v for v in values if v] + list(git_tokens().values())


GIT_TOKEN = "PEERBOT_GIT_TOKEN"


def git_tokens() -> dict[str, str]:
    """Every git token in the environment, by variable name (never stored anywhere else)."""
    return {k: v for k, v in os.environ.items() if k.startswith(GIT_TOKEN) and v}


def git_token(team_id: int) -> str | None:
    """The team's own token (`PEERBOT_GIT_TOKEN_<team id>`), else the shared one, else None."""
    return os.environ.get(f"{GIT_TOKEN}_{team_id}") or os.environ.get(GIT_TOKEN) or None
