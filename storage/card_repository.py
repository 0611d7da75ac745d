"""Posted cards: where each message that shows a command's reply is, so it can be edited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, Select, select

from bot.errors import Conflict
from bot.ports import Card
from storage import statements as sql
from storage.question_repository import IN_CHUNK
from storage.repositories import SqlRepository
from storage.tables import cards


class SqlCardRepository(SqlRepository):
    """One row per posted message (platform, channel, message id)."""

    async def add(self, card: Card) -> Card:
        values = {
            "team_id": card.team_id,
            "shows": card.shows,
            "platform": card.platform,
            "channel_id": card.channel_id,
            "message_ref": card.message_ref,
            "posted_at": card.posted_at,
            "thread_ref": card.thread_ref or None,
            "link": card.link or None,
            "capture_told": card.capture_told,
        }
        try:
            async with self._savepoint():
                result = await self._execute(cards.insert().values(values))
        except Conflict:  # the same message reported twice: the first row stands
            found = await self._mapped(
                select(cards).where(
                    cards.c.platform == card.platform,
                    cards.c.channel_id == card.channel_id,
                    cards.c.message_ref == card.message_ref,
                ),
                _card,
            )
            return found[0]
        key = result.inserted_primary_key
        assert key is not None
        return replace(card, id=int(key[0]))

    async def set_thread(self, card_id: int, thread_ref: str, link: str) -> None:
        values = {"thread_ref": thread_ref or None, "link": link or None}
        await self._execute(cards.update().where(cards.c.id == card_id).values(values))

    async def in_thread(self, team_id: int, thread_ref: str) -> Card | None:
        query = select(cards).where(cards.c.team_id == team_id, cards.c.thread_ref == thread_ref)
        found = await self._mapped(query.order_by(cards.c.id).limit(1), _card)
        return found[0] if found and thread_ref else None

    async def tell_once(self, card_id: int) -> bool:
        told = cards.update().where(cards.c.id == card_id, cards.c.capture_told.is_(False))
        result = await self._execute(told.values(capture_told=True))
        return bool(result.rowcount)

    async def showing(self, team_id: int, shows: str) -> Sequence[Card]:
        return await self._mapped(sql.CARDS_SHOWING, _card, {"team_id": team_id, "shows": shows})

    async def links(self, team_id: int, shows: Sequence[str]) -> dict[str, str]:
        wanted = list(dict.fromkeys(shows))
        found: dict[str, str] = {}
        for start in range(0, len(wanted), IN_CHUNK):
            chunk = links_query(team_id, wanted[start : start + IN_CHUNK])
            for row in await self._rows(chunk):
                found.setdefault(row.shows, row.link)
        return found

    async def links_of_week(
        self, team_id: int, first: date, last: date, answered_since: datetime | None
    ) -> dict[int, str]:
        settles = answered_since is not None
        parameters: dict[str, Any] = {"team_id": team_id, "first": first, "last": last}
        if settles:
            parameters["settled"] = answered_since
        found: dict[int, str] = {}
        for number, link in await self._rows(sql.WEEK_CARD_LINKS[settles], parameters):
            found.setdefault(number, link)
        return found

    async def list(self, team_id: int) -> Sequence[Card]:
        query = select(cards).where(cards.c.team_id == team_id).order_by(cards.c.id)
        return await self._mapped(query, _card)


def links_query(team_id: int, shows: Sequence[str]) -> Select[tuple[str, str]]:
    """The links of the team's cards showing any of `shows`, oldest first: a range of the
    (team_id, shows) index, not a read of every card of the team."""
    return (
        select(cards.c.shows, cards.c.link)
        .where(
            cards.c.team_id == team_id,
            cards.c.shows.in_(list(shows)),
            cards.c.link.is_not(None),
            cards.c.link != "",
        )
        .order_by(cards.c.id)
    )


def _card(row: Row[Any]) -> Card:
    return Card(
        team_id=row.team_id,
        shows=row.shows,
        platform=row.platform,
        channel_id=row.channel_id,
        message_ref=row.message_ref,
        posted_at=row.posted_at,
        id=row.id,
        thread_ref=row.thread_ref or "",
        link=row.link or "",
        capture_told=bool(row.capture_told),
    )
