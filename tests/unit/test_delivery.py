"""The delivery loop: once each, in order per channel, retries honouring hints, nothing dropped."""

import asyncio
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FakeClock
from bot.delivery import Delivery, DeliveryPolicy, PostError
from bot.model.teams import Team
from bot.outbox import OutboxMessage, PostKind, State
from bot.text import Message, Plain
from tests.fakes import FakeUnitOfWorkFactory

T0 = datetime(2021, 8, 9, 13, 0, tzinfo=ZoneInfo("Asia/Seoul"))


class RecordingPoster:
    """Records posts; can fail the next N posts; de-duplicates by row id like Discord's nonce."""

    def __init__(self) -> None:
        self.posts: list[tuple[str, str]] = []
        self.failures: list[PostError] = []
        self.seen: set[int] = set()
        self.uncertain: list[bool] = []

    async def post(self, team: Team, row: OutboxMessage, *, uncertain: bool) -> None:
        self.uncertain.append(uncertain)
        if self.failures:
            raise self.failures.pop(0)
        if uncertain and row.id in self.seen:
            return  # the platform already has it
        self.seen.add(row.id or 0)
        self.posts.append((team.channel_id, row.message.lines[0][0].text))


@pytest.fixture
async def world():
    clock = FakeClock(T0)
    store = FakeUnitOfWorkFactory()
    teams = []
    async with store() as uow:
        for channel in ("c1", "c2"):
            teams.append(await uow.teams.add(Team("console", channel, channel, T0.date())))
        await uow.commit()
    poster = RecordingPoster()
    delivery = Delivery(
        store, clock, {"console": poster}, DeliveryPolicy(give_up_after=timedelta(minutes=30))
    )
    return clock, store, teams, poster, delivery


async def queue(store, team, text, due, key=None):
    async with store() as uow:
        row = OutboxMessage(
            team.id, PostKind.SESSION, key or text, due, Message.of((Plain(text),)), due
        )
        assert await uow.outbox.add(row)
        await uow.commit()


async def states(store):
    async with store() as uow:
        return [(m.occurrence, m.state) for m in await uow.outbox.list()]


async def test_due_rows_are_posted_once_in_order_and_marked(world):
    clock, store, (t1, t2), poster, delivery = world
    await queue(store, t1, "first", T0)
    await queue(store, t2, "other team", T0 + timedelta(seconds=1))
    await queue(store, t1, "later", T0 + timedelta(hours=1))
    clock.set(T0 + timedelta(seconds=1))
    assert await delivery.deliver_due() == 2
    assert await delivery.deliver_due() == 0
    assert poster.posts == [("c1", "first"), ("c2", "other team")]
    clock.set(T0 + timedelta(hours=1))
    await delivery.deliver_due()
    assert poster.posts[-1] == ("c1", "later")
    assert all(state is State.SENT for _, state in await states(store))


async def test_a_row_with_the_same_key_is_written_only_once(world):
    _, store, (t1, _), _, _ = world
    await queue(store, t1, "x", T0, key="k")
    async with store() as uow:
        again = OutboxMessage(t1.id, PostKind.SESSION, "k", T0, Message(), T0)
        assert not await uow.outbox.add(again)


async def test_a_rate_limited_post_waits_for_the_retry_hint_then_goes_out_once(world):
    clock, store, (t1, _), poster, delivery = world
    await queue(store, t1, "hello", T0)
    poster.failures = [PostError("429", retry_after=30)]
    await delivery.deliver_due()
    clock.set(T0 + timedelta(seconds=29))
    await delivery.deliver_due()
    assert poster.posts == []
    clock.set(T0 + timedelta(seconds=30))
    await delivery.deliver_due()
    assert poster.posts == [("c1", "hello")]


async def test_a_failed_row_holds_back_its_channel_but_not_others(world):
    clock, store, (t1, t2), poster, delivery = world
    await queue(store, t1, "one", T0)
    await queue(store, t1, "two", T0 + timedelta(seconds=1))
    await queue(store, t2, "elsewhere", T0 + timedelta(seconds=2))
    poster.failures = [PostError("500")]
    clock.set(T0 + timedelta(seconds=2))
    await delivery.deliver_due()
    assert poster.posts == [("c2", "elsewhere")]
    clock.set(T0 + timedelta(minutes=1))
    await delivery.deliver_due()
    assert poster.posts == [("c2", "elsewhere"), ("c1", "one"), ("c1", "two")]


