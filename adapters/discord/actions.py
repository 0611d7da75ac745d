"""A core message's buttons (`bot.text.Action`) as Discord components, and a pressed one back.

A button's `custom_id` is the route it runs, `pb:<command>:<args>` (at most 100 characters), so
a button keeps working after a restart and on a post weeks old: nothing is kept in memory. A
button that also refreshes its message (`Action.refresh`) is `pbj:["command", "args",
"refresh"]`, JSON, since a refresh's command line holds colons.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

import discord

from bot.text import Action

log = logging.getLogger(__name__)

PREFIX = "pb:"
JSON_PREFIX = "pbj:"
EARLIER_RETRO_BUTTON = "peerbot:retro"  # the nudge's button as posts before actions carried it
MAX_CUSTOM_ID = 100
MAX_LABEL = 80
MAX_BUTTONS = 25  # five rows of five


def custom_id(action: Action) -> str | None:
    """The button's custom_id, or None when the route is too long for one."""
    if action.refresh:
        route = [action.command, action.args, action.refresh]
        value = JSON_PREFIX + json.dumps(route, ensure_ascii=False, separators=(",", ":"))
    else:
        value = f"{PREFIX}{action.command}:{action.args}"
    return value if len(value) <= MAX_CUSTOM_ID else None


def action_of(custom_id: str) -> Action | None:
    """The action a pressed button runs (None: not one of ours)."""
    if custom_id == EARLIER_RETRO_BUTTON:
        return Action("retro")
    if custom_id.startswith(JSON_PREFIX):
        try:
            route = json.loads(custom_id.removeprefix(JSON_PREFIX))
        except ValueError:
            return None
        match route:
            case [str(command), str(args), str(refresh)] if command:
                return Action(command, args, refresh=refresh)
        return None
    if not custom_id.startswith(PREFIX):
        return None
    command, _, args = custom_id.removeprefix(PREFIX).partition(":")
    return Action(command, args) if command else None


def view_of(actions: Sequence[Action]) -> discord.ui.View | None:
    """The buttons as a view to send with a message (None without buttons)."""
    if not actions:
        return None
    view = discord.ui.View(timeout=None)
    for action in actions[:MAX_BUTTONS]:
        button_id = custom_id(action)
        if button_id is None:
            log.warning("discord: a button's route is over 100 characters; left off: %s", action)
            continue
        view.add_item(
            discord.ui.Button(
                label=(action.label or action.typed)[:MAX_LABEL],
                custom_id=button_id,
                style=discord.ButtonStyle.primary,
            )
        )
    if len(actions) > MAX_BUTTONS:
        log.warning("discord: %s buttons, %s shown", len(actions), MAX_BUTTONS)
    # Answered by custom_id in `Interactions.on_interaction` (also after a restart).
    view.stop()
    return view
