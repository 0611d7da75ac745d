"""Contract: cohorts, their teams and mentors, and a mentor's claim on a question (fake,
SQLite, PostgreSQL)."""

from __future__ import annotations

import pytest

from bot.errors import Conflict
from bot.model.cohort import Cohort, CohortMentor
from tests.integration.builders import T0, add_team_with_member, ask, at
from tests.integration.conftest import Backend


def a_cohort(name: str = "AI 3기", channel: str = "m", code: str = "K7QX3MZP") -> Cohort:
    return Cohort(name, "console", channel, "ko", code, "mona", T0)


async def test_a_cohort_is_found_by_channel_code_and_name_and_numbers_its_teams(
    backend: Backend,
) -> None:
    a, _ = await add_team_with_member(backend.uow, "A")
    b, _ = await add_team_with_member(backend.uow, "B")
    assert a.id is not None and b.id is not None
    async with backend.uow() as uow:
        cohort = await uow.cohorts.add(a_cohort())
        assert cohort.id is not None
        assert (await uow.cohorts.join(cohort.id, a.id, at(1))).number == 1
        assert (await uow.cohorts.join(cohort.id, b.id, at(2))).number == 2
        await uow.commit()
    async with backend.uow() as uow:
        assert await uow.cohorts.get_by_channel("console", "m") == cohort
        assert await uow.cohorts.get_by_channel("slack", "m") is None
        assert await uow.cohorts.get_by_code("K7QX3MZP") == cohort
        assert await uow.cohorts.get_by_name("AI 3기") == cohort
        assert await uow.cohorts.list() == [cohort]
        assert [(t.team_id, t.number) for t in await uow.cohorts.teams(cohort.id)] == [
            (a.id, 1),
            (b.id, 2),
        ]
        assert await uow.cohorts.leave(a.id) is True
        assert await uow.cohorts.leave(a.id) is False
        again = await uow.cohorts.join(cohort.id, a.id, at(3))
        assert again.number == 3 and again.joined_at == at(3)  # numbers are never reused
        with pytest.raises(Conflict):
            await uow.cohorts.join(cohort.id, b.id, at(4))
        place = await uow.cohorts.of_team(b.id)
        assert place is not None and place.cohort_id == cohort.id


@pytest.mark.parametrize("clash", ["name", "channel", "code"])
async def test_a_taken_name_channel_or_code_is_a_conflict(backend: Backend, clash: str) -> None:
    async with backend.uow() as uow:
        await uow.cohorts.add(a_cohort())
        await uow.commit()
    other = {
        "name": a_cohort(channel="m2", code="ABCDEFGH"),
        "channel": a_cohort(name="other", code="ABCDEFGH"),
        "code": a_cohort(name="other", channel="m2"),
    }[clash]
    async with backend.uow() as uow:
        with pytest.raises(Conflict):
            await uow.cohorts.add(other)
        assert len(await uow.cohorts.list()) == 1  # the unit of work is still usable


async def test_mentors_are_added_renamed_and_removed(backend: Backend) -> None:
    async with backend.uow() as uow:
        cohort = await uow.cohorts.add(a_cohort())
        assert cohort.id is not None
        await uow.cohorts.set_mentor(CohortMentor(cohort.id, "mona", "Mona", True, at(0)))
        await uow.cohorts.set_mentor(CohortMentor(cohort.id, "lee", "lee", False, at(1)))
        await uow.cohorts.set_mentor(CohortMentor(cohort.id, "lee", "Lee S.", False, at(9)))
        await uow.commit()
    async with backend.uow() as uow:
        mentors = await uow.cohorts.mentors(cohort.id)
        assert [(m.user_id, m.display_name, m.is_admin, m.added_at) for m in mentors] == [
            ("mona", "Mona", True, at(0)),
            ("lee", "Lee S.", False, at(1)),
        ]
        assert await uow.cohorts.remove_mentor(cohort.id, "lee") is True
        assert await uow.cohorts.remove_mentor(cohort.id, "lee") is False
        assert [m.user_id for m in await uow.cohorts.mentors(cohort.id)] == ["mona"]


async def test_a_claim_is_stored_with_the_question_and_cleared(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow, "A")
    assert team.id is not None
    async with backend.uow() as uow:
        question = await ask(uow, team, kim, "SVD?")
        question.claimed_user, question.claimed_name, question.claimed_at = "U1", "Mona", at(5)
        await uow.questions.update(question)
        await uow.commit()
    async with backend.uow() as uow:
        stored = await uow.questions.get(team.id, question.number)
        assert stored is not None
        assert (stored.claimed_user, stored.claimed_name, stored.claimed_at) == (
            "U1",
            "Mona",
            at(5),
        )
        stored.claimed_user = stored.claimed_name = stored.claimed_at = None
        await uow.questions.update(stored)
        await uow.commit()
    async with backend.uow() as uow:
        cleared = await uow.questions.get(team.id, question.number)
        assert cleared is not None and cleared.claimed_user is None and cleared.claimed_at is None
