"""Questions, answers and notes, and the rules that move a question along."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from bot.calendar import StudyCalendar
from bot.errors import PeerbotError

MAX_TEXT = 4000
MAX_ASSIGNMENT_NAME = 100
MAX_TOPIC = 100


class Category(StrEnum):
    LECTURE = "lecture"
    ASSIGNMENT = "assignment"
    GENERAL = "general"


class Status(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    RESOLVED = "resolved"


class Flag(StrEnum):
    """Where an unresolved question is headed: nowhere special, tomorrow, or the mentor."""

    NONE = "none"
    DEFERRED = "deferred"
    ESCALATED = "escalated"


@dataclass
class Answer:
    question_id: int
    member_id: int
    text: str
    created_at: datetime
    id: int | None = None
    source_link: str | None = None  # the chat message it was saved from ("Save as answer")
    edited_at: datetime | None = None
    edited_by: int | None = None  # a member id: the author or an admin
    deleted_at: datetime | None = None
    deleted_by: int | None = None
    endorsed_at: datetime | None = None  # a mentor's ✅ (`/endorse`)
    endorsed_by: int | None = None  # that mentor's member id

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_endorsed(self) -> bool:
        return self.endorsed_at is not None


@dataclass
class Question:
    """A question with its team-local number, its answers and where it stands."""

    team_id: int
    number: int
    asker_id: int
    text: str
    category: Category
    study_date: date
    asked_at: datetime
    assignment: str | None = None
    status: Status = Status.OPEN
    flag: Flag = Flag.NONE
    flagged_at: datetime | None = None
    resolved_at: datetime | None = None
    accepted_answer_id: int | None = None
    source_link: str | None = None  # the chat message it was saved from ("Save as question")
    answers: list[Answer] = field(default_factory=list)
    id: int | None = None
    edited_at: datetime | None = None
    edited_by: int | None = None  # a member id: the asker or an admin
    deleted_at: datetime | None = None  # kept, with its number, but shown nowhere
    deleted_by: int | None = None
    topic: str | None = None  # what the minutes group it under (`- SVD 특이값 분해`), 0013
    # A cohort mentor holding it in the mentors' channel (`/cohort claim`), 0015: the
    # platform's user id (a mentor may have no member row in the team yet) and their name.
    claimed_user: str | None = None
    claimed_name: str | None = None
    claimed_at: datetime | None = None

    @property
    def is_resolved(self) -> bool:
        return self.status is Status.RESOLVED

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def edit(self, text: str, by: int, now: datetime) -> None:
        """New text for the question, recorded as an edit (who, when)."""
        self.text, self.edited_at, self.edited_by = text, now, by

    def delete(self, by: int, now: datetime) -> None:
        """Gone from every view; the row and its number stay (numbers are never reused)."""
        self.deleted_at, self.deleted_by = now, by

    def answer_at(self, index: int) -> Answer:
        """The `index`-th answer (1-based, as the page numbers them), or why there is none."""
        if not 1 <= index <= len(self.answers):
            if not self.answers:
                raise PeerbotError("question.no_answers", number=self.number)
            raise PeerbotError(
                "question.no_such_answer",
                number=self.number,
                index=index,
                count=len(self.answers),
            )
        return self.answers[index - 1]

    def delete_answer(self, index: int, by: int, now: datetime) -> Answer:
        """Take the `index`-th answer away (returned, marked deleted, for storage).

        The accepted answer deleted, the question is no longer resolved: answered if other
        answers remain, else open. The last answer deleted, an answered question is open again.
        """
        gone = self.answer_at(index)
        gone.deleted_at, gone.deleted_by = now, by
        self.answers.remove(gone)
        if gone.id is not None and gone.id == self.accepted_answer_id:
            self.accepted_answer_id, self.resolved_at = None, None
            self.status = Status.ANSWERED if self.answers else Status.OPEN
        elif self.status is Status.ANSWERED and not self.answers:
            self.status = Status.OPEN
        return gone

    def settled_on(self, calendar: StudyCalendar, day: date) -> bool:
        """Answered, unaccepted and unflagged, with its last answer before `day`'s cutoff.

        Such a question shows once more on the study day after its last answer, then is done
        (SPEC "Question"); `settle_cutoff` says which answers still keep it on `day`'s agenda.
        """
        if self.status is not Status.ANSWERED or self.flag is not Flag.NONE or not self.answers:
            return False
        cutoff = settle_cutoff(calendar, day)
        return cutoff is not None and max(a.created_at for a in self.answers) < cutoff

    def record_answer(self, answer: Answer) -> bool:
        """A new answer; an open question becomes answered. Answers to resolved ones are kept.
        True if the question's own state changed (so it must be stored again)."""
        self.answers.append(answer)
        if self.status is Status.OPEN:
            self.status = Status.ANSWERED
            return True
        return False

    def accept(self, answer_index: int | None, now: datetime) -> Answer:
        """Accept the `answer_index`-th answer (1-based; default the latest) and resolve."""
        if self.is_resolved:
            raise PeerbotError("question.already_resolved", number=self.number)
        if not self.answers:
            raise PeerbotError("question.no_answers", number=self.number)
        if answer_index is None:
            answer_index = len(self.answers)
        if not 1 <= answer_index <= len(self.answers):
            raise PeerbotError(
                "question.no_such_answer",
                number=self.number,
                index=answer_index,
                count=len(self.answers),
            )
        chosen = self.answers[answer_index - 1]
        self.status = Status.RESOLVED
        self.accepted_answer_id = chosen.id
        self.resolved_at = now
        return chosen

    def defer(self, now: datetime) -> None:
        """Will be answered on a later study day ("더 조사 후 내일 답변")."""
        self._must_be_unresolved()
        if self.flag is Flag.DEFERRED:
            raise PeerbotError("question.already_deferred", number=self.number)
        self.flag, self.flagged_at = Flag.DEFERRED, now

    def escalate(self, now: datetime) -> None:
        """Left for the mentor / office hours."""
        self._must_be_unresolved()
        if self.flag is Flag.ESCALATED:
            raise PeerbotError("question.already_escalated", number=self.number)
        self.flag, self.flagged_at = Flag.ESCALATED, now

    def reopen(self, *, settled: bool = False) -> None:
        """Back to open (or answered, if it has answers), with no accepted answer and no flag.

        A `settled` question becomes open: back on the agenda until a new answer, after which it
        settles again a study day later.
        """
        if not (self.is_resolved or settled) and self.flag is Flag.NONE:
            raise PeerbotError("question.not_closed", number=self.number)
        self.status = Status.ANSWERED if self.answers and not settled else Status.OPEN
        self.accepted_answer_id = None
        self.resolved_at = None
        self.flag, self.flagged_at = Flag.NONE, None

    def _must_be_unresolved(self) -> None:
        if self.is_resolved:
            raise PeerbotError("question.already_resolved", number=self.number)


