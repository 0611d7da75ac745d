"""Question cards' threads on Slack: the card's ts is its thread, the bot's answer and the
acceptance go under it, and the card keeps its permalink for the agenda and the digest."""

from __future__ import annotations

from peerbot.bootstrap import Runtime
from tests.conftest import snapshot
from tests.slack.conftest import SlackDriver
from tests.slack.fake import CHANNEL, FakeSlack
from tests.slack.test_cards import ask, press


async def cards_of(runtime: Runtime) -> list[tuple[str, str, str]]:
    """Every stored card as (message ref, thread ref, link)."""
    async with runtime.uow_factory() as uow:
        return [
            (c.message_ref, c.thread_ref, c.link)
            for t in await uow.teams.list()
            for c in await uow.cards.list(t.id or 0)
        ]


async def test_the_card_is_its_thread_and_keeps_its_permalink(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime
):
    ts = await ask(team)
    link = f"https://study.slack.com/archives/{CHANNEL}/p{ts.replace('.', '')}"
    assert await cards_of(runtime) == [(ts, ts, link)]


async def test_the_answer_and_the_acceptance_go_in_the_cards_thread(
    team: SlackDriver, fake: FakeSlack
):
    ts = await ask(team)
    answered = await team.command("/answer", "1 gradients add up", user="U0LEE")
    reply = answered.only()
    assert reply in answered.public and reply.args["thread_ts"] == ts
    assert "#1" in reply.args["text"]
    await press(team, ts, "Answer tomorrow", "U0LEE")  # the card shows Accept now
    accepted = await press(team, ts, "Accept", "U0KIM")
    assert accepted.only().args["thread_ts"] == ts and "lee" in accepted.only().args["text"]
    reopened = await team.command("/reopen", "1")  # not an answer: in the channel
    assert "thread_ts" not in reopened.only().args


async def test_a_card_without_a_thread_leaves_replies_in_the_channel(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime
):
    await ask(team)
    async with runtime.uow_factory() as uow:  # a card posted before cards had threads
        for t in await uow.teams.list():
            for c in await uow.cards.list(t.id or 0):
                await uow.cards.set_thread(c.id or 0, "", "")
        await uow.commit()
    answered = await team.command("/answer", "1 gradients add up", user="U0LEE")
    assert answered.only() in answered.public and "thread_ts" not in answered.only().args


async def test_a_refused_answer_is_one_private_sentence_and_nothing_is_stored(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime
):
    await ask(team)
    before = await snapshot(runtime.uow_factory)
    answered = await team.command("/answer", "9 nothing", user="U0LEE")
    assert answered.only() in answered.private and "thread_ts" not in answered.only().args
    assert "There is no question #9" in answered.only().args["text"]
    assert await snapshot(runtime.uow_factory) == before
