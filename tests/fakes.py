"""In-memory storage with the SQL unit of work's semantics, for handler tests.

Same numbering, team scoping, search, ordering, UTC datetimes and errors as `storage` (the
contract suite in tests/integration runs against both). A unit of work works on a deep copy of
the committed state, so leaving without `commit()` loses everything, as a rollback would. Units
of work run one at a time, like SQLite's `BEGIN IMMEDIATE`: a second one waits up to
`busy_timeout` seconds, then raises `TryAgainLater` (so a nested unit of work shows up in tests).
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from types import TracebackType
from typing import Self

from sqlalchemy.exc import IntegrityError

from bot.card_links import card_line
from bot.errors import Conflict, TryAgainLater
from bot.model.cohort import Cohort, CohortMentor, CohortTeam
from bot.model.questions import Answer, Flag, Note, Question, Status
from bot.model.rotation import Rotation
from bot.model.study import Assignment, Away, Retro
from bot.model.teams import Member, Team
from bot.outbox import OutboxMessage, State
from bot.outbox import lane as outbox_lane
from bot.ports import (
    Arrival,
    AssignmentRepository,
    AwayRepository,
    Card,
    CardRepository,
    CohortRepository,
    MemberRepository,
    NoteRepository,
    OutboxRepository,
    QuestionQuery,
    QuestionRepository,
    RetroRepository,
    RotationRepository,
    TeamRepository,
)
from bot.publish.model import Publication, PublishSettings
from bot.publish.ports import PublishingRepository
from bot.search.ports import Draft
from tests import fake_search
from tests.fake_search import FakeSearchRepository


@dataclass
class FakeState:
    """Everything stored; questions are kept without answers, which live in `answers`."""

    teams: dict[int, Team] = field(default_factory=dict)
    next_numbers: dict[int, int] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    questions: dict[int, Question] = field(default_factory=dict)
    answers: dict[int, Answer] = field(default_factory=dict)
    notes: dict[int, Note] = field(default_factory=dict)
    retros: dict[int, Retro] = field(default_factory=dict)
    assignments: dict[int, Assignment] = field(default_factory=dict)
    next_assignment_numbers: dict[int, int] = field(default_factory=dict)
    next_note_numbers: dict[int, int] = field(default_factory=dict)
    away: dict[int, Away] = field(default_factory=dict)
    outbox: dict[int, OutboxMessage] = field(default_factory=dict)
    cards: dict[int, Card] = field(default_factory=dict)
    rotations: dict[int, Rotation] = field(default_factory=dict)  # by team id
    cohorts: dict[int, Cohort] = field(default_factory=dict)
    next_cohort_team_numbers: dict[int, int] = field(default_factory=dict)
    cohort_teams: dict[int, CohortTeam] = field(default_factory=dict)  # by team id
    cohort_mentors: dict[tuple[int, str], CohortMentor] = field(default_factory=dict)
    web_secret: str | None = None
    web_generations: dict[int, int] = field(default_factory=dict)  # by team id

    publishing: dict[int, PublishSettings] = field(default_factory=dict)  # by team id
    leases: dict[int, tuple[str, datetime]] = field(default_factory=dict)  # by team id
    publications: dict[int, Publication] = field(default_factory=dict)
    drafts: dict[int, Draft] = field(default_factory=dict)
    last_id: int = 0

    def new_id(self) -> int:
        self.last_id += 1
        return self.last_id


class FakeUnitOfWorkFactory:
    """Each call gives a new `FakeUnitOfWork` on this factory's one in-memory store."""

    def __init__(self, *, busy_timeout: float = 1.0) -> None:
        self.committed = FakeState()
        self.busy_timeout = busy_timeout
        self.unavailable = False  # set True to make every unit of work raise TryAgainLater
        self.commits = 0
        self._lock: asyncio.Lock | None = None
        self._lock_loop: asyncio.AbstractEventLoop | None = None

    def __call__(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self)

    async def acquire(self) -> None:
        """Wait for the other unit of work to finish, as SQLite's busy timeout would."""
        loop = asyncio.get_running_loop()
        if self._lock is None or self._lock_loop is not loop:
            self._lock, self._lock_loop = asyncio.Lock(), loop
        try:
            await asyncio.wait_for(self._lock.acquire(), self.busy_timeout)
        except TimeoutError:
            raise TryAgainLater("fake database busy") from None

    def release(self) -> None:
        assert self._lock is not None
        self._lock.release()


