"""The outbox table: write once per (team, kind, occurrence), claim, mark."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, or_, select, update

from bot.errors import Conflict
from bot.outbox import OutboxMessage, PostKind, State
from bot.text import Attachment, message_from_json, message_to_json
from storage import statements as sql
from storage.repositories import SqlRepository
from storage.tables import outbox


class SqlOutboxRepository(SqlRepository):
    """Bot-initiated messages, each written once and posted once."""

    queued = 0  # rows this unit of work added (`SqlUnitOfWork.commit` rings the doorbell)

    async def add(self, message: OutboxMessage) -> bool:
        values = {
            "team_id": message.team_id,
            "kind": message.kind.value,
            "occurrence": message.occurrence,
            "due_at": message.due_at,
            "message": message_to_json(message.message),
            "state": message.state.value,
            "attempts": message.attempts,
            "created_at": message.created_at,
            "attachment_name": message.attachment.filename if message.attachment else None,
            "attachment_text": message.attachment.text if message.attachment else None,
            "edits": message.edits,
            "channel_id": message.channel_id,
            "thread_ref": message.thread_ref,
        }
        once = sql.INSERT_OUTBOX.get(self._connection.dialect.name)
        if once is not None:  # one statement: a taken key inserts nothing
            if (await self._execute(once, values)).first() is None:
                return False
        else:
            try:
                async with self._savepoint():
                    await self._execute(outbox.insert().values(values))
            except Conflict:
                return False
        self.queued += 1
        return True

    async def claim(
        self, now: datetime, lease_until: datetime, limit: int
    ) -> Sequence[OutboxMessage]:
        """Due, pending, unleased rows, oldest first, leased to this worker until `lease_until`."""
        due = {"now": now, "claim_limit": limit}
        claimed = [_message(row) for row in await self._execute(sql.CLAIM_DUE, due)]
        if claimed:
            ids = [message.id for message in claimed]
            await self._execute(
                update(outbox).where(outbox.c.id.in_(ids)).values(claimed_until=lease_until)
            )
        return claimed  # as they were before this lease

    async def mark_sent(self, message_id: int, at: datetime) -> None:
        sent = await self._execute(sql.MARK_SENT, {"message_id": message_id, "at": at})
        _changed_one(sent.rowcount, message_id)

    async def mark_retry(self, message_id: int, error: str, next_attempt_at: datetime) -> None:
        await self._set(
            message_id,
            attempts=outbox.c.attempts + 1,
            last_error=error[:500],
            next_attempt_at=next_attempt_at,
            claimed_until=None,
        )

    async def mark_failed(self, message_id: int, error: str) -> None:
        await self._set(
            message_id,
            state=State.FAILED.value,
            attempts=outbox.c.attempts + 1,
            last_error=error[:500],
            claimed_until=None,
        )

    async def mark_parked(self, message_id: int, error: str) -> None:
        await self._set(
            message_id,
            state=State.PARKED.value,
            attempts=outbox.c.attempts + 1,
            last_error=error[:500],
            next_attempt_at=None,
            claimed_until=None,
        )

    async def mark_expired(self, message_id: int, reason: str) -> None:
        await self._set(
            message_id, state=State.EXPIRED.value, last_error=reason[:500], claimed_until=None
        )

    async def unpark(
        self, team_id: int | None, at: datetime, *, platform: str = "", channel_id: str = ""
    ) -> int:
        """A read through the (state, due_at) index, and an UPDATE only when some are parked.

        The team's rows to its own channel, and every team's rows destined to `channel_id` of
        `platform` (a channel that is not theirs, such as a cohort's mentors' channel)."""
        lanes_here = (team_id is not None, bool(channel_id))
        if not any(lanes_here):
            return 0
        parameters = {"lane_team": team_id, "lane_channel": channel_id, "lane_platform": platform}
        found = await self._execute(sql.PARKED_HERE[lanes_here], parameters)
        back = {(row.team_id, row.channel_id) for row in found}
        if not back:
            return 0
        statement = sql.UNPARK_HERE[lanes_here]
        count = int((await self._execute(statement, {**parameters, "at": at})).rowcount or 0)
        await self._held_back(_lanes(back), at)
        return count

    async def retry(self, team_id: int | None, ids: Sequence[int], at: datetime) -> int:
        chosen: ColumnElement[bool] = outbox.c.state.in_([State.PARKED.value, State.FAILED.value])
        if team_id is not None:
            chosen = and_(chosen, outbox.c.team_id == team_id)
        if ids:
            chosen = and_(chosen, outbox.c.id.in_(list(ids)))
        found = await self._execute(select(outbox.c.team_id, outbox.c.channel_id).where(chosen))
        back = {(row.team_id, row.channel_id) for row in found}
        statement = (
            update(outbox)
            .where(chosen)
            .values(
                state=State.PENDING.value, next_attempt_at=None, claimed_until=None, unparked_at=at
            )
        )
        count = int((await self._execute(statement)).rowcount or 0)
        if back:
            await self._held_back(_lanes(back), at)
        return count

    async def _held_back(self, lanes: ColumnElement[bool], at: datetime) -> None:
        """The lanes' due rows that waited behind a parked one are marked as waiting too."""
        await self._execute(
            update(outbox)
            .where(
                outbox.c.state == State.PENDING.value,
                lanes,
                outbox.c.due_at <= at,
                outbox.c.unparked_at.is_(None),
            )
            .values(unparked_at=at)
        )

    async def keys_due_since(self, since: datetime) -> set[tuple[int, str, str]]:
        statement = select(outbox.c.team_id, outbox.c.kind, outbox.c.occurrence).where(
            outbox.c.due_at >= since
        )
        return {(row.team_id, row.kind, row.occurrence) for row in await self._execute(statement)}

    async def release(self, message_id: int) -> None:
        await self._set(message_id, claimed_until=None)

    async def list(
        self, team_id: int | None = None, state: str | None = None
    ) -> Sequence[OutboxMessage]:
        statement = select(outbox).order_by(outbox.c.due_at, outbox.c.id)
        if team_id is not None:
            statement = statement.where(outbox.c.team_id == team_id)
        if state is not None:
            statement = statement.where(outbox.c.state == state)
        return [_message(row) for row in await self._execute(statement)]

    async def _set(self, message_id: int, **values: Any) -> None:
        result = await self._execute(
            update(outbox).where(outbox.c.id == message_id).values(**values)
        )
        _changed_one(result.rowcount, message_id)


