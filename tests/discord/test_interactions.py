"""Autocomplete, the deferred digest with its file, mentions typed by users, and reconnects."""

from __future__ import annotations

import re

import pytest

from adapters.discord import DiscordAdapter
from tests.discord.conftest import command, content, flags, set_up_team, slash
from tests.discord.fake import FakeDiscord

AUTOCOMPLETE_RESULT = 8
# What Discord would notify: @everyone, @here, <@id>, <@!id>, <@&role>, <#channel>
DISCORD_MENTION = re.compile(r"@(everyone|here)|<(@[!&]?|#)\d+>")
EPHEMERAL = 64


def typing(command: str, option: str, value: str, sub: str | None = None) -> dict:
    """An autocomplete interaction's data: `option` focused with `value` typed so far."""
    focused = [{"name": option, "type": 3, "value": value, "focused": True}]
    if sub is not None:
        focused = [{"name": sub, "type": 1, "options": focused}]
    return {"id": "1", "name": command, "type": 1, "options": focused}


async def test_question_numbers_and_assignment_titles_are_suggested(
    adapter: DiscordAdapter, fake: FakeDiscord
):
    await set_up_team(fake)
    await command(fake, "ask", question="What is attention?")
    await command(fake, "ask", question="Why layer norm?")
    await command(fake, "assignment", "add", title="ViT 구현", due="fri 23:59")

    numbers = await fake.interact(fake.interaction(4, typing("answer", "number", "")))
    assert numbers.json["type"] == AUTOCOMPLETE_RESULT
    choices = numbers.json["data"]["choices"]
    assert {c["value"] for c in choices} == {"1", "2"}
    assert any("attention" in c["name"] for c in choices)
    assert all(len(c["name"]) <= 100 for c in choices)

    narrowed = await fake.interact(fake.interaction(4, typing("answer", "number", "layer")))
    assert [c["value"] for c in narrowed.json["data"]["choices"]] == ["2"]

    which = await fake.interact(fake.interaction(4, typing("assignment", "which", "vit", "done")))
    (choice,) = which.json["data"]["choices"]
    assert "ViT" in choice["name"] and choice["value"]

    titles = await fake.interact(fake.interaction(4, typing("ask", "assignment", "")))
    assert any("ViT" in c["value"] for c in titles.json["data"]["choices"])


async def test_autocomplete_in_an_unbound_channel_offers_nothing(
    adapter: DiscordAdapter, fake: FakeDiscord
):
    answer = await fake.interact(fake.interaction(4, typing("answer", "number", "1")))
    assert answer.json == {"type": AUTOCOMPLETE_RESULT, "data": {"choices": []}}


async def test_the_digest_defers_then_sends_its_summary_and_markdown_file(
    adapter: DiscordAdapter, fake: FakeDiscord
):
    await set_up_team(fake)
    await command(fake, "ask", question="Why zero_grad() every step?", category="lecture")
    payload = fake.interaction(2, slash("digest", format="peer-minutes"))
    deferred = await fake.interact(payload)
    assert deferred.json["type"] == 5 and not deferred.json.get("data")  # public, thinking
    (edit,) = await fake.wait_followup(payload)
    assert edit.method == "PATCH" and edit.path.endswith("/messages/@original")
    assert edit.json["content"] and edit.json["allowed_mentions"] == {"parse": [], "users": []}
    ((filename, data),) = edit.files
    assert filename.endswith(".md") and "/" not in filename
    assert edit.json["attachments"][0]["filename"] == filename
    markdown = data.decode("utf-8")
    assert "zero_grad" in markdown


@pytest.mark.parametrize("fmt", ["retro-log", "til-review"])
async def test_a_members_own_digest_is_deferred_and_sent_to_the_caller_alone(
    adapter: DiscordAdapter, fake: FakeDiscord, fmt: str
):
    await set_up_team(fake)
    await command(fake, "retro", fields="fact: read the paper feeling: good plan: code it")
    payload = fake.interaction(2, slash("digest", format=fmt))
    deferred = await fake.interact(payload)
    assert deferred.json["type"] == 5 and deferred.json["data"]["flags"] & EPHEMERAL
    (edit,) = await fake.wait_followup(payload)
    assert edit.method == "PATCH" and edit.files  # the deferred private message, with its file
    assert fake.channel_messages == {}  # nothing went to the channel


async def test_retro_show_is_for_the_caller_alone(adapter: DiscordAdapter, fake: FakeDiscord):
    await set_up_team(fake)
    await command(fake, "retro", fields="fact: read the paper feeling: good plan: code it")
    shown = await command(fake, "retro", fields="show")
    assert "read the paper" in content(shown) and flags(shown) & EPHEMERAL


@pytest.mark.parametrize(
    "typed",
    [
        "@everyone",
        "@here",
        "<@&123456789012345678>",
        "<@123456789012345678>",
        "<@!123456789012345678>",
        "<#123456789012345678>",
        "<!channel>",
        "<!here>",
        "<!everyone>",
        "<!subteam^S1>",
        "<@U123>",
    ],
)
async def test_mentions_typed_by_users_never_mention(
    adapter: DiscordAdapter, fake: FakeDiscord, typed: str
):
    await set_up_team(fake)
    asked = await command(fake, "ask", question=f"ping {typed} please")
    noted = await command(fake, "note", text=f"{typed} note")
    for call in (asked, noted):
        text = content(call)
        assert not DISCORD_MENTION.search(text), text
        assert call.json["data"]["allowed_mentions"] == {"parse": [], "users": []}
    listed = await command(fake, "questions", scope="all")
    assert not DISCORD_MENTION.search(content(listed))
    assert listed.json["data"]["allowed_mentions"]["parse"] == []


async def test_commands_still_work_after_the_gateway_drops_the_connection(
    adapter: DiscordAdapter, fake: FakeDiscord
):
    await set_up_team(fake)
    await fake.drop(code=4000)
    await fake.wait_connected()
    assert fake.resumes and fake.resumes[-1]["session_id"].startswith("session-")
    assert len(fake.identifies) == 1  # resumed, not identified again
    call = await command(fake, "ask", question="still there?")
    assert call.json["type"] == 4 and "#1" in content(call)


async def test_an_interaction_sent_while_disconnected_is_answered_after_the_resume(
    adapter: DiscordAdapter, fake: FakeDiscord
):
    await set_up_team(fake)
    await fake.drop(code=1001)
    payload = fake.interaction(2, slash("ask", question="sent during the outage?"))
    call = await fake.interact(payload, timeout=10)  # replayed on RESUME
    assert "#1" in content(call) and not flags(call) & EPHEMERAL


async def test_the_gateway_speaks_zlib_stream_as_discord_py_asks(
    adapter: DiscordAdapter, fake: FakeDiscord
):
    (query,) = fake.gateway_queries
    assert query == {"v": "10", "encoding": "json", "compress": "zlib-stream"}
    await set_up_team(fake)  # answered through the compressed stream