class FakeUnitOfWork:
    """The in-memory `UnitOfWork`: a deep copy of the committed state, kept only on commit."""

    teams: TeamRepository
    members: MemberRepository
    questions: QuestionRepository
    notes: NoteRepository
    retros: RetroRepository
    assignments: AssignmentRepository
    away: AwayRepository
    outbox: OutboxRepository
    cards: CardRepository
    rotations: RotationRepository
    cohorts: CohortRepository
    publishing: PublishingRepository
    search: FakeSearchRepository

    def __init__(self, factory: FakeUnitOfWorkFactory) -> None:
        self._factory = factory
        self._state: FakeState | None = None
        self.teams = FakeTeamRepository(self)
        self.members = FakeMemberRepository(self)
        self.questions = FakeQuestionRepository(self)
        self.notes = FakeNoteRepository(self)
        self.retros = FakeRetroRepository(self)
        self.assignments = FakeAssignmentRepository(self)
        self.away = FakeAwayRepository(self)
        self.outbox = FakeOutboxRepository(self)
        self.cards = FakeCardRepository(self)
        self.rotations = FakeRotationRepository(self)
        self.cohorts = FakeCohortRepository(self)
        self.web = FakeWebRepository(self)

        self.publishing = FakePublishingRepository(self)
        self.search = FakeSearchRepository(self)

    @property
    def state(self) -> FakeState:
        if self._state is None:
            raise RuntimeError("use the unit of work inside `async with`")
        if self._factory.unavailable:
            raise TryAgainLater("fake database unavailable")
        return self._state

    async def __aenter__(self) -> Self:
        if self._state is not None:
            raise RuntimeError("this unit of work is already open")
        if self._factory.unavailable:
            raise TryAgainLater("fake database unavailable")
        await self._factory.acquire()
        self._state = copy.deepcopy(self._factory.committed)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._state is not None:
            self._state = None
            self._factory.release()

    async def commit(self) -> None:
        self._factory.committed = copy.deepcopy(self.state)
        self._factory.commits += 1

    async def rollback(self) -> None:
        self.state  # noqa: B018 (raises outside `async with`)
        self._state = copy.deepcopy(self._factory.committed)


def _utc(instant: datetime) -> datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"naive datetime {instant!r}: storage needs timezone-aware instants")
    return instant.astimezone(UTC)


def _maybe_utc(instant: datetime | None) -> datetime | None:
    return None if instant is None else _utc(instant)


def _now() -> datetime:
    return datetime.now(UTC)


def _foreign_key(ok: bool, what: str) -> None:
    """The SQL backends raise IntegrityError for a missing referenced row; so does the fake."""
    if not ok:
        raise IntegrityError("fake insert", None, Exception(f"FOREIGN KEY constraint: {what}"))


class _FakeRepository:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self._uow = uow

    @property
    def _s(self) -> FakeState:
        return self._uow.state


class FakeTeamRepository(_FakeRepository):
    async def get_by_channel(self, platform: str, channel_id: str) -> Team | None:
        return self._first(lambda t: t.platform == platform and t.channel_id == channel_id)

    async def get_with_caller(self, platform: str, channel_id: str, user_id: str) -> Arrival:
        team = await self.get_by_channel(platform, channel_id)
        if team is None or team.id is None:
            return Arrival(team, None)
        caller = await self._uow.members.get(team.id, user_id)
        lanes = FakeOutboxRepository(self._uow).lanes_here(team.id, platform, channel_id)
        return Arrival(team, caller, any(m.state is State.PARKED for m in lanes))

    async def get_by_name(self, name: str) -> Team | None:
        return self._first(lambda t: t.name == name)

    async def list_by_name(self, name: str) -> Sequence[Team]:
        return [copy.deepcopy(t) for _, t in sorted(self._s.teams.items()) if t.name == name]

    async def get(self, team_id: int) -> Team | None:
        return copy.deepcopy(self._s.teams.get(team_id))

    async def add(self, team: Team) -> Team:
        self._check_unique(team, None)
        team_id = self._s.new_id()
        stored = replace(
            team, id=team_id, created_at=_utc(team.created_at) if team.created_at else _now()
        )
        stored.days_off = frozenset(stored.days_off)
        self._s.teams[team_id] = copy.deepcopy(stored)
        self._s.next_numbers[team_id] = 1
        return stored

    async def update(self, team: Team) -> None:
        team_id = self._existing(team.id)
        self._check_unique(team, team_id)
        created_at = self._s.teams[team_id].created_at
        stored = replace(team, created_at=created_at, days_off=frozenset(team.days_off))
        self._s.teams[team_id] = copy.deepcopy(stored)

    async def list(self) -> Sequence[Team]:
        return [copy.deepcopy(team) for _, team in sorted(self._s.teams.items())]

    async def next_question_number(self, team_id: int) -> int:
        self._existing(team_id)
        number = self._s.next_numbers[team_id]
        self._s.next_numbers[team_id] = number + 1
        return number

    async def set_next_question_number(self, team_id: int, number: int) -> None:
        if number < 1:
            raise ValueError(f"question numbers start at 1, not {number}")
        self._existing(team_id)
        self._s.next_numbers[team_id] = number

    async def counters(self, team_id: int) -> tuple[int, int]:
        self._existing(team_id)
        return self._s.next_numbers[team_id], self._s.next_assignment_numbers.get(team_id, 1)

    async def set_next_assignment_number(self, team_id: int, number: int) -> None:
        if number < 1:
            raise ValueError(f"assignment numbers start at 1, not {number}")
        self._existing(team_id)
        self._s.next_assignment_numbers[team_id] = number

    def _first(self, matches: Callable[[Team], bool]) -> Team | None:
        found = [t for _, t in sorted(self._s.teams.items()) if matches(t)]
        return copy.deepcopy(found[0]) if found else None

    def _existing(self, team_id: int | None) -> int:
        if team_id is None:
            raise ValueError("team has no id: add it first")
        if team_id not in self._s.teams:
            raise LookupError(f"no team {team_id}")
        return team_id

    def _check_unique(self, team: Team, own_id: int | None) -> None:
        for other in self._s.teams.values():
            if other.id == own_id:
                continue
            if (other.platform, other.channel_id) == (team.platform, team.channel_id):
                raise Conflict("UNIQUE constraint failed: teams.platform, teams.channel_id")


