"""Message shortcuts on Slack: *Save as question* and *Save as answer*, with the real slack-bolt
against the fake Slack: the author is credited, the permalink kept, Slack's markup turned into
words that ping no one, and another channel's or a bot's message refused, the data unchanged."""

from __future__ import annotations

import json
from typing import Any

from bot.ports import QuestionQuery
from peerbot.bootstrap import Runtime
from tests.conftest import snapshot
from tests.slack.conftest import SlackDriver
from tests.slack.fake import (
    BOT_ID,
    BOT_USER,
    CHANNEL,
    OTHER_CHANNEL,
    FakeSlack,
    message_action,
    view_submission,
)

LINK = f"https://study.slack.com/archives/{CHANNEL}/p1000002"


def lee(text: str, **more: str) -> dict[str, str]:
    return {"user": "U0LEE", "text": text, **more}


async def questions(runtime: Runtime):
    async with runtime.uow_factory() as uow:
        [team] = await uow.teams.list()
        found = list(await uow.questions.find(team.id, QuestionQuery(limit=None)))
        members = {m.id: m for m in await uow.members.list(team.id)}
    return found, members


async def test_save_as_question_credits_the_author_with_the_permalink(
    team: SlackDriver, runtime: Runtime
):
    text = "why <@U0PARK> and <!here>: see <https://x.io/a?b=1&amp;c|the docs> in <#C0X|general>"
    outcome = await team.interact(message_action("save_question", lee(text)))
    said = outcome.only()
    assert said in outcome.public and "#1" in said.args["text"]
    assert "<!here>" not in said.args["text"] and "<@U0PARK>" not in said.args["text"]
    [question], members = await questions(runtime)
    assert question.text == "why @park and @here: see the docs (https://x.io/a?b=1&c) in #general"
    assert members[question.asker_id].user_id == "U0LEE"  # the author, not kim who pressed
    assert question.source_link == LINK
    page = await team.command("/question", "1")
    assert LINK in page.text


async def test_save_as_answer_opens_a_select_and_records_the_authors_answer(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime
):
    await team.command("/ask", "first?")
    await team.command("/ask", "second?")
    outcome = await team.interact(message_action("save_answer", lee("use *no_grad*")))
    [opened] = [c for c in outcome.calls if c.method == "views.open"]
    view = opened.args["view"]
    select = next(b for b in view["blocks"] if b["block_id"] == "number")["element"]
    assert select["type"] == "static_select"
    assert [o["value"] for o in select["options"]] == ["2", "1"]  # newest first
    assert json.loads(view["private_metadata"])["k"] == "save_answer"
    # a restart between the steps loses nothing: the modal carries the message's reference
    saved = await team.interact(view_submission(view, {"number": "1", "text": "use *no_grad*"}))
    assert "Answer 1 to" in saved.text and "#1" in saved.text
    found, members = await questions(runtime)
    [answer] = found[0].answers
    assert members[answer.member_id].user_id == "U0LEE" and answer.source_link == LINK


async def test_a_bot_message_and_another_channel_are_refused_with_the_data_unchanged(
    team: SlackDriver, runtime: Runtime
):
    await team.command("/ask", "first?")
    before = await snapshot(runtime.uow_factory)
    for message in (
        {"bot_id": BOT_ID, "user": BOT_USER, "text": "❓ #1 first?"},  # peerbot's own post
        {"bot_id": "B0OTHER", "subtype": "bot_message", "text": "a deploy bot"},
    ):
        for action in ("save_question", "save_answer"):
            outcome = await team.interact(message_action(action, message))
            assert "written by a bot" in outcome.only().args["text"]
            assert outcome.only() in outcome.private
    outcome = await team.interact(message_action("save_question", lee("hi"), channel=OTHER_CHANNEL))
    assert "set up" in outcome.only().args["text"] or "team" in outcome.only().args["text"]
    outcome = await team.interact(message_action("save_question", lee("")))
    assert "empty" in outcome.only().args["text"]
    assert await snapshot(runtime.uow_factory) == before


async def test_the_submission_of_a_modal_from_another_channel_is_refused(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime
):
    await team.command("/ask", "first?")
    outcome = await team.interact(message_action("save_answer", lee("use no_grad")))
    [opened] = [c for c in outcome.calls if c.method == "views.open"]
    view = dict(opened.args["view"])
    meta = json.loads(view["private_metadata"])
    author, name, link, _ = json.loads(meta["s"])
    meta["s"] = json.dumps([author, name, link, OTHER_CHANNEL])
    view["private_metadata"] = json.dumps(meta)
    before = await snapshot(runtime.uow_factory)
    refused = await team.interact(view_submission(view, {"number": "1", "text": "x"}))
    assert "chat message" in refused.text  # the state does not name this channel's message
    assert await snapshot(runtime.uow_factory) == before


class _Names:
    async def get(self, user_id: str, fallback: str = "", *, wait: float | None = None) -> str:
        return {"U0PARK": "park"}.get(user_id, fallback)


async def test_slack_markup_becomes_the_words_it_shows():
    from adapters.slack.saved import plain_of

    names: Any = _Names()
    cases = {
        "<@U0PARK> <@U0X|x>": "@park @x",
        "<!here> <!channel> <!subteam^S1|@mentors>": "@here @channel @mentors",
        "<https://a.io>  <https://a.io|https://a.io> <mailto:k@a.io|k@a.io>": (
            "https://a.io  https://a.io k@a.io (mailto:k@a.io)"
        ),
        "a &lt;b&gt; &amp; c": "a <b> & c",
        "<#C1|general> <#C2>": "#general #C2",
    }
    for mrkdwn, words in cases.items():
        assert await plain_of(mrkdwn, names) == words
