"""The delivery loop: claim due outbox rows, post them through the team's platform, mark them.

A row is leased before it is posted, so two processes never post the same row. If a process dies
after posting but before marking, the lease runs out and the row is claimed again with
`uncertain=True`: the poster may then check whether the earlier attempt went out (Discord
de-duplicates by nonce; Slack's history can be searched for the row's id) before posting.
Failures are retried with exponential back-off (capped), honouring a platform's retry-after
hint, for as long as the post is still worth making: a platform away for hours loses nothing. A
row the channel refuses (no access to it, archived, a revoked token) is `parked` until the
channel can be posted to again (see `bot.outbox`); one still failing a day after it fell due (or
was un-parked), or refused for a reason no retry can change, becomes `failed`. A row whose moment
has passed for good (`bot.outbox.outlived`) is `expired` instead of posted stale. Every such
row is kept and logged, never silently dropped.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.clock import Clock
from bot.errors import TryAgainLater
from bot.model.teams import Team
from bot.outbox import OutboxMessage, lane, outlived
from bot.ports import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)


Claimed = tuple[OutboxMessage, Team | None, bool]  # a leased row, its team, `uncertain`


class PostError(Exception):
    """A post that did not go out; `retry_after` is the platform's hint in seconds."""

    def __init__(
        self,
        reason: str,
        *,
        retry_after: float | None = None,
        permanent: bool = False,
        park: bool = False,
    ):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        self.permanent = permanent  # no retry can change it: failed
        self.park = park  # the channel refuses the bot: parked until it can post there again


class Poster(Protocol):
    """Posts one outbox row on one platform: to its team's channel, or to `row.channel_id`, as
    a reply in `row.thread_ref` when set (a thread that is gone: top level, with a log line)."""

    async def post(self, team: Team, row: OutboxMessage, *, uncertain: bool) -> None:
        """Post it, or raise PostError. `uncertain`: an earlier attempt may have gone out."""
        ...


@dataclass(frozen=True)
class DeliveryPolicy:
    # A claim's hold on its rows; a channel stops posting at 80 % of it (a throttled backlog).
    lease: timedelta = timedelta(minutes=5)
    batch: int = 100
    parallel: int = 20  # channels posted to at once
    # Transient failures (429, 5xx, timeouts) are retried until the row is this overdue. Not a
    # count of attempts: at a 30 % fault rate a multi-piece post can fail several times running,
    # and an outage of the platform should cost delay, not posts.
    give_up_after: timedelta = timedelta(hours=24)
    first_backoff: timedelta = timedelta(seconds=2)
    longest_backoff: timedelta = timedelta(minutes=15)
    no_adapter_retry: timedelta = timedelta(minutes=5)

    def retry_wait(self, failures: int, retry_after: float | None) -> timedelta:
        """The wait after a row's `failures`-th failed try: doubling from the first back-off up
        to the longest, and never shorter than the platform's hint. (The exponent stops growing
        once past the longest, so a row retried for a day never overflows a timedelta.)"""
        factor: int = 2 ** min(failures - 1, 30)
        backoff = self.first_backoff * factor
        return max(min(backoff, self.longest_backoff), timedelta(seconds=retry_after or 0))


class Doorbell:
    """Rung when a unit of work committed new outbox rows, so the delivery loop of this process
    posts them at once instead of at its next round (a card edit after a button, the reply
    of a scheduled post). Rows written by other processes are found at the loop's interval."""

    def __init__(self) -> None:
        self._rung = asyncio.Event()

    def ring(self) -> None:
        self._rung.set()

    async def wait(self, timeout: float) -> None:
        """Until rung (since the last wait) or `timeout` seconds, whichever is first."""
        try:
            async with asyncio.timeout(timeout):
                await self._rung.wait()
        except TimeoutError:
            pass
        self._rung.clear()


