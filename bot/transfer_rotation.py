"""The rotation of session roles in an export (`bot.transfer`): the order by user ids.

Only a team with a rotation has a `rotation` record, so the files of other teams are as before,
and older files import without one.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.model.rotation import Period, Rotation
from bot.ports import UnitOfWork


async def export_rotation(
    uow: UnitOfWork, team_id: int, user_of: dict[int | None, str]
) -> dict[str, Any]:
    """`{"rotation": …}` for a team with a rotation, `{}` for one without."""
    rotation = await uow.rotations.get(team_id)
    if rotation is None:
        return {}
    return {
        "rotation": {
            "order": [user_of[m] for m in rotation.member_ids],
            "every": rotation.every.value,
            "notes": rotation.notes,
            "since": rotation.since.isoformat(),
            "set_at": rotation.set_at.isoformat(),
        }
    }


async def import_rotation(
    uow: UnitOfWork, team_id: int, data: dict[str, Any], member_of: dict[str, int]
) -> None:
    """The export's rotation, if it has one."""
    record = data.get("rotation")
    if not record:
        return
    rotation = Rotation(
        team_id=team_id,
        member_ids=tuple(member_of[user] for user in record["order"]),
        every=Period(record["every"]),
        notes=bool(record["notes"]),
        since=date.fromisoformat(record["since"]),
        set_at=datetime.fromisoformat(record["set_at"]),
    )
    await uow.rotations.set(rotation)
