"""The repositories of `bot.ports` on one SQLAlchemy connection, mapping rows to `bot.model`.

Every statement is scoped by team: given another team's id or number, a method finds nothing.
A taken unique key raises `bot.errors.Conflict`, an outage `TryAgainLater`. Writes that can hit
a unique key run in a savepoint, so after a Conflict the unit of work is still usable on
PostgreSQL (which otherwise aborts the whole transaction), as it is on SQLite.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import date, time
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    Executable,
    Result,
    Row,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.model.questions import Note, Question
from bot.model.teams import Arrival, Language, Member, RetroTemplate, Team, TeamSchedule
from storage import statements as sql
from storage.asyncpg_cursor import PostgresConnection
from storage.errors import translate_errors
from storage.inline_sqlite import InlineSqliteConnection
from storage.tables import members, team_days_off, teams

T = TypeVar("T")

PARTITION = 500
"""Rows fetched and mapped between two turns of the event loop, in a read that can return a
whole team: on SQLite (inline) 5-20 ms of work, so a 5,000-row week never holds the loop long."""


async def map_in_partitions(rows: Sequence[Row[Any]], to: Callable[[Row[Any]], T]) -> list[T]:
    """`to` over rows already fetched, letting the loop run every `PARTITION` rows."""
    mapped: list[T] = []
    for start in range(0, len(rows), PARTITION):
        if start:
            await asyncio.sleep(0)
        mapped.extend(map(to, rows[start : start + PARTITION]))
    return mapped


class SqlRepository:
    """Base: one connection, statements with outages turned into TryAgainLater."""

    def __init__(
        self, connection: AsyncConnection | InlineSqliteConnection | PostgresConnection
    ) -> None:
        self._connection = connection

    async def _execute(
        self, statement: Executable, parameters: dict[str, Any] | None = None
    ) -> CursorResult[Any]:
        with translate_errors():
            return await self._connection.execute(statement, parameters)

    async def _read_aside(
        self, statement: Executable, parameters: dict[str, Any] | None = None
    ) -> Result[Any]:
        """A read that can take tens of milliseconds on a big team (ranked search, similar
        questions): on inline SQLite it runs in a worker thread (`InlineSqliteConnection.
        execute_aside`), elsewhere as `_execute` (the async drivers never hold the loop)."""
        with translate_errors():
            if isinstance(self._connection, InlineSqliteConnection):
                return await self._connection.execute_aside(statement, parameters)
            return await self._connection.execute(statement, parameters)

    async def _mapped(
        self,
        statement: Executable,
        to: Callable[[Row[Any]], T],
        parameters: dict[str, Any] | None = None,
    ) -> list[T]:
        """Every row of a read that can return a whole team, fetched and mapped by `to` in
        partitions with the event loop let run between them (see `PARTITION`). A read of one
        partition does not yield: on inline SQLite a small command still runs to its end in one
        turn of the loop, its transaction never open while other work runs."""
        mapped: list[T] = []
        with translate_errors():
            result = await self._connection.execute(statement, parameters)
            for index, rows in enumerate(result.partitions(PARTITION)):
                if index:
                    await asyncio.sleep(0)
                mapped.extend(map(to, rows))
        return mapped

    async def _rows(
        self, statement: Executable, parameters: dict[str, Any] | None = None
    ) -> list[Row[Any]]:
        """Every row of a read that can return a whole team, fetched in partitions."""
        return await self._mapped(statement, _same, parameters)

    async def _execute_many(self, statement: Executable, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            with translate_errors():
                await self._connection.execute(statement, list(rows))

    @asynccontextmanager
    async def _savepoint(self) -> AsyncIterator[None]:
        """Statements whose failure (a duplicate, say) must leave the transaction usable."""
        with translate_errors():
            async with self._connection.begin_nested():
                yield


def _same(row: Row[Any]) -> Row[Any]:
    return row


def _require_id(thing: Team | Member | Question | Note, what: str) -> int:
    if thing.id is None:
        raise ValueError(f"{what} has no id: add it first")
    return thing.id


def _format_weekdays(weekdays: Iterable[int]) -> str:
    return ",".join(str(day) for day in sorted(weekdays))


@functools.lru_cache(maxsize=256)
def _parse_weekdays(stored: str) -> frozenset[int]:
    """Kept by value (a frozenset is never changed): every command reads its team."""
    return frozenset(int(part) for part in stored.split(",") if part)


class SqlTeamRepository(SqlRepository):
    """Teams and their days off."""

    async def get_by_channel(self, platform: str, channel_id: str) -> Team | None:
        parameters = {"platform": platform, "channel_id": channel_id}
        row = (await self._execute(sql.TEAM_BY_CHANNEL, parameters)).one_or_none()
        return None if row is None else await self._with_days_off(row)

    async def get_with_caller(self, platform: str, channel_id: str, user_id: str) -> Arrival:
        """The channel's team, the caller's membership of it and its parked posts, in one
        statement."""
        parameters = {"platform": platform, "channel_id": channel_id, "user_id": user_id}
        rows = (await self._execute(sql.TEAM_AND_CALLER, parameters)).all()
        if not rows:
            return Arrival(None, None)
        first = rows[0]
        days_off = frozenset(row.day_off for row in rows if row.day_off is not None)
        caller = None
        if first.caller_id is not None:
            start = len(teams.c)
            caller = member_of_row(first[start : start + len(members.c)])
        return Arrival(_team(first, days_off), caller, bool(first.parked_here))

    async def get_by_name(self, name: str) -> Team | None:
        """The oldest team of that name (names are not unique: see `list_by_name`)."""
        found = await self.list_by_name(name)
        return found[0] if found else None

    async def list_by_name(self, name: str) -> Sequence[Team]:
        """Every team of that name, oldest first."""
        statement = select(teams).where(teams.c.name == name).order_by(teams.c.id)
        return [await self._with_days_off(row) for row in (await self._execute(statement)).all()]

    async def get(self, team_id: int) -> Team | None:
        row = (await self._execute(sql.TEAM_BY_ID, {"team_id": team_id})).one_or_none()
        return None if row is None else await self._with_days_off(row)

    async def add(self, team: Team) -> Team:
        """Store a new team (with its days off) and return it with its id."""
        values = self._values(team)
        if team.created_at is not None:
            values["created_at"] = team.created_at
        statement = insert(teams).values(values).returning(teams.c.id, teams.c.created_at)
        async with self._savepoint():
            row = (await self._execute(statement)).one()
            await self._insert_days_off(row.id, team.days_off)
        return replace(team, id=row.id, created_at=row.created_at)

    async def update(self, team: Team) -> None:
        """Store changed settings and days off of an existing team (LookupError if none)."""
        team_id = _require_id(team, "team")
        async with self._savepoint():
            result = await self._execute(
                update(teams).where(teams.c.id == team_id).values(self._values(team))
            )
            if result.rowcount == 0:
                raise LookupError(f"no team {team_id}")
            await self._execute(delete(team_days_off).where(team_days_off.c.team_id == team_id))
            await self._insert_days_off(team_id, team.days_off)

    async def list(self) -> Sequence[Team]:
        rows = (await self._execute(select(teams).order_by(teams.c.id))).all()
        days_off: dict[int, set[date]] = {}
        for team_id, day in await self._execute(select(team_days_off)):
            days_off.setdefault(team_id, set()).add(day)
        return [_team(row, frozenset(days_off.get(row.id, ()))) for row in rows]

    async def next_question_number(self, team_id: int) -> int:
        """Reserve the team's next question number (one atomic UPDATE ... RETURNING)."""
        result = await self._execute(sql.NEXT_QUESTION_NUMBER, {"team_id": team_id})
        number = result.scalar_one_or_none()
        if number is None:
            raise LookupError(f"no team {team_id}")
        return int(number)

    async def set_next_question_number(self, team_id: int, number: int) -> None:
        """Set the number the next question gets (used by import; LookupError if no team)."""
        await self._set_counter(team_id, "question", number)

    async def counters(self, team_id: int) -> tuple[int, int]:
        """The next question and assignment numbers (LookupError if no team)."""
        statement = select(teams.c.next_question_number, teams.c.next_assignment_number).where(
            teams.c.id == team_id
        )
        row = (await self._execute(statement)).one_or_none()
        if row is None:
            raise LookupError(f"no team {team_id}")
        return int(row[0]), int(row[1])

    async def set_next_assignment_number(self, team_id: int, number: int) -> None:
        """Set the number the next assignment gets (used by import; LookupError if no team)."""
        await self._set_counter(team_id, "assignment", number)

    async def _set_counter(self, team_id: int, what: str, number: int) -> None:
        """Set `next_<what>_number` of the team (ValueError below 1, LookupError if no team)."""
        if number < 1:
            raise ValueError(f"{what} numbers start at 1, not {number}")
        values = {f"next_{what}_number": number}
        statement = update(teams).where(teams.c.id == team_id).values(values)
        if (await self._execute(statement)).rowcount == 0:
            raise LookupError(f"no team {team_id}")

    async def _one(self, where: ColumnElement[bool]) -> Team | None:
        row = (await self._execute(select(teams).where(where))).one_or_none()
        return None if row is None else await self._with_days_off(row)

    async def _with_days_off(self, row: Row[Any]) -> Team:
        days = await self._execute(sql.DAYS_OFF_OF_TEAM, {"team_id": row.id})
        return _team(row, frozenset(days.scalars()))

    async def _insert_days_off(self, team_id: int, days: Iterable[date]) -> None:
        rows = [{"team_id": team_id, "day": day} for day in sorted(set(days))]
        await self._execute_many(insert(team_days_off), rows)

    @staticmethod
    def _values(team: Team) -> dict[str, Any]:
        return {
            "platform": team.platform,
            "channel_id": team.channel_id,
            "name": team.name,
            "start_date": team.start_date,
            "zone": team.zone,
            "country": team.country,
            "language": team.language.value,
            "retro_template": team.retro_template.value,
            "weekdays": _format_weekdays(team.weekdays),
            "capture_threads": team.capture_threads,
            "similar_check": team.similar_check,
            **_schedule_values(team.schedule),
        }


