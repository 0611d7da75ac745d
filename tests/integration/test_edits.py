"""Contract: edits and deletions of questions and answers (fake, SQLite, PostgreSQL).

A deleted question keeps its row and number; `get` still returns it (marked deleted) so the core
can say so, and every other read leaves it out. Deleted answers are left out of every read, the
search and the settling rule included; `with_deleted` (export) brings both back.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.model.questions import Status
from bot.model.teams import Member
from bot.ports import QuestionQuery
from tests.integration.builders import add_team_with_member, answer, ask, at
from tests.integration.conftest import Backend


async def test_an_edit_is_stored_with_who_and_when(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None and kim.id is not None
    async with backend.uow() as uow:
        question = await ask(uow, team, kim, "old question")
        given = await answer(uow, question, kim, "old answer")
        question.edit("new question", kim.id, at(5))
        await uow.questions.record_change(question)
        await uow.questions.update_answer(
            team.id, replace(given, text="new answer", edited_at=at(6), edited_by=kim.id)
        )
        await uow.commit()
    async with backend.uow() as uow:
        stored = await uow.questions.get(team.id, 1)
        [found] = await uow.questions.find(team.id, QuestionQuery(words=("new",)))
    assert stored is not None and stored == found
    assert (stored.text, stored.edited_at, stored.edited_by) == ("new question", at(5), kim.id)
    [edited] = stored.answers
    assert (edited.text, edited.edited_at, edited.edited_by) == ("new answer", at(6), kim.id)


async def test_a_deleted_question_is_got_but_never_found_and_keeps_its_number(
    backend: Backend,
) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None and kim.id is not None
    async with backend.uow() as uow:
        await ask(uow, team, kim, "kept")
        gone = await ask(uow, team, kim, "gone word")
        gone.delete(kim.id, at(9))
        await uow.questions.record_change(gone)
        await uow.commit()
    async with backend.uow() as uow:
        got = await uow.questions.get(team.id, 2)
        assert got is not None and got.is_deleted and got.deleted_by == kim.id
        assert got.deleted_at == at(9)
        assert await uow.questions.get(team.id, 3) is None  # never existed: None
        for query in (
            QuestionQuery(),
            QuestionQuery(unresolved=True),
            QuestionQuery(study_date_from=gone.study_date, study_date_to=gone.study_date),
            QuestionQuery(answered_since=at(0)),
        ):
            assert [q.number for q in await uow.questions.find(team.id, query)] == [1], query
            assert await uow.questions.count(team.id, query) == 1, query
        assert await uow.questions.find(team.id, QuestionQuery(words=("gone",))) == []
        everything = await uow.questions.find(team.id, QuestionQuery(with_deleted=True))
        assert [q.number for q in everything] == [1, 2]
        assert await uow.questions.count(team.id, QuestionQuery(with_deleted=True)) == 2
        assert await uow.teams.next_question_number(team.id) == 3  # 2 is not given again


async def test_a_deleted_answer_is_left_out_of_every_read_and_of_search(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None and kim.id is not None
    async with backend.uow() as uow:
        lee = await uow.members.add(Member(team.id, "lee", "Lee"))
        question = await ask(uow, team, kim, "q")
        first = await answer(uow, question, lee, "secretword", minutes=1)
        second = await answer(uow, question, kim, "kept", minutes=2)
        await uow.questions.update_answer(
            team.id, replace(first, deleted_at=at(3), deleted_by=kim.id)
        )
        await uow.commit()
    async with backend.uow() as uow:
        got = await uow.questions.get(team.id, 1)
        assert got is not None and got.answers == [second]
        [found] = await uow.questions.find(team.id, QuestionQuery())
        assert found.answers == [second]
        assert await uow.questions.find(team.id, QuestionQuery(words=("secretword",))) == []
        [whole] = await uow.questions.find(team.id, QuestionQuery(with_deleted=True))
        assert [a.text for a in whole.answers] == ["secretword", "kept"]
        assert whole.answers[0].deleted_by == kim.id


async def test_a_deleted_answer_does_not_keep_a_question_from_settling(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None and kim.id is not None
    async with backend.uow() as uow:
        question = await ask(uow, team, kim, "q")
        old = await answer(uow, question, kim, "old", minutes=1)
        late = await answer(uow, question, kim, "late", minutes=600)
        question.status = Status.ANSWERED
        await uow.questions.update(question)
        await uow.questions.update_answer(team.id, replace(late, deleted_at=at(700)))
        await uow.commit()
    since = old.created_at + timedelta(minutes=5)
    async with backend.uow() as uow:
        assert await uow.questions.find(team.id, QuestionQuery(answered_since=since)) == []
        kept = QuestionQuery(answered_since=since, with_deleted=True)
        assert len(await uow.questions.find(team.id, kept)) == 1


async def test_another_teams_answer_cannot_be_updated(backend: Backend) -> None:
    team_a, kim = await add_team_with_member(backend.uow, "A")
    team_b, _ = await add_team_with_member(backend.uow, "B")
    assert team_b.id is not None
    async with backend.uow() as uow:
        question = await ask(uow, team_a, kim, "q")
        given = await answer(uow, question, kim, "a")
        await uow.commit()
    async with backend.uow() as uow:
        with pytest.raises(LookupError):
            await uow.questions.update_answer(team_b.id, replace(given, text="taken over"))
        with pytest.raises(LookupError):
            await uow.questions.update_answer(team_b.id, replace(given, id=10**6))
