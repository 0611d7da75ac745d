"""The question card on Slack: /ask posts it, its buttons run the commands for whoever presses
them, and the card is edited in place (`chat.update`) after a press and after a typed change."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from adapters.slack import SlackAdapter
from bot.outbox import PostKind, State
from peerbot.bootstrap import Runtime
from peerbot.config import Settings
from tests.conftest import snapshot
from tests.slack.conftest import Outcome, SlackDriver, blocks_text
from tests.slack.fake import (
    CHANNEL,
    OTHER_CHANNEL,
    Call,
    FakeSlack,
    block_action,
    view_submission,
)

EDIT = "✏️ Edit / delete"  # the card's one button for what the presser may change


def buttons(blocks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The card's buttons by label."""
    found = [b for b in blocks if b["type"] == "actions"]
    return {e["text"]["text"]: e for e in (found[0]["elements"] if found else [])}


async def ask(team: SlackDriver, text: str = "Why zero_grad?") -> str:
    """Ask; the card's ts."""
    outcome = await team.command("/ask", text)
    card = outcome.only()
    assert card in outcome.public and card.method == "chat.postMessage"
    assert list(buttons(card.args["blocks"])) == [
        "Answer",
        "Answer tomorrow",
        "For the mentor",
        EDIT,
    ]
    [posted] = team.fake.history[CHANNEL][-1:]
    return posted.ts


async def press(team: SlackDriver, ts: str, label: str, user: str) -> Outcome:
    card = team.fake.message(CHANNEL, ts)
    button = buttons(card.blocks)[label]
    return await team.interact(
        block_action(button["action_id"], user=user, value=button["value"], ts=ts)
    )


def updates(outcome: Outcome) -> list[Call]:
    return [c for c in outcome.calls if c.method == "chat.update" and c.ok]


async def test_ask_posts_a_card_with_its_state_and_buttons(team: SlackDriver, fake: FakeSlack):
    ts = await ask(team)
    card = fake.message(CHANNEL, ts)
    assert "#1" in card.text and "Why zero_grad?" in card.text and "asked by kim" in card.text
    assert "State: open" in card.text


async def test_each_button_runs_its_command_and_the_card_follows(
    team: SlackDriver, fake: FakeSlack
):
    ts = await ask(team)
    deferred = await press(team, ts, "Answer tomorrow", "U0LEE")
    assert "#1" in deferred.only().args["text"] and deferred.only() in deferred.public
    [update] = updates(deferred)
    assert update.args["ts"] == ts and update.args["channel"] == CHANNEL
    card = fake.message(CHANNEL, ts)
    assert "deferred" in card.text
    assert list(buttons(card.blocks)) == ["Answer", "For the mentor", "Reopen", EDIT]

    escalated = await press(team, ts, "For the mentor", "U0PARK")
    assert "for the mentor" in fake.message(CHANNEL, ts).text and updates(escalated)
    await team.command("/answer", "1 gradients add up", user="U0LEE")
    reopened = await press(team, ts, "Reopen", "U0LEE")
    assert reopened.only() in reopened.public
    assert list(buttons(fake.message(CHANNEL, ts).blocks)) == [
        "Answer",
        "Accept",
        "Answer tomorrow",
        "For the mentor",
        EDIT,
    ]
    accepted = await press(team, ts, "Accept", "U0KIM")
    assert "lee" in accepted.only().args["text"]
    card = fake.message(CHANNEL, ts)
    assert "resolved" in card.text and "gradients add up ✅" in blocks_text(updates(accepted)[0])
    assert list(buttons(card.blocks)) == ["Answer", "Reopen", EDIT]


async def test_the_wrong_member_hears_why_and_nothing_changes(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime, adapter: SlackAdapter
):
    ts = await ask(team)
    await team.command("/answer", "1 gradients add up", user="U0LEE")
    assert await runtime.delivery({"slack": adapter.poster}).deliver_due() == 1
    before = fake.message(CHANNEL, ts).text
    refused = await press(team, ts, "Accept", "U0PARK")  # neither the asker nor an admin
    told = refused.only()
    assert told in refused.private and "Only the asker (kim)" in told.args["text"]
    assert fake.message(CHANNEL, ts).text == before  # shown again as it stands
    assert "State: 1 answer" in before


