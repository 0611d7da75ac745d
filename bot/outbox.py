"""The outbox: every message the bot starts is a row before it is posted.

A row is keyed by (team, kind, occurrence), so however often "it is time" is noticed (two
processes, a restart, a catch-up after downtime) the message is written once; the delivery loop
then claims unsent rows, posts them and marks them sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.text import Attachment, Message


class Kind(StrEnum):
    SESSION = "session"  # peer-session reminder with the agenda
    RETRO = "retro"  # retrospective nudge
    ASSIGNMENT = "assignment"  # assignment due soon
    MENTOR = "mentor"  # mentor list before office hours
    DIGEST = "digest"  # the weekly digest post


class State(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # gave up retrying; kept and reported, never dropped
    SKIPPED = "skipped"  # nothing to say, or missed beyond the grace period: decided, not posted


@dataclass
class OutboxMessage:
    """A message for one team's channel, due at `due_at`, posted once."""

    team_id: int
    kind: Kind
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
    id: int | None = None
