"""A team's publishing settings in an export (`bot.transfer`): where its weeks are pushed.

Only a team with settings (`/team settings repo:...`) has a `publishing` record, so the files of
other teams are as before, and older files import without one. The publications themselves
(which weeks went out, attempts, errors) are the sending history, like the outbox, and stay with
the database they were pushed from; the lease is a running process's and is never exported.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.ports import UnitOfWork
from bot.publish.model import PublishSettings, PushSchedule


async def export_publishing(uow: UnitOfWork, team_id: int) -> dict[str, Any]:
    """`{"publishing": …}` for a team with settings, `{}` for one without."""
    settings = await uow.publishing.get_settings(team_id)
    if settings is None:
        return {}
    since = settings.weekly_since
    return {
        "publishing": {
            "repo_url": settings.repo_url,
            "branch": settings.branch,
            "layout": settings.layout,
            "push": settings.push.value,
            "publish_minutes": settings.publish_minutes,
            "weekly_since": since.isoformat() if since is not None else None,
        }
    }


async def import_publishing(uow: UnitOfWork, team_id: int, data: dict[str, Any]) -> None:
    """The export's publishing settings, if it has them."""
    record = data.get("publishing")
    if not record:
        return
    since = record.get("weekly_since")
    await uow.publishing.save_settings(
        PublishSettings(
            team_id=team_id,
            repo_url=record.get("repo_url"),
            branch=record.get("branch") or "main",
            layout=record.get("layout"),
            push=PushSchedule(record.get("push") or PushSchedule.OFF.value),
            publish_minutes=bool(record.get("publish_minutes", True)),
            weekly_since=datetime.fromisoformat(since) if since else None,
        )
    )
