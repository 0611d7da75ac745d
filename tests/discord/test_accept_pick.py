"""Accept picks which answer on Discord: with several answers the card's *Accept* opens a modal
with a string select of the answers; its submission accepts that one and the card follows (a
message edit from the outbox). Pressed by the wrong member it says why; a pick of an answer
deleted since gets one sentence, with the data as it was."""

from __future__ import annotations

from typing import Any

from adapters.discord import DiscordAdapter
from peerbot.bootstrap import Runtime
from tests.conftest import snapshot
from tests.discord.conftest import card_reported, content, flags, set_up_team, slash
from tests.discord.fake import FakeDiscord
from tests.discord.test_cards import EDIT, EPHEMERAL, LEE, PARK, ask, buttons, press
from tests.discord.test_forms import MODAL
from tests.discord.test_message_actions import selects

KIM = (111, "kim")


async def card_with_two_answers(fake: FakeDiscord, runtime: Runtime, adapter: DiscordAdapter):
    await set_up_team(fake)
    card = await ask(fake)
    await card_reported(runtime, card)
    for who, text in ((LEE, "they add up"), (PARK, "they accumulate")):
        answer = slash("answer", number="1", text=text)
        await fake.interact(fake.interaction(2, answer, user_id=who[0], name=who[1]))
    # Two edits of the card are queued; the newer one shows both answers and supersedes the other.
    assert await runtime.delivery({"discord": adapter.poster}).deliver_due() == 1
    assert "Accept" in buttons(fake.messages[card])
    return card


def picked(custom_id: str, value: str) -> dict[str, Any]:
    """The modal submitted with `value` chosen in its select (in a label, as Discord sends it)."""
    select = {"type": 3, "custom_id": "answer", "values": [value]}
    return {"custom_id": custom_id, "components": [{"type": 18, "id": 1, "component": select}]}


async def test_accept_opens_a_select_and_the_pick_resolves_the_card(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    card = await card_with_two_answers(fake, runtime, adapter)
    modal, _ = await press(fake, card, "Accept", KIM)
    assert modal.json["type"] == MODAL, modal.json
    custom_id = modal.json["data"]["custom_id"]
    assert custom_id == "pbform:question:1"
    [select] = selects(modal).values()
    labels = [o["label"] for o in select["options"]]
    assert labels == ["2. park: they accumulate", "1. lee: they add up"]  # newest first
    lees = select["options"][1]["value"]
    reply = await fake.interact(fake.interaction(5, picked(custom_id, lees)))
    assert "lee's answer: they add up" in content(reply), content(reply)
    assert await runtime.delivery({"discord": adapter.poster}).deliver_due() == 1
    shown = fake.messages[card]["content"]
    assert "resolved" in shown and "1. lee: they add up ✅" in shown
    assert list(buttons(fake.messages[card])) == ["Answer", "Reopen", EDIT]


async def test_the_wrong_member_is_told_privately_and_no_form_opens(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    card = await card_with_two_answers(fake, runtime, adapter)
    before = await snapshot(runtime.uow_factory)
    told, _ = await press(fake, card, "Accept", PARK)
    assert told.json["type"] == 4 and flags(told) & EPHEMERAL
    assert "Only the asker (kim)" in content(told)
    assert await snapshot(runtime.uow_factory) == before


async def test_a_pick_of_an_answer_deleted_since_is_one_sentence(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    card = await card_with_two_answers(fake, runtime, adapter)
    modal, _ = await press(fake, card, "Accept", KIM)
    custom_id = modal.json["data"]["custom_id"]
    lees = next(iter(selects(modal).values()))["options"][1]["value"]
    deleted = slash("delete", "answer", number="1", answer="1")
    gone = await fake.interact(fake.interaction(2, deleted, user_id=LEE[0], name=LEE[1]))
    assert "deleted" in content(gone)
    before = await snapshot(runtime.uow_factory)
    stale = await fake.interact(fake.interaction(5, picked(custom_id, lees)))
    assert flags(stale) & EPHEMERAL and "deleted meanwhile" in content(stale)
    assert len(content(stale).splitlines()) == 1
    assert await snapshot(runtime.uow_factory) == before  # park's answer was not taken instead
