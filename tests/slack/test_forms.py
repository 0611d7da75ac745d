"""Modals: `/retro` and `/assignment add` without text, field errors, and the nudge's button."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime

from adapters.slack import SlackAdapter
from adapters.slack.actions import ACTION_PREFIX, EARLIER_RETRO_BUTTON
from bot import i18n
from bot.model.teams import Language
from bot.outbox import OutboxMessage, PostKind
from bot.text import Action, Mention, Message, Plain
from tests.slack.conftest import SEOUL, SlackDriver
from tests.slack.fake import CHANNEL, OTHER_CHANNEL, FakeSlack, block_action, view_submission


def inputs(view: dict) -> dict[str, dict]:
    return {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}


async def test_the_retro_modal_round_trip(team: SlackDriver, fake: FakeSlack):
    outcome = await team.command("/retro")
    [opened] = [c for c in outcome.calls if c.method == "views.open"]
    assert outcome.public == outcome.private == []  # the modal is the answer
    view = opened.args["view"]
    assert opened.args["trigger_id"]
    assert view["callback_id"] == "peerbot_form" and len(view["title"]["text"]) <= 24
    assert json.loads(view["private_metadata"]) == {"k": "retro", "s": "2021-08-09", "c": CHANNEL}
    fields = inputs(view)
    assert list(fields) == ["peer", "fact", "feeling", "plan"]
    assert [f["label"]["text"] for f in fields.values()] == [
        "Peer-Session",
        "Fact",
        "Feeling",
        "Future Plan & Finding",
    ]
    assert all(f["element"]["type"] == "plain_text_input" for f in fields.values())
    assert not any("initial_value" in f["element"] for f in fields.values())

    # nothing written: the error shows on Fact (peer: may stay empty), the modal stays open
    rejected = await team.interact(view_submission(fake.views[-1], {}), expect_answer=False)
    assert rejected.status == 200
    assert json.loads(rejected.ack) == {
        "response_action": "errors",
        "errors": {"fact": "Write at least one field of your retrospective."},
    }
    assert rejected.answers == []

    saved = await team.interact(
        view_submission(fake.views[-1], {"fact": "read <!here> the paper", "plan": "code it"})
    )
    assert saved.ack == ""  # closes the modal
    message = saved.only()
    assert message.method == "chat.postEphemeral"
    assert (message.args["channel"], message.args["user"]) == (CHANNEL, "U0KIM")
    assert "&lt;!here&gt;" in message.args["text"] and "<!here>" not in message.args["text"]

    # opened again, the modal holds what was saved
    again = await team.command("/retro")
    [reopened] = [c for c in again.calls if c.method == "views.open"]
    fields = inputs(reopened.args["view"])
    assert fields["fact"]["element"]["initial_value"] == "read <!here> the paper"
    assert fields["plan"]["element"]["initial_value"] == "code it"
    assert "initial_value" not in fields["feeling"]["element"]


async def test_the_assignment_modal_shows_a_bad_due_time_on_its_field(
    team: SlackDriver, fake: FakeSlack
):
    outcome = await team.command("/assignment", "add")
    [opened] = [c for c in outcome.calls if c.method == "views.open"]
    view = opened.args["view"]
    assert list(inputs(view)) == ["title", "due", "kind", "link"]
    assert json.loads(view["private_metadata"])["k"] == "assignment add"  # its command

    bad = await team.interact(
        view_submission(fake.views[-1], {"title": "ViT", "due": "2021-08-01 10:00"}),
        expect_answer=False,
    )
    errors = json.loads(bad.ack)["errors"]
    assert list(errors) == ["due"] and errors["due"]

    added = await team.interact(
        view_submission(fake.views[-1], {"title": "ViT", "due": "2021-08-13 10:00", "kind": ""})
    )
    assert added.ack == ""
    message = added.only()
    assert message in added.public and "ViT, due Fri 2021-08-13 10:00" in message.args["text"]


async def test_retro_in_a_channel_without_a_team_answers_instead_of_a_modal(team: SlackDriver):
    outcome = await team.command("/retro", channel=OTHER_CHANNEL)
    assert not [c for c in outcome.calls if c.method == "views.open"]
    assert "/team setup" in outcome.only().args["text"]


async def test_an_expired_trigger_is_told_to_the_caller(team: SlackDriver, fake: FakeSlack):
    fake.fail("views.open", "expired_trigger_id")
    outcome = await team.command("/retro")
    assert "out of date" in outcome.only().args["text"]
    assert outcome.only() in outcome.private


async def test_the_nudge_carries_a_button_that_opens_the_modal_for_whoever_presses_it(
    team: SlackDriver, fake: FakeSlack, adapter: SlackAdapter, runtime
):
    team_row = await runtime.bot.team_for_channel("slack", CHANNEL)
    now = datetime(2021, 8, 9, 21, 0, tzinfo=SEOUL)
    nudge = Message.of((Plain("Time for your retrospective: "), Mention("U0LEE", "lee")))
    nudge = i18n.labelled(Language.EN, nudge.with_actions(Action("retro")))  # as the writer does
    row = OutboxMessage(team_row.id, PostKind.RETRO, "2021-08-09", now, nudge, now, id=41)
    await adapter.poster.post(team_row, row, uncertain=False)
    [posted] = fake.posts(CHANNEL)[-1:]
    assert "<@U0LEE>" in posted.args["text"]  # the bot's own mention notifies
    [actions] = [b for b in posted.args["blocks"] if b["type"] == "actions"]
    [button] = actions["elements"]
    assert button["action_id"].startswith(ACTION_PREFIX)
    assert button["text"]["text"] == "Write my retrospective"

    pressed = await team.interact(
        block_action(button["action_id"], user="U0LEE", value=button["value"])
    )
    assert pressed.ack == ""
    [opened] = [c for c in pressed.calls if c.method == "views.open"]
    assert list(inputs(opened.args["view"])) == ["peer", "fact", "feeling", "plan"]

    saved = await team.interact(
        view_submission(fake.views[-1], {"feeling": "tired but fine"}, user="U0LEE")
    )
    assert saved.only().args["user"] == "U0LEE"
    shown = await team.command("/retro", "show lee")
    assert "tired but fine" in shown.text


async def test_an_assignment_modal_opened_by_an_earlier_version_still_saves(
    team: SlackDriver, fake: FakeSlack
):
    await team.command("/assignment", "add")
    view = dict(fake.views[-1])
    metadata = json.loads(view["private_metadata"])
    view["private_metadata"] = json.dumps({**metadata, "k": "assignment"})  # a form kind, then
    added = await team.interact(
        view_submission(view, {"title": "ViT", "due": "2021-08-13 10:00", "kind": ""})
    )
    assert "ViT, due Fri 2021-08-13 10:00" in added.only().args["text"]


async def test_the_nudge_button_of_a_post_from_before_actions_still_opens_the_form(
    team: SlackDriver, fake: FakeSlack
):
    pressed = await team.interact(block_action(EARLIER_RETRO_BUTTON, user="U0LEE"))
    assert pressed.ack == ""
    [opened] = [c for c in pressed.calls if c.method == "views.open"]
    assert list(inputs(opened.args["view"])) == ["peer", "fact", "feeling", "plan"]


async def test_another_button_is_only_acknowledged(team: SlackDriver, fake: FakeSlack):
    outcome = await team.interact(block_action("something_old"), expect_answer=False)
    assert outcome.status == 200 and outcome.answers == []


async def test_a_slow_save_closes_the_modal_in_time_and_answers_after(
    team: SlackDriver, fake: FakeSlack, runtime, monkeypatch
):
    await team.command("/retro")
    submit = runtime.bot.submit

    async def slow(*args):
        await asyncio.sleep(1.5)  # the fixture's adapter waits 1 s for the core
        return await submit(*args)

    monkeypatch.setattr(runtime.bot, "submit", slow)
    saved = await team.interact(view_submission(fake.views[-1], {"fact": "slow disk"}))
    assert saved.ack == "" and saved.ack_seconds < 1.5
    [told] = await fake.wait_for("chat.postEphemeral", timeout=5)
    assert "saved" in told.args["text"]


async def test_a_questions_page_carries_buttons_whose_answer_opens_a_form(
    team: SlackDriver, fake: FakeSlack
):
    await team.command("/ask", "Why zero_grad?")
    page = await team.command("/question", "1")
    shown = page.only()
    assert shown in page.private  # a lookup, for the caller alone
    [actions] = [b for b in shown.args["blocks"] if b["type"] == "actions"]
    labels = [e["text"]["text"] for e in actions["elements"]]
    assert labels == ["Answer", "Answer tomorrow", "For the mentor", "Edit", "Delete"]  # kim's

    answer = actions["elements"][0]
    pressed = await team.interact(
        block_action(answer["action_id"], user="U0LEE", value=answer["value"])
    )
    [opened] = [c for c in pressed.calls if c.method == "views.open"]
    assert list(inputs(opened.args["view"])) == ["text"]
    saved = await team.interact(
        view_submission(fake.views[-1], {"text": "they add up"}, user="U0LEE")
    )
    assert saved.ack == "" and "they add up" in saved.only().args["text"]
    assert saved.only() in saved.public  # an answer is the team's, as /answer's is
    again = await team.command("/question", "1")
    assert "they add up" in again.text


async def test_the_pages_edit_button_opens_the_text_to_edit_and_saves_it(
    team: SlackDriver, fake: FakeSlack
):
    await team.command("/ask", "Why zero_grad?")
    page = await team.command("/question", "1")
    [actions] = [b for b in page.only().args["blocks"] if b["type"] == "actions"]
    [edit] = [e for e in actions["elements"] if e["text"]["text"] == "Edit"]
    pressed = await team.interact(block_action(edit["action_id"], value=edit["value"]))
    [opened] = [c for c in pressed.calls if c.method == "views.open"]
    field, topic = inputs(opened.args["view"]).values()  # the text, and the topic (none yet)
    assert field["element"]["initial_value"] == "Why zero_grad?"  # pre-filled
    assert topic["optional"] and "initial_value" not in topic["element"]
    refused = await team.interact(
        block_action(edit["action_id"], user="U0LEE", value=edit["value"])
    )
    assert not [c for c in refused.calls if c.method == "views.open"]  # not lee's question
    saved = await team.interact(view_submission(fake.views[-1], {"text": "Why reset gradients?"}))
    assert saved.ack == "" and "edited by kim" in saved.only().args["text"]
    again = await team.command("/question", "1")
    assert "Why reset gradients? (asked by kim) (edited)" in again.text
