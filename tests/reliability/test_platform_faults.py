"""Platform faults: fake Slack and Discord answer 30 % of the calls to a channel with a 429 (and a
retry hint), a 500 or a timeout, half of the timeouts after the post was made. The real delivery
loop, the real posters and the real slack-sdk / discord.py clients deliver many channels' rows:
every piece arrives exactly once, in outbox order per channel, nothing is given up on, no retry
comes sooner than the platform's hint, and after failures the back-off grows.

Time: the loop's waits are skipped (`VirtualClock`); the clients' own waits (a timeout, discord.py
sleeping off a short rate limit) are real and kept short. The slow run (`pytest -m slow -s
tests/reliability/test_platform_faults.py`) prints the figures of the README's Reliability table.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
import pytest
from pydantic import SecretStr

from adapters.discord.endpoints import Endpoints
from adapters.discord.poster import DiscordPoster
from adapters.discord.render import pieces as discord_pieces
from adapters.slack.api import web_client
from adapters.slack.poster import SlackPoster
from adapters.slack.render import pieces as slack_pieces
from bot.delivery import Delivery, DeliveryPolicy, PostError
from bot.model.teams import Language, Team
from bot.outbox import OutboxMessage, PostKind, State
from bot.text import Attachment, Message, Plain, UserText
from peerbot.bootstrap import Runtime, build
from peerbot.config import Settings
from tests.calls import call
from tests.discord import fake as discord_fake
from tests.reliability.platform_faults import (
    Chaos,
    Figures,
    RecordingPoster,
    VirtualClock,
    backoff_violations,
    compare,
    deliver_everything,
    hint_gaps,
)
from tests.slack import fake as slack_fake

SEOUL = ZoneInfo("Asia/Seoul")
START = datetime(2021, 8, 9, 13, 0, tzinfo=SEOUL)
SHARE = 0.3
SLACK_TIMEOUT = 0.3  # the poster's client gives up on a call after this long
DISCORD_BUDGET = 0.35  # the Discord poster gives up on a post after this long
HANG = 1.5  # a "timeout" fault holds the request this long: longer than both
KINDS = (PostKind.SESSION, PostKind.RETRO, PostKind.ASSIGNMENT, PostKind.MENTOR, PostKind.DIGEST)
FILE = -1  # the digest's file, as a "piece" of its row (Slack posts it as its own message)
SLACK_CHANNEL = re.compile(  # the calls that post to (or read) a channel: faults hit these
    r"chat\.postMessage|files\.completeUploadExternal|conversations\.history"
)
DISCORD_CHANNEL = re.compile(r"^/channels/(\d+)/messages$")


# --- the world: teams, rows, a platform ---------------------------------------------------


@dataclass
class Platform:
    name: str
    channel_ids: list[str]
    poster: RecordingPoster
    chaos: Chaos[Any]
    posted: Callable[[], dict[str, list[tuple[int, int]]]]  # channel -> (row, piece), in order
    pieces_of: Callable[[OutboxMessage], int]
    requests: Callable[[], list[tuple[str, float]]]  # (channel, at) of every channel call
    long_lines: int  # lines of a row that goes in several pieces
    fake: Any


def message(team: int, row: int, lines: int) -> Message:
    """Text unique to its row (the Discord poster recognises pieces by their text)."""
    return Message(
        tuple(
            (Plain(f"team {team} row {row} line {n:03d} "), UserText("x" * 70))
            for n in range(lines)
        )
    )


async def add_teams(runtime: Runtime, platform: str, channel_ids: list[str]) -> list[Team]:
    teams: list[Team] = []
    for n, channel in enumerate(channel_ids):
        admin = f"U{n:05d}" if platform == "slack" else str(800 + n)
        setup = "/team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:en"
        reply = await runtime.bot.handle(call(admin, setup, channel, platform=platform))
        assert reply.ok
        team = await runtime.bot.team_for_channel(platform, channel)
        assert team is not None
        teams.append(team)
    return teams


async def add_rows(runtime: Runtime, teams: list[Team], rows: int, long_lines: int) -> None:
    """`rows` rows per team, due in order: every kind, a digest with its file, long ones."""
    async with runtime.uow_factory() as uow:
        for t, team in enumerate(teams):
            for r in range(rows):
                kind = KINDS[r % len(KINDS)]
                due = START - timedelta(minutes=rows - r)
                lines = long_lines if r % 4 == 2 else 1 + r % 3
                attachment = (
                    Attachment(f"week{r:02d}/peer-minutes-{t}.md", f"# week {r} of team {t}\n")
                    if kind is PostKind.DIGEST
                    else None
                )
                assert await uow.outbox.add(
                    OutboxMessage(
                        team_id=team.id or 0,
                        kind=kind,
                        occurrence=f"r{r}",
                        due_at=due,
                        message=message(t, r, lines),
                        created_at=due,
                        attachment=attachment,
                    )
                )
        await uow.commit()


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[tuple[Runtime, VirtualClock]]:
    clock = VirtualClock(START)
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'peerbot.db'}",
        data_dir=tmp_path,
        default_language=Language.EN,
    )
    runtime = await build(settings, clock)
    yield runtime, clock
    await runtime.close()


def slack_hint(rng: Any) -> float:
    return float(rng.choice([1, 1, 2, 3, 5, 10, 30]))  # Retry-After is whole seconds


def discord_hint(rng: Any) -> float:
    """Short ones discord.py sleeps off itself, longer than the budget, over its 30 s limit."""
    draw = rng.random()
    if draw < 0.5:
        return round(rng.uniform(0.05, 0.2), 2)
    if draw < 0.85:
        return round(rng.uniform(1.0, 20.0), 2)
    return round(rng.uniform(31.0, 60.0), 2)


@pytest.fixture
async def slack(
    world: tuple[Runtime, VirtualClock],
) -> AsyncIterator[Callable[[int, int], Awaitable[Platform]]]:
    runtime, clock = world
    fake = slack_fake.FakeSlack()
    fake.clock = clock.seconds
    await fake.start()
    # As the adapter does: the session's timeout is the one slack-sdk applies to each call.
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=SLACK_TIMEOUT))

    async def make(channels: int, seed: int) -> Platform:
        client = web_client(slack_fake.BOT_TOKEN, fake.api_url, interactive=False, timeout=1)
        client.session = session
        poster = SlackPoster(client, runtime.bot)
        poster.bot_user_id = slack_fake.BOT_USER

        def channel_of(call: slack_fake.Call) -> str | None:
            if not SLACK_CHANNEL.fullmatch(call.method):
                return None
            return str(call.args.get("channel") or call.args.get("channel_id") or "") or None

        chaos = Chaos[slack_fake.Call](
            seed,
            share=SHARE,
            channel_of=channel_of,
            method_of=lambda call: call.method,
            fault=lambda kind, hint: slack_fake.Fault(
                re.compile(".*"), kind, None, retry_after=int(hint or 1), hang=HANG
            ),
            hint=slack_hint,
        )
        fake.chaos = chaos
        files: dict[str, int] = {}  # file title -> row id

        def posted() -> dict[str, list[tuple[int, int]]]:
            out: dict[str, list[tuple[int, int]]] = {}
            for channel, history in fake.history.items():
                for post in history:
                    payload = (post.metadata or {}).get("event_payload") or {}
                    if "row" in payload:
                        out.setdefault(channel, []).append((payload["row"], payload["piece"]))
                    for shared in post.files:
                        out.setdefault(channel, []).append((files[shared["title"]], FILE))
            return out

        def pieces_of(row: OutboxMessage) -> int:
            if row.attachment is not None:
                files[row.attachment.filename] = row.id or 0
            return len(slack_pieces(row.message))

        return Platform(
            "slack",
            [f"C{n:05d}" for n in range(channels)],
            RecordingPoster(poster, clock),
            chaos,
            posted,
            pieces_of,
            lambda: [(c, call.at) for call in fake.calls if (c := channel_of(call))],
            long_lines=260,  # 3 pieces of at most 12,000 characters
            fake=fake,
        )

    yield make
    await session.close()
    await fake.close()


@pytest.fixture
async def discord(
    world: tuple[Runtime, VirtualClock],
) -> AsyncIterator[Callable[[int, int], Awaitable[Platform]]]:
    runtime, clock = world
    fake = discord_fake.FakeDiscord()
    fake.clock = clock.seconds
    fake.nonce_window = 180.0  # "a few minutes"
    await fake.start()
    posters: list[DiscordPoster] = []

    async def make(channels: int, seed: int) -> Platform:
        endpoints = Endpoints(fake.api_url, fake.gateway_url)
        token = SecretStr(discord_fake.TOKEN)
        poster = DiscordPoster(endpoints, token, runtime.bot, budget=DISCORD_BUDGET)
        await poster.open()
        posters.append(poster)

        def channel_of(call: discord_fake.Call) -> str | None:
            found = DISCORD_CHANNEL.fullmatch(call.path)
            return found.group(1) if found else None

        chaos = Chaos[discord_fake.Call](
            seed,
            share=SHARE,
            channel_of=channel_of,
            method_of=lambda call: call.method,
            fault=lambda kind, hint: discord_fake.Fault(
                "*", re.compile(".*"), kind, None, retry_after=hint or 0.2, hang=HANG
            ),
            hint=discord_hint,
        )
        fake.chaos = chaos

        def posted() -> dict[str, list[tuple[int, int]]]:
            out: dict[str, list[tuple[int, int]]] = {}
            for channel, sent in fake.channel_messages.items():
                for body in sent:
                    row, piece = (int(part) for part in str(body["nonce"]).split("-"))
                    out.setdefault(channel, []).append((row, piece))
                    if body.get("attachments"):
                        out[channel].append((row, FILE))
            return out

        return Platform(
            "discord",
            [str(950000000000000000 + n) for n in range(channels)],
            RecordingPoster(poster, clock),
            chaos,
            posted,
            lambda row: len(discord_pieces(row.message)),
            lambda: [(c, call.at) for call in fake.calls if (c := channel_of(call))],
            long_lines=50,  # 3 pieces of at most 2,000 characters
            fake=fake,
        )

    yield make
    for poster in posters:
        await poster.close()
    await fake.close()


# --- the run ----------------------------------------------------------------------------------


async def run(
    world: tuple[Runtime, VirtualClock],
    make: Callable[[int, int], Awaitable[Platform]],
    *,
    channels: int,
    rows: int,
    seed: int,
    policy: DeliveryPolicy | None = None,
) -> Figures:
    runtime, clock = world
    # The loop's waits are skipped, but discord.py waits out a rate-limited bucket in real time
    # (up to a minute here): meanwhile a row's retries can run through a virtual day in real
    # seconds. Giving up is not what these runs test (tests/unit/test_delivery.py does), so the
    # horizon is far beyond any run; the deadline that matters is the rounds' limit.
    policy = policy or DeliveryPolicy(give_up_after=timedelta(days=3650))
    platform = await make(channels, seed)
    teams = await add_teams(runtime, platform.name, platform.channel_ids)
    await add_rows(runtime, teams, rows, platform.long_lines)
    delivery = Delivery(runtime.uow_factory, clock, {platform.name: platform.poster}, policy)

    started = time.perf_counter()
    final = await deliver_everything(delivery, clock, runtime.uow_factory)
    wall = time.perf_counter() - started

    channel_of_team = {team.id: team.channel_id for team in teams}
    expected: dict[str, list[tuple[int, int]]] = {}
    for row in final:  # by due time, then id: the outbox order
        want = [(row.id or 0, piece) for piece in range(platform.pieces_of(row))]
        if row.attachment is not None:
            want.append((row.id or 0, FILE))
        expected.setdefault(channel_of_team[row.team_id], []).extend(want)
    actual = platform.posted()
    missing, duplicates, out_of_order = compare(expected, actual)
    attempts = platform.poster.attempts
    per_row: dict[int, int] = {}
    for attempt in attempts:
        per_row[attempt.row] = per_row.get(attempt.row, 0) + 1
    figures = Figures(
        platform=platform.name,
        channels=channels,
        rows=len(final),
        pieces=sum(len(pieces) for pieces in expected.values()),
        delivered=sum(1 for row in final if row.state is State.SENT),
        failed=sum(1 for row in final if row.state is State.FAILED),
        missing=missing,
        duplicates=duplicates,
        out_of_order=out_of_order,
        injected=Counter(fault.kind for fault in platform.chaos.injected),
        requests=len(platform.requests()),
        hint_gaps=hint_gaps(platform.chaos.injected, platform.requests()),
        backoff_violations=backoff_violations(attempts, policy),
        most_attempts=max(per_row.values(), default=0),
        wall=wall,
    )
    return figures


def check(figures: Figures) -> None:
    assert figures.failed == 0, figures.line()
    assert figures.delivered == figures.rows, figures.line()
    assert (figures.missing, figures.duplicates, figures.out_of_order) == (0, 0, 0), figures.line()
    for hint, gap in figures.hint_gaps:  # the one timing assertion: never sooner than asked
        assert gap >= hint - 0.01, f"a request {gap:.2f} s after a 429 asking for {hint} s"
    assert not figures.backoff_violations, figures.backoff_violations[:5]
    for kind in ("429", "500", "timeout", "timeout-posted"):
        assert figures.injected[kind] > 0, f"no {kind} injected: {figures.line()}"


async def test_slack_delivers_every_row_once_in_order_through_faults(
    world: tuple[Runtime, VirtualClock], slack: Callable[[int, int], Awaitable[Platform]]
) -> None:
    figures = await run(world, slack, channels=12, rows=5, seed=11)
    print(figures.line())
    check(figures)


async def test_discord_delivers_every_row_once_in_order_through_faults(
    world: tuple[Runtime, VirtualClock], discord: Callable[[int, int], Awaitable[Platform]]
) -> None:
    figures = await run(world, discord, channels=12, rows=5, seed=11)
    print(figures.line())
    check(figures)


# --- the holes these runs found, one at a time -----------------------------------------------


async def one_row(
    world: tuple[Runtime, VirtualClock], make: Callable[[int, int], Awaitable[Platform]]
) -> tuple[Platform, Team, OutboxMessage]:
    """One team with one three-piece row and no random faults; its poster, not the loop."""
    runtime, _ = world
    platform = await make(1, 0)
    platform.chaos.share = 0.0
    [team] = await add_teams(runtime, platform.name, platform.channel_ids)
    await add_rows(runtime, [team], 3, platform.long_lines)
    async with runtime.uow_factory() as uow:
        row = list(await uow.outbox.list(team.id))[2]
    assert platform.pieces_of(row) == 3
    return platform, team, row


async def retry(platform: Platform, team: Team, row: OutboxMessage) -> None:
    """The delivery loop's next try of a row whose last try failed: not `uncertain`."""
    await platform.poster.post(team, row, uncertain=False)


