"""Core forms as Slack modals, and a submitted modal back into the core's terms.

A modal carries everything its submission needs in `private_metadata` (the form's command, its
opaque state and the channel it was opened from), so a modal opened before a restart is still
saved to the right team. Each field is an input block whose `block_id` is the field's name:
that is where `response_action: errors` shows a rejection.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from bot import forms
from bot.forms import Form
from bot.ports import Reply
from bot.text import plain_text

CALLBACK_ID = "peerbot_form"
INPUT_ACTION = "value"
TITLE_LIMIT = 24  # a modal's title and buttons
INPUT_LIMIT = 3000  # a plain_text_input's longest value
PLACEHOLDER_LIMIT = 150
ERROR_LIMIT = 500
MAX_OPTIONS = 100  # a static_select's options
OPTION_LIMIT = 75  # an option's text


def too_long_to_edit(form: Form) -> bool:
    """Whether a pre-filled value is longer than a Slack input can hold."""
    return any(len(field.value) > INPUT_LIMIT for field in form.fields)


def modal_of(form: Form, channel_id: str) -> dict[str, Any]:
    """The `view` for views.open."""
    blocks: list[dict[str, Any]] = []
    title = forms.clip(form.title, TITLE_LIMIT)
    if title != form.title:  # the full title where the modal's own cannot hold it
        blocks.append({"type": "context", "elements": [{"type": "plain_text", "text": form.title}]})
    for field in form.fields[: forms.MAX_FIELDS]:
        element: dict[str, Any] = {
            "type": "plain_text_input",
            "action_id": INPUT_ACTION,
            "multiline": field.multiline,
            "max_length": max(1, min(field.max_length, INPUT_LIMIT)),
        }
        if field.choices:
            element = _select(field.choices)
        elif field.value:
            element["initial_value"] = field.value
        if field.placeholder:
            element["placeholder"] = {
                "type": "plain_text",
                "text": forms.clip(field.placeholder, PLACEHOLDER_LIMIT),
            }
        blocks.append(
            {
                "type": "input",
                "block_id": field.name,
                "label": {"type": "plain_text", "text": field.label or field.name},
                "optional": not field.required,
                "element": element,
            }
        )
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "title": {"type": "plain_text", "text": title},
        "submit": {"type": "plain_text", "text": forms.clip(form.submit_label, TITLE_LIMIT)},
        "private_metadata": json.dumps({"k": form.command, "s": form.state, "c": channel_id}),
        "blocks": blocks,
    }


def _select(choices: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """A static select (Slack filters its options as one types: the search)."""
    options = [
        {"text": {"type": "plain_text", "text": forms.clip(label, OPTION_LIMIT)}, "value": value}
        for label, value in choices[:MAX_OPTIONS]
    ]
    return {"type": "static_select", "action_id": INPUT_ACTION, "options": options}


def metadata_of(view: Mapping[str, Any]) -> tuple[str, str, str]:
    """(command, state, channel id) a submitted modal carries; empty strings when unreadable."""
    try:
        data = json.loads(str(view.get("private_metadata") or "{}"))
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    command = forms.command_of(str(data.get("k", "")))
    return command, str(data.get("s", "")), str(data.get("c", ""))


def submitted_values(view: Mapping[str, Any]) -> dict[str, str]:
    """{field name: typed text} of a view_submission."""
    values: dict[str, str] = {}
    state = (view.get("state") or {}).get("values") or {}
    for block_id, actions in state.items():
        if not isinstance(actions, Mapping):
            continue
        action = actions.get(INPUT_ACTION) or next(iter(actions.values()), None)
        if isinstance(action, Mapping):
            chosen = action.get("selected_option") or {}
            values[str(block_id)] = str(action.get("value") or chosen.get("value") or "")
    return values


def field_errors(reply: Reply, view: Mapping[str, Any]) -> dict[str, str] | None:
    """`errors` for `response_action: errors` when the rejection names a field of this modal."""
    if reply.ok or not reply.field:
        return None
    blocks = {str(b.get("block_id")) for b in view.get("blocks") or [] if b.get("type") == "input"}
    if reply.field not in blocks:
        return None
    text = plain_text(reply.message)  # shown as plain text under the field: nothing can mention
    return {reply.field: forms.clip(text, ERROR_LIMIT)}
