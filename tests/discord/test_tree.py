"""The command tree Discord gets is the command table: names, subcommands, typed options."""

from __future__ import annotations

import discord
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord import DiscordAdapter
from adapters.discord.commands import INTEGER, STRING, SUB_COMMAND, command_payloads
from bot.commands.spec import Command, Group, ParamKind
from bot.commands.table import TABLE
from bot.digest import FORMATS
from tests.discord.fake import APP_ID, GUILD_ID, FakeDiscord

GUILD_COMMANDS = f"/applications/{APP_ID}/guilds/{GUILD_ID}/commands"


def table_shape() -> dict[str, object]:
    """{command: {option: (required, kind)}} or {group: {sub: {...}}} straight from the table."""

    def params(command: Command) -> dict[str, tuple[bool, ParamKind]]:
        return {p.name: (p.required, p.kind) for p in command.params}

    shape: dict[str, object] = {}
    for entry in TABLE:
        if isinstance(entry, Group):
            shape[entry.name] = {s.name.split(" ", 1)[1]: params(s) for s in entry.subcommands}
        else:
            shape[entry.name] = params(entry)
    return shape


def synced_shape(payload: list[dict]) -> dict[str, object]:
    kinds = {STRING: "string", INTEGER: "integer"}

    def options(raw: list[dict]) -> dict[str, tuple[bool, str]]:
        return {o["name"]: (o["required"], kinds[o["type"]]) for o in raw}

    shape: dict[str, object] = {}
    for command in payload:
        raw = command.get("options", [])
        if raw and all(o["type"] == SUB_COMMAND for o in raw):
            shape[command["name"]] = {s["name"]: options(s["options"]) for s in raw}
        else:
            shape[command["name"]] = options(raw)
    return shape


def slash_commands(payload: list[dict]) -> list[dict]:
    """The chat-input commands (type 1) of a payload; the message actions are type 3."""
    return [c for c in payload if c["type"] == 1]


def discord_type(kind: ParamKind) -> str:
    integers = (ParamKind.INDEX, ParamKind.WEEK, ParamKind.MINUTES)
    return "integer" if kind in integers else "string"


async def test_the_synced_commands_are_the_tables(adapter: DiscordAdapter, fake: FakeDiscord):
    put = await fake.wait_for(lambda c: c.method == "PUT" and c.path == GUILD_COMMANDS)
    assert put.authorized
    expected = {
        name: (
            {sub: {p: (r, discord_type(k)) for p, (r, k) in ps.items()} for sub, ps in subs.items()}
            if any(isinstance(v, dict) for v in subs.values())
            else {p: (r, discord_type(k)) for p, (r, k) in subs.items()}
        )
        for name, subs in table_shape().items()
    }
    assert synced_shape(slash_commands(put.json)) == expected
    assert [c["name"] for c in slash_commands(put.json)] == [e.name for e in TABLE]
    assert [c["name"] for c in put.json if c["type"] == 3] == ["Save as question", "Save as answer"]


def test_every_description_fits_and_korean_ones_are_localizations():
    def walk(items: list[dict]):
        for item in items:
            yield item
            yield from walk(item.get("options", []))

    for item in walk(slash_commands(command_payloads(FORMATS))):
        assert 1 <= len(item["description"]) <= 100, item["name"]
        for text in item.get("description_localizations", {}).values():
            assert 1 <= len(text) <= 100
    ask = next(c for c in command_payloads() if c["name"] == "ask")
    assert ask["description_localizations"]["ko"].startswith("오늘")