class FakeMemberRepository(_FakeRepository):
    async def get(self, team_id: int, user_id: str) -> Member | None:
        return self._first(lambda m: m.team_id == team_id and m.user_id == user_id)

    async def get_by_id(self, team_id: int, member_id: int) -> Member | None:
        return self._first(lambda m: m.team_id == team_id and m.id == member_id)

    async def find_by_name(self, team_id: int, name: str) -> Member | None:
        wanted = name.lower()
        return self._first(lambda m: m.team_id == team_id and m.display_name.lower() == wanted)

    async def add(self, member: Member) -> Member:
        _foreign_key(member.team_id in self._s.teams, "members.team_id")
        if await self.get(member.team_id, member.user_id) is not None:
            raise Conflict("UNIQUE constraint failed: members.team_id, members.user_id")
        member_id = self._s.new_id()
        stored = replace(
            member, id=member_id, joined_at=_utc(member.joined_at) if member.joined_at else _now()
        )
        self._s.members[member_id] = copy.deepcopy(stored)
        return stored

    async def update(self, member: Member) -> None:
        if member.id is None:
            raise ValueError("member has no id: add it first")
        old = self._s.members.get(member.id)
        if old is None or old.team_id != member.team_id:
            raise LookupError(f"no member {member.id} in team {member.team_id}")
        old.display_name, old.is_admin = member.display_name, member.is_admin
        old.is_mentor, old.removed_at = member.is_mentor, _maybe_utc(member.removed_at)
        old.publish = member.publish
        if member.joined_at is not None:
            old.joined_at = _utc(member.joined_at)

    async def list(self, team_id: int, *, with_removed: bool = False) -> Sequence[Member]:
        return [
            copy.deepcopy(m)
            for _, m in sorted(self._s.members.items())
            if m.team_id == team_id and (with_removed or m.removed_at is None)
        ]

    def _first(self, matches: Callable[[Member], bool]) -> Member | None:
        found = [m for _, m in sorted(self._s.members.items()) if matches(m)]
        return copy.deepcopy(found[0]) if found else None


class FakeQuestionRepository(_FakeRepository):
    async def add(self, question: Question) -> Question:
        s = self._s
        _foreign_key(question.team_id in s.teams, "questions.team_id")
        _foreign_key(question.asker_id in s.members, "questions.asker_id")
        if self._find(question.team_id, question.number) is not None:
            raise Conflict("UNIQUE constraint failed: questions.team_id, questions.number")
        question_id = s.new_id()
        stored = replace(
            question,
            id=question_id,
            asked_at=_utc(question.asked_at),
            flagged_at=_maybe_utc(question.flagged_at),
            resolved_at=_maybe_utc(question.resolved_at),
            claimed_at=_maybe_utc(question.claimed_at),
            answers=[],
        )
        _store_change(stored, question)
        s.questions[question_id] = copy.deepcopy(stored)
        stored.answers = [
            self._insert_answer(replace(a, question_id=question_id)) for a in question.answers
        ]
        return stored

    async def get(self, team_id: int, number: int) -> Question | None:
        found = self._find(team_id, number)
        return None if found is None else self._with_answers(found)

    async def update(self, question: Question) -> None:
        stored = self._find(question.team_id, question.number)
        if stored is None:
            raise LookupError(f"no question {question.number} in team {question.team_id}")
        stored.status, stored.flag = question.status, question.flag
        stored.flagged_at = _maybe_utc(question.flagged_at)
        stored.resolved_at = _maybe_utc(question.resolved_at)
        stored.accepted_answer_id = question.accepted_answer_id
        stored.claimed_user, stored.claimed_name = question.claimed_user, question.claimed_name
        stored.claimed_at = _maybe_utc(question.claimed_at)

    async def record_change(self, question: Question) -> None:
        stored = self._find(question.team_id, question.number)
        if stored is None:
            raise LookupError(f"no question {question.number} in team {question.team_id}")
        _store_change(stored, question)
        stored.topic = question.topic

    async def update_answer(self, team_id: int, answer: Answer) -> None:
        stored = self._s.answers.get(answer.id or 0)
        question = self._s.questions.get(stored.question_id) if stored else None
        if stored is None or question is None or question.team_id != team_id:
            raise LookupError(f"no answer {answer.id} in team {team_id}")
        _store_change(stored, answer)
        stored.endorsed_at, stored.endorsed_by = _maybe_utc(answer.endorsed_at), answer.endorsed_by

    async def add_answer(self, team_id: int, answer: Answer) -> Answer:
        question = self._s.questions.get(answer.question_id)
        member = self._s.members.get(answer.member_id)
        if (
            question is None
            or question.team_id != team_id
            or member is None
            or (member.team_id != team_id)
        ):
            raise LookupError(
                f"question {answer.question_id} or member {answer.member_id} not in team {team_id}"
            )
        return self._insert_answer(answer)

    async def find(self, team_id: int, query: QuestionQuery) -> Sequence[Question]:
        if query.limit is not None and query.limit <= 0:
            return []
        found = self._matching(team_id, query)
        if not query.with_deleted:
            found = [q for q in found if q.deleted_at is None]
        if query.words:  # as the SQL index: any term of the words, best first when ranked
            matched = fake_search.ranked(self._s, team_id, " ".join(query.words), found)
            found = matched if query.ranked else [q for q in found if q in matched]
        if query.deferred_first:
            found.sort(key=lambda q: q.flag is not Flag.DEFERRED)
        end = None if query.limit is None else query.offset + query.limit
        return found[query.offset : end]

    async def count(self, team_id: int, query: QuestionQuery) -> int:
        return len(await self.find(team_id, replace(query, offset=0, limit=None)))

    async def of_week(
        self, team_id: int, first: date, last: date, answered_since: datetime | None
    ) -> Sequence[Question]:
        """As the port says, through `find`: the week's days, then the older unresolved ones."""
        recent = await self.find(
            team_id, QuestionQuery(study_date_from=first, study_date_to=last, limit=None)
        )
        older = await self.find(
            team_id,
            QuestionQuery(
                unresolved=True,
                study_date_to=first - timedelta(days=1),
                answered_since=answered_since,
                limit=None,
            ),
        )
        return sorted([*older, *recent], key=lambda q: q.number)

    def _matching(self, team_id: int, query: QuestionQuery) -> list[Question]:
        found = [
            self._with_answers(q, with_deleted=query.with_deleted)
            for q in sorted(self._s.questions.values(), key=lambda q: q.number)
            if q.team_id == team_id
        ]
        return [q for q in found if _matches(q, query)]

    def _find(self, team_id: int, number: int) -> Question | None:
        for question in self._s.questions.values():
            if question.team_id == team_id and question.number == number:
                return question
        return None

    def _with_answers(self, question: Question, *, with_deleted: bool = False) -> Question:
        found = copy.deepcopy(question)
        found.answers = sorted(
            (
                copy.deepcopy(a)
                for a in self._s.answers.values()
                if a.question_id == question.id and (with_deleted or a.deleted_at is None)
            ),
            key=lambda a: (a.created_at, a.id or 0),
        )
        return found

    def _insert_answer(self, answer: Answer) -> Answer:
        _foreign_key(answer.question_id in self._s.questions, "answers.question_id")
        _foreign_key(answer.member_id in self._s.members, "answers.member_id")
        created_at = _utc(answer.created_at)
        answer_id = self._s.new_id()
        stored = replace(answer, id=answer_id, created_at=created_at)
        _store_change(stored, answer)
        self._s.answers[answer_id] = copy.deepcopy(stored)
        return stored


