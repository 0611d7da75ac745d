"""What the Slack adapter reads of the configuration: a protocol, so `adapters/` never imports
the composition root; `peerbot.config.Settings` is one such object."""

from __future__ import annotations

from typing import Protocol

from pydantic import SecretStr

from bot.model.teams import Language


class SlackSettings(Protocol):
    """The tokens, addresses and choices a Slack app is started with."""

    @property
    def slack_bot_token(self) -> SecretStr | None: ...
    @property
    def slack_app_token(self) -> SecretStr | None: ...
    @property
    def slack_signing_secret(self) -> SecretStr | None: ...
    @property
    def slack_api_url(self) -> str | None: ...
    @property
    def slack_port(self) -> int | None: ...
    @property
    def slack_host(self) -> str: ...
    @property
    def slack_command_prefix(self) -> str: ...
    @property
    def slack_mode(self) -> str | None:
        """ "socket", "http", or None when the tokens configure neither."""
        ...

    @property
    def default_language(self) -> Language: ...
