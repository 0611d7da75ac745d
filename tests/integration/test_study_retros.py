"""Contract: retrospectives (fake, SQLite, PostgreSQL)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from bot.errors import Conflict
from bot.model.study import Retro
from bot.model.teams import Member, RetroTemplate
from tests.integration.builders import DAY1, T0, add_team_with_member, at
from tests.integration.conftest import Backend


def a_retro(team_id: int, member_id: int, day: date = DAY1, **fields: str) -> Retro:
    return Retro(
        team_id=team_id,
        member_id=member_id,
        study_date=day,
        template=RetroTemplate.FFF,
        fields=fields or {"fact": "1~3강 수강", "feeling": "힘들었다 @everyone"},
        created_at=T0,
        updated_at=T0,
    )


async def test_a_retro_comes_back_whole_with_its_fields_in_order(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None and kim.id is not None
    retro = a_retro(team.id, kim.id, plan="복습", fact="한국어 ✅", feeling='"quoted" \\ text')
    async with backend.uow() as uow:
        added = await uow.retros.add(retro)
        await uow.commit()
    assert added.id is not None
    async with backend.uow() as uow:
        found = await uow.retros.get(team.id, kim.id, DAY1)
    assert found == added
    assert found is not None and list(found.fields) == ["plan", "fact", "feeling"]
    assert found.created_at.tzinfo is not None


async def test_one_retro_per_member_and_day(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None and kim.id is not None
    async with backend.uow() as uow:
        await uow.retros.add(a_retro(team.id, kim.id))
        await uow.commit()
    async with backend.uow() as uow:
        with pytest.raises(Conflict):
            await uow.retros.add(a_retro(team.id, kim.id))
        # Still usable after the conflict: the next day is fine.
        await uow.retros.add(a_retro(team.id, kim.id, DAY1 + timedelta(days=1)))
        await uow.commit()


async def test_update_stores_fields_and_updated_at_only_in_the_team(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow, "A")
    other, _ = await add_team_with_member(backend.uow, "B")
    assert team.id is not None and kim.id is not None and other.id is not None
    async with backend.uow() as uow:
        retro = await uow.retros.add(a_retro(team.id, kim.id))
        await uow.commit()
    retro.fields = {"fact": "edited", "plan": "new"}
    retro.updated_at = at(60)
    async with backend.uow() as uow:
        await uow.retros.update(retro)
        await uow.commit()
    async with backend.uow() as uow:
        assert await uow.retros.get(team.id, kim.id, DAY1) == retro
        retro.team_id = other.id
        with pytest.raises(LookupError):
            await uow.retros.update(retro)


async def test_list_gives_the_teams_retros_of_the_days_by_day_then_member(
    backend: Backend,
) -> None:
    team, kim = await add_team_with_member(backend.uow, "A", "kim")
    other, park = await add_team_with_member(backend.uow, "B", "park")
    assert team.id is not None and kim.id is not None and other.id is not None
    async with backend.uow() as uow:
        lee = await uow.members.add(Member(team.id, "lee", "Lee"))
        assert lee.id is not None and park.id is not None
        day2 = DAY1 + timedelta(days=1)
        await uow.retros.add(a_retro(team.id, lee.id, day2))
        await uow.retros.add(a_retro(team.id, lee.id, DAY1))
        await uow.retros.add(a_retro(team.id, kim.id, day2))
        await uow.retros.add(a_retro(team.id, kim.id, DAY1 - timedelta(days=3)))
        await uow.retros.add(a_retro(other.id, park.id, DAY1))
        await uow.commit()
    async with backend.uow() as uow:
        found = await uow.retros.list(team.id, DAY1, day2)
        assert [(r.study_date, r.member_id) for r in found] == [
            (DAY1, lee.id),
            (day2, kim.id),
            (day2, lee.id),
        ]
        assert len(await uow.retros.list(other.id, date.min, date.max)) == 1
        assert await uow.retros.get(other.id, kim.id, day2) is None


async def test_a_retro_of_a_member_that_does_not_exist_is_an_integrity_error(
    backend: Backend,
) -> None:
    team, _ = await add_team_with_member(backend.uow)
    assert team.id is not None
    async with backend.uow() as uow:
        with pytest.raises(IntegrityError):
            await uow.retros.add(a_retro(team.id, 99999))
