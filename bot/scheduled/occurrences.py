"""When a team's reminders fall due: the one place that knows, as a pure function.

Every occurrence has a key that is unique per team and kind (`2021-08-09`, `a3@24h`), which
becomes the outbox row's key, so noticing an occurrence twice can never post it twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.model.study import Assignment
from bot.model.teams import MENTOR_LIST_LEAD_MINUTES, Team
from bot.outbox import PostKind


@dataclass(frozen=True, order=True)
class Occurrence:
    """One reminder of one team, due at an aware instant."""

    at: datetime
    team_id: int
    kind: PostKind
    key: str
    day: date  # the study day it belongs to (assignments: the due day; digests: the posting day)
    assignment: int | None = None  # the assignment number, for assignment reminders
    hours_before: int | None = None
    empty: bool = False  # a digest of a week without a study day: recorded, never posted


def local_instant(team: Team, day: date, at: time) -> datetime:
    """`day at` on the team's wall clock (DST-aware; a time skipped by DST moves forward)."""
    return datetime.combine(day, at, tzinfo=team.calendar().tz)


def digest_day(team: Team, week: int) -> date | None:
    """The day Week N's weekly post goes out, or None for a week without a study day.

    The chosen weekday if it is a study day that week; a study weekday that is a day off that
    week moves back to the last study day before it (forward to the week's first if none is
    before it); a weekday outside the study weekdays (`sun`) is kept as chosen.
    """
    calendar = team.calendar()
    days = calendar.study_days_of_week(week)
    weekday = team.schedule.digest_weekday
    if not days:
        return None
    if weekday is None:
        return days[-1]
    chosen = calendar.week_bounds(week)[0] + timedelta(days=weekday)
    if weekday not in calendar.weekdays:
        return max(chosen, calendar.start)
    before = [d for d in days if d <= chosen]
    return before[-1] if before else days[0]


def empty_week_day(team: Team, week: int) -> date:
    """The day a week without study days would have had its weekly post on (for the trace)."""
    weekday = team.schedule.digest_weekday
    if weekday is None:
        weekday = max(team.weekdays, default=4)
    return team.calendar().week_bounds(week)[0] + timedelta(days=weekday)


def digest_occurrences(team: Team, start: datetime, end: datetime) -> Iterator[Occurrence]:
    """The weekly posts due in (start, end]; a week without a study day yields `empty`."""
    assert team.id is not None
    calendar = team.calendar()
    first = max(calendar.local_date(start) - timedelta(days=1), calendar.start)
    last = calendar.local_date(end) + timedelta(days=1)
    first_week, last_week = calendar.week_number(first), calendar.week_number(last)
    if first_week is None or last_week is None:
        return
    for week in range(first_week, last_week + 1):
        day = digest_day(team, week)
        empty = day is None
        posting = empty_week_day(team, week) if day is None else day
        at = local_instant(team, posting, team.schedule.digest_time)
        if start < at <= end and posting >= calendar.start:
            yield Occurrence(at, team.id, PostKind.DIGEST, f"week{week}", posting, empty=empty)


def next_digest(team: Team, now: datetime, weeks: int = 12) -> datetime | None:
    """When the next weekly post goes out after `now`, looking `weeks` weeks ahead."""
    return next(
        (o.at for o in digest_occurrences(team, now, now + timedelta(weeks=weeks)) if not o.empty),
        None,
    )


def fixed_occurrences(team: Team, start: datetime, end: datetime) -> Iterator[Occurrence]:
    """Session, retrospective, mentor-list and digest reminders due in (start, end], in order."""
    found = [*_study_day_occurrences(team, start, end), *digest_occurrences(team, start, end)]
    yield from sorted(found)


def _study_day_occurrences(team: Team, start: datetime, end: datetime) -> Iterator[Occurrence]:
    assert team.id is not None
    calendar, schedule = team.calendar(), team.schedule
    first = calendar.local_date(start) - timedelta(days=1)
    last = calendar.local_date(end) + timedelta(days=1)
    for day in calendar.study_days_between(first, last):
        key = day.isoformat()
        session = local_instant(team, day, schedule.session_time)
        candidates = [
            (session - timedelta(minutes=schedule.session_reminder_minutes), PostKind.SESSION, key),
            (local_instant(team, day, schedule.retro_time), PostKind.RETRO, key),
        ]
        if schedule.office_hours is not None:
            mentor = local_instant(team, day, schedule.office_hours)
            candidates.append(
                (mentor - timedelta(minutes=MENTOR_LIST_LEAD_MINUTES), PostKind.MENTOR, key)
            )
        for at, kind, occurrence_key in sorted(candidates):
            if start < at <= end:
                yield Occurrence(at, team.id, kind, occurrence_key, day)


def assignment_occurrences(
    team: Team, assignments: Iterable[Assignment], start: datetime, end: datetime
) -> Iterator[Occurrence]:
    """ "Due in N hours" reminders of the team's assignments, due in (start, end].

    These go out on any day, weekends included: a deadline does not wait for a study day. A
    reminder whose time had passed when the assignment was added (due tomorrow morning, added
    this afternoon: no "24 h before") never falls due, so whether it is written cannot depend
    on whether the bot restarted since: a start-up's catch-up would otherwise find it "missed".
    """
    assert team.id is not None
    calendar = team.calendar()
    for assignment in assignments:
        for hours in team.schedule.assignment_reminder_hours:
            at = assignment.due_at - timedelta(hours=hours)
            if start < at <= end and at > assignment.created_at:
                yield Occurrence(
                    at,
                    team.id,
                    PostKind.ASSIGNMENT,
                    f"a{assignment.number}@{hours}h",
                    calendar.local_date(assignment.due_at),
                    assignment=assignment.number,
                    hours_before=hours,
                )


def longest_assignment_lead(teams: Iterable[Team]) -> timedelta:
    """How far before a due time any team's first assignment reminder can fall."""
    hours = [h for team in teams for h in team.schedule.assignment_reminder_hours]
    return timedelta(hours=max(hours, default=0))
