"""The question card on Discord: /ask posts it, its buttons run the commands for whoever presses
them, and the card is edited in place (the component's message, or a channel message edit from
the outbox after a typed change)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from adapters.discord import DiscordAdapter
from peerbot.bootstrap import Runtime
from peerbot.config import Settings
from tests.conftest import snapshot
from tests.discord.conftest import card_reported, content, flags, set_up_team, slash
from tests.discord.fake import CHANNEL_ID, OTHER_CHANNEL_ID, Call, FakeDiscord

EPHEMERAL = 64
UPDATE_MESSAGE = 7
LEE, PARK = (222, "lee"), (333, "park")
EDIT = "✏️ Edit / delete"  # the card's one button for what the presser may change


def buttons(message: dict[str, Any]) -> dict[str, str]:
    """The message's buttons: label -> custom_id."""
    rows = message.get("components", [])
    return {b["label"]: b["custom_id"] for row in rows for b in row["components"]}


async def ask(fake: FakeDiscord, text: str = "Why reset gradients?") -> str:
    """Ask; the card's message id."""
    answered = await fake.interact(fake.interaction(2, slash("ask", question=text)))
    assert answered.json["type"] == 4 and not flags(answered) & EPHEMERAL
    [card_id] = [i for i, m in fake.messages.items() if text in m["content"]]
    assert list(buttons(fake.messages[card_id])) == [
        "Answer",
        "Answer tomorrow",
        "For the mentor",
        EDIT,
    ]
    return card_id


async def press(
    fake: FakeDiscord, card_id: str, label: str, who: tuple[int, str], **where: Any
) -> tuple[Call, list[Call]]:
    """Press a button of the card; its callback and follow-ups."""
    message = fake.messages[card_id]
    payload = fake.interaction(
        3,
        {"custom_id": buttons(message)[label], "component_type": 2},
        user_id=who[0],
        name=who[1],
        message=message,
        **where,
    )
    callback = await fake.interact(payload)
    if callback.json["type"] == UPDATE_MESSAGE:
        return callback, await fake.wait_followup(payload)
    return callback, []


async def test_ask_posts_a_card_and_each_button_updates_it_in_place(
    adapter: DiscordAdapter, fake: FakeDiscord
):
    await set_up_team(fake)
    card = await ask(fake)
    assert "State: open" in fake.messages[card]["content"]
    callback, [reply] = await press(fake, card, "Answer tomorrow", LEE)
    assert callback.json["type"] == UPDATE_MESSAGE and "deferred" in content(callback)
    assert "#1" in content(reply) and not flags(reply) & EPHEMERAL  # as /defer answers
    assert list(buttons(fake.messages[card])) == ["Answer", "For the mentor", "Reopen", EDIT]
    await press(fake, card, "For the mentor", PARK)
    assert "for the mentor" in fake.messages[card]["content"]
    await fake.interact(fake.interaction(2, slash("answer", number="1", text="they add up")))
    _, [reopened] = await press(fake, card, "Reopen", LEE)
    assert "#1" in content(reopened)
    assert "Accept" in buttons(fake.messages[card])
    _, [accepted] = await press(fake, card, "Accept", (111, "kim"))
    assert "kim" in content(accepted) or "resolved" in content(accepted)
    assert "resolved" in fake.messages[card]["content"]
    assert "they add up ✅" in fake.messages[card]["content"]
    assert list(buttons(fake.messages[card])) == ["Answer", "Reopen", EDIT]


async def test_the_wrong_member_is_told_privately_and_the_card_stays(
    adapter: DiscordAdapter, fake: FakeDiscord
):
    await set_up_team(fake)
    card = await ask(fake)
    await fake.interact(fake.interaction(2, slash("answer", number="1", text="they add up")))
    await press(fake, card, "Answer tomorrow", LEE)  # shows the answer and Accept now
    before = fake.messages[card]["content"]
    callback, [told] = await press(fake, card, "Accept", PARK)
    assert flags(told) & EPHEMERAL and "Only the asker (kim)" in content(told)
    assert content(callback) == before and fake.messages[card]["content"] == before