def _store_change(stored: Question | Answer, given: Question | Answer) -> None:
    """The text and the record of its edit and deletion, as `record_change` stores them."""
    stored.text = given.text
    stored.edited_at, stored.edited_by = _maybe_utc(given.edited_at), given.edited_by
    stored.deleted_at, stored.deleted_by = _maybe_utc(given.deleted_at), given.deleted_by


def _matches(question: Question, query: QuestionQuery) -> bool:
    """The SQL `find` conditions, in Python."""
    if query.unresolved is not None and (question.status is not Status.RESOLVED) != (
        query.unresolved
    ):
        return False
    if query.escalated is not None and (question.flag is Flag.ESCALATED) != query.escalated:
        return False
    if query.study_date_from is not None and question.study_date < query.study_date_from:
        return False
    if query.study_date_to is not None and question.study_date > query.study_date_to:
        return False
    since = query.answered_since
    # `words`: `find` matches and ranks by the index's terms (tests.fake_search)
    return not (
        since is not None
        and question.status is Status.ANSWERED
        and question.flag is Flag.NONE
        and not any(a.created_at >= since for a in question.answers)
    )


class FakeNoteRepository(_FakeRepository):
    async def add(self, note: Note) -> Note:
        _foreign_key(note.team_id in self._s.teams, "notes.team_id")
        _foreign_key(note.member_id in self._s.members, "notes.member_id")
        number = self._s.next_note_numbers.get(note.team_id, 1)
        self._s.next_note_numbers[note.team_id] = number + 1
        created_at = _utc(note.created_at)
        note_id = self._s.new_id()
        stored = replace(note, id=note_id, number=number, created_at=created_at)
        self._s.notes[note_id] = copy.deepcopy(stored)
        return stored

    async def get(self, team_id: int, number: int) -> Note | None:
        found = [n for n in self._s.notes.values() if (n.team_id, n.number) == (team_id, number)]
        return copy.deepcopy(found[0]) if found else None

    async def update(self, note: Note) -> None:
        for note_id, stored in self._s.notes.items():
            if (stored.team_id, stored.number) == (note.team_id, note.number):
                self._s.notes[note_id] = replace(
                    stored,
                    text=note.text,
                    edited_at=_maybe_utc(note.edited_at),
                    edited_by=note.edited_by,
                    deleted_at=_maybe_utc(note.deleted_at),
                    deleted_by=note.deleted_by,
                )
                return
        raise LookupError(f"no note {note.number} in team {note.team_id}")

    async def list(
        self, team_id: int, first: date, last: date, *, with_deleted: bool = False
    ) -> Sequence[Note]:
        found = [
            n
            for n in self._s.notes.values()
            if n.team_id == team_id
            and first <= n.study_date <= last
            and (with_deleted or not n.is_deleted)
        ]
        return [copy.deepcopy(n) for n in sorted(found, key=lambda n: (n.created_at, n.id or 0))]

    async def next_number(self, team_id: int) -> int:
        if team_id not in self._s.teams:
            raise LookupError(f"no team {team_id}")
        return self._s.next_note_numbers.get(team_id, 1)

    async def set_next_number(self, team_id: int, number: int) -> None:
        if number < 1:
            raise ValueError(f"note numbers start at 1, not {number}")
        if team_id not in self._s.teams:
            raise LookupError(f"no team {team_id}")
        self._s.next_note_numbers[team_id] = number