async def test_a_row_that_keeps_failing_is_kept_as_failed_and_logged(world, caplog):
    clock, store, (t1, _), poster, delivery = world
    await queue(store, t1, "doomed", T0)
    poster.failures = [PostError("500")] * 1000
    for minute in range(0, 29):
        clock.set(T0 + timedelta(minutes=minute))
        await delivery.deliver_due()
    assert await states(store) == [("doomed", State.PENDING)]  # still worth trying
    for minute in range(29, 60):
        clock.set(T0 + timedelta(minutes=minute))
        await delivery.deliver_due()
    assert await states(store) == [("doomed", State.FAILED)]
    assert "gave up on outbox row" in caplog.text


async def test_a_platform_away_for_hours_costs_delay_not_posts(world):
    clock, store, (t1, _), poster, _ = world
    delivery = Delivery(store, clock, {"console": poster})  # the default policy
    for i in range(3):
        await queue(store, t1, f"m{i}", T0 + timedelta(minutes=i))
    poster.failures = [PostError("503")] * 40  # Slack or Discord down for three hours
    attempts_while_down = 0
    for minute in range(0, 6 * 60):
        clock.set(T0 + timedelta(minutes=minute))
        if minute == 3 * 60:
            attempts_while_down, poster.failures = len(poster.uncertain), []
        await delivery.deliver_due()
    assert poster.posts == [("c1", "m0"), ("c1", "m1"), ("c1", "m2")]
    assert all(state is State.SENT for _, state in await states(store))
    # Backed off, not hammering a platform that is down: 2 s doubling to 15 min, then every 15.
    assert attempts_while_down <= 9 + 180 // 15


async def test_a_permanent_error_fails_at_once(world):
    _, store, (t1, _), poster, delivery = world
    await queue(store, t1, "x", T0)
    poster.failures = [PostError("channel_not_found", permanent=True)]
    await delivery.deliver_due()
    assert await states(store) == [("x", State.FAILED)]


async def test_a_row_whose_poster_died_is_retried_as_uncertain_after_the_lease(world):
    clock, store, (t1, _), poster, delivery = world
    await queue(store, t1, "maybe", T0)
    async with store() as uow:  # a worker claims, posts, and dies before marking
        (row,) = await uow.outbox.claim(T0, T0 + timedelta(seconds=60), 10)
        await uow.commit()
    await poster.post(t1, row, uncertain=False)
    await delivery.deliver_due()  # still leased: nothing
    clock.set(T0 + timedelta(minutes=5, seconds=1))
    await delivery.deliver_due()
    assert poster.uncertain[-1] is True
    assert poster.posts == [("c1", "maybe")]  # de-duplicated by the platform's nonce
    assert await states(store) == [("maybe", State.SENT)]


async def test_two_delivery_loops_on_one_store_post_each_row_once(world):
    clock, store, (t1, t2), poster, delivery = world
    for i in range(30):
        await queue(store, (t1, t2)[i % 2], f"m{i}", T0 + timedelta(seconds=i))
    clock.set(T0 + timedelta(minutes=1))
    other = Delivery(store, clock, {"console": poster})
    await asyncio.gather(delivery.deliver_due(), other.deliver_due())
    assert sorted(text for _, text in poster.posts) == sorted(f"m{i}" for i in range(30))
    assert [t for c, t in poster.posts if c == "c1"] == [f"m{i}" for i in range(0, 30, 2)]


async def test_a_team_on_a_platform_without_adapter_waits_without_losing_the_row(world, caplog):
    _clock, store, _, poster, delivery = world
    async with store() as uow:
        slack = await uow.teams.add(Team("slack", "C1", "s", T0.date()))
        await uow.commit()
    await queue(store, slack, "for slack", T0)
    await delivery.deliver_due()
    assert poster.posts == [] and "no slack adapter" in caplog.text
    assert await states(store) == [("for slack", State.PENDING)]


async def test_a_slow_channel_stops_posting_before_its_lease_runs_out(world):
    clock, store, (t1, _), _, _ = world
    for i in range(4):
        await queue(store, t1, f"m{i}", T0)
    slow = RecordingPoster()

    async def post_taking_two_minutes(team, row, *, uncertain):
        await RecordingPoster.post(slow, team, row, uncertain=uncertain)
        clock.set(clock.now() + timedelta(minutes=2))  # a throttled platform

    slow.post = post_taking_two_minutes  # type: ignore[method-assign]
    delivery = Delivery(store, clock, {"console": slow}, DeliveryPolicy(lease=timedelta(minutes=5)))
    # The lease is 5 minutes: after two posts (4 minutes) the rest is left for the next round,
    # before another process could see the lease run out and post them too.
    assert await delivery.deliver_due() == 2
    assert await states(store) == [
        ("m0", State.SENT),
        ("m1", State.SENT),
        ("m2", State.PENDING),
        ("m3", State.PENDING),
    ]
    assert await delivery.deliver_due() == 2
    assert [text for _, text in slow.posts] == ["m0", "m1", "m2", "m3"]