async def test_slack_a_row_failing_after_its_first_piece_does_not_post_that_piece_again(
    world: tuple[Runtime, VirtualClock], slack: Callable[[int, int], Awaitable[Platform]]
) -> None:
    platform, team, row = await one_row(world, slack)
    for kind in ("429", "500"):
        platform.fake.fail("chat.postMessage", kind, skip=1)  # piece 0 goes, piece 1 does not
    with pytest.raises(PostError):
        await retry(platform, team, row)
    with pytest.raises(PostError):  # piece 1 fails again, now with a 500
        await retry(platform, team, row)
    await retry(platform, team, row)
    assert platform.posted()[team.channel_id] == [(row.id, 0), (row.id, 1), (row.id, 2)]


async def test_slack_a_504_after_slack_posted_is_not_posted_again(
    world: tuple[Runtime, VirtualClock], slack: Callable[[int, int], Awaitable[Platform]]
) -> None:
    platform, team, row = await one_row(world, slack)
    platform.fake.fail("chat.postMessage", "timeout-posted", hang=0.05)  # a gateway's 504
    with pytest.raises(PostError):
        await retry(platform, team, row)
    await retry(platform, team, row)
    assert platform.posted()[team.channel_id] == [(row.id, 0), (row.id, 1), (row.id, 2)]


