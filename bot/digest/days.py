"""What a digest template sees: the week sliced into study days, every user string wrapped.

User text reaches a template only as `Typed`, which the template environment refuses to print
unless it went through the `|md` filter; the bot's own words and numbers are plain values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from bot.digest.week import Timeline, WeekData, notes_on
from bot.model.questions import Answer, Category, Flag, NotePlace, Question
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
class Typed:
    """A string a person typed: printable in a template only through `|md`."""

    text: str

    def __bool__(self) -> bool:
        return bool(self.text.strip())

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class AnswerView(Typed):
    """An answer's text (user text, printed through `|md`), and whether a mentor gave it or
    endorsed it (`marks(a)` in a template prints ` (mentor)` / ` ✅`)."""

    mentor: bool = False
    endorsed: bool = False


@dataclass(frozen=True)
class QuestionView:
    number: int
    text: Typed
    asker: Typed
    answers: tuple[AnswerView, ...]
    resolved: bool
    deferred: bool
    link: str = ""  # its card thread's (a permalink), "" when it has none
    topic: Typed = Typed("")  # what the minutes group it under; empty: none


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


@dataclass(frozen=True)
class DayView:
    """One study day, with what each built-in format shows of it."""

    date: date
    number: int
    weekday: str  # Mon..Sun, English even in Korean (as the seeds write it)
    stamp: str  # 20210809
    first: bool  # the week's first study day
    last: bool  # the week's last study day
    last_week: tuple[QuestionView, ...]  # on the first day: how the previous week ended
    earlier: tuple[QuestionView, ...]  # carried over or deferred, with the day's answers
    groups: tuple[Group, ...]  # the day's own questions by category / assignment
    notes: tuple[Typed, ...]
    mentor: tuple[QuestionView, ...]  # escalated that day, still unresolved at its end
    asked: tuple[QuestionView, ...]  # every question asked that day, answers as of the day
    retro: dict[str, Typed] = field(default_factory=dict)  # the member's, empty fields if none
    retros: tuple[tuple[Typed, dict[str, Typed]], ...] = ()  # every member's (name, fields)
    # The notes split by place (`notes` has them all, as the member formats show them): the
    # minutes' 📝 bullets, and the team's own words before the mentor's questions
    session_notes: tuple[Typed, ...] = ()
    mentor_words: tuple[Typed, ...] = ()

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

    roles: object | None = None  # a `bot.digest.roles.RolesView` when the team has a rotation


@dataclass(frozen=True)
class Counts:
    asked: int
    resolved: int
    answered: int  # answered by the week's end without an accepted answer, not flagged
    mentor: int
    notes: int
    retros: int


def build_days(data: WeekData, member: Member | None) -> list[DayView]:
    """The week's study days as the templates see them."""
    timeline = Timeline(data.calendar)
    names = {mid: Typed(m.display_name) for mid, m in data.members.items()}
    shown = (names, data.links, {mid for mid, m in data.members.items() if m.is_mentor})
    retros_by_day: dict[date, list[Retro]] = {}
    for retro in data.retros:
        retros_by_day.setdefault(retro.study_date, []).append(retro)
    days = []
    for index, day in enumerate(data.days):
        todays = [q for q in data.questions if q.study_date == day]
        mentor = [q for q in data.questions if _to_mentor_on(timeline, q, day)]
        mentor_ids = {q.number for q in mentor}
        notes = notes_on(data.notes, day)
        day_retros = retros_by_day.get(day, [])
        mine = next((r for r in day_retros if member and r.member_id == member.id), None)
        days.append(
            DayView(
                date=day,
                number=data.calendar.day_number(day) or 0,
                weekday=WEEKDAYS[day.weekday()],
                stamp=day.strftime("%Y%m%d"),
                first=index == 0,
                last=index == len(data.days) - 1,
                last_week=_last_week(data, timeline, shown, day) if index == 0 else (),
                earlier=_earlier(data, timeline, shown, day, mentor_ids),
                groups=_groups(
                    [q for q in todays if q.number not in mentor_ids], shown, timeline, day
                ),
                notes=tuple(Typed(n.text) for n in notes),
                mentor=tuple(
                    _view(q, shown, timeline.answers_until(q, day), timeline, day) for q in mentor
                ),
                asked=tuple(
                    _view(q, shown, timeline.answers_until(q, day), timeline, day) for q in todays
                ),
                retro=_fields(mine),
                retros=tuple((names.get(r.member_id, Typed("?")), _fields(r)) for r in day_retros),
                session_notes=tuple(Typed(n.text) for n in notes if n.place is NotePlace.NOTES),
                mentor_words=tuple(Typed(n.text) for n in notes if n.place is NotePlace.MENTOR),
            )
        )
    return days


