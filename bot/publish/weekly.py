"""The weekly publish: once per team-week, after the team's weekly post.

`schedule_weekly(uow_factory, now)` looks at the weekly posts (`digest_occurrences`, the same
moments the weekly post uses) of each team with `push:weekly` that went out since the setting was
turned on (at most `LOOK_BACK` ago) and makes that week's `publications` row due: a new pending
row, or an existing one touched before that post (a publish mid-week) due again. A week without
a study day gets a `skipped` row saying so. The unique (team, week) row and the "touched before
the post" condition (one conditional UPDATE) make it fire once however often, and in however
many processes, it is asked; `Publisher.run_due` then does the pushing.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.model.teams import Team
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.publish.model import Publication, PublishSettings, PubState
from bot.scheduled.occurrences import Occurrence, digest_occurrences

log = logging.getLogger(__name__)

LOOK_BACK = timedelta(days=8)  # a bot down longer than this does not publish older weeks late
NO_STUDY_DAY = "no study day that week: no weekly post, nothing to publish"


async def schedule_weekly(uow_factory: UnitOfWorkFactory, now: datetime) -> int:
    """Make due every team-week whose weekly post went out; how many rows this made due."""
    made = 0
    async with uow_factory() as uow:
        for settings in await uow.publishing.weekly():
            team = await uow.teams.get(settings.team_id)
            if team is None:
                continue
            for occurrence in digest_occurrences(team, _since(team, settings, now), now):
                made += await _make_due(uow, occurrence, now)
        await uow.commit()
    return made


def _since(team: Team, settings: PublishSettings, now: datetime) -> datetime:
    since = max(now - LOOK_BACK, settings.weekly_since or now)
    return max(since, team.created_at) if team.created_at else since


async def _make_due(uow: UnitOfWork, occurrence: Occurrence, now: datetime) -> int:
    week = int(occurrence.key.removeprefix("week"))
    row = await uow.publishing.get(occurrence.team_id, week)
    if row is None:
        state = PubState.SKIPPED if occurrence.empty else PubState.PENDING
        row = Publication(
            occurrence.team_id,
            week,
            state,
            created_at=now,
            updated_at=now,
            next_try_at=None if occurrence.empty else now,
            last_error=NO_STUDY_DAY if occurrence.empty else None,
        )
        if not await uow.publishing.add(row):
            return 0
        if occurrence.empty:
            log.info("team %s: week %s has no study day, nothing published", row.team_id, week)
            return 0
        return 1
    if occurrence.empty:
        return 0
    return int(await uow.publishing.requeue(row.team_id, week, occurrence.at, now))
