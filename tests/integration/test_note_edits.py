"""Contract: numbered notes, their edits and deletions (fake, SQLite, PostgreSQL), and the
migration that numbers the notes written before it (0011).

A note gets its team's next number, never reused; `get` returns a deleted one too (marked) so
the core can say so, `list` leaves it out unless `with_deleted` (export).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.model.teams import Member
from storage import upgrade_async
from storage.engine import create_sync_engine
from tests.integration.builders import DAY1, a_note, add_team_with_member, at
from tests.integration.conftest import POSTGRES, Backend, sqlite_url
from tests.postgres import POSTGRES_URL, postgres_schema


async def test_notes_are_numbered_per_team_and_numbers_are_never_reused(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow, "A")
    other, park = await add_team_with_member(backend.uow, "B", "u2")
    assert team.id is not None and other.id is not None and kim.id is not None
    async with backend.uow() as uow:
        first = await uow.notes.add(a_note(team, kim, "first"))
        second = await uow.notes.add(a_note(team, kim, "second", minutes=1))
        elsewhere = await uow.notes.add(a_note(other, park, "other team"))
        assert (first.number, second.number, elsewhere.number) == (1, 2, 1)
        second.delete(kim.id, at(5))
        await uow.notes.update(second)
        third = await uow.notes.add(a_note(team, kim, "third", minutes=6))
        assert third.number == 3  # 2 is not given again
        assert await uow.notes.next_number(team.id) == 4
        await uow.commit()
    async with backend.uow() as uow:
        assert [n.number for n in await uow.notes.list(team.id, DAY1, DAY1)] == [1, 3]
        everything = await uow.notes.list(team.id, date.min, date.max, with_deleted=True)
        assert [n.number for n in everything] == [1, 2, 3]
        gone = await uow.notes.get(team.id, 2)
        assert gone is not None and gone.is_deleted
        assert (gone.deleted_at, gone.deleted_by) == (at(5), kim.id)
        assert await uow.notes.get(team.id, 9) is None
        assert await uow.notes.get(other.id, 3) is None  # another team's numbers are its own


async def test_an_edit_is_stored_with_who_and_when(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None and kim.id is not None
    async with backend.uow() as uow:
        lee = await uow.members.add(Member(team.id, "lee", "Lee"))
        assert lee.id is not None
        note = await uow.notes.add(a_note(team, lee, "old text"))
        note.edit("new text", kim.id, at(7))
        await uow.notes.update(note)
        await uow.commit()
    async with backend.uow() as uow:
        stored = await uow.notes.get(team.id, 1)
        [listed] = await uow.notes.list(team.id, DAY1, DAY1)
    assert stored == listed and stored.member_id == lee.id
    assert (stored.text, stored.edited_at, stored.edited_by) == ("new text", at(7), kim.id)


async def test_another_teams_note_cannot_be_updated_and_counters_are_checked(
    backend: Backend,
) -> None:
    team, kim = await add_team_with_member(backend.uow, "A")
    other, _ = await add_team_with_member(backend.uow, "B", "u2")
    assert other.id is not None and team.id is not None
    async with backend.uow() as uow:
        note = await uow.notes.add(a_note(team, kim, "mine"))
        await uow.commit()
    async with backend.uow() as uow:
        note.team_id = other.id
        with pytest.raises(LookupError):
            await uow.notes.update(note)
        with pytest.raises(ValueError):
            await uow.notes.set_next_number(team.id, 0)
        with pytest.raises(LookupError):
            await uow.notes.set_next_number(team.id + 1000, 5)
        with pytest.raises(LookupError):
            await uow.notes.next_number(team.id + 1000)
        await uow.notes.set_next_number(team.id, 40)
        assert (await uow.notes.add(a_note(team, kim, "later"))).number == 40


def _rows(url: str, connect_args: dict[str, str], sql: str) -> list[tuple[object, ...]]:
    engine = create_sync_engine(url, connect_args=connect_args)
    try:
        with engine.begin() as connection:
            return [tuple(r) for r in connection.execute(text(sql))]
    finally:
        engine.dispose()


def _write(url: str, connect_args: dict[str, str], *statements: str) -> None:
    engine = create_sync_engine(url, connect_args=connect_args)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


OLD_ROWS = (
    "INSERT INTO teams (id, platform, channel_id, name, start_date, zone, language, "
    "retro_template, weekdays) VALUES (1, 'console', 'a', 'A', '2021-08-02', 'Asia/Seoul', "
    "'en', 'fff', '0,1,2,3,4'), (2, 'console', 'b', 'B', '2021-08-02', 'Asia/Seoul', 'en', "
    "'fff', '0,1,2,3,4'), (3, 'console', 'c', 'C', '2021-08-02', 'Asia/Seoul', 'en', 'fff', "
    "'0,1,2,3,4')",
    "INSERT INTO members (id, team_id, user_id, display_name) VALUES (1, 1, 'kim', 'kim'), "
    "(2, 2, 'lee', 'lee')",
    # ids interleaved between the teams, written out of time order: numbered by id per team
    "INSERT INTO notes (id, team_id, member_id, study_date, text, created_at) VALUES "
    "(10, 1, 1, '2021-08-09', 'a1', '2021-08-09 05:00:00'), "
    "(11, 2, 2, '2021-08-09', 'b1', '2021-08-09 04:00:00'), "
    "(12, 1, 1, '2021-08-10', 'a2', '2021-08-09 03:00:00'), "
    "(13, 1, 1, '2021-08-10', 'a3', '2021-08-10 03:00:00')",
)


@pytest.mark.parametrize("kind", ["sqlite", POSTGRES])
async def test_the_migration_numbers_existing_notes_per_team_in_id_order(
    kind: str, tmp_path: Path
) -> None:
    async def check(url: str, connect_args: dict[str, str]) -> None:
        await upgrade_async(url, "0010", connect_args=connect_args)
        _write(url, connect_args, *OLD_ROWS)
        await upgrade_async(url, connect_args=connect_args)
        numbered = _rows(url, connect_args, "SELECT id, team_id, number FROM notes ORDER BY id")
        assert numbered == [(10, 1, 1), (11, 2, 1), (12, 1, 2), (13, 1, 3)]
        counters = _rows(url, connect_args, "SELECT id, next_note_number FROM teams ORDER BY id")
        assert counters == [(1, 4), (2, 2), (3, 1)]  # a team without notes starts at 1

    if kind == "sqlite":
        await check(sqlite_url(tmp_path), {})
        return
    with postgres_schema() as connect_args:
        await check(POSTGRES_URL, connect_args)
