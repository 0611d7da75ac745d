"""Members of a team: their names, roles and removal (migration 0012)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import ColumnElement, func, insert, select, update

from bot.model.teams import Member
from storage import statements as sql
from storage.repositories import SqlRepository, _require_id, member_of_row
from storage.tables import members


class SqlMemberRepository(SqlRepository):
    """Members of a team."""

    async def get(self, team_id: int, user_id: str) -> Member | None:
        parameters = {"team_id": team_id, "user_id": user_id}
        row = (await self._execute(sql.MEMBER_BY_USER, parameters)).one_or_none()
        return None if row is None else member_of_row(row)

    async def get_by_id(self, team_id: int, member_id: int) -> Member | None:
        return await self._one((members.c.team_id == team_id) & (members.c.id == member_id))

    async def find_by_name(self, team_id: int, name: str) -> Member | None:
        """The first member (by id) whose display name equals `name`, ignoring case."""
        where = (members.c.team_id == team_id) & (
            func.lower(members.c.display_name) == func.lower(name)
        )
        return await self._one(where)

    async def add(self, member: Member) -> Member:
        values: dict[str, Any] = {
            "team_id": member.team_id,
            "user_id": member.user_id,
            "display_name": member.display_name,
            "is_admin": member.is_admin,
            "is_mentor": member.is_mentor,
            "removed_at": member.removed_at,
            "publish": member.publish,
        }
        if member.joined_at is not None:
            values["joined_at"] = member.joined_at
        statement = insert(members).values(values).returning(members.c.id, members.c.joined_at)
        async with self._savepoint():
            row = (await self._execute(statement)).one()
        return replace(member, id=row.id, joined_at=row.joined_at)

    async def update(self, member: Member) -> None:
        """Store the display name, role flags, publishing choice, removal and (re)joining time
        (LookupError if no such member in the team)."""
        member_id = _require_id(member, "member")
        statement = (
            update(members)
            .where((members.c.id == member_id) & (members.c.team_id == member.team_id))
            .values(
                display_name=member.display_name,
                is_admin=member.is_admin,
                is_mentor=member.is_mentor,
                removed_at=member.removed_at,
                publish=member.publish,
                **({"joined_at": member.joined_at} if member.joined_at is not None else {}),
            )
        )
        if (await self._execute(statement)).rowcount == 0:
            raise LookupError(f"no member {member_id} in team {member.team_id}")

    async def list(self, team_id: int, *, with_removed: bool = False) -> Sequence[Member]:
        statement = sql.MEMBERS_OF_TEAM[with_removed]
        return await self._mapped(statement, member_of_row, {"team_id": team_id})

    async def _one(self, where: ColumnElement[bool]) -> Member | None:
        statement = select(members).where(where).order_by(members.c.id).limit(1)
        row = (await self._execute(statement)).one_or_none()
        return None if row is None else member_of_row(row)


MEMBER_COLUMNS = (
    "id",
    "team_id",
    "user_id",
    "display_name",
    "is_admin",
    "joined_at",
    "is_mentor",
    "removed_at",
    "publish",
)
"""The columns of `members` in table order, as `member_of_row` unpacks a row of it (by position)."""
