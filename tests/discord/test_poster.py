"""Scheduled posts to a team's channel: nonces, pieces, files, rate limits, and failures."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import discord
import pytest
from discord.http import MultipartParameters

from adapters.discord import DiscordAdapter, DiscordPoster
from adapters.discord.endpoints import Endpoints
from adapters.discord.render import pieces
from bot import i18n
from bot.delivery import Delivery, PostError
from bot.model.teams import Member, Team
from bot.outbox import OutboxMessage, PostKind, State
from bot.scheduled.writer import mention_list
from bot.text import Attachment, Mention, Message, Plain, UserText
from peerbot.bootstrap import Runtime
from tests.discord.conftest import set_up_team
from tests.discord.fake import CHANNEL_ID, FakeDiscord

CHANNEL = str(CHANNEL_ID)
MESSAGES = rf"^/channels/{CHANNEL_ID}/messages$"


@pytest.fixture
async def quick_poster(settings, runtime: Runtime) -> AsyncIterator[DiscordPoster]:
    """A poster that gives up on a post after half a second."""
    assert settings.discord_token is not None
    endpoints = Endpoints(settings.discord_api_url, settings.discord_gateway_url)
    poster = DiscordPoster(endpoints, settings.discord_token, runtime.bot, budget=0.5)
    await poster.open()
    yield poster
    await poster.close()


@pytest.fixture
async def team(adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime) -> Team:
    await set_up_team(fake)
    found = await runtime.bot.team_for_channel("discord", CHANNEL)
    assert found is not None
    return found


def row(team: Team, message: Message, *, row_id: int = 7, **more) -> OutboxMessage:
    now = datetime(2021, 8, 9, 3, 0, tzinfo=UTC)  # due before the test clock's 04:00 UTC
    return OutboxMessage(
        team_id=team.id or 0,
        kind=more.pop("kind", PostKind.SESSION),
        occurrence="2021-08-09",
        due_at=now,
        message=message,
        created_at=now,
        id=row_id,
        **more,
    )


def hello(text: str = "Peer session in 10 minutes") -> Message:
    return Message.of((Plain(text + " "), Mention("111", "kim"), UserText(" @everyone")))


def posts(fake: FakeDiscord, channel: str = CHANNEL) -> list[dict]:
    return fake.channel_messages.get(channel, [])


async def test_a_post_carries_its_nonce_and_mentions_only_whom_it_means(
    adapter: DiscordAdapter, fake: FakeDiscord, team: Team
):
    await adapter.poster.post(team, row(team, hello()), uncertain=False)
    (post,) = posts(fake)
    assert post["nonce"] == "7-0" and post["enforce_nonce"] is True
    assert post["allowed_mentions"] == {"parse": [], "users": [111]}
    assert "<@111>" in post["content"] and "@everyone" not in post["content"]


async def test_a_long_post_goes_in_pieces_in_order_with_the_file_on_the_last(
    adapter: DiscordAdapter, fake: FakeDiscord, team: Team
):
    lines = tuple((Plain(f"line {i:03} "), UserText("x" * 60)) for i in range(90))
    digest = Attachment("week02/peer-minutes.md", "# 20210809 피어세션\n")
    await adapter.poster.post(team, row(team, Message(lines), attachment=digest), uncertain=False)
    sent = posts(fake)
    assert len(sent) >= 3
    assert [p["nonce"] for p in sent] == [f"7-{i}" for i in range(len(sent))]
    assert all(len(p["content"]) <= 2000 for p in sent)
    assert "line 000" in sent[0]["content"] and "line 089" in sent[-1]["content"]
    uploads = [c for c in fake.calls_to("POST", MESSAGES) if c.files]
    assert [f for c in uploads for f in c.files] == [
        ("week02-peer-minutes.md", "# 20210809 피어세션\n".encode())
    ]
    assert uploads[0].json["nonce"] == sent[-1]["nonce"]


async def test_a_retro_nudge_mentioning_250_members_names_each_only_in_its_own_piece(
    adapter: DiscordAdapter, fake: FakeDiscord, team: Team
):
    members = [Member(team.id or 0, str(1000 + n), f"m{n}", id=n) for n in range(250)]
    nudge = i18n.say(team.language, "remind.retro", day="Day 6", who=mention_list(members))
    await adapter.poster.post(team, row(team, nudge, kind=PostKind.RETRO), uncertain=False)
    sent = posts(fake)
    assert fake.refused == [] and len(sent) >= 3
    named: list[int] = []
    for post in sent:
        users = post["allowed_mentions"]["users"]
        assert len(users) <= 100 and len(post["content"]) <= 2000
        assert all(f"<@{user}>" in post["content"] for user in users)
        named += users
    assert sorted(named) == [1000 + n for n in range(250)]  # each member once, none left out


async def test_the_fake_refuses_a_message_naming_more_than_100_users_like_discord(
    adapter: DiscordAdapter, fake: FakeDiscord, team: Team
):
    too_many = {"content": "hi", "allowed_mentions": {"parse": [], "users": list(range(1, 102))}}
    with pytest.raises(discord.HTTPException) as raised:
        await adapter.poster._http.send_message(CHANNEL_ID, params=_params(too_many))
    assert raised.value.status == 400 and posts(fake) == []


def _params(body: dict) -> MultipartParameters:
    return MultipartParameters(payload=body, multipart=None, files=None)


async def test_a_post_answered_429_is_delivered_after_the_wait(
    adapter: DiscordAdapter, fake: FakeDiscord, team: Team
):
    fake.fail("POST", MESSAGES, "429", retry_after=0.3)
    started = time.perf_counter()
    await adapter.poster.post(team, row(team, hello()), uncertain=False)
    assert time.perf_counter() - started >= 0.3
    assert [c.status for c in fake.calls_to("POST", MESSAGES)] == [429, 200]
    assert len(posts(fake)) == 1


async def test_a_long_rate_limit_is_handed_to_the_outbox_with_its_retry_after(
    adapter: DiscordAdapter, fake: FakeDiscord, team: Team
):
    fake.fail("POST", MESSAGES, "429", retry_after=45.0)
    with pytest.raises(PostError) as raised:
        await adapter.poster.post(team, row(team, hello()), uncertain=False)
    assert raised.value.retry_after == 45.0 and not raised.value.permanent
    assert posts(fake) == []


async def test_one_rate_limited_post_does_not_hold_the_delivery_round(
    fake: FakeDiscord, team: Team, quick_poster: DiscordPoster
):
    poster = quick_poster
    fake.fail("POST", MESSAGES, "429", retry_after=8.0)
    started = time.perf_counter()
    with pytest.raises(PostError) as raised:
        await poster.post(team, row(team, hello()), uncertain=False)
    assert time.perf_counter() - started < 2.0
    assert raised.value.retry_after == 8.0 and not raised.value.permanent


@pytest.mark.parametrize("kind", ["500", "timeout"])
async def test_server_errors_and_timeouts_are_retried_later(
    fake: FakeDiscord, team: Team, quick_poster: DiscordPoster, kind: str
):
    poster = quick_poster
    fake.fail("POST", MESSAGES, kind, times=None)
    with pytest.raises(PostError) as raised:
        await poster.post(team, row(team, hello()), uncertain=False)
    assert not raised.value.permanent
    assert posts(fake) == []


@pytest.mark.parametrize(("kind", "status"), [("403", 403), ("404", 404)])
async def test_a_forbidden_or_gone_channel_parks_the_row_and_tells_the_admins_once(
    adapter: DiscordAdapter,
    fake: FakeDiscord,
    team: Team,
    kind: str,
    status: int,
    caplog: pytest.LogCaptureFixture,
):
    fake.fail("POST", MESSAGES, kind, times=2)
    for row_id in (7, 8):
        with pytest.raises(PostError) as raised:
            await adapter.poster.post(team, row(team, hello(), row_id=row_id), uncertain=False)
        assert raised.value.park and str(status) in raised.value.reason
    dm = fake.calls_to("POST", r"^/users/@me/channels$")
    assert [c.json for c in dm] == [{"recipient_id": 111}]  # kim, the admin; once
    (notice,) = posts(fake, "8111")
    assert "study" in notice["content"] and "go out once I can post" in notice["content"]
    assert notice["allowed_mentions"] == {"parse": [], "users": []}
    logged = [r for r in caplog.records if r.levelname == "ERROR" and "outbox row 7" in r.message]
    assert logged and CHANNEL in logged[0].message


async def test_a_repost_of_the_same_row_is_not_posted_twice(
    adapter: DiscordAdapter, fake: FakeDiscord, team: Team
):
    await adapter.poster.post(team, row(team, hello()), uncertain=False)
    await adapter.poster.post(team, row(team, hello()), uncertain=False)  # nonce: de-duplicated
    await adapter.poster.post(team, row(team, hello()), uncertain=True)  # found in the history
    assert len(posts(fake)) == 1
    assert len(fake.calls_to("POST", MESSAGES)) == 2  # the uncertain one did not even try
    assert fake.calls_to("GET", MESSAGES)


async def test_an_uncertain_row_posts_only_the_pieces_that_are_missing(
    adapter: DiscordAdapter, fake: FakeDiscord, team: Team
):
    lines = tuple((Plain(f"line {i:03} "), UserText("y" * 60)) for i in range(60))
    fake.fail("POST", MESSAGES, "403", times=1, skip=1)  # the first piece goes, not the second
    with pytest.raises(PostError):
        await adapter.poster.post(team, row(team, Message(lines)), uncertain=False)
    assert len(posts(fake)) == 1
    fake._nonces.clear()  # later than Discord's nonce window
    await adapter.poster.post(team, row(team, Message(lines)), uncertain=True)
    nonces = [p["nonce"] for p in posts(fake)]
    assert len(nonces) >= 3 and nonces == [f"7-{i}" for i in range(len(nonces))]


async def test_the_delivery_loop_keeps_a_post_it_cannot_deliver(
    adapter: DiscordAdapter, fake: FakeDiscord, team: Team, runtime: Runtime
):
    fake.fail("POST", MESSAGES, "403", times=None)
    async with runtime.uow_factory() as uow:
        await uow.outbox.add(row(team, hello(), row_id=None))
        await uow.commit()
    delivery = Delivery(runtime.uow_factory, runtime.clock, {"discord": adapter.poster})
    assert await delivery.deliver_due() == 0
    async with runtime.uow_factory() as uow:
        (kept,) = await uow.outbox.list(team.id)
    assert kept.state is State.PARKED and "403" in (kept.last_error or "")


async def test_an_admin_who_cannot_be_messaged_is_logged_not_fatal(
    adapter: DiscordAdapter, fake: FakeDiscord, team: Team, caplog: pytest.LogCaptureFixture
):
    fake.fail("POST", MESSAGES, "404")  # the bot was removed from the server
    fake.fail("POST", r"^/users/@me/channels$", "403")  # and shares no server with kim now
    with pytest.raises(PostError) as raised:
        await adapter.poster.post(team, row(team, hello()), uncertain=False)
    assert raised.value.park
    assert any("could not tell admin 111" in r.message for r in caplog.records)


def test_a_piece_dense_with_short_ids_is_cut_before_its_101st_user():
    line = tuple(span for n in range(300) for span in (Mention(str(n + 1), "x"), Plain(" ")))
    cut = pieces(Message.of(line))
    assert len(cut) == 3 and all(len(piece.users) == 100 for piece in cut)
    assert all(len(piece.text) <= 2000 for piece in cut)
    assert [u for piece in cut for u in piece.users] == list(range(1, 301))


def test_a_user_mentioned_twice_counts_once_and_user_text_names_nobody():
    message = Message.of(
        (Mention("5", "kim"), Plain(" "), Mention("5", "kim")), (UserText("<@6>"),)
    )
    (piece,) = pieces(message)
    assert piece.users == (5,)


async def test_the_fake_refuses_a_file_over_8_mib_like_discord(
    adapter: DiscordAdapter, fake: FakeDiscord, team: Team
):
    big = Attachment("week02/peer-minutes.md", "x" * (8 * 1024 * 1024 + 1))
    with pytest.raises(PostError) as raised:
        await adapter.poster.post(team, row(team, hello(), attachment=big), uncertain=False)
    assert "413" in raised.value.reason and posts(fake) == []


async def test_a_weekly_post_within_the_cores_file_limit_goes_through_the_fake(
    adapter: DiscordAdapter, fake: FakeDiscord, team: Team
):
    from bot.handlers.files import FILE_LIMIT

    fits = Attachment("week02/peer-minutes.md", "x" * FILE_LIMIT)
    await adapter.poster.post(team, row(team, hello(), attachment=fits), uncertain=False)
    assert fake.refused == [] and len(posts(fake)) == 1
