"""The files of one team-week in its repository's layout, rendered by the digests themselves.

The week is loaded once (`load_week`) and each file rendered by `render_loaded`, the same code as
`/digest` and `peerbot digest`, in a worker thread: the team's peer minutes (unless the team
turned them off), the office-hours Q&A when the week had office hours, and each member's own
file (retro log for the `fff` template, TIL review for `til`) only for members who turned
`/me publish:on` (and are still in the team).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from bot.digest import render_loaded
from bot.digest.office_hours import office_hours
from bot.digest.week import WeekData, load_week
from bot.model.teams import Member, RetroTemplate, Team
from bot.ports import UnitOfWork
from bot.publish.layout import DEFAULT_LAYOUT, TEAM_MEMBER, FileSlot, path_for
from bot.publish.model import PublishSettings


async def week_files(
    uow: UnitOfWork,
    team: Team,
    settings: PublishSettings,
    week: int,
    templates: Path | None = None,
) -> dict[str, bytes]:
    """Path -> content of every file of Week `week` that this team publishes."""
    data = await load_week(uow, team, week)
    return await asyncio.to_thread(render_files, data, settings, templates)


def member_format(team: Team) -> str:
    return "retro-log" if team.retro_template is RetroTemplate.FFF else "til-review"


def render_files(
    data: WeekData, settings: PublishSettings, templates: Path | None = None
) -> dict[str, bytes]:
    """The week's files, pure work (safe in a worker thread)."""
    layout = settings.layout or DEFAULT_LAYOUT
    jobs: list[tuple[str, Member | None]] = []
    if settings.publish_minutes:
        jobs.append(("peer-minutes", None))
    hours = office_hours(data)
    if hours.days or hours.waiting:
        jobs.append(("office-hours", None))
    sharing = [m for m in data.members.values() if m.publish and not m.is_removed]
    jobs += [(member_format(data.team), m) for m in sorted(sharing, key=lambda m: m.id or 0)]
    files: dict[str, bytes] = {}
    for fmt, member in jobs:
        digest = render_loaded(data, fmt, member, None, templates)
        name = digest.filename.rsplit("/", 1)[-1].removesuffix(".md")
        slot = FileSlot(data.week, data.monday, fmt, name, _member_part(fmt, name, member))
        path = path_for(layout, slot)
        if path in files and member is not None:  # two members of one name: keep both
            slot = replace(slot, name=f"{name}-{member.id}", member=f"{slot.member}-{member.id}")
            path = path_for(layout, slot)
        files[path] = digest.markdown.encode("utf-8")
    return files


def _member_part(fmt: str, name: str, member: Member | None) -> str:
    return TEAM_MEMBER if member is None else name.removeprefix(fmt + "-")