class FakeRetroRepository(_FakeRepository):
    """Retrospectives: one per (team, member, study day)."""

    async def get(self, team_id: int, member_id: int, day: date) -> Retro | None:
        for retro in self._s.retros.values():
            if (retro.team_id, retro.member_id, retro.study_date) == (team_id, member_id, day):
                return copy.deepcopy(retro)
        return None

    async def add(self, retro: Retro) -> Retro:
        _foreign_key(retro.team_id in self._s.teams, "retros.team_id")
        _foreign_key(retro.member_id in self._s.members, "retros.member_id")
        if await self.get(retro.team_id, retro.member_id, retro.study_date) is not None:
            raise Conflict("UNIQUE constraint failed: retros.team_id, member_id, study_date")
        stored = replace(
            retro,
            id=self._s.new_id(),
            fields=dict(retro.fields),
            created_at=_utc(retro.created_at),
            updated_at=_utc(retro.updated_at),
        )
        self._s.retros[stored.id or 0] = copy.deepcopy(stored)
        return stored

    async def update(self, retro: Retro) -> None:
        if retro.id is None:
            raise ValueError("retro has no id: add it first")
        stored = self._s.retros.get(retro.id)
        if stored is None or stored.team_id != retro.team_id:
            raise LookupError(f"no retro {retro.id} in team {retro.team_id}")
        stored.fields, stored.updated_at = dict(retro.fields), _utc(retro.updated_at)

    async def list(self, team_id: int, first: date, last: date) -> Sequence[Retro]:
        found = [
            r
            for r in self._s.retros.values()
            if r.team_id == team_id and first <= r.study_date <= last
        ]
        found.sort(key=lambda r: (r.study_date, r.member_id))
        return [copy.deepcopy(r) for r in found]


class FakeAssignmentRepository(_FakeRepository):
    """Assignments with team-local numbers and their done marks."""

    async def add(self, assignment: Assignment) -> Assignment:
        s = self._s
        if assignment.team_id not in s.teams:
            raise LookupError(f"no team {assignment.team_id}")
        _foreign_key(assignment.created_by in s.members, "assignments.created_by")
        number = s.next_assignment_numbers.get(assignment.team_id, 1)
        s.next_assignment_numbers[assignment.team_id] = number + 1
        stored = replace(
            assignment,
            id=s.new_id(),
            number=number,
            due_at=_utc(assignment.due_at),
            created_at=_utc(assignment.created_at),
            done_by={},
        )
        s.assignments[stored.id or 0] = stored
        for member_id, at in assignment.done_by.items():
            await self.set_done(stored, member_id, at)
        return copy.deepcopy(stored)

    async def get(self, team_id: int, number: int) -> Assignment | None:
        for assignment in self._s.assignments.values():
            if assignment.team_id == team_id and assignment.number == number:
                return self._copy(assignment)
        return None

    async def list(
        self, team_id: int, *, due_after: datetime | None = None
    ) -> Sequence[Assignment]:
        found = [
            a
            for a in self._s.assignments.values()
            if a.team_id == team_id and (due_after is None or a.due_at > due_after)
        ]
        return [self._copy(a) for a in sorted(found, key=lambda a: (a.due_at, a.number))]

    async def due_between(self, first: datetime, last: datetime) -> Sequence[Assignment]:
        found = [a for a in self._s.assignments.values() if first <= a.due_at < last]
        found.sort(key=lambda a: (a.due_at, a.team_id, a.number))
        return [self._copy(a) for a in found]

    async def set_done(self, assignment: Assignment, member_id: int, at: datetime | None) -> None:
        if assignment.id is None:
            raise ValueError("assignment has no id: add it first")
        stored = self._s.assignments.get(assignment.id)
        member = self._s.members.get(member_id)
        if (
            stored is None
            or stored.team_id != assignment.team_id
            or member is None
            or member.team_id != assignment.team_id
        ):
            raise LookupError(
                f"assignment {assignment.id} or member {member_id} not in team {assignment.team_id}"
            )
        stored.done_by.pop(member_id, None)
        if at is not None:
            stored.done_by[member_id] = _utc(at)

    async def remove(self, assignment: Assignment) -> None:
        if assignment.id is None:
            raise ValueError("assignment has no id: add it first")
        stored = self._s.assignments.get(assignment.id)
        if stored is None or stored.team_id != assignment.team_id:
            raise LookupError(f"no assignment {assignment.id} in team {assignment.team_id}")
        del self._s.assignments[assignment.id]

    @staticmethod
    def _copy(assignment: Assignment) -> Assignment:
        found = copy.deepcopy(assignment)
        found.done_by = dict(sorted(found.done_by.items()))  # by member id, as SQL orders it
        return found


class FakeAwayRepository(_FakeRepository):
    """Members' days away."""

    async def add(self, away: Away) -> Away:
        _foreign_key(away.team_id in self._s.teams, "away.team_id")
        _foreign_key(away.member_id in self._s.members, "away.member_id")
        stored = replace(away, id=self._s.new_id())
        self._s.away[stored.id or 0] = copy.deepcopy(stored)
        return stored

    async def list(self, team_id: int, first: date, last: date) -> Sequence[Away]:
        found = [
            a
            for a in self._s.away.values()
            if a.team_id == team_id and a.first <= last and a.last >= first
        ]
        found.sort(key=lambda a: (a.first, a.member_id, a.id or 0))
        return [copy.deepcopy(a) for a in found]


