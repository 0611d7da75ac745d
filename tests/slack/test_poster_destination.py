"""Outbox rows to another Slack channel and into a thread: `chat.postMessage` with `channel` and
`thread_ts`, an uncertain thread row looked for in the thread, a thread that is gone, a
refused other channel parked apart from the team's own."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from adapters.slack import SlackAdapter
from bot.delivery import PostError
from bot.model.teams import Team
from bot.outbox import State
from bot.text import Attachment, Message, Plain
from tests.slack.conftest import SlackDriver
from tests.slack.fake import CHANNEL, OTHER_CHANNEL, FakeSlack
from tests.slack.test_poster import DUE, outbox, queue, row_of


@pytest.fixture
async def team_row(team: SlackDriver, runtime) -> Team:
    found = await runtime.bot.team_for_channel("slack", CHANNEL)
    assert found is not None
    return found


def said(text: str) -> Message:
    return Message.of((Plain(text),))


async def test_a_row_goes_to_its_channel_and_thread_and_an_uncertain_one_is_found_there(
    adapter: SlackAdapter, team_row: Team, fake: FakeSlack
):
    parent = row_of(team_row, said("mentors of team A"), row_id=20, channel_id=OTHER_CHANNEL)
    await adapter.poster.post(team_row, parent, uncertain=False)
    [posted] = fake.posts(OTHER_CHANNEL)
    assert "thread_ts" not in posted.args
    ts = fake.history[OTHER_CHANNEL][-1].ts

    reply = row_of(team_row, said("the mentor's answer"), row_id=21)
    reply = replace(reply, channel_id=OTHER_CHANNEL, thread_ref=ts)
    await adapter.poster.post(team_row, reply, uncertain=False)
    answered = fake.posts(OTHER_CHANNEL)[-1]
    assert answered.args["thread_ts"] == ts and answered.args["text"] == "the mentor's answer"
    assert [p.args["text"] for p in fake.posts(CHANNEL)][-1:] != ["the mentor's answer"]

    start = len(fake.calls)
    await adapter.poster.post(team_row, reply, uncertain=True)  # e.g. after a crash
    assert [c.method for c in fake.calls[start:]] == ["conversations.replies"]
    assert fake.calls[start].args["ts"] == ts and fake.calls[start].args["channel"] == OTHER_CHANNEL


async def test_a_thread_that_is_gone_gets_the_row_top_level_in_its_channel_with_a_log_line(
    adapter: SlackAdapter, team_row: Team, fake: FakeSlack, runtime, caplog
):
    runtime.clock.set(DUE)
    fake.gone_threads.add("1628491800.000100")
    row = row_of(team_row, said("an answer"), row_id=None, channel_id=OTHER_CHANNEL)
    digest = Attachment("week02/peer-minutes.md", "# minutes\n")
    await queue(runtime, replace(row, thread_ref="1628491800.000100", attachment=digest))
    with caplog.at_level(logging.WARNING):
        assert await runtime.delivery({"slack": adapter.poster}).deliver_due() == 1
    refused, posted = fake.of("chat.postMessage")[-2:]
    assert refused.args["thread_ts"] == "1628491800.000100" and not refused.ok
    assert posted.ok and posted.args["channel"] == OTHER_CHANNEL and "thread_ts" not in posted.args
    assert any("thread_not_found" in r.getMessage() for r in caplog.records)
    [shared] = [m for m in fake.history[OTHER_CHANNEL] if m.files]  # the file too, top level
    assert shared.thread_ts == "" and shared.files[0]["title"] == "week02/peer-minutes.md"
    [sent] = await outbox(runtime, team_row)
    assert sent.state is State.SENT


async def test_a_refused_other_channel_parks_its_rows_only_and_the_admins_are_told_which(
    adapter: SlackAdapter, team_row: Team, fake: FakeSlack, runtime
):
    runtime.clock.set(DUE)
    fake.channel_errors[OTHER_CHANNEL] = "not_in_channel"
    await queue(runtime, row_of(team_row, said("mentors"), row_id=None, channel_id=OTHER_CHANNEL))
    await queue(runtime, row_of(team_row, said("own"), row_id=None, occurrence="own"))
    assert await runtime.delivery({"slack": adapter.poster}).deliver_due() == 1
    assert fake.posts(CHANNEL)[-1].args["text"] == "own"
    states = {m.occurrence: m.state for m in await outbox(runtime, team_row)}
    assert states == {"2021-08-09": State.PARKED, "own": State.SENT}
    [told] = [p for p in fake.posts() if p.args["channel"].startswith("D")]
    assert f"channel {OTHER_CHANNEL} (I am not a member)" in told.args["text"]


async def test_a_thread_gone_between_the_text_and_the_file_gets_the_file_top_level(
    adapter: SlackAdapter, team_row: Team, fake: FakeSlack
):
    parent = row_of(team_row, said("the card"), row_id=30, channel_id=OTHER_CHANNEL)
    await adapter.poster.post(team_row, parent, uncertain=False)
    ts = fake.history[OTHER_CHANNEL][-1].ts
    digest = Attachment("week02/peer-minutes.md", "# minutes\n")
    row = row_of(team_row, said("minutes"), row_id=31, channel_id=OTHER_CHANNEL, attachment=digest)
    row = replace(row, thread_ref=ts)
    fake.fail("files.completeUploadExternal", "500")
    with pytest.raises(PostError):
        await adapter.poster.post(team_row, row, uncertain=False)
    fake.gone_threads.add(ts)  # the card is deleted before the retry
    await adapter.poster.post(team_row, row, uncertain=False)
    texts = [m for m in fake.history[OTHER_CHANNEL] if m.text == "minutes"]
    assert [m.thread_ts for m in texts] == [ts]  # the text went in the thread, once
    [shared] = [m for m in fake.history[OTHER_CHANNEL] if m.files]
    assert shared.thread_ts == ""