async def test_slack_an_unreadable_history_fails_the_try_instead_of_posting_blind(
    world: tuple[Runtime, VirtualClock], slack: Callable[[int, int], Awaitable[Platform]]
) -> None:
    platform, team, row = await one_row(world, slack)
    platform.fake.fail("chat.postMessage", "timeout-posted", hang=HANG)  # no answer in time
    platform.fake.fail("conversations.history", "500")
    for _ in range(2):  # the timeout; then the history read answers 500
        with pytest.raises(PostError):
            await retry(platform, team, row)
    await retry(platform, team, row)
    assert platform.posted()[team.channel_id] == [(row.id, 0), (row.id, 1), (row.id, 2)]


async def test_discord_a_timed_out_post_retried_after_the_nonce_window_is_not_doubled(
    world: tuple[Runtime, VirtualClock], discord: Callable[[int, int], Awaitable[Platform]]
) -> None:
    platform, team, row = await one_row(world, discord)
    _, clock = world
    platform.fake.fail("POST", DISCORD_CHANNEL.pattern, "timeout-posted", hang=HANG)
    with pytest.raises(PostError):
        await retry(platform, team, row)
    clock.advance_to(clock.now() + timedelta(minutes=10))  # Discord forgot the nonce
    await retry(platform, team, row)
    assert platform.posted()[team.channel_id] == [(row.id, 0), (row.id, 1), (row.id, 2)]