async def test_answer_opens_the_form_and_a_typed_change_edits_the_card_from_the_outbox(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    await set_up_team(fake)
    card = await ask(fake)
    modal, _ = await press(fake, card, "Answer", LEE)
    assert modal.json["type"] == 9  # the answer form
    await fake.interact(fake.interaction(2, slash("answer", number="1", text="typed answer")))
    delivery = runtime.delivery({"discord": adapter.poster})
    assert await delivery.deliver_due() == 1
    [edit] = [c for c in fake.calls if c.method == "PATCH" and c.path.endswith(card)]
    assert "typed answer" in fake.messages[card]["content"] and edit.status == 200
    assert "Accept" in buttons(fake.messages[card])
    assert await delivery.deliver_due() == 0


async def test_an_edit_of_a_deleted_card_fails_for_good(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    await set_up_team(fake)
    card = await ask(fake)
    del fake.messages[card]
    await fake.interact(fake.interaction(2, slash("defer", number="1")))
    assert await runtime.delivery({"discord": adapter.poster}).deliver_due() == 0
    async with runtime.uow_factory() as uow:
        [row] = [r for r in await uow.outbox.list() if r.edits == card]
    assert row.state == "failed"


async def test_a_card_button_works_after_a_restart_and_weeks_later(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime, settings: Settings
):
    await set_up_team(fake)
    card = await ask(fake)
    await adapter.close()
    runtime.clock.set(runtime.clock.now() + timedelta(weeks=3))  # type: ignore[attr-defined]
    restarted = DiscordAdapter(settings, runtime.bot, guild_ready_timeout=0.05)
    await restarted.start()
    try:
        callback, [reply] = await press(fake, card, "For the mentor", LEE)
        assert callback.json["type"] == UPDATE_MESSAGE and "#1" in content(reply)
        assert "for the mentor" in fake.messages[card]["content"]
    finally:
        await restarted.close()


async def test_a_stale_or_foreign_button_gets_one_sentence(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    await set_up_team(fake)
    card = await ask(fake)
    await card_reported(runtime, card)
    before = await snapshot(runtime.uow_factory)
    stale = "pbj:" + json.dumps(["accept", "99", "question 99 view:card"])
    gone = await fake.interact(
        fake.interaction(3, {"custom_id": stale, "component_type": 2}, message=fake.messages[card])
    )
    assert gone.json["type"] == 4 and flags(gone) & EPHEMERAL
    assert "There is no question #99" in content(gone)
    foreign = await fake.interact(
        fake.interaction(
            3,
            {"custom_id": buttons(fake.messages[card])["Answer tomorrow"], "component_type": 2},
            channel_id=OTHER_CHANNEL_ID,
            message=fake.messages[card],
        )
    )
    assert foreign.json["type"] == 4 and flags(foreign) & EPHEMERAL
    assert "/team setup" in content(foreign)
    assert "deferred" not in fake.messages[card]["content"]
    assert await snapshot(runtime.uow_factory) == before
    assert str(CHANNEL_ID) == fake.messages[card]["channel_id"]


async def test_a_slow_press_is_deferred_and_then_edits_the_card(
    settings: Settings, runtime: Runtime, fake: FakeDiscord, monkeypatch
):
    from tests.discord.test_commands import slow_down

    adapter = DiscordAdapter(settings, runtime.bot, guild_ready_timeout=0.05, defer_after=0.1)
    await adapter.start()
    try:
        await fake.wait_connected()
        await set_up_team(fake)
        card = await ask(fake)
        slow_down(monkeypatch, runtime.bot)
        message = fake.messages[card]
        payload = fake.interaction(
            3,
            {"custom_id": buttons(message)["Answer tomorrow"], "component_type": 2},
            user_id=LEE[0],
            name=LEE[1],
            message=message,
        )
        deferred = await fake.interact(payload)
        assert deferred.json["type"] == 6  # an update of the card, to come
        edit, reply = await fake.wait_followup(payload, 2)
        assert edit.method == "PATCH" and edit.path.endswith("/messages/@original")
        assert "deferred" in edit.json["content"] and "#1" in content(reply)
    finally:
        await adapter.close()


async def test_edit_delete_answers_the_presser_alone_and_leaves_the_card(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    await set_up_team(fake)
    card = await ask(fake)  # asked by kim, the team's admin
    await fake.interact(
        fake.interaction(
            2, slash("answer", number="1", text="they add up"), user_id=LEE[0], name=LEE[1]
        )
    )
    await runtime.delivery({"discord": adapter.poster}).deliver_due()
    shown = fake.messages[card]["content"]
    await fake.interact(fake.interaction(2, slash("questions"), user_id=PARK[0], name=PARK[1]))
    before = await snapshot(runtime.uow_factory)  # park has joined the team (any command)
    listed, followups = await press(fake, card, EDIT, LEE)
    assert listed.json["type"] == 4 and flags(listed) & EPHEMERAL and followups == []
    assert content(listed).startswith("What you may change on **#1**:")
    assert "1. lee: they add up" in content(listed)
    assert list(buttons(listed.json["data"])) == ["Edit answer 1", "Delete answer 1"]
    told, _ = await press(fake, card, EDIT, PARK)
    assert told.json["type"] == 4 and flags(told) & EPHEMERAL
    assert content(told).startswith("Nothing on #1 is yours to change")
    assert not told.json["data"].get("components")
    assert fake.messages[card]["content"] == shown  # not refreshed, not replaced
    assert await snapshot(runtime.uow_factory) == before
    kim, _ = await press(fake, card, EDIT, (111, "kim"))
    assert list(buttons(kim.json["data"])) == [
        "Edit",
        "Delete",
        "Edit answer 1",
        "Delete answer 1",
    ]
