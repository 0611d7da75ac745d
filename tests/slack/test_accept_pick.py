"""Accept picks which answer on Slack: with several answers the card's *Accept* opens a modal
with a static select of the answers; its submission accepts that one and the card follows (a
`chat.update` from the outbox). Pressed by the wrong member it says why; a pick of an answer
deleted since is refused on the field, with the data as it was."""

from __future__ import annotations

import json
from typing import Any

from adapters.slack import SlackAdapter
from peerbot.bootstrap import Runtime
from tests.conftest import snapshot
from tests.slack.conftest import SlackDriver
from tests.slack.fake import CHANNEL, FakeSlack, view_submission
from tests.slack.test_cards import EDIT, ask, buttons, press, updates


async def card_with_two_answers(team: SlackDriver, runtime: Runtime, adapter: SlackAdapter) -> str:
    ts = await ask(team)
    await team.command("/answer", "1 gradients add up", user="U0LEE")
    await team.command("/answer", "1 they accumulate", user="U0PARK")
    # Two edits of the card are queued; the newer one shows both answers and supersedes the other.
    assert await runtime.delivery({"slack": adapter.poster}).deliver_due() == 1
    return ts


def select_of(view: dict[str, Any]) -> dict[str, Any]:
    element: dict[str, Any] = next(b for b in view["blocks"] if b["block_id"] == "answer")[
        "element"
    ]
    return element


async def test_accept_opens_a_select_and_the_pick_resolves_the_card(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime, adapter: SlackAdapter
):
    ts = await card_with_two_answers(team, runtime, adapter)
    assert "Accept" in buttons(fake.message(CHANNEL, ts).blocks)
    pressed = await press(team, ts, "Accept", "U0KIM")
    assert [c.method for c in pressed.answers] == ["views.open"] and not updates(pressed)
    view = fake.views[-1]
    assert json.loads(view["private_metadata"])["k"] == "question"
    select = select_of(view)
    assert select["type"] == "static_select"
    labels = [o["text"]["text"] for o in select["options"]]
    assert labels == ["2. park: they accumulate", "1. lee: gradients add up"]  # newest first
    lees = select["options"][1]["value"]
    picked = await team.interact(view_submission(view, {"answer": lees}, user="U0KIM"))
    assert picked.ack == ""  # the modal closes
    assert "lee's answer: gradients add up" in picked.only().args["text"]
    assert await runtime.delivery({"slack": adapter.poster}).deliver_due() == 1
    card = fake.message(CHANNEL, ts)
    assert "State: resolved" in card.text and "1. lee: gradients add up ✅" in card.text
    assert list(buttons(card.blocks)) == ["Answer", "Reopen", EDIT]


async def test_the_wrong_member_hears_accepts_sentence_and_no_form_opens(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime, adapter: SlackAdapter
):
    ts = await card_with_two_answers(team, runtime, adapter)
    views, before = len(fake.views), await snapshot(runtime.uow_factory)
    refused = await press(team, ts, "Accept", "U0PARK")  # neither the asker nor an admin
    told = refused.only()
    assert told in refused.private and "Only the asker (kim)" in told.args["text"]
    assert len(fake.views) == views and not updates(refused)
    assert await snapshot(runtime.uow_factory) == before


async def test_a_pick_of_an_answer_deleted_since_is_refused_on_its_field(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime, adapter: SlackAdapter
):
    ts = await card_with_two_answers(team, runtime, adapter)
    await press(team, ts, "Accept", "U0KIM")
    view = fake.views[-1]
    lees = select_of(view)["options"][1]["value"]
    await team.command("/delete", "answer 1 1", user="U0LEE")  # park's is answer 1 now
    before = await snapshot(runtime.uow_factory)
    stale = await team.interact(
        view_submission(view, {"answer": lees}, user="U0KIM"), expect_answer=False
    )
    ack = json.loads(stale.ack)
    assert ack["response_action"] == "errors" and list(ack["errors"]) == ["answer"]
    assert "deleted meanwhile" in ack["errors"]["answer"] and stale.answers == []
    assert await snapshot(runtime.uow_factory) == before  # park's answer was not taken instead
