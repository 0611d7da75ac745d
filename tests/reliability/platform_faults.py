"""Faulty platforms for the delivery loop: a clock that skips idle time, seeded fault injection
for the fake Slack and Discord, a poster that notes every attempt, and the figures of a run.

`VirtualClock` is real time plus whatever the driver skipped: discord.py's own sleeps and the
posters' timeouts take real time, a back-off of the delivery loop is skipped over. The fakes
stamp their calls with the same clock, so "the next request came N seconds after the 429" is
measured on one time line whichever side did the waiting.

`Chaos` answers a share of the calls to a channel with a fault: 429 with a retry hint, 500, a
timeout before anything was done (`timeout`) or after the post was made (`timeout-posted`). Each
channel draws from its own seeded random stream, so what happens to a channel does not depend on
how the channels' requests happen to interleave.
"""

from __future__ import annotations

import itertools
import math
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Generic, Protocol, TypeVar

from bot.delivery import Delivery, DeliveryPolicy, Poster, PostError
from bot.model.teams import Team
from bot.outbox import OutboxMessage, State
from bot.ports import UnitOfWorkFactory

KINDS = ("429", "500", "timeout", "timeout-posted")
WEIGHTS = (2, 2, 1, 1)  # a third 429s, a third 500s, a third timeouts (half of them posted)


class VirtualClock:
    """Real time that the driver can move ahead over idle waits."""

    def __init__(self, start: datetime) -> None:
        self._start = start
        self._t0 = time.perf_counter()
        self._skipped = 0.0

    def seconds(self) -> float:
        return time.perf_counter() - self._t0 + self._skipped

    def now(self) -> datetime:
        return self._start + timedelta(seconds=self.seconds())

    def advance_to(self, instant: datetime) -> None:
        gap = (instant - self.now()).total_seconds()
        if gap > 0:
            self._skipped += gap


class _Call(Protocol):
    at: float


CallT = TypeVar("CallT", bound=_Call)


@dataclass(frozen=True)
class Injected:
    channel: str
    method: str
    kind: str
    at: float
    hint: float | None


class Chaos(Generic[CallT]):
    """Decides, per call, whether the fake answers it with a fault (and which)."""

    def __init__(
        self,
        seed: int,
        *,
        share: float,
        channel_of: Callable[[CallT], str | None],
        method_of: Callable[[CallT], str],
        fault: Callable[[str, float | None], Any],
        hint: Callable[[random.Random], float],
    ) -> None:
        self.seed = seed
        self.share = share
        self.injected: list[Injected] = []
        self._channel_of = channel_of
        self._method_of = method_of
        self._fault = fault  # (kind, hint) -> the fake's Fault
        self._hint = hint
        self._streams: dict[str, random.Random] = {}

    def __call__(self, call: CallT) -> Any:
        channel = self._channel_of(call)
        if channel is None:
            return None
        rng = self._streams.setdefault(channel, random.Random(f"{self.seed}/{channel}"))
        if rng.random() >= self.share:
            return None
        kind = rng.choices(KINDS, WEIGHTS)[0]
        hint = self._hint(rng) if kind == "429" else None
        self.injected.append(Injected(channel, self._method_of(call), kind, call.at, hint))
        return self._fault(kind, hint)


@dataclass
class Attempt:
    row: int
    started: float
    ended: float
    error: PostError | None


class RecordingPoster:
    """The real poster, with every attempt noted (row, start, end, error) on the clock."""

    def __init__(self, inner: Poster, clock: VirtualClock) -> None:
        self._inner = inner
        self._clock = clock
        self.attempts: list[Attempt] = []

    async def post(self, team: Team, row: OutboxMessage, *, uncertain: bool) -> None:
        started = self._clock.seconds()
        try:
            await self._inner.post(team, row, uncertain=uncertain)
        except PostError as error:
            self.attempts.append(Attempt(row.id or 0, started, self._clock.seconds(), error))
            raise
        self.attempts.append(Attempt(row.id or 0, started, self._clock.seconds(), None))


