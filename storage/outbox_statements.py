"""The delivery loop's statements on the outbox, built once (as `storage.statements`, which
re-exports them and runs them on the drivers' fast path): each loop claims what is due and
marks each row it posted."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BindParameter, Exists, and_, bindparam, exists, or_, select, update

from bot.outbox import PostKind, State
from storage.tables import outbox

_NOW: BindParameter[datetime] = bindparam("now", type_=outbox.c.due_at.type)


def _an_earlier_row_of_the_team_waits(now: BindParameter[datetime]) -> Exists:
    """Per channel order (`bot.outbox.lane`): an earlier row of the team to the same channel is
    parked, or pending and backing off or leased. (A parked row holds the later ones back until
    it is un-parked, all in order.) A row to another channel (`channel_id`) neither waits
    behind the team's own channel nor holds it back.

    A card's edits are ordered among themselves, apart from the channel's posts: an edit changes
    a message in place, so it neither waits behind a reminder nor holds one back, and edits of
    different cards go out side by side."""
    earlier = outbox.alias("earlier")
    card = PostKind.CARD.value
    return exists().where(
        earlier.c.team_id == outbox.c.team_id,
        earlier.c.channel_id.is_not_distinct_from(outbox.c.channel_id),
        or_(
            and_(outbox.c.kind == card, earlier.c.kind == card, earlier.c.edits == outbox.c.edits),
            and_(outbox.c.kind != card, earlier.c.kind != card),
        ),
        or_(earlier.c.state == State.PENDING.value, earlier.c.state == State.PARKED.value),
        or_(
            earlier.c.due_at < outbox.c.due_at,
            and_(earlier.c.due_at == outbox.c.due_at, earlier.c.id < outbox.c.id),
        ),
        or_(
            earlier.c.state == State.PARKED.value,
            earlier.c.next_attempt_at > now,
            earlier.c.claimed_until > now,
        ),
    )


CLAIM_DUE = (
    select(outbox)
    .where(
        outbox.c.state == State.PENDING.value,
        outbox.c.due_at <= _NOW,
        or_(outbox.c.next_attempt_at.is_(None), outbox.c.next_attempt_at <= _NOW),
        or_(outbox.c.claimed_until.is_(None), outbox.c.claimed_until <= _NOW),
        ~_an_earlier_row_of_the_team_waits(_NOW),
    )
    .order_by(outbox.c.due_at, outbox.c.id)
    .limit(bindparam("claim_limit"))
    .with_for_update(skip_locked=True)  # SQLite: omitted; its writers are exclusive
)
"""Executed with `now` and `claim_limit`: due, pending, unleased rows, oldest first, none
behind an earlier row of its lane that waits."""
MARK_SENT = (
    update(outbox)
    .where(outbox.c.id == bindparam("message_id"))
    .values(state=State.SENT.value, sent_at=bindparam("at"), claimed_until=None, last_error=None)
)
"""Executed with `message_id` and `at`: the row posted."""
