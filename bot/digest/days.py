"""What a digest template sees: the week sliced into study days, every user string wrapped.

User text reaches a template only as `Typed`, which the template environment refuses to print
unless it went through the `|md` filter; the bot's own words and numbers are plain values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from bot.digest.views import (
    BEFORE,
    EARLIER,
    ON,
    UNKNOWN,
    UNTIL,
    QuestionView,
    Typed,
    WeekViews,
)
from bot.digest.week import Timeline, WeekData, notes_on
from bot.model.questions import Category, Flag, Note, NotePlace, Question
from bot.model.study import Retro
from bot.model.teams import Member

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
RETRO_FIELDS = (
    "peer",
    "fact",
    "feeling",
    "plan",
    "done",
    "not_done",
    "learned",
    "tomorrow",
    "impressions",
)


@dataclass(frozen=True)
class TopicGroup:
    """A section's questions on one topic (`- SVD 특이값 분해`); an empty name: no topic."""

    name: Typed
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True)
class Group:
    """Questions under one heading: a category, or one assignment's name."""

    kind: str  # "lecture", "assignment" (name may be empty) or "general"
    name: Typed
    questions: tuple[QuestionView, ...]


class DayView:
    """One study day, with what each built-in format shows of it.

    Each part is built the first time a template reads it (`cached_property`): a format reads
    only some of them (the retro log never the carried-over questions), and building every part
    for every format was most of a digest's time. What they read is the same either way.
    """

    def __init__(self, week: WeekViews, index: int) -> None:
        days = week.data.days
        day = days[index]
        self._week = week
        self.date = day
        self.number = week.data.calendar.day_number(day) or 0
        self.weekday = WEEKDAYS[day.weekday()]  # Mon..Sun, English even in Korean (the seeds)
        self.stamp = day.strftime("%Y%m%d")  # 20210809
        self.first = index == 0  # the week's first study day
        self.last = index == len(days) - 1  # the week's last study day
        self.roles: object | None = None  # a `bot.digest.roles.RolesView` (a team's rotation)

    @cached_property
    def last_week(self) -> tuple[QuestionView, ...]:
        """On the first day: how the previous week ended."""
        return _last_week(self._week, self.date) if self.first else ()

    @cached_property
    def earlier(self) -> tuple[QuestionView, ...]:
        """Carried over or deferred, with the day's answers."""
        return _earlier(self._week, self.date, self._mentor_numbers)

    @cached_property
    def groups(self) -> tuple[Group, ...]:
        """The day's own questions by category / assignment (the mentor's left out)."""
        mentor = self._mentor_numbers
        todays = [q for q in self._week.asked_on(self.date) if q.number not in mentor]
        return _groups(todays, self._week, self.date)

    @cached_property
    def mentor(self) -> tuple[QuestionView, ...]:
        """Escalated that day, still unresolved at its end."""
        return tuple(self._week.view(q, self.date, UNTIL) for q in self._to_mentor)

    @cached_property
    def asked(self) -> tuple[QuestionView, ...]:
        """Every question asked that day, answers as of the day."""
        return tuple(self._week.view(q, self.date, UNTIL) for q in self._week.asked_on(self.date))

    @cached_property
    def notes(self) -> tuple[Typed, ...]:
        return tuple(Typed(n.text) for n in self._notes)

    @cached_property
    def session_notes(self) -> tuple[Typed, ...]:
        """The notes the minutes show as 📝 bullets (`notes` has them all, as the member
        formats show them)."""
        return tuple(Typed(n.text) for n in self._notes if n.place is NotePlace.NOTES)

    @cached_property
    def mentor_words(self) -> tuple[Typed, ...]:
        """The team's own words before the mentor's questions."""
        return tuple(Typed(n.text) for n in self._notes if n.place is NotePlace.MENTOR)

    @cached_property
    def retro(self) -> dict[str, Typed]:
        """The member's retrospective of the day, empty fields if none."""
        member = self._week.member
        found = (r for r in self._week.retros_on(self.date) if member and r.member_id == member.id)
        return _fields(next(found, None))

    @cached_property
    def retros(self) -> tuple[tuple[Typed, dict[str, Typed]], ...]:
        """Every member's (name, fields)."""
        names = self._week.names
        return tuple(
            (names.get(r.member_id, UNKNOWN), _fields(r)) for r in self._week.retros_on(self.date)
        )

    @property
    def active(self) -> bool:
        """Anything for the peer minutes to show: a day with nothing gets no heading."""
        return bool(
            self.last_week
            or self.earlier
            or self.groups
            or self.session_notes
            or self.mentor
            or self.mentor_words
        )

    @cached_property
    def _to_mentor(self) -> list[Question]:
        week, day = self._week, self.date
        return [q for q in week.escalated_on(day) if _to_mentor_on(week.timeline, q, day)]

    @cached_property
    def _mentor_numbers(self) -> set[int]:
        return {q.number for q in self._to_mentor}

    @cached_property
    def _notes(self) -> list[Note]:
        return notes_on(self._week.data.notes, self.date)


@dataclass(frozen=True)
class Counts:
    asked: int
    resolved: int
    answered: int  # answered by the week's end without an accepted answer, not flagged
    mentor: int
    notes: int
    retros: int


