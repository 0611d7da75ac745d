"""Retrospectives, assignments (with their done marks) and days away, scoped by team."""

from __future__ import annotations

import builtins
import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, delete, exists, insert, select, update

from bot.model.study import Assignment, AssignmentKind, Away, Retro
from bot.model.teams import RetroTemplate
from storage import statements as sql
from storage.repositories import SqlRepository
from storage.tables import assignment_done, assignments, away, members, retros, teams


def _require_id(thing: Retro | Assignment, what: str) -> int:
    if thing.id is None:
        raise ValueError(f"{what} has no id: add it first")
    return thing.id


class SqlRetroRepository(SqlRepository):
    """One retrospective per member and study day."""

    async def get(self, team_id: int, member_id: int, day: date) -> Retro | None:
        statement = select(retros).where(
            retros.c.team_id == team_id,
            retros.c.member_id == member_id,
            retros.c.study_date == day,
        )
        row = (await self._execute(statement)).one_or_none()
        return None if row is None else _retro(row)

    async def add(self, retro: Retro) -> Retro:
        """Store a new retrospective (Conflict if the member has one for that day)."""
        statement = (
            insert(retros)
            .values(
                team_id=retro.team_id,
                member_id=retro.member_id,
                study_date=retro.study_date,
                template=retro.template.value,
                fields=_dump(retro.fields),
                created_at=retro.created_at,
                updated_at=retro.updated_at,
            )
            .returning(retros.c.id)
        )
        async with self._savepoint():
            retro_id = (await self._execute(statement)).scalar_one()
        return replace(retro, id=retro_id)

    async def update(self, retro: Retro) -> None:
        """Store changed fields and `updated_at` (LookupError if not in the team)."""
        retro_id = _require_id(retro, "retro")
        statement = (
            update(retros)
            .where(retros.c.id == retro_id, retros.c.team_id == retro.team_id)
            .values(fields=_dump(retro.fields), updated_at=retro.updated_at)
        )
        if (await self._execute(statement)).rowcount == 0:
            raise LookupError(f"no retro {retro_id} in team {retro.team_id}")

    async def list(self, team_id: int, first: date, last: date) -> Sequence[Retro]:
        """The team's retrospectives of days `first`..`last`, by day then member."""
        parameters = {"team_id": team_id, "first": first, "last": last}
        return await self._mapped(sql.RETROS_OF_DAYS, _retro, parameters)


def _dump(fields: dict[str, str]) -> str:
    return json.dumps(fields, ensure_ascii=False)


RETRO_COLUMNS = (
    "id",
    "team_id",
    "member_id",
    "study_date",
    "template",
    "fields",
    "created_at",
    "updated_at",
)
"""The columns of `retros` in table order, as `_retro` unpacks a row of it (by position: a
row's attributes cost ~1.5 us each, and `/stats` maps a whole team's history)."""


def _retro(row: Row[Any]) -> Retro:
    retro_id, team_id, member_id, study_date, template, fields, created_at, updated_at = row
    return Retro(
        team_id=team_id,
        member_id=member_id,
        study_date=study_date,
        template=RetroTemplate(template),
        fields=json.loads(fields),
        created_at=created_at,
        updated_at=updated_at,
        id=retro_id,
    )


NEXT_ASSIGNMENT_NUMBER = (
    update(teams)
    .values(next_assignment_number=teams.c.next_assignment_number + 1)
    .returning(teams.c.next_assignment_number - 1)
)


