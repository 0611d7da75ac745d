"""Search contract (fake, SQLite, PostgreSQL): stems, BM25 order, the index kept in step with
edits, deletions and answers in the same unit of work, and migration 0017 building the index
for existing data."""

from __future__ import annotations

import asyncio
import dataclasses
import random
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from bot.model.questions import Answer, Question
from bot.ports import QuestionQuery
from storage.migrate import alembic_config, migration_connection
from storage.search_index import SearchIndex
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


WORDS = ("dropout", "정렬된", "값인가요", "zero_grad()", "learning", "rate", "rates", "SVD", "의")


@pytest.mark.parametrize("kind", ["sqlite", POSTGRES])
async def test_the_index_kept_step_by_step_is_the_index_rebuilt_from_the_texts(
    kind: str, tmp_path: Path
):
    """/ask and /answer write the index without reading the texts back (`index_new`,
    `add_answer_text`): after asks, answers (to live and deleted questions, repeating terms),
    edits and deletions, it is row for row what a full `reindex` of every question writes."""
    rng = random.Random(17)

    def words() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 6)))

    async with any_backend(kind, tmp_path) as backend:
        team, kim = await add_team_with_member(backend.uow)
        assert team.id is not None
        asked: list[Question] = []
        given: list[Answer] = []
        for _ in range(80):
            async with backend.uow() as uow:
                roll = rng.random()
                if roll < 0.3 or not asked:
                    asked.append(await ask(uow, team, kim, words() or "empty"))
                elif roll < 0.75:
                    given.append(await answer(uow, rng.choice(asked), kim, words() or "-"))
                elif roll < 0.85 and given:
                    edited = dataclasses.replace(rng.choice(given), text=words() or "edited")
                    await uow.questions.update_answer(team.id, edited)
                elif roll < 0.92:
                    question = rng.choice(asked)
                    gone = dataclasses.replace(question, deleted_at=question.asked_at)
                    await uow.questions.record_change(gone)
                else:  # an import: a question that arrives with its answers
                    number = await uow.teams.next_question_number(team.id)
                    assert kim.id is not None
                    with_answers = dataclasses.replace(
                        asked[0],
                        id=None,
                        number=number,
                        text=words(),
                        answers=[Answer(0, kim.id, words(), asked[0].asked_at)],
                    )
                    asked.append(await uow.questions.add(with_answers))
                await uow.commit()
        kept = await _index_rows(backend)
        assert kept["search_postings"], "the walk indexed something"
        assert await _rebuilt(backend, asked) == kept


@pytest.mark.postgres
async def test_answers_to_one_question_at_once_all_land_in_its_index(tmp_path: Path):
    """PostgreSQL runs units of work side by side: eight /answer to one question at once each
    commit (none told to try again), and the index holds all of them."""
    async with any_backend("postgres", tmp_path) as backend:
        team, kim = await add_team_with_member(backend.uow)
        async with backend.uow() as uow:
            question = await ask(uow, team, kim, "dropout rate")
            await uow.commit()

        async def one(n: int) -> None:
            async with backend.uow() as uow:
                await answer(uow, question, kim, f"dropout word{n} shared terms here")
                await uow.commit()

        await asyncio.gather(*(one(n) for n in range(8)))
        kept = await _index_rows(backend)
        assert (
            len([r for r in kept["search_postings"] if r[1] == "a"]) == 8 + 3
        )  # word0-7, and dropout, share, term ("here" is a stop word)
        assert await _rebuilt(backend, [question]) == kept


async def _rebuilt(backend: Backend, asked: list[Question]) -> dict[str, list[tuple[object, ...]]]:
    """The index tables emptied and written again by a full `reindex` of every question."""
    async with backend.uow() as uow:
        connection = uow._connection  # type: ignore[attr-defined]
        for table in ("search_postings", "search_df", "search_stats"):
            await connection.execute(text(f"DELETE FROM {table}"))
        index = SearchIndex(connection)
        for question in asked:
            assert question.id is not None
            await index.reindex(question.id)
        await uow.commit()
    return await _index_rows(backend)


async def _index_rows(backend: Backend) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the three index tables, sorted (stats without zero-document kinds, which a
    rebuild never writes)."""
    found = {}
    async with backend.uow() as uow:
        connection = uow._connection  # type: ignore[attr-defined]
        for table, where in (
            ("search_postings", ""),
            ("search_df", ""),
            ("search_stats", " WHERE docs > 0"),
        ):
            rows = await connection.execute(text(f"SELECT * FROM {table}{where}"))
            found[table] = sorted(tuple(row) for row in rows)
    return found