def _schedule_values(schedule: TeamSchedule) -> dict[str, Any]:
    return {
        "session_time": schedule.session_time.strftime("%H:%M"),
        "session_reminder_minutes": schedule.session_reminder_minutes,
        "retro_time": schedule.retro_time.strftime("%H:%M"),
        "assignment_reminder_hours": ",".join(map(str, schedule.assignment_reminder_hours)),
        "digest_weekday": schedule.digest_weekday,
        "digest_time": schedule.digest_time.strftime("%H:%M"),
        "office_hours": schedule.office_hours.strftime("%H:%M") if schedule.office_hours else None,
        "grace_minutes": schedule.grace_minutes,
    }


def _schedule(row: Row[Any]) -> TeamSchedule:
    return _schedule_of(
        row.session_time,
        row.session_reminder_minutes,
        row.retro_time,
        row.assignment_reminder_hours,
        row.digest_weekday,
        row.digest_time,
        row.office_hours,
        row.grace_minutes,
    )


@functools.lru_cache(maxsize=1024)
def _schedule_of(
    session_time: str,
    session_reminder_minutes: int,
    retro_time: str,
    reminder_hours: str,
    digest_weekday: int | None,
    digest_time: str,
    office_hours: str | None,
    grace_minutes: int,
) -> TeamSchedule:
    """A schedule by its stored values, kept (a `TeamSchedule` is frozen): every command reads
    its team, and parsing the times anew was a fortieth of a small command's CPU."""
    return TeamSchedule(
        session_time=time.fromisoformat(session_time),
        session_reminder_minutes=session_reminder_minutes,
        retro_time=time.fromisoformat(retro_time),
        assignment_reminder_hours=tuple(int(h) for h in reminder_hours.split(",") if h),
        digest_weekday=digest_weekday,
        digest_time=time.fromisoformat(digest_time),
        office_hours=time.fromisoformat(office_hours) if office_hours else None,
        grace_minutes=grace_minutes,
    )


def _team(row: Row[Any], days_off: frozenset[date]) -> Team:
    return Team(
        platform=row.platform,
        channel_id=row.channel_id,
        name=row.name,
        start_date=row.start_date,
        zone=row.zone,
        country=row.country,
        language=Language(row.language),
        retro_template=RetroTemplate(row.retro_template),
        weekdays=_parse_weekdays(row.weekdays),
        days_off=days_off,
        schedule=_schedule(row),
        created_at=row.created_at,
        id=row.id,
        capture_threads=bool(row.capture_threads),
        similar_check=bool(row.similar_check),
    )


def member_of_row(row: Sequence[Any]) -> Member:
    """A `members` row (its columns in table order) as a `Member`."""
    member_id, team_id, user_id, display_name, is_admin, joined_at, is_mentor, removed_at = row[:8]
    return Member(
        team_id=team_id,
        user_id=user_id,
        display_name=display_name,
        is_admin=bool(is_admin),
        joined_at=joined_at,
        id=member_id,
        is_mentor=bool(is_mentor),
        removed_at=removed_at,
        publish=bool(row[8]),
    )
