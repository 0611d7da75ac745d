"""Publishing settings, the per-team lease and the publications (migration 0018)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, insert, or_, select, update

from bot.errors import Conflict
from bot.publish.model import Publication, PublishSettings, PubState, PushSchedule
from storage.repositories import SqlRepository
from storage.tables import publications, team_publishing


class SqlPublishingRepository(SqlRepository):
    """`bot.publish.ports.PublishingRepository` on SQL."""

    async def get_settings(self, team_id: int) -> PublishSettings | None:
        statement = select(team_publishing).where(team_publishing.c.team_id == team_id)
        row = (await self._execute(statement)).one_or_none()
        return None if row is None else _settings(row)

    async def save_settings(self, settings: PublishSettings) -> None:
        values = {
            "repo_url": settings.repo_url,
            "branch": settings.branch,
            "layout": settings.layout,
            "push": settings.push.value,
            "publish_minutes": settings.publish_minutes,
            "weekly_since": settings.weekly_since,
        }
        changed = await self._execute(
            update(team_publishing)
            .where(team_publishing.c.team_id == settings.team_id)
            .values(values)
        )
        if not changed.rowcount:
            async with self._savepoint():
                await self._execute(
                    insert(team_publishing).values(team_id=settings.team_id, **values)
                )

    async def weekly(self) -> Sequence[PublishSettings]:
        statement = (
            select(team_publishing)
            .where(team_publishing.c.push == PushSchedule.WEEKLY.value)
            .where(team_publishing.c.repo_url.is_not(None))
            .order_by(team_publishing.c.team_id)
        )
        return [_settings(row) for row in (await self._execute(statement)).all()]

    async def claim(self, team_id: int, holder: str, now: datetime, until: datetime) -> bool:
        lease = team_publishing.c
        statement = (
            update(team_publishing)
            .where(lease.team_id == team_id)
            .where(
                or_(
                    lease.lease_until.is_(None),
                    lease.lease_until <= now,
                    lease.lease_holder == holder,
                )
            )
            .values(lease_holder=holder, lease_until=until)
        )
        return bool((await self._execute(statement)).rowcount)

    async def release(self, team_id: int, holder: str) -> None:
        await self._execute(
            update(team_publishing)
            .where(team_publishing.c.team_id == team_id)
            .where(team_publishing.c.lease_holder == holder)
            .values(lease_holder=None, lease_until=None)
        )

    async def get(self, team_id: int, week: int) -> Publication | None:
        statement = select(publications).where(
            (publications.c.team_id == team_id) & (publications.c.week == week)
        )
        row = (await self._execute(statement)).one_or_none()
        return None if row is None else _publication(row)

    async def add(self, publication: Publication) -> bool:
        try:
            async with self._savepoint():
                result = await self._execute(
                    insert(publications)
                    .values(
                        team_id=publication.team_id, week=publication.week, **_values(publication)
                    )
                    .returning(publications.c.id)
                )
                publication.id = result.scalar_one()
        except Conflict:
            return False
        return True

    async def save(self, publication: Publication) -> None:
        await self._execute(
            update(publications)
            .where(publications.c.id == publication.id)
            .values(_values(publication))
        )

    async def requeue(self, team_id: int, week: int, before: datetime, now: datetime) -> bool:
        statement = (
            update(publications)
            .where((publications.c.team_id == team_id) & (publications.c.week == week))
            .where(publications.c.updated_at < before)
            .values(state=PubState.PENDING.value, attempts=0, next_try_at=now, updated_at=now)
        )
        return bool((await self._execute(statement)).rowcount)

    async def list(self, team_id: int | None, state: PubState | None) -> Sequence[Publication]:
        statement = select(publications).order_by(publications.c.team_id, publications.c.week)
        if team_id is not None:
            statement = statement.where(publications.c.team_id == team_id)
        if state is not None:
            statement = statement.where(publications.c.state == state.value)
        return await self._mapped(statement, _publication)

    async def due(self, now: datetime) -> Sequence[Publication]:
        statement = (
            select(publications)
            .where(publications.c.state == PubState.PENDING.value)
            .where(publications.c.next_try_at <= now)
            .order_by(publications.c.next_try_at, publications.c.id)
        )
        return await self._mapped(statement, _publication)

    async def retry(self, team_id: int | None, ids: Sequence[int], now: datetime) -> int:
        statement = update(publications).where(
            publications.c.state.in_([PubState.FAILED.value, PubState.PENDING.value])
        )
        if team_id is not None:
            statement = statement.where(publications.c.team_id == team_id)
        if ids:
            statement = statement.where(publications.c.id.in_(list(ids)))
        statement = statement.values(
            state=PubState.PENDING.value, attempts=0, next_try_at=now, updated_at=now
        )
        return int((await self._execute(statement)).rowcount)


def _values(p: Publication) -> dict[str, Any]:
    return {
        "state": p.state.value,
        "attempts": p.attempts,
        "last_error": p.last_error,
        "commit_sha": p.commit_sha,
        "next_try_at": p.next_try_at,
        "created_at": p.created_at,
        "updated_at": p.updated_at,
    }


def _settings(row: Row[Any]) -> PublishSettings:
    return PublishSettings(
        team_id=row.team_id,
        repo_url=row.repo_url,
        branch=row.branch,
        layout=row.layout,
        push=PushSchedule(row.push),
        publish_minutes=bool(row.publish_minutes),
        weekly_since=row.weekly_since,
    )


def _publication(row: Row[Any]) -> Publication:
    return Publication(
        team_id=row.team_id,
        week=row.week,
        state=PubState(row.state),
        created_at=row.created_at,
        attempts=row.attempts,
        last_error=row.last_error,
        commit_sha=row.commit_sha,
        next_try_at=row.next_try_at,
        updated_at=row.updated_at,
        id=row.id,
    )