async def test_a_row_retried_for_days_keeps_its_back_off_at_the_longest(world):
    clock, store, (t1, _), poster, _ = world
    await queue(store, t1, "stubborn", T0)
    policy = DeliveryPolicy(give_up_after=timedelta(days=30))
    delivery = Delivery(store, clock, {"console": poster}, policy)
    poster.failures = [PostError("500")] * 200
    for step in range(200):  # a retry every 15 minutes for two days: no overflow, no give-up
        clock.set(T0 + step * policy.longest_backoff)
        await delivery.deliver_due()
    async with store() as uow:
        (row,) = await uow.outbox.list()
    assert row.state is State.PENDING and row.attempts > 150
    assert row.next_attempt_at - clock.now() == policy.longest_backoff


async def queue_kind(store, team, kind: PostKind, key: str, due: datetime) -> None:
    async with store() as uow:
        text = Message.of((Plain(f"{kind.value} {key}"),))
        assert await uow.outbox.add(OutboxMessage(team.id, kind, key, due, text, due))
        await uow.commit()


async def park_then_unpark(world, rows, later: timedelta) -> list[tuple[str, State]]:
    """Each row refused by its channel, then the channel back `later` after T0."""
    clock, store, (t1, _), poster, delivery = world
    for kind, key, due in rows:
        await queue_kind(store, t1, kind, key, due)
    poster.failures = [PostError("not_in_channel", park=True)]
    await delivery.deliver_due()
    clock.set(T0 + later)
    await delivery.deliver_due()  # nothing: the parked row holds its team back
    assert poster.posts == []
    async with store() as uow:
        assert await uow.outbox.unpark(t1.id, clock.now()) == 1
        await uow.commit()
    await delivery.deliver_due()
    return await kinds_and_states(store)


async def kinds_and_states(store) -> list[tuple[str, State]]:
    async with store() as uow:
        return [(f"{m.kind.value} {m.occurrence}", m.state) for m in await uow.outbox.list()]


async def test_a_refused_channel_parks_the_row_and_its_later_rows_wait_untried(world):
    clock, store, (t1, t2), poster, delivery = world
    await queue(store, t1, "first", T0)
    await queue(store, t1, "second", T0 + timedelta(minutes=1))
    await queue(store, t2, "other team", T0 + timedelta(minutes=1))
    poster.failures = [PostError("not_in_channel", park=True)]
    clock.set(T0 + timedelta(minutes=2))
    assert await delivery.deliver_due() == 1
    assert poster.posts == [("c2", "other team")] and len(poster.uncertain) == 2
    assert await states(store) == [
        ("first", State.PARKED),
        ("second", State.PENDING),
        ("other team", State.SENT),
    ]


async def test_a_stale_session_reminder_expires_with_a_log_line_and_the_digest_posts_late(
    world, caplog
):
    found = await park_then_unpark(
        world,
        [
            (PostKind.SESSION, "2021-08-09", T0),
            (PostKind.RETRO, "2021-08-09", T0 + timedelta(hours=8)),
            (PostKind.ASSIGNMENT, "a1@24h", T0 + timedelta(hours=9)),  # due 24 h after: passed
            (PostKind.ASSIGNMENT, "a2@1h", T0 + timedelta(days=3)),  # still to come: not due yet
            (PostKind.DIGEST, "week2", T0 + timedelta(hours=10)),
            (PostKind.MENTOR, "2021-08-09", T0 + timedelta(hours=11)),
        ],
        later=timedelta(days=2),
    )
    assert found == [
        ("session 2021-08-09", State.EXPIRED),
        ("retro 2021-08-09", State.EXPIRED),
        ("assignment a1@24h", State.EXPIRED),
        ("digest week2", State.SENT),
        ("mentor 2021-08-09", State.SENT),
        ("assignment a2@1h", State.PENDING),
    ]
    _, _, _, poster, _ = world
    assert [text for _, text in poster.posts] == ["digest week2", "mentor 2021-08-09"]
    expired = [r.getMessage() for r in caplog.records if "expired unposted" in r.getMessage()]
    assert len(expired) == 3 and "its study day 2021-08-09 is over" in expired[0]


async def test_a_session_reminder_unparked_the_same_day_still_goes_out(world):
    found = await park_then_unpark(
        world, [(PostKind.SESSION, "2021-08-09", T0)], later=timedelta(hours=2)
    )
    assert found == [("session 2021-08-09", State.SENT)]