class FakeRotationRepository(_FakeRepository):
    """A team's rotation of session roles: at most one per team."""

    async def get(self, team_id: int) -> Rotation | None:
        return self._s.rotations.get(team_id)

    async def set(self, rotation: Rotation) -> None:
        _foreign_key(rotation.team_id in self._s.teams, "rotations.team_id")
        for member_id in rotation.member_ids:
            _foreign_key(member_id in self._s.members, "rotation_members.member_id")
        if len(set(rotation.member_ids)) != len(rotation.member_ids):
            raise Conflict("UNIQUE constraint failed: rotation_members.team_id, member_id")
        self._s.rotations[rotation.team_id] = rotation

    async def clear(self, team_id: int) -> bool:
        return self._s.rotations.pop(team_id, None) is not None


class FakeCohortRepository(_FakeRepository):
    """Cohorts, unique by name, mentors' channel and join code; a team in at most one."""

    async def add(self, cohort: Cohort) -> Cohort:
        for other in self._s.cohorts.values():
            if (
                other.name == cohort.name
                or (other.platform, other.channel_id) == (cohort.platform, cohort.channel_id)
                or other.join_code == cohort.join_code
            ):
                raise Conflict("UNIQUE constraint failed: cohorts")
        stored = replace(cohort, id=self._s.new_id(), created_at=_utc(cohort.created_at))
        self._s.cohorts[stored.id or 0] = copy.deepcopy(stored)
        return stored

    async def get(self, cohort_id: int) -> Cohort | None:
        return copy.deepcopy(self._s.cohorts.get(cohort_id))

    async def get_by_channel(self, platform: str, channel_id: str) -> Cohort | None:
        return self._first(lambda c: (c.platform, c.channel_id) == (platform, channel_id))

    async def get_by_code(self, join_code: str) -> Cohort | None:
        return self._first(lambda c: c.join_code == join_code)

    async def get_by_name(self, name: str) -> Cohort | None:
        return self._first(lambda c: c.name == name)

    async def list(self) -> Sequence[Cohort]:
        return [copy.deepcopy(c) for _, c in sorted(self._s.cohorts.items())]

    async def join(self, cohort_id: int, team_id: int, at: datetime) -> CohortTeam:
        _foreign_key(cohort_id in self._s.cohorts, "cohort_teams.cohort_id")
        _foreign_key(team_id in self._s.teams, "cohort_teams.team_id")
        if team_id in self._s.cohort_teams:
            raise Conflict("UNIQUE constraint failed: cohort_teams.team_id")
        number = self._s.next_cohort_team_numbers.get(cohort_id, 1)
        self._s.next_cohort_team_numbers[cohort_id] = number + 1
        joined = CohortTeam(cohort_id, team_id, number, _utc(at))
        self._s.cohort_teams[team_id] = joined
        return joined

    async def leave(self, team_id: int) -> bool:
        return self._s.cohort_teams.pop(team_id, None) is not None

    async def of_team(self, team_id: int) -> CohortTeam | None:
        return self._s.cohort_teams.get(team_id)

    async def teams(self, cohort_id: int) -> Sequence[CohortTeam]:
        found = [t for t in self._s.cohort_teams.values() if t.cohort_id == cohort_id]
        return sorted(found, key=lambda t: t.number)

    async def mentors(self, cohort_id: int) -> Sequence[CohortMentor]:
        found = [m for (c, _), m in self._s.cohort_mentors.items() if c == cohort_id]
        found.sort(key=lambda m: (m.added_at, m.user_id))
        return [copy.deepcopy(m) for m in found]

    async def set_mentor(self, mentor: CohortMentor) -> None:
        _foreign_key(mentor.cohort_id in self._s.cohorts, "cohort_mentors.cohort_id")
        key = (mentor.cohort_id, mentor.user_id)
        known = self._s.cohort_mentors.get(key)
        if known is not None:
            known.display_name, known.is_admin = mentor.display_name, mentor.is_admin
            return
        self._s.cohort_mentors[key] = replace(mentor, added_at=_utc(mentor.added_at))

    async def remove_mentor(self, cohort_id: int, user_id: str) -> bool:
        return self._s.cohort_mentors.pop((cohort_id, user_id), None) is not None

    def _first(self, matches: Callable[[Cohort], bool]) -> Cohort | None:
        found = [c for _, c in sorted(self._s.cohorts.items()) if matches(c)]
        return copy.deepcopy(found[0]) if found else None


