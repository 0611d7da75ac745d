"""Message context-menu commands on Discord: *Save as question* and *Save as answer*, with the
real discord.py against the fake Discord: the author is credited, the jump URL kept, mentions
written as names that ping no one, and another channel's or a bot's message refused."""

from __future__ import annotations

from typing import Any

from adapters.discord import DiscordAdapter
from bot.ports import QuestionQuery
from peerbot.bootstrap import Runtime
from tests.conftest import snapshot
from tests.discord.conftest import card_reported, content, flags, set_up_team, slash
from tests.discord.fake import (
    BOT_ID,
    CHANNEL_ID,
    GUILD_ID,
    OTHER_CHANNEL_ID,
    FakeDiscord,
    message_menu,
    user_payload,
)
from tests.discord.test_forms import MODAL, submit

EPHEMERAL = 64


async def questions(runtime: Runtime):
    async with runtime.uow_factory() as uow:
        [team] = await uow.teams.list()
        found = list(await uow.questions.find(team.id, QuestionQuery(limit=None)))
        members = {m.id: m for m in await uow.members.list(team.id)}
    return found, members


def selects(modal: Any) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for component in modal.json["data"]["components"]:
        inner = component.get("component") or {}
        if inner.get("type") == 3:
            found[inner["custom_id"]] = inner
    return found


async def test_save_as_question_credits_the_author_with_the_jump_url(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    await set_up_team(fake)
    data = message_menu(
        "Save as question",
        "why <@333> and @everyone?",
        mentions=[user_payload(333, "park", "Park")],
    )
    saved = await fake.interact(fake.interaction(2, data))
    assert saved.json["type"] == 4 and not flags(saved) & EPHEMERAL, content(saved)
    assert "#1" in content(saved) and "Lee" in content(saved)
    assert saved.json["data"]["allowed_mentions"]["parse"] == []  # @everyone pings no one
    [question], members = await questions(runtime)
    assert question.text == "why @Park and @everyone?"
    assert members[question.asker_id].user_id == "222"  # the author, not kim who used it
    link = f"https://discord.com/channels/{GUILD_ID}/{CHANNEL_ID}/{data['target_id']}"
    assert question.source_link == link


async def test_save_as_answer_opens_a_select_and_records_the_authors_answer(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    await set_up_team(fake)
    for text in ("first?", "second?"):
        await fake.interact(fake.interaction(2, slash("ask", question=text)))
    data = message_menu("Save as answer", "use no_grad")
    modal = await fake.interact(fake.interaction(2, data))
    assert modal.json["type"] == MODAL, modal.json
    custom_id = modal.json["data"]["custom_id"]
    assert custom_id.startswith("pbform:save_answer:") and len(custom_id) <= 100
    [select] = selects(modal).values()
    assert [o["value"] for o in select["options"]] == ["2", "1"]  # newest first
    # submitted later (after a restart: nothing was kept), the choice in the label's select
    rows = submit(custom_id, {"text": "use no_grad"}, labels=True)
    rows["components"].insert(
        0, {"type": 18, "id": 9, "component": {"type": 3, "custom_id": "number", "values": ["1"]}}
    )
    answered = await fake.interact(fake.interaction(5, rows))
    assert "Answer 1 to" in content(answered) and "Lee" in content(answered), content(answered)
    found, members = await questions(runtime)
    [answer] = found[0].answers
    assert members[answer.member_id].user_id == "222"
    assert answer.source_link == (
        f"https://discord.com/channels/{GUILD_ID}/{CHANNEL_ID}/{data['target_id']}"
    )


async def test_a_bot_message_and_another_channel_are_refused_with_the_data_unchanged(
    adapter: DiscordAdapter, fake: FakeDiscord, runtime: Runtime
):
    await set_up_team(fake)
    await fake.interact(fake.interaction(2, slash("ask", question="first?")))
    await card_reported(runtime)  # the /ask card, remembered right after its response
    before = await snapshot(runtime.uow_factory)
    for name in ("Save as question", "Save as answer"):
        for menu in (
            message_menu(name, "❓ #1 first?", author_id=BOT_ID, author="peerbot", bot=True),
            message_menu(name, "deployed", author_id=444, author="ci", bot=True),
        ):
            refused = await fake.interact(fake.interaction(2, menu))
            assert flags(refused) & EPHEMERAL and "written by a bot" in content(refused)
        other = message_menu(name, "hi", channel_id=OTHER_CHANNEL_ID)
        refused = await fake.interact(fake.interaction(2, other))
        assert flags(refused) & EPHEMERAL and "not in this team's channel" in content(refused)
        empty = await fake.interact(fake.interaction(2, message_menu(name, "")))
        assert flags(empty) & EPHEMERAL and "empty" in content(empty)
    nowhere = message_menu("Save as question", "hi", channel_id=OTHER_CHANNEL_ID)
    refused = await fake.interact(fake.interaction(2, nowhere, channel_id=OTHER_CHANNEL_ID))
    assert flags(refused) & EPHEMERAL and "team" in content(refused)
    assert await snapshot(runtime.uow_factory) == before