async def deliver_everything(
    delivery: Delivery,
    clock: VirtualClock,
    uow_factory: UnitOfWorkFactory,
    *,
    interval: float = 1.0,
    rounds: int = 5000,
) -> list[OutboxMessage]:
    """What `Delivery.run(interval)` does, a round every `interval` seconds, with the rounds
    that would find nothing due skipped over; until no row is pending. Returns the rows."""
    for _ in range(rounds):
        await delivery.deliver_due()
        async with uow_factory() as uow:
            pending = list(await uow.outbox.list(state=State.PENDING.value))
        if not pending:
            async with uow_factory() as uow:
                return list(await uow.outbox.list())
        now = clock.now()
        step = timedelta(seconds=interval)
        later = [
            r.next_attempt_at for r in pending if r.next_attempt_at and r.next_attempt_at > now
        ]
        idle = max(0, math.ceil((min(later, default=now) - now - step) / step))
        clock.advance_to(now + step * (1 + idle))  # the sleep after this round, and idle rounds
    raise AssertionError(f"rows still pending after {rounds} rounds")


@dataclass
class Figures:
    """What a run did, for the assertions and the README's table."""

    platform: str
    channels: int
    rows: int
    pieces: int
    delivered: int
    failed: int
    missing: int
    duplicates: int
    out_of_order: int
    injected: Counter[str]
    requests: int
    hint_gaps: list[tuple[float, float]] = field(default_factory=list)  # (hint, actual gap)
    backoff_violations: list[str] = field(default_factory=list)
    most_attempts: int = 0
    wall: float = 0.0

    @property
    def extra_delays(self) -> list[float]:
        return [gap - hint for hint, gap in self.hint_gaps]

    def line(self) -> str:
        extra = self.extra_delays
        kinds = ", ".join(f"{k} {self.injected.get(k, 0)}" for k in KINDS)
        return (
            f"{self.platform}: {self.delivered}/{self.rows} rows ({self.pieces} pieces) to "
            f"{self.channels} channels in {self.wall:.1f} s; {self.requests} requests, faults "
            f"injected {sum(self.injected.values())} ({kinds}); 429 hints honoured "
            f"{len(self.hint_gaps)}, extra delay max {max(extra, default=0):.2f} s mean "
            f"{statistics.fmean(extra) if extra else 0:.2f} s; most attempts of a row "
            f"{self.most_attempts}; failed={self.failed} missing={self.missing} "
            f"duplicates={self.duplicates} out-of-order={self.out_of_order}"
        )


def compare(
    expected: dict[str, list[tuple[int, int]]], actual: dict[str, list[tuple[int, int]]]
) -> tuple[int, int, int]:
    """(missing, duplicates, out of order) of each channel's pieces against the outbox order."""
    missing = duplicates = out_of_order = 0
    for channel, want in expected.items():
        got = actual.get(channel, [])
        missing += len(set(want) - set(got))
        duplicates += len(got) - len(set(got))
        rank = {piece: i for i, piece in enumerate(want)}
        seen: list[int] = []
        for piece in got:
            if piece in rank and rank[piece] not in seen:
                seen.append(rank[piece])
        out_of_order += sum(1 for a, b in itertools.pairwise(seen) if b < a)
    return missing, duplicates, out_of_order


def hint_gaps(
    injected: Sequence[Injected], calls: Sequence[tuple[str, float]]
) -> list[tuple[float, float]]:
    """For each 429: its hint, and how long until the next request to the same channel."""
    out: list[tuple[float, float]] = []
    by_channel: dict[str, list[float]] = {}
    for channel, at in calls:
        by_channel.setdefault(channel, []).append(at)
    for fault in injected:
        if fault.kind != "429" or fault.hint is None:
            continue
        later = [at for at in by_channel.get(fault.channel, []) if at > fault.at]
        if later:
            out.append((fault.hint, min(later) - fault.at))
    return out


def backoff_violations(attempts: Sequence[Attempt], policy: DeliveryPolicy) -> list[str]:
    """Retries of a row that came sooner than its back-off (or the platform's hint) allowed."""
    out: list[str] = []
    by_row: dict[int, list[Attempt]] = {}
    for attempt in attempts:
        by_row.setdefault(attempt.row, []).append(attempt)
    for row, tries in by_row.items():
        tries.sort(key=lambda a: a.started)
        for n, (before, after) in enumerate(itertools.pairwise(tries), start=1):
            error = before.error
            if error is None:
                out.append(f"row {row} was posted again after it went out")
                continue
            least = policy.retry_wait(n, error.retry_after).total_seconds()
            if after.started - before.ended < least - 0.01:
                out.append(
                    f"row {row}: retry {n} after {after.started - before.ended:.2f} s, "
                    f"not before {least:.2f} s ({error.reason})"
                )
    return out