async def test_answer_opens_the_form_and_its_submission_updates_the_card(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime, adapter: SlackAdapter
):
    ts = await ask(team)
    pressed = await press(team, ts, "Answer", "U0LEE")
    assert [c.method for c in pressed.answers] == ["views.open"] and not updates(pressed)
    await team.interact(view_submission(fake.views[-1], {"text": "they add up"}, user="U0LEE"))
    assert await runtime.delivery({"slack": adapter.poster}).deliver_due() == 1
    card = fake.message(CHANNEL, ts)
    assert "1. lee: they add up" in card.text and "State: 1 answer" in card.text
    assert "Accept" in buttons(card.blocks)


async def test_a_typed_answer_updates_the_card_through_the_outbox(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime, adapter: SlackAdapter
):
    ts = await ask(team)
    for n in range(1, 6):
        await team.command("/answer", f"1 answer number {n}", user="U0LEE")
    delivery = runtime.delivery({"slack": adapter.poster})
    # One edit per change is queued; the newest supersedes the four before it (kept, expired
    # with the reason), so the card is edited once, to what it shows now.
    assert await delivery.deliver_due() == 1
    assert len(fake.of("chat.update")) == 1
    card = fake.message(CHANNEL, ts)
    assert "answer number 5" in card.text and "answer number 3" in card.text
    assert "answer number 2" not in card.text  # the newest three, then a count
    assert "…and 2 more answers: /question 1" in card.text
    assert await delivery.deliver_due() == 0  # nothing doubled
    async with runtime.uow_factory() as uow:
        edits = [r for r in await uow.outbox.list() if r.kind is PostKind.CARD]
    assert [r.state for r in edits] == [State.EXPIRED] * 4 + [State.SENT]
    assert all(
        f"superseded by outbox row {edits[-1].id}" in (r.last_error or "") for r in edits[:4]
    )


async def test_a_card_of_a_deleted_message_is_given_up_on_with_a_log_line(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime, adapter: SlackAdapter
):
    ts = await ask(team)
    fake.history[CHANNEL] = [m for m in fake.history[CHANNEL] if m.ts != ts]
    await team.command("/defer", "1", user="U0LEE")
    assert await runtime.delivery({"slack": adapter.poster}).deliver_due() == 0
    async with runtime.uow_factory() as uow:
        [row] = [r for r in await uow.outbox.list() if r.edits == ts]
    assert row.state == "failed" and "message_not_found" in (row.last_error or "")


async def test_buttons_work_after_a_restart_and_weeks_later(
    team: SlackDriver, fake: FakeSlack, settings: Settings, runtime: Runtime, adapter: SlackAdapter
):
    ts = await ask(team)
    await team.command("/answer", "1 gradients add up", user="U0LEE")
    assert await runtime.delivery({"slack": adapter.poster}).deliver_due() == 1
    runtime.clock.set(runtime.clock.now() + timedelta(weeks=3))  # type: ignore[attr-defined]
    # A new adapter on the same database: nothing of the card was kept in memory.
    again = SlackAdapter(settings, runtime.bot, api_timeout=2.0, submit_wait=1.0)
    await again.start()
    try:
        team.url = f"http://127.0.0.1:{again.port}/slack/events"
        accepted = await press(team, ts, "Accept", "U0KIM")  # settled by now: still accepted
        assert "lee" in accepted.only().args["text"]
        assert "resolved" in fake.message(CHANNEL, ts).text
    finally:
        await again.close()


async def test_a_stale_or_foreign_button_gets_one_sentence(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime
):
    ts = await ask(team)
    value = json.dumps({"c": "accept", "a": "99", "r": "question 99 view:card"})
    before = await snapshot(runtime.uow_factory)
    gone = await team.interact(block_action("peerbot_do_1", user="U0KIM", value=value, ts=ts))
    assert "There is no question #99" in gone.only().args["text"] and not updates(gone)
    accept = json.dumps({"c": "defer", "a": "1", "r": "question 1 view:card"})
    foreign = await team.interact(
        block_action("peerbot_do_1", user="U0KIM", value=accept, channel=OTHER_CHANNEL, ts=ts)
    )
    assert foreign.only() in foreign.private and "/team setup" in foreign.only().args["text"]
    assert not updates(foreign)
    assert await snapshot(runtime.uow_factory) == before


