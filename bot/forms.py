"""Forms: the retrospective and new-assignment dialogs that Slack and Discord show as modals.

The core describes a form (`Form`: a title, up to five text fields, pre-filled when editing, and an
opaque `state` the adapter hands back on submit); each adapter draws it in its platform's modal and
passes the submitted values to `PeerBot.submit_form`. Inline text (`/retro fact: …`) stays the way
for the console and for clients without forms.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.errors import PeerbotError
from bot.ports import Invocation

RETRO = "retro"
ASSIGNMENT = "assignment"
KINDS = (RETRO, ASSIGNMENT)

MAX_TITLE = 45  # Discord and Slack both cap a modal title and a field label at 45 characters
MAX_FIELDS = 5  # Discord's limit of text inputs in one modal
MAX_STATE = 80  # leaves room in Discord's 100-character custom_id


@dataclass(frozen=True)
class FormField:
    """One text field of a form."""

    name: str  # the field's key in the submitted values: "fact", "title", "due", …
    label: str
    value: str = ""  # pre-filled (an existing retrospective's text)
    multiline: bool = False
    required: bool = False
    max_length: int = 4000
    placeholder: str = ""


@dataclass(frozen=True)
class Form:
    """A dialog to show: give `state` back unchanged with the submitted values."""

    kind: str
    title: str
    state: str
    fields: tuple[FormField, ...]
    submit_label: str


def wants_form(invocation: Invocation) -> str | None:
    """The form a command asks for: `/retro` without text, `/assignment add` without a title."""
    from bot.commands.parsing import parse_arguments  # the table's handlers import this module
    from bot.commands.table import resolve

    try:
        command, rest = resolve(invocation.command, invocation.args)
    except PeerbotError:
        return None
    options = invocation.options
    if command.name == "retro":
        try:  # `/retro day:yesterday` opens yesterday's form
            args = parse_arguments(command, rest, options)
        except PeerbotError:
            return None  # the command itself will say what is wrong
        return None if (args.get("fields") or "").strip() else RETRO
    if command.name == "assignment add":
        if rest.strip() or options.get("title", "").strip():
            return None
        return ASSIGNMENT
    return None


def clip(text: str, limit: int = MAX_TITLE) -> str:
    """`text` cut to `limit` characters with an ellipsis (titles and labels)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
