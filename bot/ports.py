"""The core's boundaries: what adapters hand in, what they get back, and what storage offers.

Adapters build an `Invocation` and render the `Reply`; storage implements `UnitOfWork` and the
repositories. The clock, injected so tests can walk a team through a week in a second, is
`bot.clock`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from types import TracebackType
from typing import Protocol, Self

from bot.card_ports import Card as Card  # re-exported: the ports of posted cards
from bot.card_ports import CardRepository as CardRepository
from bot.card_ports import Cards as Cards
from bot.cohort_ports import CohortRepository as CohortRepository  # re-exported
from bot.model.questions import Answer, Note, Question
from bot.model.rotation import Rotation
from bot.model.study import Assignment, Away, Retro
from bot.model.teams import Arrival as Arrival  # re-exported: what every command reads first
from bot.model.teams import Member, Team
from bot.outbox import OutboxMessage
from bot.publish.ports import PublishingRepository
from bot.saved_ports import SavedMessage as SavedMessage  # re-exported
from bot.search.ports import SearchRepository
from bot.text import Attachment, Message
from bot.web.access import WebRepository as WebRepository  # re-exported


@dataclass(frozen=True)
class Invocation:
    """One slash command as a platform delivered it."""

    id: str
    platform: str
    channel_id: str
    user_id: str
    user_name: str
    command: str
    args: str = ""
    options: dict[str, str] = field(default_factory=dict)
    channel_name: str = ""
    message: SavedMessage | None = None  # the message a message action was used on

    @property
    def display_name(self) -> str:
        """The caller's name as the team sees it (the user id when the platform gave none)."""
        return self.user_name.strip()[:80] or self.user_id


@dataclass(frozen=True)
class Reply:
    """What the core answers: a message, shown to the caller only when `ephemeral`."""

    message: Message
    ephemeral: bool = False
    ok: bool = True
    files: tuple[Attachment, ...] = ()
    field: str | None = None  # the form field a rejection is about (shown on that field)
    # The command line whose reply this message shows (`question 12 view:card`): an adapter that
    # posts it in the channel tells the core where (`Cards.card_posted`), so the core can keep
    # that message current when what it shows changes.
    shows: str = ""
    # The `shows` of the card in whose thread this reply belongs (`question 12 view:card` for
    # `/answer 12`), set by its handler; the core then finds that card's thread in the
    # caller's channel within the same unit of work (`thread_ref`: Slack's `thread_ts`, the
    # Discord thread's id; "" when the card has none), and an adapter posts a public reply
    # there, else where it would post it anyway.
    thread_of: str = ""
    thread_ref: str = ""


@dataclass(frozen=True)
class QuestionQuery:
    """Which of a team's questions to list. Every field narrows; all None means all.

    `answered_since` leaves out settled questions: an answered, unflagged one counts only if it
    has an answer at or after that instant (`bot.model.questions.settle_cutoff`).
    `deferred_first` orders deferred ones before the rest (then by number) before `offset` and
    `limit` (None: no limit) are applied, so a page is a slice of the whole ordered selection.
    Deleted questions and answers are left out of everything (lists, search, `answered_since`)
    unless `with_deleted` (export and import only).
    """

    unresolved: bool | None = None
    escalated: bool | None = None
    study_date_from: date | None = None
    study_date_to: date | None = None
    words: tuple[str, ...] = ()
    answered_since: datetime | None = None
    deferred_first: bool = False
    ranked: bool = False  # with `words`: best match first (BM25), not by number
    offset: int = 0
    limit: int | None = 50
    with_deleted: bool = False


class TeamRepository(Protocol):
    async def get_by_channel(self, platform: str, channel_id: str) -> Team | None: ...
    async def get_with_caller(self, platform: str, channel_id: str, user_id: str) -> Arrival:
        """The channel's team, the caller's membership and its parked posts, at once."""
        ...

    async def get_by_name(self, name: str) -> Team | None:
        """The oldest team of that name (names are not unique: see `list_by_name`)."""
        ...

    async def list_by_name(self, name: str) -> Sequence[Team]:
        """Every team of that name, oldest first (teams of different workspaces may share one)."""
        ...

    async def get(self, team_id: int) -> Team | None: ...
    async def add(self, team: Team) -> Team:
        """Store a new team (with its days off) and return it with its id."""
        ...

    async def update(self, team: Team) -> None:
        """Store changed settings and days off of an existing team."""
        ...

    async def list(self) -> Sequence[Team]: ...
    async def next_question_number(self, team_id: int) -> int:
        """Reserve the team's next question number (safe against concurrent askers)."""
        ...

    async def set_next_question_number(self, team_id: int, number: int) -> None:
        """Set the number the next question gets (used by import)."""
        ...

    async def counters(self, team_id: int) -> tuple[int, int]:
        """The numbers the next question and the next assignment get, reserving neither."""
        ...

    async def set_next_assignment_number(self, team_id: int, number: int) -> None:
        """Set the number the next assignment gets (used by import)."""
        ...