async def test_a_button_on_the_private_page_replaces_the_page(team: SlackDriver, fake: FakeSlack):
    await ask(team)
    page = (await team.command("/question", "1")).only()
    defer = buttons(page.args["blocks"])["Answer tomorrow"]
    pressed = await team.interact(
        block_action(
            defer["action_id"],
            user="U0LEE",
            value=defer["value"],
            ephemeral=True,
            response_url=fake.response_url("page"),
        )
    )
    [replaced] = [c for c in pressed.calls if c.args.get("replace_original")]
    assert "deferred" in replaced.args["text"] and "asked on" in replaced.args["text"]


async def test_a_button_that_no_longer_applies_says_so_and_the_card_catches_up(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime
):
    ts = await ask(team)
    await team.command("/answer", "1 gradients add up", user="U0LEE")
    await team.command("/accept", "1")  # typed: the card's edit waits in the outbox
    before = await snapshot(runtime.uow_factory)
    old = json.dumps({"c": "defer", "a": "1", "r": "question 1 view:card"})  # from before
    stale = await team.interact(block_action("peerbot_do_1", user="U0LEE", value=old, ts=ts))
    assert stale.only() in stale.private and "resolved" in stale.only().args["text"]
    [update] = updates(stale)
    assert "State: resolved" in update.args["text"]
    assert list(buttons(fake.message(CHANNEL, ts).blocks)) == ["Answer", "Reopen", EDIT]
    assert await snapshot(runtime.uow_factory) == before


async def test_edit_delete_shows_the_presser_alone_what_they_may_change(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime, adapter: SlackAdapter
):
    ts = await ask(team)  # kim asks (kim set the team up: also its admin)
    await team.command("/answer", "1 gradients add up", user="U0LEE")
    assert await runtime.delivery({"slack": adapter.poster}).deliver_due() == 1
    card_before = fake.message(CHANNEL, ts).text
    await team.command("/questions", "", user="U0PARK")  # park joins the team (any command)
    before = await snapshot(runtime.uow_factory)
    lee = await press(team, ts, EDIT, "U0LEE")
    [listed] = lee.answers
    assert listed in lee.private and listed.method == "chat.postEphemeral"
    assert listed.args["user"] == "U0LEE" and not lee.public and not updates(lee)
    assert listed.args["text"].startswith("What you may change on *#1*:")
    assert "1. lee: gradients add up" in listed.args["text"]
    assert "the question" not in listed.args["text"]
    assert list(buttons(listed.args["blocks"])) == ["Edit answer 1", "Delete answer 1"]
    park = await press(team, ts, EDIT, "U0PARK")
    [told] = park.answers
    assert told in park.private and told.args["user"] == "U0PARK"
    assert told.args["text"].startswith("Nothing on #1 is yours to change")
    assert "actions" not in [b["type"] for b in told.args.get("blocks", [])]
    assert fake.message(CHANNEL, ts).text == card_before  # the public card stays as it was
    assert await snapshot(runtime.uow_factory) == before


async def test_edit_delete_through_the_response_url_and_its_delete_button(
    team: SlackDriver, fake: FakeSlack, runtime: Runtime, adapter: SlackAdapter
):
    ts = await ask(team)
    await team.command("/answer", "1 gradients add up", user="U0LEE")
    card = team.fake.message(CHANNEL, ts)
    button = buttons(card.blocks)[EDIT]
    pressed = await team.interact(
        block_action(
            button["action_id"],
            user="U0KIM",
            value=button["value"],
            ts=ts,
            response_url=fake.response_url("card"),
        )
    )
    [listed] = pressed.private
    assert listed.method == "response_url" and listed.args["response_type"] == "ephemeral"
    assert not listed.args.get("replace_original")  # the card is not replaced by the list
    assert list(buttons(listed.args["blocks"])) == [
        "Edit",
        "Delete",
        "Edit answer 1",
        "Delete answer 1",
    ]
    delete = buttons(listed.args["blocks"])["Delete answer 1"]
    deleted = await team.interact(
        block_action(
            delete["action_id"],
            user="U0KIM",
            value=delete["value"],
            ephemeral=True,
            response_url=fake.response_url("list"),
        )
    )
    assert "Answer 1 to *#1* deleted by kim" in deleted.text
    assert await runtime.delivery({"slack": adapter.poster}).deliver_due() >= 1
    assert "gradients add up" not in fake.message(CHANNEL, ts).text
