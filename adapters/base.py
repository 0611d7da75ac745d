"""What every chat-platform adapter offers `peerbot run`."""

from __future__ import annotations

from typing import Protocol

from bot.delivery import Poster


class AdapterError(Exception):
    """An adapter could not start (a bad token, an unreachable API): one sentence for a person."""


class Adapter(Protocol):
    """A running connection to one chat platform."""

    # Read-only, so an adapter may hold its own poster class (`SlackPoster`, `DiscordPoster`).
    @property
    def platform(self) -> str:
        """The `Team.platform` of the teams it serves: "slack" or "discord"."""
        ...

    @property
    def poster(self) -> Poster:
        """Posts the outbox rows of those teams."""
        ...

    async def start(self) -> None:
        """Connect and return once commands are being received (AdapterError if it cannot)."""
        ...

    async def close(self) -> None:
        """Disconnect; safe to call when `start` failed or never ran."""
        ...