class MemberRepository(Protocol):
    async def get(self, team_id: int, user_id: str) -> Member | None: ...
    async def get_by_id(self, team_id: int, member_id: int) -> Member | None: ...
    async def find_by_name(self, team_id: int, name: str) -> Member | None: ...
    async def add(self, member: Member) -> Member: ...
    async def update(self, member: Member) -> None:
        """Store the name, the role flags, the removal and the joining time."""
        ...

    async def list(self, team_id: int, *, with_removed: bool = False) -> Sequence[Member]:
        """The team's current members by id; `with_removed` adds the removed ones (whose names
        still show on what they wrote)."""
        ...


class QuestionRepository(Protocol):
    async def add(self, question: Question) -> Question: ...
    async def get(self, team_id: int, number: int) -> Question | None:
        """The question with its answers in order, or None (also for another team's number).

        A deleted question comes back too, with `deleted_at` set, so the core can say it was
        deleted; its deleted answers never do.
        """
        ...

    async def update(self, question: Question) -> None:
        """Store status, flag, resolution and accepted answer (not the text or answers)."""
        ...

    async def record_change(self, question: Question) -> None:
        """Store the question's text and the record of its edit and deletion (who, when)."""
        ...

    async def add_answer(self, team_id: int, answer: Answer) -> Answer: ...
    async def update_answer(self, team_id: int, answer: Answer) -> None:
        """Store an answer's text, edit and deletion (LookupError if the team has no such)."""
        ...

    async def find(self, team_id: int, query: QuestionQuery) -> Sequence[Question]:
        """Questions matching `query`, ordered by number, answers included.

        `words` match by their terms (`bot.search.analyser`) the question's or its answers'
        text; any term matching is enough, and `ranked` orders by the match (BM25).
        """
        ...

    async def count(self, team_id: int, query: QuestionQuery) -> int:
        """How many questions match `query`, whatever its `offset` and `limit`."""
        ...

    async def of_week(
        self, team_id: int, first: date, last: date, answered_since: datetime | None
    ) -> Sequence[Question]:
        """What a week's digest reads, by number, answers included (deleted ones left out): the
        questions of study days `first`..`last`, and the older unresolved ones not settled
        before `answered_since` (as `QuestionQuery.answered_since`; None: none settles yet).
        A fixed number of reads whatever the week's size, where two `find`s and their answers'
        `IN` lists took four."""
        ...


class NoteRepository(Protocol):
    async def add(self, note: Note) -> Note:
        """Store a new note under the team's next note number (numbers are never reused)."""
        ...

    async def get(self, team_id: int, number: int) -> Note | None:
        """The team's note of that number, a deleted one too (marked), or None."""
        ...

    async def update(self, note: Note) -> None:
        """Store its text and the record of its edit and deletion (LookupError if none)."""
        ...

    async def list(
        self, team_id: int, first: date, last: date, *, with_deleted: bool = False
    ) -> Sequence[Note]:
        """Notes of study days `first`..`last` (both included), in the order written; deleted
        ones only `with_deleted` (export)."""
        ...

    async def next_number(self, team_id: int) -> int:
        """The number the next note gets, reserving none."""
        ...

    async def set_next_number(self, team_id: int, number: int) -> None:
        """Set the number the next note gets (used by import)."""
        ...


class RetroRepository(Protocol):
    async def get(self, team_id: int, member_id: int, day: date) -> Retro | None: ...
    async def add(self, retro: Retro) -> Retro:
        """Store a new retrospective (Conflict if the member has one for that day)."""
        ...

    async def update(self, retro: Retro) -> None:
        """Store changed fields and `updated_at` of an existing retrospective."""
        ...

    async def list(self, team_id: int, first: date, last: date) -> Sequence[Retro]:
        """The team's retrospectives of days `first`..`last`, by day then member."""
        ...


