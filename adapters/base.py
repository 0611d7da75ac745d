"""What every chat-platform adapter offers `peerbot run`."""

from __future__ import annotations

from typing import Protocol

from bot.delivery import Poster


class AdapterError(Exception):
    """An adapter could not start (a bad token, an unreachable API): one sentence for a person."""


class Adapter(Protocol):
    """A running connection to one chat platform."""

    platform: str  # "slack" / "discord": the `Team.platform` of the teams it serves
    poster: Poster  # posts the outbox rows of those teams

    async def start(self) -> None:
        """Connect and return once commands are being received (AdapterError if it cannot)."""
        ...

    async def close(self) -> None:
        """Disconnect; safe to call when `start` failed or never ran."""
        ...