class FakeCardRepository(_FakeRepository):
    """Posted cards: one per (platform, channel, message)."""

    async def add(self, card: Card) -> Card:
        for stored in self._s.cards.values():
            if (stored.platform, stored.channel_id, stored.message_ref) == (
                card.platform,
                card.channel_id,
                card.message_ref,
            ):
                return copy.deepcopy(stored)
        _foreign_key(card.team_id in self._s.teams, "cards.team_id")
        stored = replace(card, id=self._s.new_id(), posted_at=_utc(card.posted_at))
        self._s.cards[stored.id or 0] = stored
        return copy.deepcopy(stored)

    async def set_thread(self, card_id: int, thread_ref: str, link: str) -> None:
        if (card := self._s.cards.get(card_id)) is not None:
            self._s.cards[card_id] = replace(card, thread_ref=thread_ref, link=link)

    async def in_thread(self, team_id: int, thread_ref: str) -> Card | None:
        found = [
            c
            for c in sorted(self._s.cards.values(), key=lambda c: c.id or 0)
            if c.team_id == team_id and thread_ref and c.thread_ref == thread_ref
        ]
        return copy.deepcopy(found[0]) if found else None

    async def tell_once(self, card_id: int) -> bool:
        card = self._s.cards.get(card_id)
        if card is None or card.capture_told:
            return False
        self._s.cards[card_id] = replace(card, capture_told=True)
        return True

    async def showing(self, team_id: int, shows: str) -> Sequence[Card]:
        found = [c for c in self._s.cards.values() if c.team_id == team_id and c.shows == shows]
        return [copy.deepcopy(c) for c in sorted(found, key=lambda c: c.id or 0)]

    async def links(self, team_id: int, shows: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for card in sorted(self._s.cards.values(), key=lambda c: c.id or 0):
            if card.team_id == team_id and card.shows in shows and card.link:
                found.setdefault(card.shows, card.link)
        return found

    async def links_of_week(
        self, team_id: int, first: date, last: date, answered_since: datetime | None
    ) -> dict[int, str]:
        """As the port says: `links` of the cards of what `of_week` gives."""
        week = await FakeQuestionRepository(self._uow).of_week(team_id, first, last, answered_since)
        lines = {card_line(q.number): q.number for q in week}
        return {
            lines[shows]: link for shows, link in (await self.links(team_id, list(lines))).items()
        }

    async def list(self, team_id: int) -> Sequence[Card]:
        found = [c for c in self._s.cards.values() if c.team_id == team_id]
        return [copy.deepcopy(c) for c in sorted(found, key=lambda c: c.id or 0)]


class FakeOutboxRepository(_FakeRepository):
    """Outbox rows: unique per (team, kind, occurrence), claimed by due time."""

    async def add(self, message: OutboxMessage) -> bool:
        key = (message.team_id, message.kind, message.occurrence)
        if any((m.team_id, m.kind, m.occurrence) == key for m in self._s.outbox.values()):
            return False
        _foreign_key(message.team_id in self._s.teams, "outbox.team_id")
        stored = replace(message, id=self._s.new_id(), due_at=_utc(message.due_at))
        self._s.outbox[stored.id or 0] = stored
        return True

    async def claim(
        self, now: datetime, lease_until: datetime, limit: int
    ) -> Sequence[OutboxMessage]:
        waiting = sorted(
            (m for m in self._s.outbox.values() if m.state in (State.PENDING, State.PARKED)),
            key=lambda m: (m.due_at, m.id or 0),
        )
        # An earlier row is parked, backing off or leased: the lane's later rows keep order
        # (a lane: the team's rows to one channel, or one card's edits: `bot.outbox.lane`).
        waiting_lanes: set[tuple[int, str, str]] = set()
        due: list[OutboxMessage] = []
        for m in waiting:
            lane = outbox_lane(m)
            ready = (m.next_attempt_at is None or m.next_attempt_at <= now) and (
                m.claimed_until is None or m.claimed_until <= now
            )
            if m.state is State.PARKED:
                waiting_lanes.add(lane)
            elif m.due_at <= now and ready and lane not in waiting_lanes:
                due.append(m)
            elif not ready:
                waiting_lanes.add(lane)
        due = due[:limit]
        before = [copy.deepcopy(m) for m in due]
        for message in due:
            message.claimed_until = _utc(lease_until)
        return before

    async def mark_sent(self, message_id: int, at: datetime) -> None:
        message = self._get(message_id)
        message.state, message.sent_at = State.SENT, _utc(at)
        message.claimed_until = message.last_error = None

    async def mark_retry(self, message_id: int, error: str, next_attempt_at: datetime) -> None:
        message = self._get(message_id)
        message.attempts += 1
        message.last_error, message.next_attempt_at = error[:500], _utc(next_attempt_at)
        message.claimed_until = None

    async def mark_failed(self, message_id: int, error: str) -> None:
        message = self._get(message_id)
        message.state, message.attempts = State.FAILED, message.attempts + 1
        message.last_error, message.claimed_until = error[:500], None

    async def mark_parked(self, message_id: int, error: str) -> None:
        message = self._get(message_id)
        message.state, message.attempts = State.PARKED, message.attempts + 1
        message.last_error, message.claimed_until = error[:500], None
        message.next_attempt_at = None

    async def mark_expired(self, message_id: int, reason: str) -> None:
        message = self._get(message_id)
        message.state, message.last_error, message.claimed_until = State.EXPIRED, reason[:500], None

    async def unpark(
        self, team_id: int | None, at: datetime, *, platform: str = "", channel_id: str = ""
    ) -> int:
        return self._requeue(self.lanes_here(team_id, platform, channel_id), {State.PARKED}, at)

    def lanes_here(
        self, team_id: int | None, platform: str, channel_id: str
    ) -> list[OutboxMessage]:
        """The rows of the team's own lane and of the lane destined to the channel."""
        return [
            m
            for m in self._s.outbox.values()
            if (m.team_id == team_id and m.channel_id is None)
            or (
                channel_id
                and m.channel_id == channel_id
                and m.team_id in self._s.teams
                and self._s.teams[m.team_id].platform == platform
            )
        ]

    async def retry(self, team_id: int | None, ids: Sequence[int], at: datetime) -> int:
        rows = [
            m
            for m in self._s.outbox.values()
            if (team_id is None or m.team_id == team_id) and (not ids or m.id in ids)
        ]
        return self._requeue(rows, {State.PARKED, State.FAILED}, at)

    def _requeue(self, rows: list[OutboxMessage], states: set[State], at: datetime) -> int:
        found = [m for m in rows if m.state in states]
        lanes = {(m.team_id, m.channel_id) for m in found}
        held_back = [
            m
            for m in self._s.outbox.values()
            if (m.team_id, m.channel_id) in lanes
            and m.state is State.PENDING
            and m.due_at <= _utc(at)
            and m.unparked_at is None
        ]
        for m in found:
            m.state, m.next_attempt_at, m.claimed_until = State.PENDING, None, None
        for m in found + held_back:
            m.unparked_at = _utc(at)
        return len(found)

    async def list(
        self, team_id: int | None = None, state: str | None = None
    ) -> Sequence[OutboxMessage]:
        found = [
            m
            for m in self._s.outbox.values()
            if (team_id is None or m.team_id == team_id) and (state is None or m.state == state)
        ]
        return [copy.deepcopy(m) for m in sorted(found, key=lambda m: (m.due_at, m.id or 0))]

    async def keys_due_since(self, since: datetime) -> set[tuple[int, str, str]]:
        return {
            (m.team_id, m.kind.value, m.occurrence)
            for m in self._s.outbox.values()
            if m.due_at >= since
        }

    async def release(self, message_id: int) -> None:
        self._get(message_id).claimed_until = None

    def _get(self, message_id: int) -> OutboxMessage:
        if message_id not in self._s.outbox:
            raise LookupError(f"no outbox message {message_id}")
        return self._s.outbox[message_id]


class FakeWebRepository(_FakeRepository):
    async def secret(self, candidate: str, at: datetime) -> str:
        if self._s.web_secret is None:
            self._s.web_secret = candidate
        return self._s.web_secret

    async def generation(self, team_id: int) -> int:
        return self._s.web_generations.get(team_id, 0)

    async def revoke(self, team_id: int, by: str, at: datetime) -> int:
        self._s.web_generations[team_id] = self._s.web_generations.get(team_id, 0) + 1
        return self._s.web_generations[team_id]


class FakePublishingRepository(_FakeRepository):
    """Publishing settings, leases and publications, as `storage.publish_repository`."""

    async def get_settings(self, team_id: int) -> PublishSettings | None:
        found = self._s.publishing.get(team_id)
        return copy.deepcopy(found)

    async def save_settings(self, settings: PublishSettings) -> None:
        _foreign_key(settings.team_id in self._s.teams, "team_publishing.team_id")
        self._s.publishing[settings.team_id] = copy.deepcopy(settings)

    async def weekly(self) -> Sequence[PublishSettings]:
        return [
            copy.deepcopy(s)
            for _, s in sorted(self._s.publishing.items())
            if s.push.value == "weekly" and s.repo_url is not None
        ]

    async def claim(self, team_id: int, holder: str, now: datetime, until: datetime) -> bool:
        if team_id not in self._s.publishing:
            return False
        held = self._s.leases.get(team_id)
        if held is not None and held[1] > now and held[0] != holder:
            return False
        self._s.leases[team_id] = (holder, until)
        return True

    async def release(self, team_id: int, holder: str) -> None:
        held = self._s.leases.get(team_id)
        if held is not None and held[0] == holder:
            del self._s.leases[team_id]

    async def get(self, team_id: int, week: int) -> Publication | None:
        found = [p for p in self._s.publications.values() if (p.team_id, p.week) == (team_id, week)]
        return copy.deepcopy(found[0]) if found else None

    async def add(self, publication: Publication) -> bool:
        _foreign_key(publication.team_id in self._s.teams, "publications.team_id")
        if await self.get(publication.team_id, publication.week) is not None:
            return False
        publication.id = self._s.new_id()
        self._s.publications[publication.id] = copy.deepcopy(publication)
        return True

    async def save(self, publication: Publication) -> None:
        assert publication.id is not None
        self._s.publications[publication.id] = copy.deepcopy(publication)

    async def requeue(self, team_id: int, week: int, before: datetime, now: datetime) -> bool:
        for p in self._s.publications.values():
            if (p.team_id, p.week) == (team_id, week) and p.updated_at and p.updated_at < before:
                p.state, p.attempts = type(p.state)("pending"), 0
                p.next_try_at = p.updated_at = now
                return True
        return False

    async def list(self, team_id: int | None, state: object) -> Sequence[Publication]:
        rows = sorted(self._s.publications.values(), key=lambda p: (p.team_id, p.week))
        return [
            copy.deepcopy(p)
            for p in rows
            if team_id in (None, p.team_id) and state in (None, p.state)
        ]

    async def due(self, now: datetime) -> Sequence[Publication]:
        rows = [
            p
            for p in self._s.publications.values()
            if p.state.value == "pending" and p.next_try_at is not None and p.next_try_at <= now
        ]
        return [copy.deepcopy(p) for p in sorted(rows, key=lambda p: (p.next_try_at, p.id))]

    async def retry(self, team_id: int | None, ids: Sequence[int], now: datetime) -> int:
        count = 0
        for p in self._s.publications.values():
            chosen = team_id in (None, p.team_id) and (not ids or p.id in ids)
            if p.state.value in ("failed", "pending") and chosen:
                p.state, p.attempts = type(p.state)("pending"), 0
                p.next_try_at = p.updated_at = now
                count += 1
        return count
