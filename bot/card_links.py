"""Which command line a question's card shows, and the links to the cards' threads.

Kept apart from `bot.handlers.cards` (which renders the card) so the lists and the digest can
link a question to its thread without importing a handler.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.ports import UnitOfWork

# A link as a platform gives one: shown in lists and inside the digest's Markdown `(…)`, so
# anything else (an import's hand-edited value) is left out rather than printed.
_LINK = re.compile(r"https://[^\s()<>\[\]`*_]{1,500}")


_CARD_LINE = re.compile(r"question (\d{1,9}) view:card")


def card_line(number: int) -> str:
    """The command line whose reply is the card of question `number` (what a card `shows`)."""
    return f"question {number} view:card"


def number_of(shows: str) -> int | None:
    """The question whose card shows `shows` (`card_line`'s inverse), None for another reply."""
    found = _CARD_LINE.fullmatch(shows)
    return int(found.group(1)) if found else None


async def thread_links(uow: UnitOfWork, team_id: int, numbers: Iterable[int]) -> dict[int, str]:
    """Question number -> the link of its first card that has one (Slack's permalink, Discord's
    jump URL; the card opens its thread), for those of `numbers` whose card has one (and only
    a plain https address). One read for all of them."""
    wanted = {card_line(number): number for number in numbers}
    if not wanted:
        return {}
    found = await uow.cards.links(team_id, list(wanted))
    return {
        wanted[shows]: link
        for shows, link in found.items()
        if shows in wanted and _LINK.fullmatch(link)
    }
