"""Drivers that decide *when* to look for due reminders; `DueReminders` does the looking.

* `Stepper` walks an injected clock forward (console scripts, tests): every occurrence on the
  way is written and delivered at its own time, in order.
* `LiveScheduler` runs in real time on APScheduler 3: cron triggers in each team's zone for the
  fixed reminders, a sweep every minute (assignment reminders, anything missed), and a catch-up
  at start-up, after which misses are posted late within the grace period or skipped with a log
  line. Every driver ends in `OutboxWriter.write`, whose unique key makes all of this idempotent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

from bot.clock import Clock
from bot.delivery import Delivery
from bot.errors import TryAgainLater
from bot.model.teams import MENTOR_LIST_LEAD_MINUTES, Team
from bot.outbox import OutboxMessage, PostKind, State
from bot.ports import ScheduleChanged, UnitOfWorkFactory
from bot.scheduled.occurrences import (
    Occurrence,
    assignment_occurrences,
    fixed_occurrences,
    longest_assignment_lead,
)
from bot.scheduled.writer import OutboxWriter, Skipped, log_skipped
from bot.text import Message

log = logging.getLogger(__name__)

# How far back a start-up looks for reminders missed while the bot was down.
CATCH_UP = timedelta(days=7)


class DueReminders:
    """Finds the occurrences due in a window, across all teams, and writes the new ones."""

    BATCH = 100  # occurrences written per unit of work

    def __init__(
        self, uow_factory: UnitOfWorkFactory, clock: Clock, templates: Path | None = None
    ) -> None:
        self._uow_factory = uow_factory
        self.reminders = OutboxWriter(uow_factory, clock, templates)

    async def due(
        self, start: datetime, end: datetime, team_id: int | None = None
    ) -> list[Occurrence]:
        """Occurrences in (start, end] without an outbox row yet, in time order."""
        return (await self._due(start, end, team_id))[0]

    async def _due(
        self, start: datetime, end: datetime, team_id: int | None
    ) -> tuple[list[Occurrence], dict[int, Team]]:
        async with self._uow_factory() as uow:
            if team_id is None:
                teams = list(await uow.teams.list())
            else:
                one = await uow.teams.get(team_id)
                teams = [one] if one else []
            lead = longest_assignment_lead(teams)
            assignments = await uow.assignments.due_between(start, end + lead + timedelta(1))
            known = await uow.outbox.keys_due_since(start)
        found: list[Occurrence] = []
        for team in teams:
            since = max(start, team.created_at or start)
            found += fixed_occurrences(team, since, end)
            own = [a for a in assignments if a.team_id == team.id]
            found += assignment_occurrences(team, own, since, end)
        new = sorted(o for o in found if (o.team_id, o.kind.value, o.key) not in known)
        return new, {team.id: team for team in teams if team.id is not None}

    async def write_due(self, start: datetime, end: datetime, team_id: int | None = None) -> int:
        """Write every new occurrence of (start, end]; returns how many rows this wrote.

        What was missed beyond the grace period is logged as one line, however much it was.
        """
        occurrences, teams = await self._due(start, end, team_id)
        skipped: list[Skipped] = []
        written = 0
        try:
            for at in range(0, len(occurrences), self.BATCH):
                chunk = occurrences[at : at + self.BATCH]
                written += await self.write(chunk, teams, skipped)
        finally:
            log_skipped(skipped)
        return written

    async def write(
        self,
        occurrences: list[Occurrence],
        teams: dict[int, Team] | None = None,
        skipped: list[Skipped] | None = None,
    ) -> int:
        """Write these occurrences' rows; a week without a study day is recorded as skipped."""
        empty = [o for o in occurrences if o.empty]
        written = await self._record_empty_weeks(empty) if empty else 0
        rest = [o for o in occurrences if not o.empty]
        if rest:
            written += await self.reminders.write_batch(rest, teams, skipped)
        return written

    async def _record_empty_weeks(self, occurrences: list[Occurrence]) -> int:
        """A `skipped` digest row per week with no study day, so the missing post is a trace."""
        recorded: list[Occurrence] = []
        async with self._uow_factory() as uow:
            for o in occurrences:
                row = OutboxMessage(
                    o.team_id, PostKind.DIGEST, o.key, o.at, Message(), o.at, state=State.SKIPPED
                )
                if await uow.outbox.add(row):
                    recorded.append(o)
            await uow.commit()
        for o in recorded:
            log.info("team %s has no study day in %s: no weekly post that week", o.team_id, o.key)
        return len(recorded)


class SettableClock(Clock, Protocol):
    def set(self, instant: datetime) -> None: ...


