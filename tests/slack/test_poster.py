"""Scheduled posts: metadata, splitting, files, 429s, unreachable channels, uncertain rows."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest

from adapters.slack import SlackAdapter
from bot.delivery import PostError
from bot.model.teams import Team
from bot.outbox import OutboxMessage, PostKind, State
from bot.text import Attachment, Message, Plain, UserText
from tests.slack.conftest import SEOUL, SlackDriver
from tests.slack.fake import CHANNEL, FakeSlack

DUE = datetime(2021, 8, 9, 15, 50, tzinfo=SEOUL)


@pytest.fixture
async def team_row(team: SlackDriver, runtime) -> Team:
    found = await runtime.bot.team_for_channel("slack", CHANNEL)
    assert found is not None
    return found


def row_of(team: Team, message: Message, *, row_id: int = 7, **more) -> OutboxMessage:
    fields = {"kind": PostKind.SESSION, "occurrence": "2021-08-09", "due_at": DUE} | more
    return OutboxMessage(team.id, message=message, created_at=DUE, id=row_id, **fields)


async def queue(runtime, row: OutboxMessage) -> None:
    async with runtime.uow_factory() as uow:
        assert await uow.outbox.add(row)
        await uow.commit()


async def outbox(runtime, team: Team) -> list[OutboxMessage]:
    async with runtime.uow_factory() as uow:
        return list(await uow.outbox.list(team.id))


def text_of(lines: int, width: int = 90) -> Message:
    return Message(tuple((Plain(f"{n:05d} " + "x" * width),) for n in range(lines)))


async def test_a_post_carries_its_row_and_piece_as_metadata_and_is_split_in_order(
    adapter: SlackAdapter, team_row: Team, fake: FakeSlack
):
    start = len(fake.calls)
    await adapter.poster.post(team_row, row_of(team_row, text_of(300)), uncertain=False)
    posts = [c for c in fake.calls[start:] if c.method == "chat.postMessage"]
    assert len(posts) == 3  # 300 lines of 96 characters: 28,800 in pieces of at most 12,000
    for index, post in enumerate(posts):
        assert post.args["channel"] == CHANNEL
        assert post.args["metadata"] == {
            "event_type": "peerbot_outbox",
            "event_payload": {"row": 7, "piece": index},
        }
        assert len(post.args["text"]) <= 12000
        assert all(len(b["text"]["text"]) <= 3000 for b in post.args["blocks"])
    joined = "\n".join(p.args["text"] for p in posts)
    assert joined.split("\n")[0].startswith("00000") and joined.split("\n")[-1].startswith("00299")
    assert "conversations.history" not in [c.method for c in fake.calls[start:]]


async def test_a_429_is_retried_after_retry_after_by_the_delivery_loop(
    adapter: SlackAdapter, team_row: Team, fake: FakeSlack, runtime
):
    runtime.clock.set(DUE)
    await queue(runtime, row_of(team_row, Message.of((Plain("session soon"),)), row_id=None))
    fake.fail("chat.postMessage", "429", retry_after=30)
    delivery = runtime.delivery({"slack": adapter.poster})
    assert await delivery.deliver_due() == 0
    assert len(fake.of("chat.postMessage")) == 2  # the setup reply and this one: no sdk retry
    [waiting] = await outbox(runtime, team_row)
    assert waiting.state is State.PENDING and "rate limited" in (waiting.last_error or "")
    assert waiting.next_attempt_at is not None
    assert waiting.next_attempt_at >= DUE + timedelta(seconds=30)

    runtime.clock.set(DUE + timedelta(seconds=29))
    assert await delivery.deliver_due() == 0  # not before Slack's Retry-After
    runtime.clock.set(DUE + timedelta(seconds=31))
    assert await delivery.deliver_due() == 1
    [sent] = await outbox(runtime, team_row)
    assert sent.state is State.SENT
    assert fake.posts(CHANNEL)[-1].args["text"] == "session soon"


@pytest.mark.parametrize("error", ["not_in_channel", "channel_not_found", "is_archived"])
async def test_an_unreachable_channel_parks_the_row_and_tells_the_admins_once(
    adapter: SlackAdapter, team_row: Team, fake: FakeSlack, runtime, caplog, error
):
    runtime.clock.set(DUE)
    await queue(runtime, row_of(team_row, Message.of((Plain("reminder"),)), row_id=None))
    await queue(
        runtime,
        row_of(team_row, Message.of((Plain("another"),)), row_id=None, occurrence="b"),
    )
    fake.channel_errors[CHANNEL] = error
    delivery = runtime.delivery({"slack": adapter.poster})
    with caplog.at_level(logging.ERROR):
        assert await delivery.deliver_due() == 0
    rows = await outbox(runtime, team_row)
    assert rows[0].state is State.PARKED and error in (rows[0].last_error or "")
    assert rows[1].state is State.PENDING  # held back behind the parked row, never tried
    assert any(error in r.getMessage() and CHANNEL in r.getMessage() for r in caplog.records)
    [opened] = fake.of("conversations.open")
    assert opened.args["users"] == "U0KIM"  # kim set the team up: its admin
    [told] = [c for c in fake.posts() if c.args["channel"] == "D0KIM"]
    assert "peer-session" in told.args["text"] and "/invite @peerbot" in told.args["text"]

    assert await delivery.deliver_due() == 0  # the later row waits: no second try, no second DM
    assert len(fake.of("conversations.open")) == 1


async def test_a_refused_token_parks_the_row_and_is_logged_without_the_token(
    adapter: SlackAdapter, team_row: Team, fake: FakeSlack, caplog
):
    fake.revoked = True
    with pytest.raises(PostError) as raised, caplog.at_level(logging.ERROR):
        await adapter.poster.post(team_row, row_of(team_row, text_of(1)), uncertain=False)
    assert raised.value.park and "token_revoked" in raised.value.reason
    assert any("SLACK_BOT_TOKEN" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("kind", ["500", "internal_error"])
async def test_server_errors_are_retried(
    adapter: SlackAdapter, team_row: Team, fake: FakeSlack, kind
):
    fake.fail("chat.postMessage", kind)
    with pytest.raises(PostError) as raised:
        await adapter.poster.post(team_row, row_of(team_row, text_of(1)), uncertain=False)
    assert not raised.value.permanent and raised.value.retry_after is None


async def test_a_timeout_is_retried_and_the_next_try_looks_in_the_history_first(
    settings, runtime, team_row: Team, fake: FakeSlack
):
    quick = SlackAdapter(settings, runtime.bot, api_timeout=0.5)
    await quick.start()
    try:
        fake.fail("chat.postMessage", "timeout", hang=5)
        row = row_of(team_row, text_of(1))
        with pytest.raises(PostError) as raised:
            await quick.poster.post(team_row, row, uncertain=False)
        assert not raised.value.permanent
        start = len(fake.calls)
        await quick.poster.post(team_row, row, uncertain=False)
        methods = [c.method for c in fake.calls[start:]]
        assert methods == ["conversations.history", "chat.postMessage"]
    finally:
        await quick.close()


async def test_an_uncertain_row_skips_the_pieces_already_in_the_channel(
    adapter: SlackAdapter, team_row: Team, fake: FakeSlack
):
    row = row_of(team_row, text_of(300), row_id=12)
    fake.fail("chat.postMessage", "500", skip=2)  # the first two pieces go out, then a failure
    with pytest.raises(PostError):
        await adapter.poster.post(team_row, row, uncertain=False)
    start = len(fake.calls)
    await adapter.poster.post(team_row, row, uncertain=True)  # e.g. after a crash
    calls = fake.calls[start:]
    [history] = [c for c in calls if c.method == "conversations.history"]
    assert history.args["channel"] == CHANNEL
    assert history.args["include_all_metadata"] in (True, "1", "true")
    assert float(history.args["oldest"]) <= DUE.timestamp()
    [posted] = [c for c in calls if c.method == "chat.postMessage"]
    assert posted.args["metadata"]["event_payload"] == {"row": 12, "piece": 2}

    start = len(fake.calls)
    await adapter.poster.post(team_row, row, uncertain=True)  # all there now: nothing again
    assert [c.method for c in fake.calls[start:]] == ["conversations.history"]


async def test_the_weekly_digest_row_uploads_its_file_once(
    adapter: SlackAdapter, team_row: Team, fake: FakeSlack
):
    digest = Attachment("week02/peer-minutes.md", "# 20210809 피어세션\n- Q. <!here>?\n")
    row = row_of(
        team_row,
        Message.of(
            (Plain("📚 Week 2: "), UserText("<!channel> summary")),
        ),
        kind=PostKind.DIGEST,
        attachment=digest,
        row_id=30,
    )
    start = len(fake.calls)
    await adapter.poster.post(team_row, row, uncertain=False)
    methods = [c.method for c in fake.calls[start:]]
    assert methods == [
        "chat.postMessage",
        "files.getUploadURLExternal",
        "upload",
        "files.completeUploadExternal",
    ]
    upload = fake.calls[start + 2]
    assert upload.body.decode() == digest.text  # the file is the Markdown as written
    assert "&lt;!channel&gt;" in fake.calls[start].args["text"]

    start = len(fake.calls)
    await adapter.poster.post(team_row, row, uncertain=True)
    assert [c.method for c in fake.calls[start:]] == ["conversations.history"]


async def test_a_history_read_rate_limited_is_retried_later(
    adapter: SlackAdapter, team_row: Team, fake: FakeSlack
):
    fake.fail("conversations.history", "429", retry_after=7)
    with pytest.raises(PostError) as raised:
        await adapter.poster.post(team_row, row_of(team_row, text_of(1)), uncertain=True)
    assert raised.value.retry_after == 7 and not raised.value.permanent
    assert fake.of("chat.postMessage")[-1].args.get("metadata") is None  # nothing posted
