"""Search contract (fake, SQLite, PostgreSQL): stems, BM25 order, the index kept in step with
edits, deletions and answers in the same unit of work, and migration 0017 building the index
for existing data."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from bot.ports import QuestionQuery
from storage.migrate import alembic_config, migration_connection
from tests.integration.builders import add_team_with_member, answer, ask
from tests.integration.conftest import POSTGRES, Backend, any_backend


async def _numbers(backend: Backend, team_id: int, words: str) -> tuple[int, ...]:
    async with backend.uow() as uow:
        return (await uow.search.search(team_id, words)).numbers


async def test_korean_endings_english_stems_and_identifiers_find_the_question(backend: Backend):
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None
    async with backend.uow() as uow:
        await ask(uow, team, kim, "SVD에서 singular value는 크기 순으로 정렬되어 있나요?")
        await ask(uow, team, kim, "Why call zero_grad() before optimizer.step()?")
        await ask(uow, team, kim, "The loader resets after each epoch")
        await uow.commit()
    assert await _numbers(backend, team.id, "정렬된") == (1,)
    assert await _numbers(backend, team.id, "sorting sorted") == ()
    assert await _numbers(backend, team.id, "zero_grad") == (2,)
    assert await _numbers(backend, team.id, "reset") == (3,)
    assert await _numbers(backend, team.id, "을 를") == ()


async def test_ranked_best_first_newest_on_a_tie_and_answers_count(backend: Backend):
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None
    async with backend.uow() as uow:
        await ask(uow, team, kim, "dropout rate")
        second = await ask(uow, team, kim, "dropout rate")
        await ask(uow, team, kim, "batch norm and dropout rate together, dropout twice")
        fourth = await ask(uow, team, kim, "what regularises?")
        await answer(uow, fourth, kim, "dropout does")
        await uow.commit()
    found = await _numbers(backend, team.id, "dropout")
    assert set(found) == {1, 2, 3, 4} and found.index(2) < found.index(1)
    assert second.number == 2
    async with backend.uow() as uow:
        listed = await uow.questions.find(team.id, QuestionQuery(words=("dropout",), ranked=True))
        assert tuple(q.number for q in listed) == found


async def test_edits_deletions_and_answers_keep_the_index_in_step(backend: Backend):
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None
    async with backend.uow() as uow:
        question = await ask(uow, team, kim, "learning rate warmup")
        given = await answer(uow, question, kim, "use cosine decay")
        await uow.commit()
    assert await _numbers(backend, team.id, "cosine") == (1,)
    async with backend.uow() as uow:
        await uow.questions.update_answer(team.id, dataclasses.replace(given, text="use steps"))
        await uow.questions.record_change(dataclasses.replace(question, text="momentum only"))
        await uow.commit()
    assert await _numbers(backend, team.id, "cosine") == ()
    assert await _numbers(backend, team.id, "warmup") == ()
    assert await _numbers(backend, team.id, "momentum") == (1,)
    async with backend.uow() as uow:  # rolled back: the index stays as it was
        await uow.questions.record_change(dataclasses.replace(question, text="rollback words"))
    assert await _numbers(backend, team.id, "rollback") == ()
    async with backend.uow() as uow:
        gone = dataclasses.replace(question, text="momentum only", deleted_at=given.created_at)
        await uow.questions.record_change(gone)
        await uow.commit()
    assert await _numbers(backend, team.id, "momentum") == ()


async def test_similar_finds_the_paraphrase_across_endings_and_order(backend: Backend):
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None
    async with backend.uow() as uow:
        await ask(uow, team, kim, "SVD의 singular value는 정렬된 값인가요")
        await ask(uow, team, kim, "colab GPU 런타임은 몇 시간인가요")
        await uow.commit()
    async with backend.uow() as uow:
        alike = await uow.search.similar(team.id, "singular value가 SVD에서 정렬되어 있나요")
        assert [n for n, _ in alike] == [1]
        assert await uow.search.similar(team.id, "transformer decoder mask") == []


@pytest.mark.parametrize("kind", ["sqlite", POSTGRES])
async def test_the_migration_builds_the_index_of_existing_questions(kind: str, tmp_path: Path):
    async with any_backend(kind, tmp_path) as backend:
        team, kim = await add_team_with_member(backend.uow)
        assert team.id is not None
        async with backend.uow() as uow:
            question = await ask(uow, team, kim, "정렬되어 있나요")
            await answer(uow, question, kim, "gradients accumulate")
            await uow.commit()
        assert backend.engine is not None
        await backend.engine.dispose()

        def again() -> None:
            with migration_connection(backend.url, connect_args=backend.connect_args) as conn:
                config = alembic_config()
                config.attributes["connection"] = conn
                command.downgrade(config, "0016")
                assert conn.execute(text("SELECT COUNT(*) FROM questions")).scalar_one() == 1
                command.upgrade(config, "head")

        await asyncio.to_thread(again)
        assert await _numbers(backend, team.id, "정렬된") == (1,)
        assert await _numbers(backend, team.id, "accumulated") == (1,)
