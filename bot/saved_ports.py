"""The chat message a message action was used on (`SavedMessage`), as adapters hand it to the
core; re-exported by `bot.ports`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SavedMessage:
    """The chat message a message action (*Save as question*) was used on, as its platform
    gave it: who wrote it, its text as plain user text (the adapter turns platform markup such
    as Slack's `<@U…>` into words), a link to it, whether a bot wrote it, and its channel.

    `ref` is the adapter's own short way back to the message (it travels in a form's `state`,
    so the second step of *Save as answer* needs nothing kept in memory); the core never reads it.
    """

    author_id: str
    author_name: str
    text: str
    link: str
    from_bot: bool
    channel_id: str
    ref: str = ""

    @property
    def author_display_name(self) -> str:
        return self.author_name.strip()[:80] or self.author_id