class Delivery:
    """Posts what is due. `deliver_due` once (scripts, tests) or `run` forever."""

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        posters: Mapping[str, Poster],
        policy: DeliveryPolicy = DeliveryPolicy(),
        doorbell: Doorbell | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._posters = posters
        self._policy = policy
        self._doorbell = doorbell or Doorbell()

    async def deliver_due(self) -> int:
        """Post every row due now; returns how many were posted.

        Channels are served side by side (up to `policy.parallel` at once), each channel's rows
        one after another in order; after a failure the channel's later rows wait their turn.
        A card's edits are a lane of their own beside its channel's, and a team's rows to
        another channel (`OutboxMessage.channel_id`) beside its own (see `bot.outbox.lane`).
        """
        posted = 0
        while True:
            batch = await self._claim()
            if not batch:
                return posted
            channels: dict[tuple[int, str, str], list[Claimed]] = {}
            for item in batch:
                channels.setdefault(lane(item[0]), []).append(item)
            for key, rows in channels.items():
                if key[2]:  # one card's edits
                    channels[key] = await self._newest_edit(rows)
            gate = asyncio.Semaphore(self._policy.parallel)
            # Post only while the lease holds: a claim whose lease ran out may be taken by
            # another process, which would post the same row again.
            deadline = self._clock.now() + self._policy.lease * 0.8
            served = (self._serve_channel(rows, gate, deadline) for rows in channels.values())
            posted += sum(await asyncio.gather(*served))
            if len(batch) < self._policy.batch:
                return posted

    async def _newest_edit(self, edits: list[Claimed]) -> list[Claimed]:
        """Of several claimed edits of one card only the newest is posted: it shows what the
        card shows now. The others are marked expired, superseded, with a log line."""
        why = f"superseded by outbox row {edits[-1][0].id}, a newer edit of the same card"
        async with self._uow_factory() as uow:
            for row, _, _ in edits[:-1]:
                log.info("outbox row %s (%s) not posted: %s", row.id, row.occurrence, why)
                await uow.outbox.mark_expired(row.id or 0, why)
            await uow.commit()
        return edits[-1:]

    async def _serve_channel(
        self,
        rows: list[Claimed],
        gate: asyncio.Semaphore,
        deadline: datetime,
    ) -> int:
        """One channel's rows in order; after a failure, or when the lease is nearly over (a
        throttled channel with a long backlog), the rest wait for the next round."""
        posted = 0
        async with gate:
            for i, (row, team, uncertain) in enumerate(rows):
                if self._clock.now() >= deadline:
                    left = rows[i:]
                elif team is not None and await self._expired(row, team):
                    continue  # decided, not posted: the channel's later rows go on
                elif not await self._post(row, team, uncertain):
                    left = rows[i + 1 :]  # the failed row itself is marked for its retry
                else:
                    posted += 1
                    continue
                for later, _, _ in left:
                    await self._release(later.id or 0)
                break
        return posted

    async def run(self, interval: float = 1.0) -> None:
        """Deliver forever: every `interval` seconds, and at once when the doorbell rings (a
        ring during a round starts the next one right after it); survives database outages."""
        while True:
            try:
                await self.deliver_due()
            except TryAgainLater:
                log.warning("database unavailable; delivery will try again")
            except Exception:
                log.exception("delivery round failed; it will run again")
            await self._doorbell.wait(interval)

    async def _claim(self) -> list[Claimed]:
        now = self._clock.now()
        out: list[Claimed] = []
        teams: dict[int, Team | None] = {}
        async with self._uow_factory() as uow:
            rows = await uow.outbox.claim(now, now + self._policy.lease, self._policy.batch)
            for row in rows:
                # Leased before and never marked: whoever held it died, maybe after posting.
                uncertain = row.claimed_until is not None
                if row.team_id not in teams:
                    teams[row.team_id] = await uow.teams.get(row.team_id)
                out.append((row, teams[row.team_id], uncertain))
            await uow.commit()
        return out

    async def _post(self, row: OutboxMessage, team: Team | None, uncertain: bool) -> bool:
        assert row.id is not None
        poster = self._posters.get(team.platform) if team else None
        if team is None or poster is None:
            platform = team.platform if team else "?"
            log.warning("no %s adapter is running; outbox row %s waits", platform, row.id)
            await self._mark(
                lambda uow: uow.outbox.mark_retry(
                    row.id or 0,
                    f"no {platform} adapter running",
                    self._clock.now() + self._policy.no_adapter_retry,
                )
            )
            return False
        try:
            await poster.post(team, row, uncertain=uncertain)
        except PostError as error:
            await self._failed(row, team, error)
            return False
        except Exception as error:  # a bug in an adapter must not stop the others
            log.exception("posting outbox row %s to %s failed", row.id, team.platform)
            await self._failed(row, team, PostError(type(error).__name__))
            return False
        await self._mark(lambda uow: uow.outbox.mark_sent(row.id or 0, self._clock.now()))
        return True

    async def _expired(self, row: OutboxMessage, team: Team) -> bool:
        """Mark the row `expired` (with a log line) if its moment has passed for good."""
        now = self._clock.now()
        grace = timedelta(minutes=team.schedule.grace_minutes)
        stale = outlived(row, team.calendar().local_date(now), now, grace)
        if stale is None:
            return False
        log.warning(
            "outbox row %s (%s %s of team %s) expired unposted: %s",
            row.id,
            row.kind,
            row.occurrence,
            team.name,
            stale,
        )
        await self._mark(lambda uow: uow.outbox.mark_expired(row.id or 0, stale))
        return True

    async def _failed(self, row: OutboxMessage, team: Team, error: PostError) -> None:
        attempts = row.attempts + 1
        if error.park:
            log.warning(
                "parked outbox row %s (%s of team %s, to %s): %s; it goes out when the channel "
                "can be posted to again (a command there, the bot invited back, "
                "`peerbot outbox retry`)",
                row.id,
                row.kind,
                team.name,
                row.channel_id or "its channel",
                error.reason,
            )
            await self._mark(lambda uow: uow.outbox.mark_parked(row.id or 0, error.reason))
            return
        overdue = self._clock.now() - max(row.due_at, row.unparked_at or row.due_at)
        if error.permanent or overdue >= self._policy.give_up_after:
            log.error(
                "gave up on outbox row %s (%s of team %s) after %s attempt(s): %s; kept as failed",
                row.id,
                row.kind,
                team.name,
                attempts,
                error.reason,
            )
            await self._mark(lambda uow: uow.outbox.mark_failed(row.id or 0, error.reason))
            return
        wait = self._policy.retry_wait(attempts, error.retry_after)
        log.warning(
            "outbox row %s not posted (%s); retry %s in %s", row.id, error.reason, attempts, wait
        )
        await self._retry_later(row, error.reason, wait.total_seconds())

    async def _retry_later(self, row: OutboxMessage, reason: str, seconds: float) -> None:
        at = self._clock.now() + timedelta(seconds=seconds)
        await self._mark(lambda uow: uow.outbox.mark_retry(row.id or 0, reason, at))

    async def _release(self, message_id: int) -> None:
        async with self._uow_factory() as uow:
            await uow.outbox.release(message_id)
            await uow.commit()

    async def _mark(self, change: Callable[[UnitOfWork], Awaitable[None]]) -> None:
        async with self._uow_factory() as uow:
            await change(uow)
            await uow.commit()
