"""Database faults: the database goes away for a while and comes back; the bot carries on.

PostgreSQL is reached through a local TCP proxy that resets every open connection and refuses
new ones; SQLite's file is locked by another connection holding an exclusive lock. While the
database is away, every command gets the "try again" sentence and nothing half-written is left
behind (commands cut off mid-flight leave whole records or none); when it is back, the same bot
(no restart) answers again, and the live scheduler's sweep and the delivery loop, which kept
running, post the reminder that fell due during the outage, once.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import make_url

from bot import i18n
from bot.clock import FakeClock
from bot.core import PeerBot
from bot.model.questions import Status
from bot.model.teams import Language, Team
from bot.outbox import OutboxMessage, PostKind, State
from bot.ports import QuestionQuery, Reply
from bot.scheduled.drivers import DueReminders
from bot.text import plain_text
from peerbot.bootstrap import Runtime
from storage import SqlUnitOfWorkFactory, create_engine, upgrade_async
from tests.calls import call
from tests.postgres import POSTGRES_URL, postgres_schema
from tests.reliability.tcp_proxy import Proxy

SEOUL = ZoneInfo("Asia/Seoul")
TRY_AGAIN = plain_text(i18n.say(Language.EN, "error.try_again"))


class Recorder:
    def __init__(self) -> None:
        self.posts: list[tuple[int, str, str]] = []

    async def post(self, team: Team, row: OutboxMessage, *, uncertain: bool) -> None:
        if uncertain and (row.team_id, row.kind.value, row.occurrence) in self.posts:
            return
        self.posts.append((row.team_id, row.kind.value, row.occurrence))


async def wire(url: str, clock: FakeClock, busy_timeout_ms: int = 5000) -> Runtime:
    """What `peerbot.bootstrap.build` wires, with SQLite's lock wait shortened for the test."""
    await upgrade_async(url)
    engine = create_engine(url, busy_timeout_ms=busy_timeout_ms)
    factory = SqlUnitOfWorkFactory(engine)
    bot = PeerBot(factory, clock, default_language=Language.EN)
    return Runtime(bot, factory, clock, DueReminders(factory, clock), engine.dispose)


def verdict(reply: Reply) -> str:
    if reply.ok:
        return "ok"
    text = plain_text(reply.message)
    assert text == TRY_AGAIN, text  # never "something went wrong", never a half-done reply
    return "try again"


async def until(condition: Callable[[], bool], seconds: float = 15.0, poll: float = 0.05) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(poll)