def build_days(
    data: WeekData, member: Member | None, timeline: Timeline | None = None
) -> list[DayView]:
    """The week's study days as the templates see them."""
    week = WeekViews(data, member, timeline or Timeline(data.calendar))
    return [DayView(week, index) for index in range(len(data.days))]


def _last_week(week: WeekViews, day: date) -> tuple[QuestionView, ...]:
    """How the previous week ended: what it left open, and what its last study day answered
    (the seed's revisited topic), with the answers given before `day`."""
    data, timeline = week.data, week.timeline
    previous = timeline.previous_study_day(day)
    chosen = [
        q
        for q in data.questions
        if q.study_date < data.monday
        and (
            not (timeline.resolved_before(q, day) or timeline.settled_by(q, day))
            or (previous is not None and bool(timeline.answers_on(q, previous)))
        )
    ]
    return tuple(week.view(q, day, BEFORE) for q in chosen)


def _earlier(week: WeekViews, day: date, mentor_ids: set[int]) -> tuple[QuestionView, ...]:
    """Carried over or deferred, deferred first; and a question left for the mentor on an
    earlier day that got its answer on `day` (shown on the day it was given)."""
    # Only an earlier day's question can be carried, only an escalated one be the mentor's.
    timeline = week.timeline
    carried = sorted(
        (q for q in week.asked_before(day) if _carried_to(timeline, q, day, mentor_ids)),
        key=lambda q: (not timeline.deferred(q), q.number),
    )
    numbers = {q.number for q in carried}
    answered = [
        q
        for q in week.escalated()
        if q.number not in numbers and _mentor_answered_on(timeline, q, day)
    ]
    return (
        *(week.view(q, day, EARLIER) for q in carried),
        *(week.view(q, day, ON) for q in answered),
    )


def _mentor_answered_on(timeline: Timeline, question: Question, day: date) -> bool:
    """Escalated on a study day before `day` and answered on `day`."""
    escalated = timeline.escalated_on(question)
    return (
        escalated is not None
        and escalated < day
        and question.study_date < day
        and bool(timeline.answers_on(question, day))
    )


def by_topic(questions: Iterable[QuestionView]) -> list[TopicGroup]:
    """`{% for t in d.earlier|by_topic %}`: the questions without a topic first (no bullet),
    then one group per topic, in the order each topic first appears."""
    keyed: dict[str, list[QuestionView]] = {}
    for q in questions:
        keyed.setdefault(q.topic.text, []).append(q)
    ordered = sorted(keyed.items(), key=lambda item: item[0] != "")
    return [TopicGroup(Typed(name), tuple(group)) for name, group in ordered]


def count(data: WeekData, timeline: Timeline | None = None) -> Counts:
    """The week's figures for the summary message (one pass over the questions)."""
    timeline = timeline or Timeline(data.calendar)
    monday, sunday = data.monday, data.sunday
    last = data.days[-1] if data.days else sunday
    asked = resolved = answered = mentor = 0
    for q in data.questions:
        done = timeline.resolved_by(q, last)
        if monday <= q.study_date <= sunday:
            asked += 1
            resolved += done
            answered += _answered_by(timeline, q, last)
        found = timeline.escalated_on(q)
        mentor += found is not None and monday <= found <= sunday and not done
    return Counts(
        asked=asked,
        resolved=resolved,
        answered=answered,
        mentor=mentor,
        notes=len(data.notes),
        retros=len(data.retros),
    )


def _answered_by(timeline: Timeline, question: Question, day: date) -> bool:
    """Answered by the end of `day`, unflagged and not resolved: it settles, counted as answered."""
    return (
        question.flag is Flag.NONE
        and not timeline.resolved_by(question, day)
        and bool(timeline.answers_until(question, day))
    )


def _to_mentor_on(timeline: Timeline, question: Question, day: date) -> bool:
    escalated = timeline.escalated_on(question)
    return (
        escalated == day and question.study_date <= day and not timeline.resolved_by(question, day)
    )


def _carried_to(timeline: Timeline, question: Question, day: date, mentor: set[int]) -> bool:
    """An earlier day's question still open when `day` began, and not already the mentor's."""
    if question.study_date >= day or question.number in mentor:
        return False
    if timeline.resolved_before(question, day) or timeline.settled_by(question, day):
        return False
    escalated = timeline.escalated_on(question)
    return escalated is None or escalated >= day


def _groups(questions: list[Question], week: WeekViews, day: date) -> tuple[Group, ...]:
    """Lecture questions, then one group per assignment name (in order asked), then general."""
    keyed: dict[tuple[int, str], list[Question]] = {}
    for q in questions:
        if q.category is Category.LECTURE:
            key = (0, "")
        elif q.category is Category.ASSIGNMENT:
            key = (1, q.assignment or "")
        else:
            key = (2, "")
        keyed.setdefault(key, []).append(q)
    kinds = ("lecture", "assignment", "general")
    return tuple(
        Group(
            kind=kinds[rank],
            name=Typed(name),
            questions=tuple(week.view(q, day, UNTIL) for q in group),
        )
        for (rank, name), group in sorted(keyed.items(), key=lambda item: item[0][0])
    )


def _fields(retro: Retro | None) -> dict[str, Typed]:
    given = retro.fields if retro is not None else {}
    return {name: Typed(given.get(name, "")) for name in RETRO_FIELDS}
