"""Cohorts, their teams and their cohort-wide mentors (migration 0015)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, delete, insert, select, update

from bot.errors import Conflict
from bot.model.cohort import Cohort, CohortMentor, CohortTeam
from storage.repositories import SqlRepository
from storage.tables import cohort_mentors, cohort_teams, cohorts


class SqlCohortRepository(SqlRepository):
    """Cohorts by id, mentors' channel, join code or name; their teams and mentors."""

    async def add(self, cohort: Cohort) -> Cohort:
        values = {
            "name": cohort.name,
            "platform": cohort.platform,
            "channel_id": cohort.channel_id,
            "language": cohort.language,
            "join_code": cohort.join_code,
            "created_by": cohort.created_by,
            "created_at": cohort.created_at,
        }
        async with self._savepoint():
            result = await self._execute(insert(cohorts).values(values).returning(cohorts.c.id))
            cohort_id = result.scalar_one()
        return replace(cohort, id=cohort_id)

    async def get(self, cohort_id: int) -> Cohort | None:
        return await self._one(cohorts.c.id == cohort_id)

    async def get_by_channel(self, platform: str, channel_id: str) -> Cohort | None:
        return await self._one(
            (cohorts.c.platform == platform) & (cohorts.c.channel_id == channel_id)
        )

    async def get_by_code(self, join_code: str) -> Cohort | None:
        return await self._one(cohorts.c.join_code == join_code)

    async def get_by_name(self, name: str) -> Cohort | None:
        return await self._one(cohorts.c.name == name)

    async def list(self) -> Sequence[Cohort]:
        rows = (await self._execute(select(cohorts).order_by(cohorts.c.id))).all()
        return [_cohort(row) for row in rows]

    async def join(self, cohort_id: int, team_id: int, at: datetime) -> CohortTeam:
        if await self.of_team(team_id) is not None:
            raise Conflict(f"team {team_id} is in a cohort already")
        bumped = await self._execute(
            update(cohorts)
            .where(cohorts.c.id == cohort_id)
            .values(next_team_number=cohorts.c.next_team_number + 1)
            .returning(cohorts.c.next_team_number - 1)
        )
        number = bumped.scalar_one()
        async with self._savepoint():
            await self._execute(
                insert(cohort_teams).values(
                    team_id=team_id, cohort_id=cohort_id, number=number, joined_at=at
                )
            )
        return CohortTeam(cohort_id, team_id, number, at)

    async def leave(self, team_id: int) -> bool:
        done = await self._execute(delete(cohort_teams).where(cohort_teams.c.team_id == team_id))
        return bool(done.rowcount)

    async def of_team(self, team_id: int) -> CohortTeam | None:
        statement = select(cohort_teams).where(cohort_teams.c.team_id == team_id)
        row = (await self._execute(statement)).one_or_none()
        return None if row is None else _team(row)

    async def teams(self, cohort_id: int) -> Sequence[CohortTeam]:
        statement = (
            select(cohort_teams)
            .where(cohort_teams.c.cohort_id == cohort_id)
            .order_by(cohort_teams.c.number)
        )
        return [_team(row) for row in (await self._execute(statement)).all()]

    async def mentors(self, cohort_id: int) -> Sequence[CohortMentor]:
        statement = (
            select(cohort_mentors)
            .where(cohort_mentors.c.cohort_id == cohort_id)
            .order_by(cohort_mentors.c.added_at, cohort_mentors.c.user_id)
        )
        return [_mentor(row) for row in (await self._execute(statement)).all()]

    async def set_mentor(self, mentor: CohortMentor) -> None:
        where = (cohort_mentors.c.cohort_id == mentor.cohort_id) & (
            cohort_mentors.c.user_id == mentor.user_id
        )
        changed = await self._execute(
            update(cohort_mentors)
            .where(where)
            .values(display_name=mentor.display_name, is_admin=mentor.is_admin)
        )
        if changed.rowcount:
            return
        async with self._savepoint():
            await self._execute(
                insert(cohort_mentors).values(
                    cohort_id=mentor.cohort_id,
                    user_id=mentor.user_id,
                    display_name=mentor.display_name,
                    is_admin=mentor.is_admin,
                    added_at=mentor.added_at,
                )
            )

    async def remove_mentor(self, cohort_id: int, user_id: str) -> bool:
        done = await self._execute(
            delete(cohort_mentors).where(
                (cohort_mentors.c.cohort_id == cohort_id) & (cohort_mentors.c.user_id == user_id)
            )
        )
        return bool(done.rowcount)

    async def _one(self, where: ColumnElement[bool]) -> Cohort | None:
        row = (await self._execute(select(cohorts).where(where))).one_or_none()
        return None if row is None else _cohort(row)


def _cohort(row: Row[Any]) -> Cohort:
    return Cohort(
        name=row.name,
        platform=row.platform,
        channel_id=row.channel_id,
        language=row.language,
        join_code=row.join_code,
        created_by=row.created_by,
        created_at=row.created_at,
        id=row.id,
    )


def _team(row: Row[Any]) -> CohortTeam:
    return CohortTeam(row.cohort_id, row.team_id, row.number, row.joined_at)


def _mentor(row: Row[Any]) -> CohortMentor:
    return CohortMentor(
        row.cohort_id, row.user_id, row.display_name, bool(row.is_admin), row.added_at
    )