def _last_week(
    data: WeekData, timeline: Timeline, shown: Names, day: date
) -> tuple[QuestionView, ...]:
    """How the previous week ended: what it left open, and what its last study day answered
    (the seed's revisited topic), with the answers given before `day`."""
    previous = data.calendar.previous_study_day(day)
    chosen = [
        q
        for q in data.questions
        if q.study_date < data.monday
        and (
            not (timeline.resolved_before(q, day) or timeline.settled_by(q, day))
            or (previous is not None and bool(timeline.answers_on(q, previous)))
        )
    ]
    return tuple(_view(q, shown, timeline.answers_before(q, day), timeline, day) for q in chosen)


def _earlier(
    data: WeekData, timeline: Timeline, shown: Names, day: date, mentor_ids: set[int]
) -> tuple[QuestionView, ...]:
    """Carried over or deferred, deferred first; and a question left for the mentor on an
    earlier day that got its answer on `day` (shown on the day it was given)."""
    carried = sorted(
        (q for q in data.questions if _carried_to(timeline, q, day, mentor_ids)),
        key=lambda q: (not timeline.deferred(q), q.number),
    )
    numbers = {q.number for q in carried}
    answered = [
        q
        for q in data.questions
        if q.number not in numbers and _mentor_answered_on(timeline, q, day)
    ]
    return (
        *(_view(q, shown, _earlier_answers(timeline, q, day), timeline, day) for q in carried),
        *(_view(q, shown, timeline.answers_on(q, day), timeline, day) for q in answered),
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


def count(data: WeekData) -> Counts:
    """The week's figures for the summary message."""
    timeline = Timeline(data.calendar)
    asked = [q for q in data.questions if data.monday <= q.study_date <= data.sunday]
    last = data.days[-1] if data.days else data.sunday
    return Counts(
        asked=len(asked),
        resolved=sum(1 for q in asked if timeline.resolved_by(q, last)),
        answered=sum(1 for q in asked if _answered_by(timeline, q, last)),
        mentor=sum(
            1
            for q in data.questions
            if (found := timeline.escalated_on(q)) is not None
            and data.monday <= found <= data.sunday
            and not timeline.resolved_by(q, last)
        ),
        notes=len(data.notes),
        retros=len(data.retros),
    )


def _earlier_answers(timeline: Timeline, question: Question, day: date) -> list[Answer]:
    """The day's answers; for an unflagged question with none that day (it is about to settle),
    the answers it got before, so its last showing carries its answer."""
    todays = timeline.answers_on(question, day)
    if todays or question.flag is not Flag.NONE:
        return todays
    return timeline.answers_before(question, day)


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


# members' names by id, thread links by number, the mentors' ids
Names = tuple[dict[int, Typed], dict[int, str], set[int]]


def _view(
    question: Question,
    shown: Names,
    answers: Iterable[Answer],
    timeline: Timeline,
    day: date,
) -> QuestionView:
    names, links, mentors = shown
    return QuestionView(
        number=question.number,
        text=Typed(question.text),
        asker=names.get(question.asker_id, Typed("?")),
        answers=tuple(AnswerView(a.text, a.member_id in mentors, a.is_endorsed) for a in answers),
        resolved=timeline.resolved_by(question, day),
        deferred=timeline.deferred(question),
        link=links.get(question.number, ""),
        topic=Typed(question.topic or ""),
    )


def _groups(
    questions: list[Question], shown: Names, timeline: Timeline, day: date
) -> tuple[Group, ...]:
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
            questions=tuple(
                _view(q, shown, timeline.answers_until(q, day), timeline, day) for q in group
            ),
        )
        for (rank, name), group in sorted(keyed.items(), key=lambda item: item[0][0])
    )


def _fields(retro: Retro | None) -> dict[str, Typed]:
    given = retro.fields if retro is not None else {}
    return {name: Typed(given.get(name, "")) for name in RETRO_FIELDS}
