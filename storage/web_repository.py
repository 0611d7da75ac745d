"""The web view's access rows: the signing secret (one row) and each team's link generation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select, update

from bot.errors import Conflict
from storage.repositories import SqlRepository
from storage.tables import web_links, web_secret

SECRET_ROW = 1


class SqlWebRepository(SqlRepository):
    """`bot.web.access.WebRepository` on SQL: a team without a row is at generation 0."""

    async def secret(self, candidate: str, at: datetime) -> str:
        found = await self._stored_secret()
        if found is not None:
            return found
        try:
            async with self._savepoint():
                await self._execute(
                    insert(web_secret).values(id=SECRET_ROW, secret=candidate, created_at=at)
                )
        except Conflict:  # another process stored one a moment ago: theirs is the secret
            stored = await self._stored_secret()
            if stored is None:
                raise
            return stored
        return candidate

    async def _stored_secret(self) -> str | None:
        query = select(web_secret.c.secret).where(web_secret.c.id == SECRET_ROW)
        found: str | None = (await self._execute(query)).scalar_one_or_none()
        return found

    async def generation(self, team_id: int) -> int:
        query = select(web_links.c.generation).where(web_links.c.team_id == team_id)
        found: int | None = (await self._execute(query)).scalar_one_or_none()
        return found or 0

    async def revoke(self, team_id: int, by: str, at: datetime) -> int:
        current = await self.generation(team_id)
        values = {"generation": current + 1, "revoked_at": at, "revoked_by": by}
        changed = await self._execute(
            update(web_links)
            .where(web_links.c.team_id == team_id, web_links.c.generation == current)
            .values(**values)
        )
        if not changed.rowcount:
            async with self._savepoint():  # a Conflict here: a revoke at the same moment
                await self._execute(insert(web_links).values(team_id=team_id, **values))
        return current + 1