def settle_cutoff(calendar: StudyCalendar, day: date) -> datetime | None:
    """The earliest answer time that keeps an answered question on `day`'s agenda, or None.

    An answer belongs to the study day of its session (`StudyCalendar.session_date`); a question
    stays on the agenda of the study day after its last answer's day. So on `day` it needs an
    answer of the previous study day or later: given after the end of the study day before that
    one (a weekend or holiday answer belongs to the next study day). None: nothing settles yet.
    """
    previous = calendar.previous_study_day(day)
    before = calendar.previous_study_day(previous) if previous is not None else None
    if before is None:
        return None
    return datetime.combine(before + timedelta(days=1), time(0), tzinfo=calendar.tz)


class NotePlace(StrEnum):
    """Where a note goes in the day's minutes: a bullet among the session notes, or the team's
    own words before the mentor's questions (instead of the fixed sentence)."""

    NOTES = "notes"
    MENTOR = "mentor"


@dataclass
class Note:
    """A free bullet of a study day's peer-session minutes, numbered per team like questions
    (`number` 0 until stored: the repository gives the team's next, never reused)."""

    team_id: int
    member_id: int
    study_date: date
    text: str
    created_at: datetime
    id: int | None = None
    number: int = 0
    edited_at: datetime | None = None
    edited_by: int | None = None  # a member id: the author or an admin
    deleted_at: datetime | None = None  # kept, with its number, but shown nowhere
    deleted_by: int | None = None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def edit(self, text: str, by: int, now: datetime) -> None:
        """New text for the note, recorded as an edit (who, when)."""
        self.text, self.edited_at, self.edited_by = text, now, by

    def delete(self, by: int, now: datetime) -> None:
        """Gone from the minutes and the agenda; the row and its number stay."""
        self.deleted_at, self.deleted_by = now, by

    place: NotePlace = NotePlace.NOTES  # 0013


def clean_text(raw: str, *, what: str = "text", limit: int = MAX_TEXT) -> str:
    """Trimmed user text, refused when empty or over `limit` characters."""
    # NFC, so Korean typed on a Mac (decomposed jamo) matches the same words typed elsewhere.
    text = unicodedata.normalize("NFC", raw).strip()
    if not text:
        raise PeerbotError("text.empty", what=what)
    if len(text) > limit:
        raise PeerbotError("text.too_long", what=what, limit=limit, length=len(text))
    if "\x00" in text:
        raise PeerbotError("text.bad_characters", what=what)
    return text


def clean_topic(raw: str | None) -> str | None:
    """A question's topic, trimmed and bounded as an assignment's name; None when not given."""
    if raw is None:
        return None
    return clean_text(raw, what="topic", limit=MAX_TOPIC)
