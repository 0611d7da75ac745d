"""Contract: a unit of work is one transaction (fake, SQLite, PostgreSQL)."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from bot.model.teams import Member
from bot.ports import QuestionQuery
from tests.integration.builders import DAY1, a_note, a_team, add_team_with_member, answer, ask
from tests.integration.conftest import Backend


async def _everything(backend: Backend) -> list[object]:
    async with backend.uow() as uow:
        state: list[object] = []
        for team in await uow.teams.list():
            assert team.id is not None
            state += [team, await uow.members.list(team.id)]
            state.append(await uow.questions.find(team.id, QuestionQuery(limit=1000)))
            state.append(await uow.notes.list(team.id, date.min, date.max))
        return state


async def test_leaving_without_commit_keeps_nothing(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None
    before = await _everything(backend)
    async with backend.uow() as uow:
        await uow.teams.add(a_team("B", "c-b"))
        await uow.members.add(Member(team.id, "lee", "Lee"))
        question = await ask(uow, team, kim, "q")
        await answer(uow, question, kim, "a")
        await uow.notes.add(a_note(team, kim, "n"))
        team.name = "renamed"
        await uow.teams.update(team)
    assert await _everything(backend) == before
    async with backend.uow() as uow:
        assert await uow.teams.next_question_number(team.id) == 1  # the number came back too


async def test_an_error_inside_rolls_back(backend: Backend) -> None:
    with pytest.raises(RuntimeError, match="boom"):
        async with backend.uow() as uow:
            await uow.teams.add(a_team())
            raise RuntimeError("boom")
    assert await _everything(backend) == []


async def test_rollback_discards_and_later_work_still_commits(backend: Backend) -> None:
    async with backend.uow() as uow:
        await uow.teams.add(a_team("Dropped", "c1"))
        await uow.rollback()
        await uow.teams.add(a_team("Kept", "c2"))
        await uow.commit()
    async with backend.uow() as uow:
        assert [t.name for t in await uow.teams.list()] == ["Kept"]


async def test_work_after_a_commit_is_rolled_back_on_exit(backend: Backend) -> None:
    async with backend.uow() as uow:
        await uow.teams.add(a_team("Committed", "c1"))
        await uow.commit()
        await uow.teams.add(a_team("Not committed", "c2"))
    async with backend.uow() as uow:
        assert [t.name for t in await uow.teams.list()] == ["Committed"]


async def test_commit_outside_async_with_is_a_bug(backend: Backend) -> None:
    with pytest.raises(RuntimeError):
        await backend.uow().commit()


async def test_a_unit_of_work_sees_its_own_uncommitted_changes(backend: Backend) -> None:
    async with backend.uow() as uow:
        team = await uow.teams.add(a_team())
        assert team.id is not None
        kim = await uow.members.add(Member(team.id, "kim", "Kim"))
        await ask(uow, team, kim, "q", study_date=DAY1)
        assert await uow.teams.get(team.id) == team
        assert await uow.members.list(team.id) == [kim]
        assert [q.text for q in await uow.questions.find(team.id, QuestionQuery())] == ["q"]


async def test_on_sqlite_a_second_unit_of_work_waits_for_the_first(
    serializing: Backend,
) -> None:
    backend = serializing
    order: list[str] = []

    async def second() -> None:
        async with backend.uow() as uow:
            order.append("second began")
            await uow.teams.add(a_team("B", "c-b"))
            await uow.commit()

    async with backend.uow() as first:
        waiting = asyncio.create_task(second())
        await asyncio.sleep(0.2)
        await first.teams.add(a_team("A", "c-a"))
        await first.commit()
        order.append("first committed")
    await waiting
    assert order == ["first committed", "second began"]
    async with backend.uow() as uow:
        assert [t.name for t in await uow.teams.list()] == ["A", "B"]
