"""Contract: members' roles and removal, and answers' endorsements (fake, SQLite, PostgreSQL);
migration 0012 on a database that already has members."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import MetaData, Table, insert, text

from storage import SqlUnitOfWorkFactory, create_engine, upgrade_async
from storage.engine import create_sync_engine
from storage.repositories import SqlTeamRepository
from tests.integration.builders import T0, a_team, add_team_with_member, answer, ask, at
from tests.integration.conftest import Backend, sqlite_url
from tests.postgres import POSTGRES_URL, postgres_schema


async def test_a_mentor_flag_and_a_removal_are_stored_and_removed_members_are_left_out(
    backend: Backend,
) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None
    async with backend.uow() as uow:
        lee = await uow.members.add(replace(kim, id=None, user_id="u2", is_admin=False))
        mentor = await uow.members.add(
            replace(kim, id=None, user_id="u3", is_admin=False, is_mentor=True)
        )
        lee.removed_at = at(5)
        await uow.members.update(lee)
        await uow.commit()
    async with backend.uow() as uow:
        current = await uow.members.list(team.id)
        everyone = await uow.members.list(team.id, with_removed=True)
        got = await uow.members.get(team.id, "u2")
    assert [m.user_id for m in current] == ["u1", "u3"]
    assert [m.user_id for m in everyone] == ["u1", "u2", "u3"]
    assert got is not None and got.removed_at == at(5) and got.is_removed
    assert current[1] == mentor and current[1].is_mentor and not current[1].is_admin
    async with backend.uow() as uow:  # back: removal cleared, joined again
        got.rejoin(at(60))
        await uow.members.update(got)
        await uow.commit()
    async with backend.uow() as uow:
        back = await uow.members.get(team.id, "u2")
    assert back is not None and back.removed_at is None and back.joined_at == at(60)


async def test_an_endorsement_is_stored_on_the_answer_and_taken_back(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None
    async with backend.uow() as uow:
        mentor = await uow.members.add(replace(kim, id=None, user_id="m", is_mentor=True))
        question = await ask(uow, team, kim, "Why?")
        given = await answer(uow, question, kim, "Because.")
        given.endorsed_at, given.endorsed_by = at(3), mentor.id
        await uow.questions.update_answer(team.id, given)
        await uow.commit()
    async with backend.uow() as uow:
        stored = await uow.questions.get(team.id, question.number)
    assert stored is not None
    assert (stored.answers[0].endorsed_at, stored.answers[0].endorsed_by) == (at(3), mentor.id)
    async with backend.uow() as uow:
        given.endorsed_at = given.endorsed_by = None
        await uow.questions.update_answer(team.id, given)
        await uow.commit()
    async with backend.uow() as uow:
        stored = await uow.questions.get(team.id, question.number)
    assert stored is not None and not stored.answers[0].is_endorsed


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def test_migration_0012_keeps_existing_members_and_their_admin_flag(
    kind: str, tmp_path: Path
) -> None:
    if kind == "sqlite":
        await _migrated_with_members(sqlite_url(tmp_path), {})
        return
    with postgres_schema() as connect_args:
        await _migrated_with_members(POSTGRES_URL, connect_args)


async def _migrated_with_members(url: str, connect_args: dict[str, str]) -> None:
    await upgrade_async(url, "0010", connect_args=connect_args)
    engine = create_engine(url, connect_args=connect_args)
    try:
        factory = SqlUnitOfWorkFactory(engine)
        raw = create_sync_engine(url, connect_args=connect_args)
        with raw.begin() as connection:  # the team as 0010 had it: its columns of then only
            then = Table("teams", MetaData(), autoload_with=connection)
            values = {**SqlTeamRepository._values(a_team()), "created_at": T0}
            inserted = connection.execute(
                insert(then).values({k: v for k, v in values.items() if k in then.c})
            )
            team_id = inserted.inserted_primary_key[0]
        with raw.begin() as connection:  # members as 0010 had them
            for user, admin in (("kim", True), ("lee", False)):
                connection.execute(
                    text(
                        "INSERT INTO members (team_id, user_id, display_name, is_admin, joined_at)"
                        " VALUES (:team, :user, :user, :admin, :joined)"
                    ),
                    {"team": team_id, "user": user, "admin": admin, "joined": T0},
                )
        raw.dispose()
        await upgrade_async(url, connect_args=connect_args)
        async with factory() as uow:
            members = await uow.members.list(team_id, with_removed=True)
    finally:
        await engine.dispose()
    assert [(m.user_id, m.is_admin, m.is_mentor, m.removed_at) for m in members] == [
        ("kim", True, False, None),
        ("lee", False, False, None),
    ]
