"""The ports of posted cards: where each card is (`Card`), how storage keeps them
(`CardRepository`) and where an adapter reports one it posted (`Cards`).

Kept apart from `bot.ports` (which re-exports them) so that module stays small.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


@dataclass
class Card:
    """A message the bot posted that shows a command's reply (`shows`) and is kept current:
    where it is (`message_ref`: Slack's ts, Discord's message id) so it can be edited."""

    team_id: int
    shows: str  # the command line whose reply it shows: `question 12 view:card`
    platform: str
    channel_id: str
    message_ref: str
    posted_at: datetime
    id: int | None = None
    # Where the card's thread is, as its adapter posts into it (Slack: the card's ts, the
    # `thread_ts`; Discord: the thread's channel id); "" when it has none.
    thread_ref: str = ""
    link: str = ""  # a permalink to the card (its thread), "" when the platform gave none
    capture_told: bool = False  # its thread was told replies are not recorded (capture off)


class CardRepository(Protocol):
    async def add(self, card: Card) -> Card:
        """Remember a posted card (the same message twice is stored once)."""
        ...

    async def set_thread(self, card_id: int, thread_ref: str, link: str) -> None:
        """Where the card's thread is and its permalink, learnt after it was posted."""
        ...

    async def in_thread(self, team_id: int, thread_ref: str) -> Card | None:
        """The team's card whose thread is `thread_ref` (the oldest), None for none."""
        ...

    async def tell_once(self, card_id: int) -> bool:
        """Mark the card's thread as told that its replies are not recorded; True only the
        first time (of any number of concurrent calls)."""
        ...

    async def showing(self, team_id: int, shows: str) -> Sequence[Card]:
        """The team's cards that show `shows`, oldest first."""
        ...

    async def links(self, team_id: int, shows: Sequence[str]) -> dict[str, str]:
        """Each of `shows` -> the link of the team's oldest card showing it that has a link;
        those without such a card are left out (one indexed read for the lot)."""
        ...

    async def links_of_week(
        self, team_id: int, first: date, last: date, answered_since: datetime | None
    ) -> dict[int, str]:
        """Question number -> the link of its oldest card that has a link, for the questions
        `QuestionRepository.of_week` gives for the same arguments (one read, joined to them)."""
        ...

    async def list(self, team_id: int) -> Sequence[Card]:
        """Every card of the team, oldest first (export)."""
        ...


class Cards(Protocol):
    """Where an adapter reports a posted card (a reply with `shows`): `bot.core.PeerBot` offers it.

    Reported once the platform gave the message's id; if the process dies before, that card is
    simply not kept current (the command's own change is committed either way).
    """

    async def card_posted(
        self,
        platform: str,
        channel_id: str,
        shows: str,
        message_ref: str,
        *,
        thread_ref: str = "",
        link: str = "",
    ) -> None:
        """Remember the card, and its thread and permalink: reported again with them once they
        are known, the stored card gains them. Never raises (a failure is logged)."""
        ...
