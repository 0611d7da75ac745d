"""The questions as a digest's templates see them, built once per rendering.

A question shows on several days of a week, and in several parts of one day (its own
category's list, the carried-over list, the member's log); `WeekViews` builds what those share
once (its texts, its asker, each answer's view and study day) and each view with all its
answers or none once per rendering, so a week's digest builds a few hundred small objects, not
thousands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple, TypeVar

from bot.digest.week import Timeline, WeekData
from bot.model.questions import Flag, Question
from bot.model.study import Retro
from bot.model.teams import Member


@dataclass(frozen=True, slots=True)
class Typed:
    """A string a person typed: printable in a template only through `|md`. With slots: a
    week's digest makes a thousand, each otherwise with a dict of its own for the collector."""

    text: str

    def __bool__(self) -> bool:
        return bool(self.text.strip())

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class AnswerView(Typed):
    """An answer's text (user text, printed through `|md`), and whether a mentor gave it or
    endorsed it (`marks(a)` in a template prints ` (mentor)` / ` ✅`)."""

    mentor: bool = False
    endorsed: bool = False


class QuestionView(NamedTuple):
    """A question as one part of one day shows it. A named tuple, not a frozen dataclass:
    as immutable, read the same way by a template, and built in a quarter of the time (a week's
    minutes build hundreds)."""

    number: int
    text: Typed
    asker: Typed
    answers: tuple[AnswerView, ...]
    resolved: bool
    deferred: bool
    link: str = ""  # its card thread's (a permalink), "" when it has none
    topic: Typed = Typed("")  # what the minutes group it under; empty: none


UNTIL, BEFORE, ON, EARLIER = "until", "before", "on", "earlier"
"""Which of a question's answers a view shows: up to the day's end, before the day, the day's,
or `_earlier_answers` (the day's, or the earlier ones of a question about to settle)."""
UNKNOWN = Typed("?")
NO_TOPIC = Typed("")


class WeekViews:
    """What one rendering's days share: the week by day, the names shown, and each question's
    view, built once per day and choice of answers (`view`) however many parts show it."""

    def __init__(self, data: WeekData, member: Member | None, timeline: Timeline) -> None:
        self.data, self.member, self.timeline = data, member, timeline
        self.names = {mid: Typed(m.display_name) for mid, m in data.members.items()}
        self.mentors = {mid for mid, m in data.members.items() if m.is_mentor}
        self._asked: dict[date, list[Question]] | None = None
        self._escalated: dict[date | None, list[Question]] | None = None
        self._escalated_all: list[Question] | None = None
        self._retros: dict[date, list[Retro]] | None = None
        self._parts: dict[int, _Shown] = {}
        self._views: dict[tuple[int, bool, bool], QuestionView] = {}

    def asked_on(self, day: date) -> list[Question]:
        if self._asked is None:
            self._asked = _by(self.data.questions, lambda q: q.study_date)
        return self._asked.get(day, [])

    def escalated_on(self, day: date) -> list[Question]:
        return self._by_escalation().get(day, [])

    def escalated(self) -> list[Question]:
        """Every question escalated to the mentor, in the week's order."""
        if self._escalated_all is None:
            timeline = self.timeline
            found = [q for q in self.data.questions if timeline.escalated_on(q) is not None]
            self._escalated_all = found
        return self._escalated_all

    def asked_before(self, day: date) -> list[Question]:
        """The questions of the study days before `day` (in no particular order)."""
        self.asked_on(day)  # grouped by then
        assert self._asked is not None
        return [q for asked, qs in self._asked.items() if asked < day for q in qs]

    def _by_escalation(self) -> dict[date | None, list[Question]]:
        if self._escalated is None:
            self._escalated = _by(self.data.questions, self.timeline.escalated_on)
        return self._escalated

    def retros_on(self, day: date) -> list[Retro]:
        if self._retros is None:
            self._retros = _by(self.data.retros, lambda r: r.study_date)
        return self._retros.get(day, [])

    def view(self, question: Question, day: date, which: str) -> QuestionView:
        """The question as shown on `day`, with `which` of its answers (`UNTIL`, …).

        A view with all its answers or none is the same object on every day it is shown
        (unless resolved by then): most are, so few are built."""
        shown = self._parts.get(question.number)
        if shown is None:
            shown = self._parts[question.number] = _Shown(question, self)
        if which == EARLIER:  # the day's; for an unflagged one with none, those before it
            answers = shown.chosen(day, ON)
            if not answers and question.flag is Flag.NONE:
                answers = shown.chosen(day, BEFORE)
        else:
            answers = shown.chosen(day, which)
        resolved = shown.resolved is not None and shown.resolved <= day  # `resolved_by`
        whole = answers is shown.answers or not answers
        key = (question.number, resolved, bool(answers))
        found = self._views.get(key) if whole else None
        if found is None:
            found = shown.view(answers, resolved)
            if whole:
                self._views[key] = found
        return found


class _Shown:
    """What a question's views share on every day: its texts, asker, link, and each answer's
    view with the study day it was given, and the study day it was resolved (None: not)."""

    __slots__ = (
        "answers",
        "asker",
        "days",
        "first",
        "last",
        "link",
        "question",
        "resolved",
        "text",
        "topic",
    )

    def __init__(self, question: Question, week: WeekViews) -> None:
        mentors = week.mentors
        self.question = question
        self.text = Typed(question.text)
        self.topic = Typed(question.topic) if question.topic else NO_TOPIC
        self.asker = week.names.get(question.asker_id, UNKNOWN)
        self.link = week.data.links.get(question.number, "")
        self.answers = tuple(
            [AnswerView(a.text, a.member_id in mentors, a.is_endorsed) for a in question.answers]
        )
        timeline = week.timeline
        self.days = timeline.answer_days(question)
        resolved_at = question.resolved_at
        self.resolved = None if resolved_at is None else timeline.day_of(resolved_at)
        days = self.days
        one = len(days) == 1  # the usual case: one answer, or none
        self.first: date | None = days[0] if one else min(days) if days else None
        self.last: date | None = days[0] if one else max(days) if days else None

    def chosen(self, day: date, which: str) -> tuple[AnswerView, ...]:
        """The answers given up to the end of `day` (`UNTIL`), before it, or on it: the whole
        tuple when that is all of them (as `Timeline.answers_until` and the others choose)."""
        days, first, last = self.days, self.first, self.last
        if first is None or last is None:
            return self.answers
        if which == UNTIL:
            if days[-1] <= day or first > day:  # answers come in time order: the usual case
                return self.answers if days[-1] <= day else ()
            keep = [d <= day for d in days]
        elif which == BEFORE:
            if last < day or first >= day:
                return self.answers if last < day else ()
            keep = [d < day for d in days]
        else:
            if first == last or day not in days:
                return self.answers if first == day else ()
            keep = [d == day for d in days]
        return tuple(v for v, kept in zip(self.answers, keep, strict=True) if kept)

    def view(self, answers: tuple[AnswerView, ...], resolved: bool) -> QuestionView:
        number, deferred = self.question.number, self.question.flag is Flag.DEFERRED
        # by position, in QuestionView's order: a third faster than by name
        return QuestionView(
            number, self.text, self.asker, answers, resolved, deferred, self.link, self.topic
        )


K = TypeVar("K")
V = TypeVar("V")


def _by(items: Iterable[V], key: Callable[[V], K]) -> dict[K, list[V]]:
    """`items` grouped by `key`, each group in their order."""
    grouped: dict[K, list[V]] = {}
    for item in items:
        grouped.setdefault(key(item), []).append(item)
    return grouped