async def test_discord_pieces_that_went_out_are_not_sent_again_after_a_long_rate_limit(
    world: tuple[Runtime, VirtualClock], discord: Callable[[int, int], Awaitable[Platform]]
) -> None:
    platform, team, row = await one_row(world, discord)
    _, clock = world
    platform.fake.fail("POST", DISCORD_CHANNEL.pattern, "429", retry_after=300.0, skip=1)
    with pytest.raises(PostError) as raised:
        await retry(platform, team, row)
    assert raised.value.retry_after == 300.0
    clock.advance_to(clock.now() + timedelta(seconds=300))  # past the nonce window
    await retry(platform, team, row)
    assert platform.posted()[team.channel_id] == [(row.id, 0), (row.id, 1), (row.id, 2)]


async def test_discord_an_unreadable_history_fails_the_try_instead_of_posting_blind(
    world: tuple[Runtime, VirtualClock], discord: Callable[[int, int], Awaitable[Platform]]
) -> None:
    platform, team, row = await one_row(world, discord)
    _, clock = world
    platform.fake.fail("POST", DISCORD_CHANNEL.pattern, "timeout-posted", hang=HANG)
    platform.fake.fail("GET", DISCORD_CHANNEL.pattern, "500", times=None)
    with pytest.raises(PostError):
        await retry(platform, team, row)
    clock.advance_to(clock.now() + timedelta(minutes=10))
    with pytest.raises(PostError):  # cannot tell what went out: not now
        await retry(platform, team, row)
    platform.fake.faults.clear()
    await retry(platform, team, row)
    assert platform.posted()[team.channel_id] == [(row.id, 0), (row.id, 1), (row.id, 2)]


# --- the larger run, for the README's figures ------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_slack_at_scale(
    world: tuple[Runtime, VirtualClock],
    slack: Callable[[int, int], Awaitable[Platform]],
    seed: int,
) -> None:
    figures = await run(world, slack, channels=100, rows=10, seed=seed)
    print(f"\nseed {seed}: {figures.line()}")
    check(figures)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_discord_at_scale(
    world: tuple[Runtime, VirtualClock],
    discord: Callable[[int, int], Awaitable[Platform]],
    seed: int,
) -> None:
    figures = await run(world, discord, channels=100, rows=10, seed=seed)
    print(f"\nseed {seed}: {figures.line()}")
    check(figures)