async def outage(
    runtime: Runtime,
    clock: FakeClock,
    cut: Callable[[], Awaitable[None]],
    restore: Callable[[], Awaitable[None]],
    *,
    burst: int,
    during: int,
    inline: bool = False,
) -> dict[str, int]:
    bot = runtime.bot
    clock.set(datetime(2021, 8, 9, 15, 30, tzinfo=SEOUL))
    # similar:off: the burst's questions are alike on purpose, and "asked before?" reads in a
    # worker thread, which would leave a transaction open while the inline cut runs.
    setup = "/team setup start:2021-08-02 lang:en similar:off"
    assert (await bot.handle(call("kim", setup))).ok
    assert (await bot.handle(call("kim", "/ask what is attention?"))).ok
    for user in ("m0", "m1", "m2", "m3", "m4", "lee"):  # members before the burst (see
        assert (await bot.handle(call(user, "/questions open"))).ok  # test_access: joining)
    recorder = Recorder()
    live = runtime.live_scheduler({"console": recorder})
    live.SWEEP_SECONDS = 0.2  # type: ignore[misc]  # every 0.2 s instead of every minute
    await live.start()
    try:
        # Commands in flight when the database goes away: whole records or none.
        lines = [f"/ask question {i} of the burst" for i in range(burst)]
        lines += [f"/answer 1 answer {i} of the burst" for i in range(burst // 2)]
        calls = [call(f"m{i % 5}", line) for i, line in enumerate(lines)]
        third = len(calls) // 3
        if inline:
            # Inline SQLite runs a command to its end before the loop turns: the cut comes
            # between the first third and the rest, which queue behind the lock.
            tasks = [asyncio.create_task(bot.handle(c)) for c in calls[:third]]
            cutting = asyncio.create_task(cut())
            tasks += [asyncio.create_task(bot.handle(c)) for c in calls[third:]]
            await cutting
        else:
            tasks = [asyncio.create_task(bot.handle(c)) for c in calls]
            await until(lambda: sum(t.done() for t in tasks) >= third, poll=0)
            await cut()
        in_flight = Counter(verdict(r) for r in await asyncio.gather(*tasks))
        asked_ok = {
            line.removeprefix("/ask ")
            for line, task in zip(lines, tasks, strict=True)
            if line.startswith("/ask") and task.result().ok
        }

        # While it is away: the session reminder falls due; every command is "try again".
        clock.set(datetime(2021, 8, 9, 15, 51, tzinfo=SEOUL))
        replies = [
            await bot.handle(call("lee", f"/ask during the outage {i}")) for i in range(during)
        ]
        assert [verdict(r) for r in replies] == ["try again"] * during
        assert [verdict(await bot.handle(call("lee", "/questions today")))] == ["try again"]
        await asyncio.sleep(0.7)  # sweeps and delivery rounds fail meanwhile, and go on
        assert not recorder.posts

        # Back: the same bot answers, and the missed reminder is posted, once.
        await restore()
        clock.set(datetime(2021, 8, 9, 15, 53, tzinfo=SEOUL))
        after = [await bot.handle(call("lee", f"/ask after the outage {i}")) for i in range(3)]
        assert [verdict(r) for r in after] == ["ok"] * 3
        await until(lambda: (1, "session", "2021-08-09") in recorder.posts)
        await asyncio.sleep(1.2)  # another delivery round: nothing more
    finally:
        await live.stop()
    assert recorder.posts.count((1, PostKind.SESSION.value, "2021-08-09")) == 1
    assert len(recorder.posts) == len(set(recorder.posts))

    async with runtime.uow_factory() as uow:
        questions = list(await uow.questions.find(1, QuestionQuery(limit=10**6)))
        rows = list(await uow.outbox.list(1))
        following = await uow.teams.next_question_number(1)
    numbers = [q.number for q in questions]
    texts = Counter(q.text for q in questions)
    # No number taken without its question, no question twice, none confirmed and missing.
    assert numbers == list(range(1, len(questions) + 1)) and following == len(questions) + 1
    assert max(texts.values()) == 1
    assert asked_ok <= set(texts)
    assert not any(t.startswith("during the outage") for t in texts)
    assert all(q.answers or q.status is Status.OPEN for q in questions)
    assert all(q.status is not Status.OPEN for q in questions if q.answers)
    assert [r.state for r in rows if r.kind is PostKind.SESSION] == [State.SENT]
    try_again_but_stored = sum(
        1
        for line, task in zip(lines, tasks, strict=True)
        if line.startswith("/ask") and not task.result().ok and line[5:] in texts
    )
    return {**in_flight, "stored though try again": try_again_but_stored}


@pytest.mark.postgres
async def test_postgres_cut_off_by_a_proxy_then_back(tmp_path: Path):
    with postgres_schema() as connect_args:
        proxy = Proxy("127.0.0.1", make_url(POSTGRES_URL).port or 5432)
        await proxy.start()
        url = make_url(POSTGRES_URL).set(host="127.0.0.1", port=proxy.port)
        url_text = url.render_as_string(hide_password=False)
        url_text += "?" + urlencode({"options": connect_args["options"]})
        clock = FakeClock(datetime(2021, 8, 9, 15, 30, tzinfo=SEOUL))
        runtime = await wire(url_text, clock)
        try:
            figures = await outage(runtime, clock, proxy.down, proxy.up, burst=40, during=5)
        finally:
            await runtime.close()
            await proxy.close()
    print("postgres outage, commands in flight:", dict(figures))


async def test_sqlite_locked_by_another_connection_then_released(tmp_path: Path):
    path = tmp_path / "bot.db"
    clock = FakeClock(datetime(2021, 8, 9, 15, 30, tzinfo=SEOUL))
    runtime = await wire(f"sqlite:///{path}", clock, busy_timeout_ms=100)
    holder = sqlite3.connect(path, isolation_level=None, timeout=1)

    async def lock() -> None:
        # Between two of the bot's transactions (they run inline on this loop, so none is open
        # now), with commands still queued behind it.
        holder.execute("BEGIN EXCLUSIVE")

    async def unlock() -> None:
        holder.execute("ROLLBACK")

    try:
        figures = await outage(runtime, clock, lock, unlock, burst=20, during=3, inline=True)
    finally:
        holder.close()
        await runtime.close()
    print("sqlite lock, commands in flight:", dict(figures))


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.parametrize("round_", range(10))
async def test_postgres_cut_off_mid_burst_ten_times(tmp_path: Path, round_: int):
    await test_postgres_cut_off_by_a_proxy_then_back(tmp_path)
