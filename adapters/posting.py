"""What a platform's poster remembers of the outbox rows it is posting, between their tries.

Every poster needs the same three memories, whatever its platform:

- the pieces of a row the platform confirmed: a retry after a later piece failed (a 429, a 500,
  a parked channel) must not post them again, and nothing else says they went out;
- the rows whose last try ended without an answer (a timeout, a broken connection, a 5xx): the
  next try looks in the channel first, as for a row the delivery loop calls `uncertain`;
- the (team, reason) pairs the team's admins were told about by direct message, so they are
  told once, until a post to that team goes through again.

A row's memories last until it is done or given up on (`attempt` forgets them then); a parked
row keeps its confirmed pieces for when the channel is back. The posters stay in charge of how
they post, look in the channel and write a direct message.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable

from bot.delivery import PostError
from bot.model.teams import Member, Team
from bot.outbox import OutboxMessage
from bot.ports import Admins


class RowLedger:
    """One poster's memory of its rows' tries and of the admins it told."""

    def __init__(self, admins: Admins) -> None:
        self._admins = admins
        self._confirmed: dict[int, set[int]] = {}  # pieces the platform took, per row not done
        self._maybe_posted: set[int] = set()  # rows whose last try ended without an answer
        self._told: set[tuple[int, Hashable]] = set()  # (team id, reason) admins were told of

    async def attempt(self, team: Team, row: OutboxMessage, post: Awaitable[None]) -> None:
        """Await one try of `row`; a row done or given up on (a permanent PostError) is forgotten,
        and a row that went through means the team's channel works: its admins may be told again.
        """
        try:
            await post
        except PostError as error:
            if error.permanent:
                self.forget(row)
            raise
        self.forget(row)
        self._told = {told for told in self._told if told[0] != team.id}

    def confirmed(self, row: OutboxMessage) -> set[int]:
        """The row's pieces the platform confirmed: add each one as it is confirmed."""
        return self._confirmed.setdefault(row.id or 0, set())

    def maybe_posted(self, row: OutboxMessage) -> None:
        """The try ended without an answer: the row may be in the channel already."""
        self._maybe_posted.add(row.id or 0)

    def uncertain(self, row: OutboxMessage, uncertain: bool) -> bool:
        """Whether to look in the channel before posting: the delivery loop says so, or the
        row's own last try ended without an answer."""
        return uncertain or (row.id or 0) in self._maybe_posted

    def forget(self, row: OutboxMessage) -> None:
        """The row is done or given up on: nothing of its tries is needed any more."""
        self._confirmed.pop(row.id or 0, None)
        self._maybe_posted.discard(row.id or 0)

    async def tell_admins(
        self, team: Team, reason: Hashable, tell: Callable[[Member], Awaitable[None]]
    ) -> None:
        """`tell` each admin of the team, once per `reason` until a post to the team goes
        through. `tell` handles its own failures: one admin it cannot reach must not keep the
        others from being told."""
        if team.id is None or (team.id, reason) in self._told:
            return
        self._told.add((team.id, reason))
        for admin in await self._admins.admins(team.id):
            await tell(admin)
