"""Posted cards: where each message that shows a command's reply is, so it can be edited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, Select, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.ports import Card
from storage import statements as sql
from storage.asyncpg_cursor import PostgresConnection
from storage.inline_sqlite import InlineSqliteConnection
from storage.question_repository import IN_CHUNK
from storage.repositories import SqlRepository
from storage.tables import cards
from storage.week_statements import week_parameters


class SqlCardRepository(SqlRepository):
    """One row per posted message (platform, channel, message id).

    `showing` is read once per unit of work and kept until this repository writes a card: an
    `/answer` asks it twice (the cards to refresh, then the thread its reply goes in)."""

    def __init__(
        self, connection: AsyncConnection | InlineSqliteConnection | PostgresConnection
    ) -> None:
        super().__init__(connection)
        self._showing: dict[tuple[int, str], tuple[Card, ...]] = {}

    async def add(self, card: Card) -> Card:
        """Store a posted card; the same message reported again: the first row stands."""
        self._showing.clear()
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
        insert = sql.INSERT_CARD[self._connection.dialect.name]
        card_id = (await self._execute(insert, values)).scalar_one_or_none()
        if card_id is not None:
            return replace(card, id=int(card_id))
        key = {k: values[k] for k in sql.CARD_KEY}
        found = await self._mapped(sql.CARD_BY_MESSAGE, _card, key)
        return found[0]

    async def set_thread(self, card_id: int, thread_ref: str, link: str) -> None:
        self._showing.clear()
        values = {"card_id": card_id, "thread_ref": thread_ref or None, "link": link or None}
        await self._execute(sql.SET_CARD_THREAD, values)

    async def in_thread(self, team_id: int, thread_ref: str) -> Card | None:
        query = select(cards).where(cards.c.team_id == team_id, cards.c.thread_ref == thread_ref)
        found = await self._mapped(query.order_by(cards.c.id).limit(1), _card)
        return found[0] if found and thread_ref else None

    async def tell_once(self, card_id: int) -> bool:
        self._showing.clear()
        told = cards.update().where(cards.c.id == card_id, cards.c.capture_told.is_(False))
        result = await self._execute(told.values(capture_told=True))
        return bool(result.rowcount)

    async def showing(self, team_id: int, shows: str) -> Sequence[Card]:
        key = (team_id, shows)
        if key not in self._showing:
            parameters = {"team_id": team_id, "shows": shows}
            self._showing[key] = tuple(await self._mapped(sql.CARDS_SHOWING, _card, parameters))
        return list(self._showing[key])  # the caller's own list, as a read gives

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
        settles, parameters = week_parameters(team_id, first, last, answered_since)
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
