"""`peerbot digest`: a team's weeks as Markdown files for its TIL repository, outside the chat.

`plan_export` decides which files (weeks times members), `render_file` renders one through the
same `render_week` as `/digest`, and `write_file` puts it under the output directory. No option
parsing and no printing here: the command line does those, with a progress bar between files.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.digest import MEMBER_FORMATS, language_filename, render_week
from bot.model.teams import Language, Member, Team
from bot.ports import UnitOfWork
from bot.teams import last_active_day


@dataclass(frozen=True)
class ExportRequest:
    """What to export: a format, which weeks, whose files, in which language."""

    fmt: str = "peer-minutes"
    week: int | None = None  # None: this week (or the last week anything happened, if earlier)
    all_weeks: bool = False  # every week from Week 1 to this one
    member: str | None = None  # display name or user id; None: every member (member formats)
    lang: Language | None = None  # None: the team's
    templates: Path | None = None


@dataclass(frozen=True)
class ExportJob:
    """One file to write: a week, and for the member formats whose."""

    week: int
    member: Member | None


@dataclass(frozen=True)
class DigestFile:
    """A rendered file: `path` relative and `/`-separated, `week04/retro-log-kim.en.md`."""

    path: str
    markdown: str


class NoSuchMember(LookupError):
    """The team has no member of that display name or user id."""

    def __init__(self, member: str | None) -> None:
        super().__init__(member)
        self.member = member


async def plan_export(
    uow: UnitOfWork, team: Team, request: ExportRequest, now: datetime
) -> list[ExportJob]:
    """The files `request` asks for, week by week; `NoSuchMember` if nobody matches."""
    assert team.id is not None
    calendar = team.calendar()
    last = await last_active_day(uow, team.id)
    today = calendar.local_date(now)
    this_week = calendar.week_number(min(today, last or today)) or 1
    weeks = list(range(1, this_week + 1)) if request.all_weeks else [request.week or this_week]
    members: list[Member | None] = [None]
    if request.fmt in MEMBER_FORMATS:
        everyone = list(await uow.members.list(team.id, with_removed=True))
        members = [m for m in everyone if request.member in (None, m.display_name, m.user_id)]
        if not members:
            raise NoSuchMember(request.member)
    return [ExportJob(week, member) for week in weeks for member in members]


async def render_file(
    uow: UnitOfWork, team: Team, job: ExportJob, request: ExportRequest
) -> DigestFile:
    """One file of the plan (a `PeerbotError` for an unknown format, as `/digest` says it)."""
    rendered = await render_week(
        uow,
        team,
        job.week,
        request.fmt,
        member=job.member,
        lang=request.lang,
        templates=request.templates,
    )
    path = language_filename(rendered.filename, request.lang, team.language)
    return DigestFile(path, rendered.markdown)


def write_file(out: Path, file: DigestFile) -> Path:
    """Write `file` under the directory `out` (made as needed); the path written."""
    path = out.joinpath(*file.path.split("/"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(file.markdown, encoding="utf-8")
    return path