async def test_an_unparked_row_is_retried_from_when_it_was_unparked_not_given_up_at_once(world):
    clock, store, (t1, _), poster, delivery = world
    await queue_kind(store, t1, PostKind.DIGEST, "week2", T0)
    poster.failures = [PostError("403", park=True)]
    await delivery.deliver_due()
    clock.set(T0 + timedelta(days=3))  # far beyond give_up_after (30 minutes here)
    async with store() as uow:
        await uow.outbox.unpark(t1.id, clock.now())
        await uow.commit()
    poster.failures = [PostError("500")]
    await delivery.deliver_due()
    assert await kinds_and_states(store) == [("digest week2", State.PENDING)]
    clock.set(T0 + timedelta(days=3, minutes=1))
    assert await delivery.deliver_due() == 1


async def test_within_a_long_grace_period_a_late_session_reminder_still_goes_out(world):
    _, store, (t1, _), _, _ = world
    async with store() as uow:
        team = await uow.teams.get(t1.id)
        team.schedule = replace(team.schedule, grace_minutes=7 * 24 * 60)
        await uow.teams.update(team)
        await uow.commit()
    found = await park_then_unpark(
        world, [(PostKind.SESSION, "2021-08-09", T0)], later=timedelta(days=2)
    )
    assert found == [("session 2021-08-09", State.SENT)]


async def queue_edit(store, team, card, text, at):
    async with store() as uow:
        message = Message.of((Plain(text),))
        row = OutboxMessage(team.id, PostKind.CARD, f"{card}:{text}", at, message, at, edits=card)
        assert await uow.outbox.add(row)
        await uow.commit()


async def test_a_cards_edits_neither_wait_behind_nor_hold_back_the_channels_posts(world):
    clock, store, (t1, _), poster, delivery = world
    await queue(store, t1, "reminder", T0)
    await queue_edit(store, t1, "m-1", "card one", T0)
    await queue_edit(store, t1, "m-2", "card two", T0)
    poster.failures = [PostError("503", retry_after=60)]  # the reminder backs off
    clock.set(T0 + timedelta(seconds=1))
    await delivery.deliver_due()
    assert sorted(poster.posts) == [("c1", "card one"), ("c1", "card two")]
    await queue_edit(store, t1, "m-1", "card one again", T0 + timedelta(seconds=2))
    await queue(store, t1, "later reminder", T0 + timedelta(seconds=2))
    clock.set(T0 + timedelta(seconds=3))
    await delivery.deliver_due()  # the card's edit goes; the reminder still holds its channel
    assert poster.posts[-1] == ("c1", "card one again") and len(poster.posts) == 3
    clock.set(T0 + timedelta(minutes=2))
    await delivery.deliver_due()
    assert poster.posts[-2:] == [("c1", "reminder"), ("c1", "later reminder")]


async def test_of_several_waiting_edits_of_a_card_only_the_newest_is_posted(world, caplog):
    clock, store, (t1, _), poster, delivery = world
    for n in range(1, 4):
        await queue_edit(store, t1, "m-1", f"state {n}", T0)
    await queue_edit(store, t1, "m-2", "other card", T0)
    clock.set(T0 + timedelta(seconds=1))
    with caplog.at_level("INFO", logger="bot.delivery"):
        assert await delivery.deliver_due() == 2
    assert sorted(poster.posts) == [("c1", "other card"), ("c1", "state 3")]
    async with store() as uow:
        rows = {m.occurrence: m for m in await uow.outbox.list()}
    newest = rows["m-1:state 3"].id
    for n in (1, 2):
        gone = rows[f"m-1:state {n}"]
        assert gone.state is State.EXPIRED
        why = f"superseded by outbox row {newest}, a newer edit of the same card"
        assert gone.last_error == why
    assert caplog.text.count("superseded by outbox row") == 2


async def test_a_commit_that_queues_a_post_rings_the_loop_which_posts_it_at_once(tmp_path):
    from peerbot.bootstrap import build
    from peerbot.config import Settings
    from tests.calls import call

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'p.db'}", data_dir=tmp_path)
    runtime = await build(settings, FakeClock(T0))
    poster = RecordingPoster()
    loop = asyncio.create_task(runtime.delivery({"console": poster}).run(interval=3600))
    try:
        await runtime.bot.handle(call("kim", "/team setup start:2021-08-02 lang:en"))
        assert (await runtime.bot.handle(call("kim", "/ask why?"))).ok
        await runtime.bot.card_posted("console", "c1", "question 1 view:card", "m-1")
        await asyncio.sleep(0.05)  # the loop's first round ran, and now waits its hour
        assert (await runtime.bot.handle(call("lee", "/answer 1 because"))).ok
        async with asyncio.timeout(2):  # not the interval: the commit rang the doorbell
            while not poster.posts:
                await asyncio.sleep(0.01)
        async with runtime.uow_factory() as uow:
            [edit] = [r for r in await uow.outbox.list() if r.kind is PostKind.CARD]
        assert edit.state is State.SENT and poster.posts == [("c1", poster.posts[0][1])]
    finally:
        loop.cancel()
        await runtime.close()