class SqlAssignmentRepository(SqlRepository):
    """Assignments with team-local numbers, and who marked each done."""

    async def add(self, assignment: Assignment) -> Assignment:
        """Store a new assignment under the team's next number (the team row is the lock)."""
        async with self._savepoint():
            result = await self._execute(
                NEXT_ASSIGNMENT_NUMBER.where(teams.c.id == assignment.team_id)
            )
            number = result.scalar_one_or_none()
            if number is None:
                raise LookupError(f"no team {assignment.team_id}")
            statement = (
                insert(assignments)
                .values(
                    team_id=assignment.team_id,
                    number=number,
                    title=assignment.title,
                    kind=assignment.kind.value,
                    due_at=assignment.due_at,
                    link=assignment.link,
                    created_by=assignment.created_by,
                    created_at=assignment.created_at,
                )
                .returning(assignments.c.id)
            )
            assignment_id = (await self._execute(statement)).scalar_one()
            stored = replace(assignment, id=assignment_id, number=int(number), done_by={})
            for member_id, at in assignment.done_by.items():
                await self.set_done(stored, member_id, at)
                stored.done_by[member_id] = at
        return stored

    async def get(self, team_id: int, number: int) -> Assignment | None:
        """With `done_by` filled; None also for another team's number."""
        statement = select(assignments).where(
            assignments.c.team_id == team_id, assignments.c.number == number
        )
        row = (await self._execute(statement)).one_or_none()
        if row is None:
            return None
        return (await self._with_done([row]))[0]

    async def list(
        self, team_id: int, *, due_after: datetime | None = None
    ) -> Sequence[Assignment]:
        """The team's assignments (due after `due_after` if given) by due time, `done_by` set."""
        statement = select(assignments).where(assignments.c.team_id == team_id)
        if due_after is not None:
            statement = statement.where(assignments.c.due_at > due_after)
        statement = statement.order_by(assignments.c.due_at, assignments.c.number)
        return await self._with_done((await self._execute(statement)).all())

    async def due_between(self, first: datetime, last: datetime) -> Sequence[Assignment]:
        """Every team's assignments due in [first, last), for the scheduler."""
        statement = (
            select(assignments)
            .where(assignments.c.due_at >= first, assignments.c.due_at < last)
            .order_by(assignments.c.due_at, assignments.c.team_id, assignments.c.number)
        )
        return await self._with_done((await self._execute(statement)).all())

    async def set_done(self, assignment: Assignment, member_id: int, at: datetime | None) -> None:
        """Mark done at `at`, or undo with None (LookupError if the member is not in the team)."""
        assignment_id = _require_id(assignment, "assignment")
        in_team = select(assignments.c.id).where(
            assignments.c.id == assignment_id,
            assignments.c.team_id == assignment.team_id,
            exists().where(members.c.id == member_id, members.c.team_id == assignment.team_id),
        )
        if (await self._execute(in_team)).first() is None:
            raise LookupError(
                f"assignment {assignment_id} or member {member_id} not in team {assignment.team_id}"
            )
        await self._execute(
            delete(assignment_done).where(
                assignment_done.c.assignment_id == assignment_id,
                assignment_done.c.member_id == member_id,
            )
        )
        if at is not None:
            await self._execute(
                insert(assignment_done).values(
                    assignment_id=assignment_id, member_id=member_id, done_at=at
                )
            )

    async def remove(self, assignment: Assignment) -> None:
        """Delete the assignment and its done marks (LookupError if not in the team)."""
        assignment_id = _require_id(assignment, "assignment")
        mine = select(assignments.c.id).where(
            assignments.c.id == assignment_id, assignments.c.team_id == assignment.team_id
        )
        if (await self._execute(mine)).first() is None:
            raise LookupError(f"no assignment {assignment_id} in team {assignment.team_id}")
        await self._execute(
            delete(assignment_done).where(assignment_done.c.assignment_id == assignment_id)
        )
        await self._execute(delete(assignments).where(assignments.c.id == assignment_id))

    async def _with_done(self, rows: Sequence[Row[Any]]) -> builtins.list[Assignment]:
        found = [_assignment(row) for row in rows]
        if not found:
            return found
        by_id = {a.id: a for a in found}
        ids = list(by_id)
        for start in range(0, len(ids), 500):
            statement = (
                select(assignment_done)
                .where(assignment_done.c.assignment_id.in_(ids[start : start + 500]))
                .order_by(assignment_done.c.member_id)
            )
            for row in await self._execute(statement):
                by_id[row.assignment_id].done_by[row.member_id] = row.done_at
        return found


def _assignment(row: Row[Any]) -> Assignment:
    return Assignment(
        team_id=row.team_id,
        number=row.number,
        title=row.title,
        kind=AssignmentKind(row.kind),
        due_at=row.due_at,
        created_by=row.created_by,
        created_at=row.created_at,
        link=row.link,
        id=row.id,
    )


class SqlAwayRepository(SqlRepository):
    """Members' days away."""

    async def add(self, entry: Away) -> Away:
        statement = (
            insert(away)
            .values(
                team_id=entry.team_id,
                member_id=entry.member_id,
                first_day=entry.first,
                last_day=entry.last,
            )
            .returning(away.c.id)
        )
        return replace(entry, id=(await self._execute(statement)).scalar_one())

    async def list(self, team_id: int, first: date, last: date) -> Sequence[Away]:
        """Absences overlapping `first`..`last`, by first day, member, then as added."""
        statement = (
            select(away)
            .where(away.c.team_id == team_id, away.c.first_day <= last, away.c.last_day >= first)
            .order_by(away.c.first_day, away.c.member_id, away.c.id)
        )
        return await self._mapped(statement, _away)


def _away(row: Row[Any]) -> Away:
    return Away(
        team_id=row.team_id,
        member_id=row.member_id,
        first=row.first_day,
        last=row.last_day,
        id=row.id,
    )
