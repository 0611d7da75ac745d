"""`/cohort hours`: a week's office hours across a cohort's teams, as the `office-hours` file.

The teams' weeks are loaded one by one (each on its own study calendar: the week that holds the
given date), cut down to what crosses into the cohort (the escalated questions, with the mentors'
answers to them and those still waiting: no other question, no note of the team), and rendered
through the same template as a team's `office-hours` file, each question marked with its team
(`bot.digest.office_hours.labelled`). A team whose course has not reached that week is counted
in the reply, not left out unseen.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date, timedelta

from bot import i18n
from bot.commands.spec import Args
from bot.context import Context
from bot.digest.office_hours import (
    OfficeHours,
    OfficeHoursDay,
    OfficeHoursItem,
    labelled,
    office_hours,
)
from bot.digest.render import render_template
from bot.digest.week import WeekData, load_week
from bot.handlers.files import FILE_LIMIT, size_of
from bot.model.questions import Flag
from bot.model.teams import Language
from bot.ports import Reply
from bot.text import Attachment, Plain


async def hours(ctx: Context, args: Args) -> Reply:
    """The office hours of the week holding `date:` (default today) in the mentors' channel."""
    cohort = ctx.the_cohort
    assert cohort.id is not None
    lang = Language(cohort.language)
    teams = [
        (place, team)
        for place in await ctx.uow.cohorts.teams(cohort.id)
        if (team := await ctx.uow.teams.get(place.team_id)) is not None
    ]
    # Today in the first team's zone (a cohort has none of its own; its teams share a course).
    day: date = args.get("date") or (
        teams[0][1].calendar().local_date(ctx.now) if teams else ctx.now.date()
    )
    monday = day - timedelta(days=day.weekday())
    weeks: list[tuple[str, WeekData]] = []
    not_yet = 0
    for place, team in teams:
        # That calendar week is the team's Week N if its course has begun by its Sunday.
        week = team.calendar().week_number(monday + timedelta(days=6))
        if week is None:
            not_yet += 1
            continue
        data = await load_week(ctx.uow, team, week)
        weeks.append((f"{team.name} ({place.number})", crossing(data)))
    markdown, asked, waiting = await asyncio.to_thread(_render, lang, weeks, monday)
    said = i18n.say(
        lang,
        "cohort.hours.done",
        cohort=cohort.name,
        monday=Plain(monday.isoformat()),
        teams=len(weeks),
        asked=asked,
        waiting=waiting,
    )
    if not_yet:
        said += i18n.say(lang, "cohort.hours.not_yet", count=not_yet)
    file = Attachment(filename(monday), markdown)
    if size_of(file) > FILE_LIMIT:  # never in practice; said, not dropped, if it ever is
        mib = Plain(f"{size_of(file) / 2**20:.1f}")
        said += i18n.say(lang, "cohort.hours.too_big", size=mib, limit=FILE_LIMIT // 2**20)
        return Reply(said)
    return Reply(said, files=(file,))


def crossing(data: WeekData) -> WeekData:
    """Only what crosses into the cohort: the escalated questions (with their answers), no
    note of the team (its words for the mentor are its own)."""
    escalated = tuple(q for q in data.questions if q.flag is Flag.ESCALATED)
    return replace(data, questions=escalated, notes=())


def merged(weeks: list[tuple[str, WeekData]]) -> OfficeHours:
    """The teams' office hours as one: the days by date, each team's questions in turn."""
    by_day: dict[date, list[OfficeHoursDay]] = {}
    waiting: list[OfficeHoursItem] = []
    for label, data in weeks:
        hours = labelled(office_hours(data), label)
        for d in hours.days:
            by_day.setdefault(d.date, []).append(d)
        waiting += hours.waiting
    days = tuple(
        OfficeHoursDay(day, tuple(item for d in found for item in d.items))
        for day, found in sorted(by_day.items())
    )
    return OfficeHours(days, tuple(waiting))


def _render(
    lang: Language, weeks: list[tuple[str, WeekData]], monday: date
) -> tuple[str, int, int]:
    """The file, how many questions it lists as answered, and how many still wait."""
    hours = merged(weeks)
    context = {"office_hours": hours, "week": 0, "monday": monday}
    markdown = render_template("office-hours", lang, None, context)
    answered = sum(1 for d in hours.days for item in d.items if not item.waiting)
    waiting = len(hours.waiting) + sum(1 for d in hours.days for i in d.items if i.waiting)
    return markdown, answered, waiting


def filename(monday: date) -> str:
    """`office-hours-2021-08-09.md`: the cohort's week by its Monday (teams count weeks apart)."""
    return f"office-hours-{monday.isoformat()}.md"
