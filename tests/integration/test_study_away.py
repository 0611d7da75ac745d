"""Contract: days away (fake, SQLite, PostgreSQL)."""

from __future__ import annotations

from datetime import date

from bot.model.study import Away
from bot.model.teams import Member
from tests.integration.builders import add_team_with_member
from tests.integration.conftest import Backend


async def test_absences_overlapping_a_range_come_back_in_order(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow, "A", "kim")
    other, park = await add_team_with_member(backend.uow, "B", "park")
    assert team.id is not None and kim.id is not None
    assert other.id is not None and park.id is not None
    async with backend.uow() as uow:
        lee = await uow.members.add(Member(team.id, "lee", "Lee"))
        assert lee.id is not None
        later = await uow.away.add(Away(team.id, lee.id, date(2021, 8, 12), date(2021, 8, 13)))
        early = await uow.away.add(Away(team.id, kim.id, date(2021, 8, 10), date(2021, 8, 10)))
        await uow.away.add(Away(team.id, kim.id, date(2021, 8, 1), date(2021, 8, 3)))
        await uow.away.add(Away(other.id, park.id, date(2021, 8, 10), date(2021, 8, 20)))
        await uow.commit()
    assert later.id is not None
    async with backend.uow() as uow:
        assert await uow.away.list(team.id, date(2021, 8, 10), date(2021, 8, 12)) == [
            early,
            later,
        ]
        assert await uow.away.list(team.id, date(2021, 8, 13), date(2021, 8, 31)) == [later]
        assert await uow.away.list(team.id, date(2021, 8, 4), date(2021, 8, 9)) == []
        assert len(await uow.away.list(other.id, date.min, date.max)) == 1
