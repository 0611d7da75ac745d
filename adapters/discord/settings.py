"""What the Discord adapter reads of the configuration: a protocol, so `adapters/` never imports
the composition root; `peerbot.config.Settings` is one such object."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from pydantic import SecretStr

from bot.model.teams import Language


class DiscordSettings(Protocol):
    """The token, addresses and choices a Discord client is started with."""

    @property
    def discord_token(self) -> SecretStr | None: ...
    @property
    def discord_api_url(self) -> str | None: ...
    @property
    def discord_gateway_url(self) -> str | None: ...
    @property
    def discord_global_sync(self) -> bool: ...
    @property
    def discord_message_content(self) -> bool:
        """Read replies in question cards' threads (the privileged Message Content intent)."""
        ...

    @property
    def templates_dir(self) -> Path | None:
        """Custom digest templates: their formats are offered in `/digest format:`."""
        ...

    @property
    def default_language(self) -> Language: ...
