"""A team's week as the digest reads it: loaded in a fixed number of queries, then sliced by day.

Which study day something belongs to is the day of its session: a question its `study_date`, an
answer, an acceptance or an escalation the study day of its time in the team's zone (a weekend
answer counts for Monday's session). Everything is judged "as of" each day, so the digest of a
past week shows what its sessions saw, not what happened later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.calendar import StudyCalendar
from bot.card_links import week_links
from bot.errors import PeerbotError
from bot.model.questions import Answer, Flag, Note, Question, settle_cutoff
from bot.model.rotation import Rotation
from bot.model.study import Away, Retro
from bot.model.teams import Member, Team
from bot.ports import UnitOfWork

MAX_WEEK = 1000


@dataclass(frozen=True)
class WeekRoles:
    """The session's roles of a week (`bot.digest.roles`): the rotation and the days away."""

    rotation: Rotation
    away: tuple[Away, ...]


@dataclass(frozen=True)
class WeekData:
    """Everything one week's digest needs, for every format."""

    team: Team
    week: int
    monday: date
    sunday: date
    days: tuple[date, ...]  # the week's study days
    members: dict[int, Member]
    questions: tuple[Question, ...]  # this week's, last week's, and older unresolved ones
    notes: tuple[Note, ...]
    retros: tuple[Retro, ...]
    links: dict[int, str] = field(default_factory=dict)  # number -> its card thread's link
    roles: WeekRoles | None = None  # None: the team has no rotation
    later_days: int = 0  # study days of the week after `until`, left out (`load_week`)

    @property
    def calendar(self) -> StudyCalendar:
        return self.team.calendar()


def _team_id(team: Team) -> int:
    if team.id is None:
        raise ValueError("the team has no id (not stored yet)")
    return team.id


def check_week(team: Team, week: int) -> tuple[date, date]:
    """Monday and Sunday of Week N, refused before the course or absurdly far after it."""
    if not 1 <= week <= MAX_WEEK:
        raise PeerbotError("digest.bad_week", week=week, start=team.start_date)
    return team.calendar().week_bounds(week)


async def load_week(uow: UnitOfWork, team: Team, week: int, until: date | None = None) -> WeekData:
    """The week's data in seven reads (eight with a rotation), whatever its size.

    `until` (today, for a digest asked for mid-week) leaves out the study days after it: they
    have not happened, and would show carried-over questions as if a session had been held.
    `WeekData.later_days` counts them, so the summary can say the week is not over."""
    team_id = _team_id(team)
    monday, sunday = check_week(team, week)
    calendar = team.calendar()
    all_days = calendar.study_days_of_week(week)
    # This week's, last week's, and older unresolved ones (those settled before the week: not)
    week_of = (team_id, monday - timedelta(days=7), sunday, settle_cutoff(calendar, monday))
    questions = await uow.questions.of_week(*week_of)
    members = await uow.members.list(team_id, with_removed=True)
    notes = await uow.notes.list(team_id, monday, sunday)
    retros = await uow.retros.list(team_id, monday, sunday)
    return WeekData(
        team=team,
        week=week,
        monday=monday,
        sunday=sunday,
        days=tuple(d for d in all_days if until is None or d <= until),
        later_days=sum(1 for d in all_days if until is not None and d > until),
        members={m.id: m for m in members if m.id is not None},
        questions=tuple(questions),
        notes=tuple(notes),
        retros=tuple(retros),
        links=await week_links(uow, *week_of),
        roles=await load_roles(uow, team_id, monday, sunday),
    )


async def load_roles(uow: UnitOfWork, team_id: int, monday: date, sunday: date) -> WeekRoles | None:
    """The rotation and the week's days away (two queries), None for a team without one."""
    rotation = await uow.rotations.get(team_id)
    if rotation is None:
        return None
    return WeekRoles(rotation, tuple(await uow.away.list(team_id, monday, sunday)))


class Timeline:
    """When things happened, in study days of the team's calendar.

    Cached per instant (the calendar itself keeps each local date's session day: the next
    study day is a walk over it), per day (the study day before it) and per question (its
    answers' days),
    as one digest asks the same of every question on every day of its week: a timeline judges
    questions that are not changed while it is in use (one loaded week)."""

    def __init__(self, calendar: StudyCalendar) -> None:
        self._calendar = calendar
        self._cache: dict[datetime, date] = {}
        self._previous: dict[date, date | None] = {}
        # id(question) -> (the question, kept so the id stays its own; its answers' days)
        self._answer_days: dict[int, tuple[Question, tuple[date, ...]]] = {}

    def day_of(self, instant: datetime) -> date:
        """The study day whose session something done at `instant` belongs to."""
        found = self._cache.get(instant)
        if found is None:
            found = self._calendar.session_date(instant)  # (the calendar keeps each day's)
            self._cache[instant] = found
        return found

    def previous_study_day(self, day: date) -> date | None:
        """`StudyCalendar.previous_study_day`, once per day."""
        if day not in self._previous:
            self._previous[day] = self._calendar.previous_study_day(day)
        return self._previous[day]

    def answer_days(self, question: Question) -> tuple[date, ...]:
        """The study day of each of the question's answers, in the answers' order."""
        found = self._answer_days.get(id(question))
        if found is None or found[0] is not question:
            days = tuple(self.day_of(a.created_at) for a in question.answers)
            found = self._answer_days[id(question)] = (question, days)
        return found[1]

    def resolved_before(self, question: Question, day: date) -> bool:
        return question.resolved_at is not None and self.day_of(question.resolved_at) < day

    def resolved_by(self, question: Question, day: date) -> bool:
        return question.resolved_at is not None and self.day_of(question.resolved_at) <= day

    def escalated_on(self, question: Question) -> date | None:
        """The study day it was escalated to the mentor, or None."""
        if question.flag is not Flag.ESCALATED or question.flagged_at is None:
            return None
        return self.day_of(question.flagged_at)

    def settled_by(self, question: Question, day: date) -> bool:
        """Unresolved, unflagged and answered when `day` began, but not since the day before it.

        The digest's reading of `Question.settled_on`: such a question is off `day`'s agenda.
        """
        if question.flag is not Flag.NONE or self.resolved_before(question, day):
            return False
        earlier = [d for d in self.answer_days(question) if d < day]
        previous = self.previous_study_day(day)
        return bool(earlier) and previous is not None and earlier[-1] < previous

    def deferred(self, question: Question) -> bool:
        return question.flag is Flag.DEFERRED

    def answers_until(self, question: Question, day: date) -> list[Answer]:
        days = self.answer_days(question)
        if days and days[-1] <= day:
            return question.answers  # answers come in time order: all of them, the usual case
        return [a for a, d in zip(question.answers, days, strict=True) if d <= day]

    def answers_before(self, question: Question, day: date) -> list[Answer]:
        days = self.answer_days(question)
        return [a for a, d in zip(question.answers, days, strict=True) if d < day]

    def answers_on(self, question: Question, day: date) -> list[Answer]:
        days = self.answer_days(question)
        return [a for a, d in zip(question.answers, days, strict=True) if d == day]


def notes_on(notes: Sequence[Note], day: date) -> list[Note]:
    return [n for n in notes if n.study_date == day]
