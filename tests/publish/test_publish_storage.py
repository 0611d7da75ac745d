"""The publishing repository's contract on every storage: one row per team-week, the lease."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.publish.model import Publication, PublishSettings, PubState, PushSchedule
from tests.integration.builders import a_team
from tests.integration.conftest import Backend
from tests.integration.conftest import backend as backend  # the fixture, on every storage

NOW = datetime(2021, 8, 9, 4, 0, tzinfo=UTC)


async def test_one_row_per_team_week_and_a_conditional_requeue(backend: Backend):
    async with backend.uow() as uow:
        team = await uow.teams.add(a_team())
        assert team.id is not None
        await uow.publishing.save_settings(PublishSettings(team.id, "file:///x.git"))
        row = Publication(team.id, 2, PubState.PUBLISHED, created_at=NOW, updated_at=NOW)
        assert await uow.publishing.add(row) and row.id is not None
        again = Publication(team.id, 2, PubState.PENDING, created_at=NOW, updated_at=NOW)
        assert not await uow.publishing.add(again)  # the transaction is still usable after it
        assert not await uow.publishing.requeue(team.id, 2, NOW, NOW)  # touched at the post
        later = NOW + timedelta(hours=1)
        assert await uow.publishing.requeue(team.id, 2, later, later)
        assert not await uow.publishing.requeue(team.id, 2, later, later)  # once
        [due] = await uow.publishing.due(later)
        assert (due.week, due.state, due.next_try_at) == (2, PubState.PENDING, later)
        await uow.commit()


async def test_the_lease_is_taken_once_until_it_expires(backend: Backend):
    async with backend.uow() as uow:
        team = await uow.teams.add(a_team())
        assert team.id is not None
        assert not await uow.publishing.claim(team.id, "a", NOW, NOW)  # no settings: no lease
        settings = PublishSettings(team.id, "file:///x.git", push=PushSchedule.WEEKLY)
        await uow.publishing.save_settings(settings)
        until = NOW + timedelta(minutes=10)
        assert await uow.publishing.claim(team.id, "a", NOW, until)
        assert not await uow.publishing.claim(team.id, "b", NOW + timedelta(minutes=9), until)
        assert await uow.publishing.claim(team.id, "b", until, until + timedelta(minutes=10))
        await uow.publishing.release(team.id, "a")  # not a's any more: b keeps it
        assert not await uow.publishing.claim(team.id, "a", until, until)
        await uow.publishing.release(team.id, "b")
        assert await uow.publishing.claim(team.id, "a", until, until + timedelta(minutes=1))
        assert [s.team_id for s in await uow.publishing.weekly()] == [team.id]
        assert await uow.publishing.get_settings(team.id) == settings
