"""Contract: a read that can return a whole team lets the event loop run while it maps rows.

On SQLite the driver runs inline on the loop every team shares (storage/inline_sqlite.py), so a
5,000-row week would hold it for the whole fetch and mapping; the repositories fetch and map in
partitions of `storage.repositories.PARTITION` rows with a turn of the loop between them. Here
the partition is 10 rows, so 25 rows are three partitions, and the rows come back whole and in
order all the same.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any

import pytest

import storage.repositories
from bot.model.questions import Note
from bot.model.study import Away, Retro
from bot.model.teams import Member, RetroTemplate
from bot.ports import QuestionQuery, UnitOfWork
from storage import tables
from storage.member_repository import MEMBER_COLUMNS
from storage.question_rows import ANSWER_COLUMNS, QUESTION_COLUMNS, answer_of_row, question_of_row
from storage.study_repositories import RETRO_COLUMNS
from tests.integration.builders import DAY1, add_team_with_member, answer, ask, at
from tests.integration.conftest import Backend

ROWS = 25


@pytest.fixture(autouse=True)
def small_partitions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage.repositories, "PARTITION", 10, raising=False)


async def turns_of_the_loop_during(read: Awaitable[Any]) -> tuple[int, Any]:
    """How many times another task ran while `read` was awaited, and what it returned."""
    turns = 0

    async def other_team() -> None:
        nonlocal turns
        while True:
            await asyncio.sleep(0)
            turns += 1

    task = asyncio.create_task(other_team())
    await asyncio.sleep(0)
    before = turns
    try:
        result = await read
    finally:
        task.cancel()
    return turns - before, result


async def a_big_team(backend: Backend) -> tuple[int, int]:
    """A team with `ROWS` more members, and questions (each answered), retros, days away and
    notes; its id and how many members it has."""
    team, kim = await add_team_with_member(backend.uow, "A", "kim")
    assert team.id is not None and kim.id is not None
    async with backend.uow() as uow:
        for n in range(ROWS):
            member = await uow.members.add(Member(team.id, f"u{n}", f"member {n}"))
            assert member.id is not None
            question = await ask(uow, team, kim, f"question {n}")
            await answer(uow, question, member, f"answer {n}")
            day = DAY1 + timedelta(days=n % 3)
            fields = {"fact": f"fact {n}", "feeling": "fine", "plan": "review"}
            await uow.retros.add(
                Retro(team.id, member.id, day, RetroTemplate.FFF, fields, at(n), at(n))
            )
            await uow.away.add(Away(team.id, member.id, day, day))
            await uow.notes.add(Note(team.id, member.id, day, f"note {n}", at(n)))
        await uow.commit()
    return team.id, ROWS + 1


READS: dict[str, Callable[[UnitOfWork, int], Awaitable[Any]]] = {
    "members": lambda uow, team: uow.members.list(team),
    "questions with answers": lambda uow, team: uow.questions.find(team, QuestionQuery()),
    "retros": lambda uow, team: uow.retros.list(team, date.min, date.max),
    "days away": lambda uow, team: uow.away.list(team, date.min, date.max),
    "notes": lambda uow, team: uow.notes.list(team, date.min, date.max),
}


async def test_every_team_sized_read_lets_the_loop_run_between_partitions(sql: Backend) -> None:
    team_id, members = await a_big_team(sql)
    async with sql.uow() as uow:
        for name, read in READS.items():
            turns, rows = await turns_of_the_loop_during(read(uow, team_id))
            assert len(rows) == (members if name == "members" else ROWS), name
            assert turns >= 2, f"{name}: the loop did not run while {len(rows)} rows were mapped"


async def test_rows_read_in_partitions_come_back_whole_and_in_order(sql: Backend) -> None:
    team_id, _ = await a_big_team(sql)
    async with sql.uow() as uow:
        found = await uow.questions.find(team_id, QuestionQuery())
        members = await uow.members.list(team_id)
    assert [q.number for q in found] == list(range(1, ROWS + 1))
    assert [[a.text for a in q.answers] for q in found] == [[f"answer {n}"] for n in range(ROWS)]
    assert [m.user_id for m in members] == ["kim", *(f"u{n}" for n in range(ROWS))]


def test_the_row_mappers_unpack_each_tables_columns_in_the_tables_order() -> None:
    assert tuple(tables.questions.c.keys()) == QUESTION_COLUMNS
    assert tuple(tables.answers.c.keys()) == ANSWER_COLUMNS
    assert tuple(tables.retros.c.keys()) == RETRO_COLUMNS
    assert tuple(tables.members.c.keys()) == MEMBER_COLUMNS


ENUM_COLUMNS = {"category": "lecture", "status": "resolved", "flag": "escalated"}


@pytest.mark.parametrize(
    ("columns", "mapped"),
    [
        (QUESTION_COLUMNS, lambda row: question_of_row(row, [])),
        (ANSWER_COLUMNS, answer_of_row),
    ],
)
def test_the_row_mappers_put_each_column_in_the_field_of_its_name(
    columns: tuple[str, ...], mapped: Callable[[tuple[Any, ...]], Any]
) -> None:
    """They build the model by position: a value of its own in each column lands in the field
    named as the column (its `id` in `id`), whatever the order of the model's fields."""
    row = tuple(ENUM_COLUMNS.get(name, f"<{name}>") for name in columns)
    found = mapped(row)
    assert {name: str(getattr(found, name)) for name in columns} == dict(
        zip(columns, row, strict=True)
    )
