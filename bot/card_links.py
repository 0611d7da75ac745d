"""Which command line a question's card shows, and the links to the cards' threads.

Kept apart from `bot.handlers.cards` (which renders the card) so the lists and the digest can
link a question to its thread without importing a handler.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

from bot.ports import UnitOfWork

# A link as a platform gives one: shown in lists and inside the digest's Markdown `(…)`, so
# anything else (an import's hand-edited value) is left out rather than printed.
_LINK = re.compile(r"https://[^\s()<>\[\]`*_]{1,500}")


CARD_LINE = ("question ", " view:card")
"""What a card of a question `shows`, before and after its number (`card_line`): storage joins
a week's questions to their cards by it."""
_CARD_LINE = re.compile(r"question (\d{1,9}) view:card")


def card_line(number: int) -> str:
    """The command line whose reply is the card of question `number` (what a card `shows`)."""
    return f"{CARD_LINE[0]}{number}{CARD_LINE[1]}"


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


async def week_links(
    uow: UnitOfWork, team_id: int, first: date, last: date, answered_since: datetime | None
) -> dict[int, str]:
    """`thread_links` of the questions `QuestionRepository.of_week` gives for the same
    arguments, in one read joined to them (no list of their numbers to send)."""
    found = await uow.cards.links_of_week(team_id, first, last, answered_since)
    return {number: link for number, link in found.items() if _LINK.fullmatch(link)}
