"""Contract: teams, their days off and question numbers, and members (fake, SQLite, PostgreSQL)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from bot.errors import Conflict
from bot.model.teams import Language, Member, RetroTemplate
from tests.integration.builders import T0, a_team, add_team_with_member
from tests.integration.conftest import Backend


async def test_added_team_comes_back_with_its_id_settings_and_days_off(backend: Backend) -> None:
    days_off = frozenset({date(2021, 8, 16), date(2021, 8, 17)})
    team = a_team(
        "스터디 A",
        "C123",
        "slack",
        zone="Europe/Berlin",
        country=None,
        language=Language.EN,
        retro_template=RetroTemplate.TIL,
        weekdays=frozenset({0, 2, 4}),
        days_off=days_off,
        created_at=T0,
    )
    async with backend.uow() as uow:
        added = await uow.teams.add(team)
        await uow.commit()
    assert added.id is not None
    assert added == replace(team, id=added.id)
    async with backend.uow() as uow:
        assert await uow.teams.get(added.id) == added
        assert await uow.teams.get_by_channel("slack", "C123") == added
        assert await uow.teams.get_by_name("스터디 A") == added
        assert await uow.teams.list() == [added]


async def test_team_without_created_at_gets_the_current_time(backend: Backend) -> None:
    async with backend.uow() as uow:
        team = await uow.teams.add(a_team())
        await uow.commit()
    assert team.created_at is not None
    assert team.created_at.tzinfo is not None
    assert abs(team.created_at - datetime.now(UTC)) < timedelta(minutes=1)


async def test_unknown_team_is_none(backend: Backend) -> None:
    async with backend.uow() as uow:
        assert await uow.teams.get(12345) is None
        assert await uow.teams.get_by_channel("console", "nowhere") is None
        assert await uow.teams.get_by_name("nobody") is None
        assert await uow.teams.list() == []


async def test_a_channel_belongs_to_one_team_but_names_may_repeat(backend: Backend) -> None:
    async with backend.uow() as uow:
        await uow.teams.add(a_team("A", "c1", "slack"))
        await uow.commit()
    async with backend.uow() as uow:
        with pytest.raises(Conflict):
            await uow.teams.add(a_team("B", "c1", "slack"))
        # Still usable after a conflict (a savepoint on PostgreSQL): same channel id elsewhere,
        # and a name another workspace's team has.
        await uow.teams.add(a_team("B", "c1", "discord"))
        await uow.teams.add(a_team("A", "c2", "slack"))
        await uow.commit()
    async with backend.uow() as uow:
        assert [t.name for t in await uow.teams.list()] == ["A", "B", "A"]
        named = await uow.teams.list_by_name("A")
        assert [(t.platform, t.channel_id) for t in named] == [("slack", "c1"), ("slack", "c2")]
        assert await uow.teams.get_by_name("A") == named[0]
        assert await uow.teams.list_by_name("nobody") == []


async def test_two_setups_of_one_channel_at_once_leave_one_team(backend: Backend) -> None:
    async def setup(name: str) -> str:
        try:
            async with backend.uow() as uow:
                await uow.teams.add(a_team(name, "same-channel"))
                await uow.commit()
                return "ok"
        except Conflict:
            return "conflict"

    results = await asyncio.gather(setup("A"), setup("B"))
    assert sorted(results) == ["conflict", "ok"]
    async with backend.uow() as uow:
        assert len(await uow.teams.list()) == 1


async def test_update_stores_settings_and_replaces_days_off(backend: Backend) -> None:
    async with backend.uow() as uow:
        team = await uow.teams.add(a_team(days_off=frozenset({date(2021, 8, 16)}), created_at=T0))
        await uow.commit()
    assert team.id is not None
    team.name, team.zone, team.country = "Renamed", "UTC", "US"
    team.language, team.retro_template = Language.EN, RetroTemplate.TIL
    team.weekdays, team.start_date = frozenset({5, 6}), date(2021, 9, 1)
    team.days_off = frozenset({date(2021, 9, 3), date(2021, 9, 4)})
    async with backend.uow() as uow:
        await uow.teams.update(team)
        await uow.commit()
    async with backend.uow() as uow:
        assert await uow.teams.get(team.id) == team


async def test_renaming_a_team_to_another_teams_name_is_allowed(backend: Backend) -> None:
    async with backend.uow() as uow:
        await uow.teams.add(a_team("A", "c1"))
        second = await uow.teams.add(a_team("B", "c2"))
        await uow.commit()
    second.name = "A"
    async with backend.uow() as uow:
        await uow.teams.update(second)
        await uow.commit()
    async with backend.uow() as uow:
        assert len(await uow.teams.list_by_name("A")) == 2


async def test_updating_a_team_that_was_never_added_fails(backend: Backend) -> None:
    async with backend.uow() as uow:
        with pytest.raises(ValueError):
            await uow.teams.update(a_team())
        with pytest.raises(LookupError):
            await uow.teams.update(a_team(id=999))


async def test_list_gives_every_team_in_creation_order_with_days_off(backend: Backend) -> None:
    async with backend.uow() as uow:
        for name in ("C", "A", "B"):
            days = frozenset({date(2021, 8, 20)}) if name == "A" else frozenset()
            await uow.teams.add(a_team(name, f"c-{name}", days_off=days))
        await uow.commit()
    async with backend.uow() as uow:
        teams = await uow.teams.list()
    assert [(t.name, t.days_off) for t in teams] == [
        ("C", frozenset()),
        ("A", frozenset({date(2021, 8, 20)})),
        ("B", frozenset()),
    ]


async def test_question_numbers_count_from_one_in_each_team(backend: Backend) -> None:
    first, _ = await add_team_with_member(backend.uow, "A")
    second, _ = await add_team_with_member(backend.uow, "B")
    assert first.id is not None and second.id is not None
    async with backend.uow() as uow:
        numbers = [
            await uow.teams.next_question_number(team_id)
            for team_id in (first.id, second.id, first.id, first.id, second.id)
        ]
        await uow.commit()
    assert numbers == [1, 1, 2, 3, 2]
    async with backend.uow() as uow:
        assert await uow.teams.next_question_number(first.id) == 4


async def test_set_next_question_number_moves_the_counter(backend: Backend) -> None:
    team, _ = await add_team_with_member(backend.uow)
    assert team.id is not None
    async with backend.uow() as uow:
        await uow.teams.set_next_question_number(team.id, 42)
        await uow.commit()
    async with backend.uow() as uow:
        assert await uow.teams.next_question_number(team.id) == 42
        assert await uow.teams.next_question_number(team.id) == 43
        with pytest.raises(LookupError):
            await uow.teams.next_question_number(team.id + 1000)


async def test_members_are_stored_per_team(backend: Backend) -> None:
    first, kim = await add_team_with_member(backend.uow, "A", "kim")
    second, kim_elsewhere = await add_team_with_member(backend.uow, "B", "kim")
    assert first.id is not None and second.id is not None and kim.id is not None
    assert kim.id != kim_elsewhere.id
    async with backend.uow() as uow:
        lee = await uow.members.add(Member(first.id, "lee", "Lee"))
        await uow.commit()
    assert lee.id is not None and lee.is_admin is False
    assert lee.joined_at is not None and lee.joined_at.tzinfo is not None
    async with backend.uow() as uow:
        assert await uow.members.get(first.id, "kim") == kim
        assert await uow.members.get_by_id(first.id, kim.id) == kim
        assert await uow.members.list(first.id) == [kim, lee]
        assert await uow.members.list(second.id) == [kim_elsewhere]
        assert await uow.members.get(first.id, "nobody") is None
        # Another team's member is not found, even by its id.
        assert await uow.members.get_by_id(second.id, kim.id) is None
        assert await uow.members.get(second.id, "lee") is None


async def test_the_same_user_twice_in_one_team_is_a_conflict(backend: Backend) -> None:
    team, _ = await add_team_with_member(backend.uow, "A", "kim")
    assert team.id is not None
    async with backend.uow() as uow:
        with pytest.raises(Conflict):
            await uow.members.add(Member(team.id, "kim", "Kim again"))


async def test_a_member_of_a_team_that_does_not_exist_is_an_integrity_error(
    backend: Backend,
) -> None:
    async with backend.uow() as uow:
        with pytest.raises(IntegrityError):
            await uow.members.add(Member(9999, "kim", "Kim"))


async def test_find_by_name_ignores_case_and_stays_in_the_team(backend: Backend) -> None:
    team, _ = await add_team_with_member(backend.uow, "A")
    other, _ = await add_team_with_member(backend.uow, "B")
    assert team.id is not None and other.id is not None
    async with backend.uow() as uow:
        elodie = await uow.members.add(Member(team.id, "u2", "Élodie Kim"))
        minji = await uow.members.add(Member(team.id, "u3", "김민지"))
        await uow.members.add(Member(other.id, "u4", "Somebody"))
        await uow.commit()
    async with backend.uow() as uow:
        assert await uow.members.find_by_name(team.id, "élodie KIM") == elodie
        assert await uow.members.find_by_name(team.id, "김민지") == minji
        assert await uow.members.find_by_name(team.id, "김민") is None
        assert await uow.members.find_by_name(team.id, "somebody") is None


async def test_member_update_changes_name_and_admin_flag_only_in_its_team(
    backend: Backend,
) -> None:
    team, kim = await add_team_with_member(backend.uow, "A", "kim")
    other, _ = await add_team_with_member(backend.uow, "B")
    assert team.id is not None and other.id is not None
    kim.display_name, kim.is_admin = "Kim Minji", False
    async with backend.uow() as uow:
        await uow.members.update(kim)
        await uow.commit()
    async with backend.uow() as uow:
        assert await uow.members.get(team.id, "kim") == kim
        kim.team_id = other.id
        with pytest.raises(LookupError):
            await uow.members.update(kim)


async def test_the_team_and_its_caller_in_one_read_are_what_the_two_reads_give(
    backend: Backend,
) -> None:
    """`get_with_caller` (every command's first read): the team with all its days off, the
    caller's membership as `members.get` has it (removed ones too), None for a stranger."""
    days_off = frozenset({date(2021, 8, 16), date(2021, 8, 17), date(2021, 9, 20)})
    async with backend.uow() as uow:
        team = await uow.teams.add(a_team("B", "C9", "slack", days_off=days_off, created_at=T0))
        bare = await uow.teams.add(a_team("C", "C10", "slack", created_at=T0))
        assert team.id is not None and bare.id is not None
        kim = await uow.members.add(Member(team.id, "kim", "Kim", True, T0, is_mentor=True))
        lee = await uow.members.add(Member(team.id, "lee", "Lee", False, T0))
        lee.removed_at = T0 + timedelta(days=1)
        await uow.members.update(lee)
        await uow.members.add(Member(bare.id, "kim", "Kim elsewhere", False, T0))
        await uow.commit()
    async with backend.uow() as uow:
        for user in ("kim", "lee", "park"):
            found, caller, parked = await uow.teams.get_with_caller("slack", "C9", user)
            assert not parked
            assert found == team and found.days_off == days_off
            assert caller == await uow.members.get(team.id, user)
        assert (await uow.teams.get_with_caller("slack", "C9", "kim"))[1] == kim
        removed = (await uow.teams.get_with_caller("slack", "C9", "lee"))[1]
        assert removed is not None and removed.is_removed
        found, caller, _ = await uow.teams.get_with_caller("slack", "C10", "kim")
        assert found == bare and caller is not None and caller.display_name == "Kim elsewhere"
        assert await uow.teams.get_with_caller("slack", "nowhere", "kim") == (None, None, False)
        assert await uow.teams.get_with_caller("discord", "C9", "kim") == (None, None, False)
