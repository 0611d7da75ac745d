"""Contract: a team's rotation of session roles (fake, SQLite, PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.errors import Conflict
from bot.model.rotation import Period, Rotation
from bot.model.teams import Member
from tests.integration.builders import add_team_with_member
from tests.integration.conftest import Backend

SET_AT = datetime(2021, 8, 9, 4, 0, tzinfo=UTC)


async def test_a_rotation_is_stored_in_order_replaced_whole_and_cleared(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow, "A", "kim")
    other, park = await add_team_with_member(backend.uow, "B", "park")
    assert team.id is not None and kim.id is not None and other.id is not None
    assert park.id is not None
    async with backend.uow() as uow:
        lee = await uow.members.add(Member(team.id, "lee", "Lee"))
        assert lee.id is not None
        first = Rotation(team.id, (lee.id, kim.id), Period.DAY, False, date(2021, 8, 9), SET_AT)
        await uow.rotations.set(first)
        await uow.rotations.set(Rotation(other.id, (park.id,), Period.WEEK, True, DAY, SET_AT))
        await uow.commit()
    async with backend.uow() as uow:
        assert await uow.rotations.get(team.id) == first
        later = Rotation(team.id, (kim.id,), Period.WEEK, True, date(2021, 8, 16), SET_AT)
        await uow.rotations.set(later)
        await uow.commit()
    async with backend.uow() as uow:
        assert await uow.rotations.get(team.id) == later
        assert await uow.rotations.clear(team.id) is True
        assert await uow.rotations.clear(team.id) is False
        await uow.commit()
    async with backend.uow() as uow:
        assert await uow.rotations.get(team.id) is None
        kept = await uow.rotations.get(other.id)
        assert kept is not None and kept.member_ids == (park.id,) and kept.every is Period.WEEK


async def test_a_member_twice_in_one_order_is_refused(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow, "A", "kim")
    assert team.id is not None and kim.id is not None
    with pytest.raises(Conflict):
        async with backend.uow() as uow:
            await uow.rotations.set(
                Rotation(team.id, (kim.id, kim.id), Period.DAY, False, DAY, SET_AT)
            )


DAY = date(2021, 8, 9)