class Stepper:
    """Moves an injected clock forward, writing and delivering each reminder at its time."""

    def __init__(
        self,
        scheduler: DueReminders,
        delivery: Delivery,
        clock: SettableClock,
        on_time: Callable[[datetime], Awaitable[None]] | None = None,
    ) -> None:
        self._scheduler = scheduler
        self._delivery = delivery
        self._clock = clock
        self._on_time = on_time
        self._position: datetime | None = None

    async def advance(self, until: datetime) -> None:
        """Everything due up to `until`, in order; the first call also catches up, like a start."""
        start = self._position or (until - CATCH_UP)
        if self._position is None:
            # Like a process starting at `until`: what was missed is late or skipped, now.
            self._clock.set(until)
            await self._scheduler.write_due(start, until)
            start = until
        while True:
            upcoming = await self._scheduler.due(start, until)
            if not upcoming:
                break
            at = upcoming[0].at
            self._clock.set(at)
            if self._on_time:
                await self._on_time(at)
            await self._scheduler.write([o for o in upcoming if o.at == at])
            await self._delivery.deliver_due()
            start = at
        self._clock.set(until)
        self._position = until
        await self._delivery.deliver_due()


class LiveScheduler:
    """Real time: APScheduler cron triggers per team and zone, a sweep, and delivery."""

    SWEEP_SECONDS = 60

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        scheduler: DueReminders,
        delivery: Delivery,
        clock: Clock,
    ) -> None:
        from apscheduler.schedulers.asyncio import AsyncIOScheduler

        self._uow_factory = uow_factory
        self._scheduler = scheduler
        self._delivery = delivery
        self._clock = clock
        self._aps = AsyncIOScheduler(timezone=UTC)
        self._last_sweep: datetime | None = None
        self._delivery_task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Catch up on what was missed, schedule every team, start delivering."""
        now = self._clock.now()
        await self._guarded(self._scheduler.write_due(now - CATCH_UP, now))
        self._last_sweep = now
        async with self._uow_factory() as uow:
            teams = list(await uow.teams.list())
        for team in teams:
            self.schedule_team(team)
        self._aps.add_job(self._sweep, "interval", seconds=self.SWEEP_SECONDS, id="sweep")
        self._aps.start()
        self._delivery_task = asyncio.create_task(self._delivery.run())

    async def stop(self) -> None:
        self._aps.shutdown(wait=False)
        if self._delivery_task:
            self._delivery_task.cancel()

    async def on_event(self, event: object) -> None:
        """A committed command changed a team's schedule: reschedule it at once."""
        if isinstance(event, ScheduleChanged):
            async with self._uow_factory() as uow:
                team = await uow.teams.get(event.team_id)
            if team is not None:
                self.schedule_team(team)

    def schedule_team(self, team: Team) -> None:
        """One cron job per fixed reminder, in the team's zone, on its study weekdays (and the
        digest's chosen weekday, which may be outside them)."""
        from apscheduler.triggers.cron import CronTrigger

        assert team.id is not None
        for job in self._aps.get_jobs():
            if job.id.startswith(f"team{team.id}:"):
                job.remove()
        for kind, at in _fixed_times(team):
            weekdays = set(team.weekdays)
            if kind == "digest" and team.schedule.digest_weekday is not None:
                weekdays.add(team.schedule.digest_weekday)  # `sun` on a Mon-Fri team
            days = ",".join(str(d) for d in sorted(weekdays))
            trigger = CronTrigger(
                day_of_week=days, hour=at.hour, minute=at.minute, timezone=team.zone
            )
            self._aps.add_job(
                self._fire,
                trigger,
                args=[team.id],
                id=f"team{team.id}:{kind}",
                misfire_grace_time=team.schedule.grace_minutes * 60,
                coalesce=True,
            )

    async def _fire(self, team_id: int) -> None:
        """A team's cron trigger: write whatever of it fell due in the last minutes."""
        now = self._clock.now()
        await self._guarded(self._scheduler.write_due(now - timedelta(minutes=2), now, team_id))

    async def _sweep(self) -> None:
        now = self._clock.now()
        since = (self._last_sweep or now) - timedelta(minutes=1)
        if await self._guarded(self._scheduler.write_due(since, now)):
            self._last_sweep = now

    @staticmethod
    async def _guarded(work: Awaitable[int]) -> bool:
        try:
            await work
        except TryAgainLater:
            log.warning("database unavailable; reminders will be written on the next sweep")
            return False
        return True


def _fixed_times(team: Team) -> list[tuple[str, datetime]]:
    """The wall-clock times of a team's fixed reminders (the date part is irrelevant)."""
    s = team.schedule
    base = datetime(2000, 1, 3)
    session = datetime.combine(base, s.session_time) - timedelta(minutes=s.session_reminder_minutes)
    times = [
        ("session", session),
        ("retro", datetime.combine(base, s.retro_time)),
        ("digest", datetime.combine(base, s.digest_time)),
    ]
    if s.office_hours is not None:
        times.append(
            (
                "mentor",
                datetime.combine(base, s.office_hours)
                - timedelta(minutes=MENTOR_LIST_LEAD_MINUTES),
            )
        )
    return times