def _lanes(back: set[tuple[int, str | None]]) -> ColumnElement[bool]:
    """The rows of these (team, destination channel) lanes (None: the team's own channel)."""
    return or_(
        *(
            and_(outbox.c.team_id == team_id, outbox.c.channel_id.is_not_distinct_from(channel))
            for team_id, channel in sorted(back, key=lambda lane: (lane[0], lane[1] or ""))
        )
    )


def _changed_one(rowcount: int, message_id: int) -> None:
    """An update of one row by its id found it (LookupError if none such)."""
    if rowcount == 0:
        raise LookupError(f"no outbox message {message_id}")


def _message(row: Row[Any]) -> OutboxMessage:
    return OutboxMessage(
        team_id=row.team_id,
        kind=PostKind(row.kind),
        occurrence=row.occurrence,
        due_at=row.due_at,
        message=message_from_json(row.message),
        created_at=row.created_at,
        state=State(row.state),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        claimed_until=row.claimed_until,
        sent_at=row.sent_at,
        last_error=row.last_error,
        attachment=Attachment(row.attachment_name, row.attachment_text)
        if row.attachment_name is not None
        else None,
        unparked_at=row.unparked_at,
        edits=row.edits,
        channel_id=row.channel_id,
        thread_ref=row.thread_ref,
        id=row.id,
    )
