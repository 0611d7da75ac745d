"""The outbox: every message the bot starts is a row before it is posted.

A row is keyed by (team, kind, occurrence), so however often "it is time" is noticed (two
processes, a restart, a catch-up after downtime) the message is written once; the delivery loop
then claims unsent rows, posts them and marks them sent.

A row the channel refuses (the bot not in it, the channel archived, a revoked token) is
`parked`: it waits, and holds back the team's later rows to that channel, until it can be posted to
again (a command from it, the bot joining it, `peerbot outbox retry`, a restart). Whether a row
is still worth posting by then is `outlived`, the one place that decides it per kind.

Rows go out in order per lane (`lane`): a team's posts to one channel, or one card's edits. A
row to another channel (`OutboxMessage.channel_id`) is in that channel's lane: a refusal there
parks only the team's rows to it, un-parked by a command from that channel or the bot joining it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.text import Attachment, Message


class PostKind(StrEnum):
    SESSION = "session"  # peer-session reminder with the agenda
    RETRO = "retro"  # retrospective nudge
    ASSIGNMENT = "assignment"  # assignment due soon
    MENTOR = "mentor"  # mentor list before office hours
    DIGEST = "digest"  # the weekly digest post
    CARD = "card"  # an edit of a posted card (`edits`) to what it shows now
    COHORT = "cohort"  # a team's mentor list in its cohort's mentors' channel (`channel_id`)
    MENTOR_ANSWER = "mentor_answer"  # a cohort mentor's answer, in the card's thread


class State(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # gave up retrying; kept and reported, never dropped
    SKIPPED = "skipped"  # nothing to say, or missed beyond the grace period: decided, not posted
    PARKED = "parked"  # the channel refused it: waits until it can be posted to again
    EXPIRED = "expired"  # its moment passed for good before it could go out: kept, not posted


@dataclass
class OutboxMessage:
    """A message of one team, due at `due_at`, posted once: in the team's channel, or in
    `channel_id` (another channel of the team's platform, such as a cohort's mentors' channel;
    set it only for a channel that is not the team's), and as a reply in `thread_ref` when set
    (Slack: the parent's `thread_ts` in that channel; Discord: the thread's channel id). A thread
    that is gone falls back to a top-level post in the channel, with a log line."""

    team_id: int
    kind: PostKind
    occurrence: str  # e.g. "2021-08-09" or "a3@24h": unique per team and kind
    due_at: datetime
    message: Message
    created_at: datetime
    state: State = State.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    claimed_until: datetime | None = None
    sent_at: datetime | None = None
    last_error: str | None = None
    attachment: Attachment | None = None  # e.g. the week's digest as a Markdown file
    # When it left `parked` (or the parked row it waited behind did): retries count from there.
    unparked_at: datetime | None = None
    # A card's message (Slack ts, Discord message id) this row edits instead of posting anew.
    edits: str | None = None
    channel_id: str | None = None
    thread_ref: str | None = None
    id: int | None = None


def lane(row: OutboxMessage) -> tuple[int, str, str]:
    """What a row is posted in order with: its team's rows to the same channel ("" for the
    team's own), or, for an edit of a card, that card's other edits. The storage's claim keeps
    this order (`_an_earlier_row_of_the_team_waits`) and the delivery loop posts by it."""
    edits = (row.edits or "") if row.kind is PostKind.CARD else ""
    return row.team_id, row.channel_id or "", edits


def outlived(row: OutboxMessage, today: date, now: datetime, grace: timedelta) -> str | None:
    """Why the row is no longer worth posting (`today` in the team's zone), or None.

    Only a row that waited parked (or behind a parked row of its team) is judged: others follow
    the retry rules. Within the team's grace period every post still goes out late (a team may
    set a long one). Beyond it, a session reminder or retrospective nudge is about one study
    day: stale once that day is over; an assignment reminder is stale after the due time. The
    weekly summary and the mentor list are still worth reading late.
    """
    if row.unparked_at is None or now - row.due_at <= grace:
        return None
    match row.kind:
        case PostKind.SESSION | PostKind.RETRO:
            day = _day_of(row.occurrence)
            if day is not None and day < today:
                return f"its study day {row.occurrence} is over"
        case PostKind.ASSIGNMENT:
            hours = _hours_before(row.occurrence)
            if hours is not None and now >= row.due_at + timedelta(hours=hours):
                return "the assignment's due time has passed"
        case (
            PostKind.DIGEST
            | PostKind.MENTOR
            | PostKind.CARD
            | PostKind.COHORT
            | PostKind.MENTOR_ANSWER
        ):
            return None  # a card's edit brings it up to date, however late
    return None


def _day_of(occurrence: str) -> date | None:
    try:
        return date.fromisoformat(occurrence)
    except ValueError:
        return None


def _hours_before(occurrence: str) -> int | None:
    """`a3@24h` -> 24 (the reminder went out 24 h before the due time)."""
    _, at, rest = occurrence.partition("@")
    digits = rest.removesuffix("h")
    return int(digits) if at and digits.isdigit() else None
