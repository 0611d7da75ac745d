"""A core message's buttons (`bot.text.Action`) as a Slack actions block, and a pressed one back.

Each button's `value` is the route it runs (`{"c": command, "a": args}`, and `"r"`: the command
line whose reply replaces the message after the press, for a card's buttons), so a button keeps
working after a restart and on a post weeks old: nothing is kept in memory.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from bot.text import Action

log = logging.getLogger(__name__)

ACTION_PREFIX = "peerbot_do"  # every button's action_id starts with it (unique per button)
EARLIER_RETRO_BUTTON = "peerbot_retro"  # the nudge's button on posts from before actions
ACTIONS_BLOCK = "peerbot_actions"
MAX_BUTTONS = 25  # Slack's cap for one actions block
MAX_LABEL = 75
MAX_VALUE = 2000


def actions_block(actions: Sequence[Action]) -> dict[str, Any] | None:
    """The buttons as one actions block (None without buttons)."""
    elements: list[dict[str, Any]] = []
    for index, action in enumerate(actions[:MAX_BUTTONS]):
        route = {"c": action.command, "a": action.args}
        if action.refresh:
            route["r"] = action.refresh  # what the message shows again after the press
        value = json.dumps(route, ensure_ascii=False)
        if len(value) > MAX_VALUE:
            log.warning("slack: a button's route is over 2,000 characters; left off: %s", action)
            continue
        elements.append(
            {
                "type": "button",
                "action_id": f"{ACTION_PREFIX}_{index}",
                "text": {"type": "plain_text", "text": (action.label or action.typed)[:MAX_LABEL]},
                "style": "primary",
                "value": value,
            }
        )
    if len(actions) > MAX_BUTTONS:
        log.warning("slack: %s buttons, %s shown", len(actions), MAX_BUTTONS)
    if not elements:
        return None
    return {"type": "actions", "block_id": ACTIONS_BLOCK, "elements": elements}


def action_of(pressed: Mapping[str, Any]) -> Action | None:
    """The action a pressed button (an element of a block_actions payload's `actions`) runs."""
    action_id = str(pressed.get("action_id", ""))
    if action_id == EARLIER_RETRO_BUTTON:
        return Action("retro")
    if not action_id.startswith(ACTION_PREFIX):
        return None
    try:
        route = json.loads(str(pressed.get("value") or ""))
    except ValueError:
        return None
    if not isinstance(route, dict) or not isinstance(route.get("c"), str) or not route["c"]:
        return None
    return Action(route["c"], str(route.get("a") or ""), refresh=str(route.get("r") or ""))
