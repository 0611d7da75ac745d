"""Contract: assignments, their numbers and done marks (fake, SQLite, PostgreSQL)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.model.study import Assignment, AssignmentKind
from bot.model.teams import Member
from tests.integration.builders import T0, add_team_with_member, at
from tests.integration.conftest import Backend


def an_assignment(team_id: int, creator: int, title: str = "ViT", hours: int = 24) -> Assignment:
    return Assignment(
        team_id=team_id,
        number=0,
        title=title,
        kind=AssignmentKind.OPTIONAL,
        due_at=T0 + timedelta(hours=hours),
        created_by=creator,
        created_at=T0,
        link="https://example.org/vit",
    )


async def test_assignments_are_numbered_per_team_and_come_back_whole(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow, "A")
    other, park = await add_team_with_member(backend.uow, "B")
    assert team.id is not None and kim.id is not None
    assert other.id is not None and park.id is not None
    async with backend.uow() as uow:
        first = await uow.assignments.add(an_assignment(team.id, kim.id, "a"))
        second = await uow.assignments.add(an_assignment(team.id, kim.id, "b"))
        theirs = await uow.assignments.add(an_assignment(other.id, park.id, "c"))
        await uow.commit()
    assert (first.number, second.number, theirs.number) == (1, 2, 1)
    async with backend.uow() as uow:
        assert await uow.assignments.get(team.id, 1) == first
        assert await uow.assignments.get(other.id, 1) == theirs
        assert await uow.assignments.get(team.id, 3) is None


async def test_a_removed_assignments_number_is_not_given_again(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None and kim.id is not None
    async with backend.uow() as uow:
        await uow.assignments.add(an_assignment(team.id, kim.id, "a"))
        second = await uow.assignments.add(an_assignment(team.id, kim.id, "b"))
        await uow.assignments.set_done(second, kim.id, at(5))
        await uow.assignments.remove(second)
        third = await uow.assignments.add(an_assignment(team.id, kim.id, "c"))
        await uow.commit()
    assert third.number == 3
    async with backend.uow() as uow:
        assert [a.title for a in await uow.assignments.list(team.id)] == ["a", "c"]


async def test_concurrent_adds_get_distinct_numbers(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None and kim.id is not None
    team_id, kim_id = team.id, kim.id

    async def add(i: int) -> int:
        async with backend.uow() as uow:
            stored = await uow.assignments.add(an_assignment(team_id, kim_id, f"a{i}"))
            await asyncio.sleep(0)
            await uow.commit()
            return stored.number

    numbers = await asyncio.gather(*(add(i) for i in range(8)))
    assert sorted(numbers) == list(range(1, 9))


async def test_done_marks_are_set_undone_and_kept_by_member(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None and kim.id is not None
    async with backend.uow() as uow:
        lee = await uow.members.add(Member(team.id, "lee", "Lee"))
        assert lee.id is not None
        stored = await uow.assignments.add(an_assignment(team.id, kim.id))
        await uow.assignments.set_done(stored, lee.id, at(10))
        await uow.assignments.set_done(stored, kim.id, at(20))
        await uow.assignments.set_done(stored, kim.id, at(30))  # again: the latest time
        await uow.commit()
    async with backend.uow() as uow:
        found = await uow.assignments.get(team.id, stored.number)
        assert found is not None
        assert found.done_by == {kim.id: at(30), lee.id: at(10)}
        assert list(found.done_by) == sorted(found.done_by)
        await uow.assignments.set_done(found, lee.id, None)
        await uow.commit()
    async with backend.uow() as uow:
        found = await uow.assignments.get(team.id, stored.number)
        assert found is not None and found.done_by == {kim.id: at(30)}


async def test_done_marks_and_removal_stay_inside_the_team(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow, "A")
    other, park = await add_team_with_member(backend.uow, "B")
    assert team.id is not None and kim.id is not None and other.id is not None
    assert park.id is not None
    async with backend.uow() as uow:
        stored = await uow.assignments.add(an_assignment(team.id, kim.id))
        await uow.commit()
    async with backend.uow() as uow:
        with pytest.raises(LookupError):
            await uow.assignments.set_done(stored, park.id, at(1))  # another team's member
        with pytest.raises(LookupError):
            await uow.assignments.set_done(replace(stored, team_id=other.id), park.id, at(1))
        with pytest.raises(LookupError):
            await uow.assignments.remove(replace(stored, team_id=other.id))
    async with backend.uow() as uow:
        found = await uow.assignments.get(team.id, stored.number)
        assert found is not None and found.done_by == {}


async def test_list_is_by_due_time_and_can_start_after_an_instant(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None and kim.id is not None
    async with backend.uow() as uow:
        late = await uow.assignments.add(an_assignment(team.id, kim.id, "late", hours=48))
        early = await uow.assignments.add(an_assignment(team.id, kim.id, "early", hours=1))
        await uow.commit()
    async with backend.uow() as uow:
        assert [a.title for a in await uow.assignments.list(team.id)] == ["early", "late"]
        after = await uow.assignments.list(team.id, due_after=early.due_at)
        assert after == [late]  # strictly after


async def test_due_between_spans_every_team_half_open(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow, "A")
    other, park = await add_team_with_member(backend.uow, "B")
    assert team.id is not None and kim.id is not None
    assert other.id is not None and park.id is not None
    async with backend.uow() as uow:
        a = await uow.assignments.add(an_assignment(team.id, kim.id, "a", hours=1))
        b = await uow.assignments.add(an_assignment(other.id, park.id, "b", hours=2))
        await uow.assignments.add(an_assignment(team.id, kim.id, "c", hours=3))
        await uow.assignments.set_done(b, park.id, at(1))
        await uow.commit()
    async with backend.uow() as uow:
        found = await uow.assignments.due_between(a.due_at, T0 + timedelta(hours=3))
    assert [x.title for x in found] == ["a", "b"]
    assert found[1].done_by == {park.id: at(1)}


async def test_due_times_come_back_as_the_same_instant_in_utc(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None and kim.id is not None
    seoul = datetime(2021, 8, 13, 23, 59, tzinfo=ZoneInfo("Asia/Seoul"))
    async with backend.uow() as uow:
        stored = await uow.assignments.add(replace(an_assignment(team.id, kim.id), due_at=seoul))
        await uow.commit()
    async with backend.uow() as uow:
        found = await uow.assignments.get(team.id, stored.number)
    assert found is not None and found.due_at == seoul and found.due_at.tzinfo == UTC
