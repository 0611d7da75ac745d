"""A team's rotation of session roles: one `rotations` row and its order, one row a member."""

from __future__ import annotations

from sqlalchemy import delete, insert

from bot.model.rotation import Period, Rotation
from storage import statements as sql
from storage.repositories import SqlRepository
from storage.tables import rotation_members, rotations


class SqlRotationRepository(SqlRepository):
    """At most one rotation per team, replaced as a whole."""

    async def get(self, team_id: int) -> Rotation | None:
        parameters = {"team_id": team_id}
        row = (await self._execute(sql.ROTATION_OF_TEAM, parameters)).one_or_none()
        if row is None:
            return None
        order = await self._execute(sql.ROTATION_ORDER, parameters)
        return Rotation(
            team_id=row.team_id,
            member_ids=tuple(order.scalars()),
            every=Period(row.every),
            notes=row.notes,
            since=row.since,
            set_at=row.set_at,
        )

    async def set(self, rotation: Rotation) -> None:
        await self.clear(rotation.team_id)
        await self._execute(
            insert(rotations).values(
                team_id=rotation.team_id,
                every=rotation.every.value,
                notes=rotation.notes,
                since=rotation.since,
                set_at=rotation.set_at,
            )
        )
        if rotation.member_ids:
            rows = [
                {"team_id": rotation.team_id, "position": i, "member_id": member_id}
                for i, member_id in enumerate(rotation.member_ids)
            ]
            await self._execute(insert(rotation_members).values(rows))

    async def clear(self, team_id: int) -> bool:
        await self._execute(delete(rotation_members).where(rotation_members.c.team_id == team_id))
        done = await self._execute(delete(rotations).where(rotations.c.team_id == team_id))
        return bool(done.rowcount)
