"""The Discord command tree, generated from the one command table, and the way back.

`command_payloads` turns `bot.commands.table.TABLE` into the JSON Discord's bulk-overwrite
endpoint takes: a `Command` is a slash command, a `Group` a slash command with subcommands, each
`Param` a typed option, and a message action (`Command.on_message`) a message context-menu
command named from the catalog (`Save as question`). `invocation_parts` reads an interaction's
options back into what the core takes (`command="team", args="setup",
options={"start": "2021-08-02"}`).

Why JSON and not `app_commands.Command` objects: discord.py builds a command's options from a
Python function's signature, so a generated tree would need generated signatures (annotations,
`Literal` choices, `Range` types) only to be turned back into this JSON; the core parses and
validates every option itself anyway. The payload is what Discord receives, and a test compares
it with the table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from adapters.discord.saved import MESSAGE, menu_name
from bot import i18n
from bot.commands.spec import Command, Group, Param, ParamKind
from bot.commands.table import TABLE, message_actions
from bot.model.teams import Language

# Discord's application-command JSON: option types and limits
SUB_COMMAND = 1
STRING = 3
INTEGER = 4
CHAT_INPUT = 1
GUILD_CONTEXT = 0  # `contexts`: commands are used in a server's channels, not in DMs
GUILD_INSTALL = 0  # `integration_types`: installed to a server
MAX_DESCRIPTION = 100
MAX_CHOICES = 25

MINUTES_IN_A_DAY = 24 * 60


def command_payloads(formats: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Every top-level command of the table as Discord JSON, in table order.

    `formats` are the digest formats offered as choices for `format` (the built-in ones plus
    an operator's own templates); without them `format` is free text.
    """
    return [_entry(entry, formats) for entry in TABLE] + [
        _message_action(action) for action in message_actions()
    ]


def _message_action(action: Command) -> dict[str, Any]:
    """A message action as a message context-menu command (no description, no options)."""
    english, korean = menu_name(action), menu_name(action, Language.KO)
    payload: dict[str, Any] = {
        "type": MESSAGE,
        "name": english,
        "contexts": [GUILD_CONTEXT],
        "integration_types": [GUILD_INSTALL],
    }
    if korean != english:
        payload["name_localizations"] = {"ko": korean}
    return payload


def _entry(entry: Command | Group, formats: Sequence[str]) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "type": CHAT_INPUT,
        "name": entry.name,
        **_describe(entry.help_key),
        "contexts": [GUILD_CONTEXT],
        "integration_types": [GUILD_INSTALL],
    }
    if isinstance(entry, Group):
        payload["options"] = [
            {
                "type": SUB_COMMAND,
                "name": sub.name.split(" ", 1)[1],
                **_describe(sub.help_key),
                "options": _options(sub, formats),
            }
            for sub in entry.subcommands
        ]
    else:
        payload["options"] = _options(entry, formats)
    return payload


def _options(command: Command, formats: Sequence[str]) -> list[dict[str, Any]]:
    # Discord wants the required options first; the table's order is kept otherwise.
    ordered = sorted(command.params, key=lambda p: not p.required)
    return [_option(param, formats) for param in ordered]


def _option(param: Param, formats: Sequence[str]) -> dict[str, Any]:
    option: dict[str, Any] = {
        "type": STRING,
        "name": param.name,
        **_describe(param.help_key),
        "required": param.required,
    }
    choices = param.choices or (tuple(formats) if param.kind is ParamKind.FORMAT else ())
    if param.kind is ParamKind.INDEX or param.kind is ParamKind.WEEK:
        option.update(type=INTEGER, min_value=1)
    elif param.kind is ParamKind.MINUTES:
        option.update(type=INTEGER, min_value=0, max_value=MINUTES_IN_A_DAY)
    elif choices and len(choices) <= MAX_CHOICES:
        option["choices"] = [{"name": value, "value": value} for value in choices]
    elif param.suggest is not None:  # suggested by the core (`PeerBot.suggest`) as typed
        # `number` stays a string so `#12` can be typed as people write it
        option["autocomplete"] = True
    return option


def _describe(key: str) -> dict[str, Any]:
    """`description` in English (Discord's default) and Korean as a localization."""
    english = _clip(i18n.text_of(Language.EN, key))
    korean = _clip(i18n.text_of(Language.KO, key))
    described: dict[str, Any] = {"description": english}
    if korean != english:
        described["description_localizations"] = {"ko": korean}
    return described


def _clip(text: str) -> str:
    """Within Discord's 100 characters: whole clauses (up to a `;` or a sentence's end) where
    they fit, so `/help`'s longer text reads as a complete description; else cut with `…`."""
    text = " ".join(text.split())
    if len(text) <= MAX_DESCRIPTION:
        return text
    head = text[:MAX_DESCRIPTION]
    end = max(head.rfind("; "), head.rfind(". "))
    if end >= MAX_DESCRIPTION // 2:
        return head[:end].rstrip(" .;") + "."
    return text[: MAX_DESCRIPTION - 1].rstrip() + "…"


def invocation_parts(data: Mapping[str, Any]) -> tuple[str, str, dict[str, str]]:
    """(command, args, options) of a slash command's interaction data.

    A group's subcommand becomes the first word of `args`, as the core reads it; option values
    become strings, the core's own parsers check them.
    """
    command = str(data.get("name", ""))
    options: list[Mapping[str, Any]] = list(data.get("options") or [])
    args = ""
    if len(options) == 1 and options[0].get("type") == SUB_COMMAND:
        args = str(options[0]["name"])
        options = list(options[0].get("options") or [])
    return command, args, {str(o["name"]): _text(o.get("value")) for o in options}


def focused_option(data: Mapping[str, Any]) -> tuple[str, str] | None:
    """(name, typed so far) of the option an autocomplete interaction is about."""
    for option in data.get("options") or []:
        if option.get("type") == SUB_COMMAND:
            found = focused_option(option)
            if found is not None:
                return found
        elif option.get("focused"):
            return str(option["name"]), _text(option.get("value"))
    return None


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