def test_options_are_typed_with_choices_and_autocomplete():
    commands = {c["name"]: c for c in slash_commands(command_payloads(FORMATS))}

    def option(command: str, name: str, sub: str | None = None) -> dict:
        options = commands[command]["options"]
        if sub is not None:
            options = next(s for s in options if s["name"] == sub)["options"]
        return next(o for o in options if o["name"] == name)

    assert [c["value"] for c in option("ask", "category")["choices"]] == [
        "lecture",
        "assignment",
        "general",
    ]
    assert [c["value"] for c in option("digest", "format")["choices"]] == list(FORMATS)
    assert [c["value"] for c in option("team", "lang", "setup")["choices"]] == ["ko", "en"]
    assert [c["value"] for c in option("team", "template", "setup")["choices"]] == ["fff", "til"]
    assert option("assignment", "kind", "add")["choices"][0]["value"] == "basic"
    assert option("questions", "scope")["choices"][0]["value"] == "open"
    assert option("answer", "number") == {**option("answer", "number"), "autocomplete": True}
    assert option("answer", "number")["type"] == STRING  # so `#12` can be typed
    assert option("assignment", "which", "done")["autocomplete"] is True
    assert option("ask", "assignment")["autocomplete"] is True
    assert option("accept", "answer")["type"] == INTEGER
    assert option("accept", "answer")["min_value"] == 1
    assert option("team", "grace", "settings")["type"] == INTEGER
    assert option("team", "start", "setup").get("required", False) is False  # today by default
    for command in commands.values():  # required options first, as Discord wants
        for options in [command["options"], *(s.get("options", []) for s in command["options"])]:
            required = [o.get("required", False) for o in options if o["type"] != SUB_COMMAND]
            assert required == sorted(required, reverse=True)
        assert command["contexts"] == [0]  # server channels only: a team is a channel


async def test_joining_a_server_registers_the_commands_there(
    adapter: DiscordAdapter, fake: FakeDiscord
):
    await fake.wait_for(lambda c: c.path == GUILD_COMMANDS)
    other = 910000000000000077
    await fake.add_guild(other, [(920000000000000077, "study")])
    put = await fake.wait_for(lambda c: c.path == f"/applications/{APP_ID}/guilds/{other}/commands")
    assert [c["name"] for c in slash_commands(put.json)] == [e.name for e in TABLE]


async def test_global_sync_registers_once_and_clears_the_servers_copies(
    settings, runtime, fake: FakeDiscord
):
    settings = settings.model_copy(update={"discord_global_sync": True})
    adapter = DiscordAdapter(settings, runtime.bot, guild_ready_timeout=0.05)
    await adapter.start()
    try:
        put = await fake.wait_for(lambda c: c.path == f"/applications/{APP_ID}/commands")
        assert [c["name"] for c in slash_commands(put.json)] == [e.name for e in TABLE]
        cleared = await fake.wait_for(lambda c: c.path == GUILD_COMMANDS)
        assert cleared.json == []
    finally:
        await adapter.close()


async def test_the_library_wide_addresses_are_left_alone(adapter: DiscordAdapter):
    # Another client in the same process still talks to Discord itself.
    assert Route.BASE == "https://discord.com/api/v10"
    assert str(DiscordWebSocket.DEFAULT_GATEWAY) == "wss://gateway.discord.gg/"
    other = discord.Client(intents=discord.Intents.none())
    assert type(other.http) is discord.http.HTTPClient


async def test_only_the_guilds_intent_is_asked_for(adapter: DiscordAdapter, fake: FakeDiscord):
    assert [i["intents"] for i in fake.identifies] == [discord.Intents(guilds=True).value]


def test_the_message_actions_are_message_context_menu_commands():
    from bot.commands.table import message_actions

    menus = [c for c in command_payloads() if c["type"] == 3]
    assert menus == [
        {
            "type": 3,
            "name": "Save as question",
            "contexts": [0],
            "integration_types": [0],
            "name_localizations": {"ko": "질문으로 저장"},
        },
        {
            "type": 3,
            "name": "Save as answer",
            "contexts": [0],
            "integration_types": [0],
            "name_localizations": {"ko": "답변으로 저장"},
        },
    ]
    assert len(menus) == len(message_actions())
    assert all(len(c["name"]) <= 32 and "options" not in c for c in menus)
    assert len(command_payloads()) == len(TABLE) + len(menus)