class AssignmentRepository(Protocol):
    async def add(self, assignment: Assignment) -> Assignment:
        """Store a new assignment; its `number` is the team's next (1, 2, ...)."""
        ...

    async def get(self, team_id: int, number: int) -> Assignment | None:
        """With `done_by` filled; None also for another team's number."""
        ...

    async def list(
        self, team_id: int, *, due_after: datetime | None = None
    ) -> Sequence[Assignment]:
        """The team's assignments (due after `due_after` if given) by due time, `done_by` set."""
        ...

    async def due_between(self, first: datetime, last: datetime) -> Sequence[Assignment]:
        """Every team's assignments due in [first, last), for the scheduler."""
        ...

    async def set_done(self, assignment: Assignment, member_id: int, at: datetime | None) -> None:
        """Mark done at `at`, or undo with None."""
        ...

    async def remove(self, assignment: Assignment) -> None: ...


class AwayRepository(Protocol):
    async def add(self, away: Away) -> Away: ...
    async def list(self, team_id: int, first: date, last: date) -> Sequence[Away]:
        """Absences overlapping `first`..`last`."""
        ...


class RotationRepository(Protocol):
    """A team's rotation of session roles (`/team rotation`): one per team, or none."""

    async def get(self, team_id: int) -> Rotation | None: ...
    async def set(self, rotation: Rotation) -> None:
        """Store the team's rotation, replacing the one it had."""
        ...

    async def clear(self, team_id: int) -> bool:
        """Remove the team's rotation; whether it had one."""
        ...


class OutboxRepository(Protocol):
    async def add(self, message: OutboxMessage) -> bool:
        """Write the row; False (and nothing written) if its (team, kind, occurrence) exists."""
        ...

    async def claim(
        self, now: datetime, lease_until: datetime, limit: int
    ) -> Sequence[OutboxMessage]:
        """Pending rows due by `now` and not leased by another worker, leased until `lease_until`.

        On PostgreSQL with `FOR UPDATE SKIP LOCKED`, so several processes never claim one row.
        The rows come back as they were before: a `claimed_until` set means an earlier worker's
        lease ran out without a mark (it may have posted, then died).
        """
        ...

    async def mark_sent(self, message_id: int, at: datetime) -> None: ...
    async def mark_retry(self, message_id: int, error: str, next_attempt_at: datetime) -> None: ...
    async def mark_failed(self, message_id: int, error: str) -> None: ...
    async def mark_parked(self, message_id: int, error: str) -> None:
        """The channel refused the row: it waits (and holds back the team's later rows to that
        channel)."""
        ...

    async def mark_expired(self, message_id: int, reason: str) -> None:
        """Its moment passed before it could go out: kept, never posted."""
        ...

    async def unpark(
        self, team_id: int | None, at: datetime, *, platform: str = "", channel_id: str = ""
    ) -> int:
        """Parked rows pending again; how many: the team's rows to its own channel, and every
        team's rows destined to `channel_id` of `platform` (`OutboxMessage.channel_id`)."""
        ...

    async def retry(self, team_id: int | None, ids: Sequence[int], at: datetime) -> int:
        """Parked and failed rows (of the team, or these ids) pending again; how many."""
        ...

    async def keys_due_since(self, since: datetime) -> set[tuple[int, str, str]]:
        """(team id, kind, occurrence) of every row due at or after `since`, in any state."""
        ...

    async def release(self, message_id: int) -> None:
        """Give the lease back untried (not an attempt): claimable again at once."""
        ...

    async def list(
        self, team_id: int | None = None, state: str | None = None
    ) -> Sequence[OutboxMessage]:
        """Rows by due time then id (all teams when `team_id` is None)."""
        ...


class UnitOfWork(Protocol):
    """One transaction: leaving without `commit()` rolls everything back."""

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
    web: WebRepository
    publishing: PublishingRepository
    search: SearchRepository

    async def __aenter__(self) -> Self: ...
    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    async def commit(self) -> None: ...
    async def rollback(self) -> None: ...


UnitOfWorkFactory = Callable[[], UnitOfWork]


@dataclass(frozen=True)
class ScheduleChanged:
    """A team's schedule, calendar or zone changed (or the team is new): reschedule it."""

    team_id: int


class Admins(Protocol):
    """Whom a platform's poster tells when a team's channel cannot be posted to.

    `bot.core.PeerBot` offers it; a poster needs nothing else of the core.
    """

    async def admins(self, team_id: int) -> list[Member]:
        """The team's admins (none for an unknown team)."""
        ...
