"""Replies in a question card's thread on Slack: `message` events under the card's ts become
answers once the team captures them (edited and deleted with the reply); otherwise the thread
is told once. Bot messages and other subtypes are left alone."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

from peerbot.bootstrap import Runtime
from tests.conftest import snapshot
from tests.slack.conftest import SlackDriver
from tests.slack.fake import BOT_ID, BOT_USER, CHANNEL, FakeSlack, event_callback, sign
from tests.slack.test_cards import ask

_ts = itertools.count(100)


async def send(team: SlackDriver, event: dict[str, Any]) -> None:
    """One Events API request, then the work it caused."""
    body = event_callback(
        {"type": "message", "channel": CHANNEL, "channel_type": "channel", **event}
    )
    status, _, _ = await team.send(body, {**sign(body), "Content-Type": "application/json"})
    assert status == 200
    await asyncio.sleep(0.05)
    await team.fake.settle()


def message(thread: str, text: str, user: str = "U0LEE", ts: str = "") -> dict[str, Any]:
    return {
        "user": user,
        "text": text,
        "ts": ts or f"1628480{next(_ts)}.000100",
        "thread_ts": thread,
    }


async def answers(runtime: Runtime) -> list[tuple[str, str, str]]:
    async with runtime.uow_factory() as uow:
        [team] = await uow.teams.list()
        question = await uow.questions.get(team.id or 0, 1)
        members = {m.id: m.user_id for m in await uow.members.list(team.id or 0)}
    assert question is not None
    return [(members[a.member_id], a.text, a.source_link or "") for a in question.answers]


def in_thread(fake: FakeSlack, ts: str) -> list[str]:
    return [p.text for p in fake.history.get(CHANNEL, []) if p.thread_ts == ts]


async def test_a_reply_under_the_card_is_recorded_with_its_link_and_edits_the_card(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime, adapter
):
    ts = await ask(team)
    await team.command("/team", "settings capture:threads")
    reply = message(ts, "they add up, see <@U0KIM>")
    await send(team, reply)
    link = f"https://study.slack.com/archives/{CHANNEL}/p{reply['ts'].replace('.', '')}"
    assert await answers(runtime) == [
        ("U0LEE", "they add up, see @kim", f"{link}?thread_ts={ts}&cid={CHANNEL}")
    ]
    assert in_thread(fake, ts) == []  # nothing said: the card shows it
    assert await runtime.delivery({"slack": adapter.poster}).deliver_due() == 1
    assert "they add up" in fake.message(CHANNEL, ts).text


async def test_an_edited_reply_edits_its_answer_and_a_deleted_one_removes_it(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime
):
    ts = await ask(team)
    await team.command("/team", "settings capture:threads")
    reply = message(ts, "they add up")
    await send(team, reply)
    edited = {**reply, "text": "they accumulate", "edited": {"user": "U0LEE", "ts": "1"}}
    await send(team, {"subtype": "message_changed", "message": edited, "previous_message": reply})
    assert [a[1] for a in await answers(runtime)] == ["they accumulate"]
    await send(
        team,
        {"subtype": "message_deleted", "deleted_ts": reply["ts"], "previous_message": edited},
    )
    assert await answers(runtime) == []


async def test_with_capture_off_the_thread_is_told_once_and_nothing_is_recorded(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime
):
    ts = await ask(team)
    await send(team, message(ts, "they add up"))
    [told] = in_thread(fake, ts)
    assert "not recorded" in told and "capture:threads" in told
    await send(team, message(ts, "and again"))
    assert len(in_thread(fake, ts)) == 1 and await answers(runtime) == []


async def test_bot_messages_other_subtypes_and_other_threads_are_left_alone(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime
):
    ts = await ask(team)
    await team.command("/team", "settings capture:threads")
    before = await snapshot(runtime.uow_factory)
    calls = len(fake.calls)
    await send(team, {**message(ts, "from a bot"), "bot_id": BOT_ID, "user": BOT_USER})
    await send(team, {**message(ts, "an app"), "subtype": "bot_message", "bot_id": "B9"})
    await send(team, {**message(ts, "joined"), "subtype": "channel_join"})
    await send(team, {"user": "U0LEE", "text": "not in a thread", "ts": "1628489999.000100"})
    await send(team, message("1628000000.000001", "under another message"))
    assert await snapshot(runtime.uow_factory) == before
    assert not [c for c in fake.calls[calls:] if c.method.startswith("chat.")]


async def test_a_reply_too_long_to_store_is_told_to_its_author_alone(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime
):
    ts = await ask(team)
    await team.command("/team", "settings capture:threads")
    before = await snapshot(runtime.uow_factory)
    calls = len(fake.calls)
    await send(team, message(ts, "x" * 5000))
    [told] = [c for c in fake.calls[calls:] if c.method.startswith("chat.")]
    assert told.method == "chat.postEphemeral" and told.args["user"] == "U0LEE"
    assert told.args["thread_ts"] == ts and len(told.args["text"].splitlines()) == 1
    assert await snapshot(runtime.uow_factory) == before


async def test_deleting_a_message_no_answer_came_from_changes_nothing(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime
):
    ts = await ask(team)
    await team.command("/team", "settings capture:threads")
    await send(team, message(ts, "they add up"))
    before = await snapshot(runtime.uow_factory)
    calls = len(fake.calls)
    for other in (message(ts, "never recorded", user="U0NEW"), message(ts, "by lee, unseen")):
        await send(
            team,
            {"subtype": "message_deleted", "deleted_ts": other["ts"], "previous_message": other},
        )
    assert await snapshot(runtime.uow_factory) == before  # U0NEW did not join either
    assert [a[1] for a in await answers(runtime)] == ["they add up"]
    assert not [c for c in fake.calls[calls:] if c.method.startswith("chat.")]
