"""The mentors' side of a week: each office hours' questions with the mentors' answers.

An office-hours day is a study day on which a mentor (`Member.is_mentor`, as the members are
now) answered a question, in that day's session (`Timeline.day_of`). It lists the questions a
mentor answered that day, each with that day's mentor answers, and the questions escalated to
the mentor (`Flag.ESCALATED`) by then that no mentor has answered yet, marked as waiting, so
none drops silently; all in question-number order. Peer answers are left out: they are the
peer minutes'. The team's words for the mentor's questions (`/note … place:mentor`) of that day
come before its list. What was escalated after the week's last office hours (or in a week
without any) and still waits at the week's end is listed after the days.

The views are plain data built from one team's week by pure functions, so the same template can
render one team or, later, several teams' weeks for a cohort's mentors' channel: `labelled`
sets an item's `team` label, which the template shows only when it is set.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from bot.digest.views import Typed
from bot.digest.week import Timeline, WeekData, notes_on
from bot.model.questions import Answer, NotePlace, Question

NO_TEAM = Typed("")  # one team's own file: no team label


@dataclass(frozen=True)
class OfficeHoursItem:
    """One question of an office hours: the mentors' answers of that day, or waiting for one."""

    number: int  # the team's question number
    text: Typed
    answers: tuple[Typed, ...]  # the mentors' answers given that day, in order
    waiting: bool  # escalated, and no mentor has answered it yet
    team: Typed = NO_TEAM  # which team asked it (`labelled`); shown only when set


@dataclass(frozen=True)
class OfficeHoursDay:
    date: date
    items: tuple[OfficeHoursItem, ...]
    words: tuple[Typed, ...] = ()  # the team's notes of that day marked place:mentor


@dataclass(frozen=True)
class OfficeHours:
    days: tuple[OfficeHoursDay, ...]
    waiting: tuple[OfficeHoursItem, ...]  # escalated after the last office hours, still waiting


def office_hours(data: WeekData, timeline: Timeline | None = None) -> OfficeHours:
    """The week's office-hours days, then what still waits for a mentor at its end."""
    timeline = timeline or Timeline(data.calendar)
    mentors = {mid for mid, m in data.members.items() if m.is_mentor}
    by_day: dict[date, dict[int, list[Answer]]] = {}
    first_answer: dict[int, date] = {}  # question number -> a mentor's first answer's day
    for q in data.questions:
        for a in q.answers:
            if a.member_id not in mentors:
                continue
            day = timeline.day_of(a.created_at)
            first_answer[q.number] = min(day, first_answer.get(q.number, day))
            if data.monday <= day <= data.sunday:
                by_day.setdefault(day, {}).setdefault(q.number, []).append(a)

    def waiting(q: Question, day: date) -> bool:
        """Escalated by `day`, unresolved at its end, and no mentor answer by then."""
        escalated = timeline.escalated_on(q)
        answered = first_answer.get(q.number)
        return (
            escalated is not None
            and escalated <= day
            and q.study_date <= day
            and not timeline.resolved_by(q, day)
            and (answered is None or answered > day)
        )

    days = []
    for day in sorted(by_day):
        given = by_day[day]
        items = [
            _item(q, given.get(q.number, ()))
            for q in data.questions
            if q.number in given or waiting(q, day)
        ]
        notes = notes_on(data.notes, day)
        words = tuple(Typed(n.text) for n in notes if n.place is NotePlace.MENTOR)
        days.append(OfficeHoursDay(day, tuple(items), words))
    last = days[-1].date if days else None
    end = data.days[-1] if data.days else data.sunday
    left = [
        _item(q, ())
        for q in data.questions
        if waiting(q, end) and (last is None or not waiting(q, last))  # not listed on `last`
    ]
    return OfficeHours(tuple(days), tuple(left))


def office_hours_days(data: WeekData) -> list[OfficeHoursDay]:
    """The week's office-hours days alone (see `office_hours` for what waits after them)."""
    return list(office_hours(data).days)


def labelled(hours: OfficeHours, team: str) -> OfficeHours:
    """Every item marked with its team's name, for a list that mixes several teams' weeks."""
    label = Typed(team)

    def mark(items: tuple[OfficeHoursItem, ...]) -> tuple[OfficeHoursItem, ...]:
        return tuple(replace(item, team=label) for item in items)

    return OfficeHours(
        days=tuple(replace(d, items=mark(d.items)) for d in hours.days),
        waiting=mark(hours.waiting),
    )


def _item(question: Question, answers: list[Answer] | tuple[()]) -> OfficeHoursItem:
    return OfficeHoursItem(
        number=question.number,
        text=Typed(question.text),
        answers=tuple(Typed(a.text) for a in answers),
        waiting=not answers,
    )
