"""Forms: the retrospective and new-assignment dialogs that Slack and Discord show as modals.

The table says which command opens a form and when (`bot.commands.spec.FormSpec`); the core
describes the form (`Form`: its command, a title, up to five text fields, pre-filled when editing,
and an opaque `state` the adapter hands back on submit); each adapter draws it in its platform's
modal and passes the submitted values to `PeerBot.submit`. Inline text (`/retro fact: …`) stays
the way for the console and for clients without forms.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_TITLE = 45  # Discord and Slack both cap a modal title and a field label at 45 characters
MAX_FIELDS = 5  # Discord's limit of text inputs in one modal


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
    # A select of (label, value) instead of a text field (Slack static_select, Discord string
    # select in the modal), newest first: the adapter shows as many as its platform can
    choices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Form:
    """A dialog to show: give `command` and `state` back unchanged with the submitted values.

    `command` is the table's name of the command the form belongs to (`retro`, `assignment add`):
    a submission is routed as that command, so no adapter needs to know which form it was.
    """

    command: str
    title: str
    state: str
    fields: tuple[FormField, ...]
    submit_label: str


# What modals opened by an earlier version stored instead of their command's name.
_EARLIER_NAMES = {"assignment": "assignment add"}


def command_of(stored: str) -> str:
    """The command a submitted form belongs to, from what its modal stored (also for a modal
    opened before this version, which stored a form kind instead)."""
    return _EARLIER_NAMES.get(stored, stored)


def clip(text: str, limit: int = MAX_TITLE) -> str:
    """`text` cut to `limit` characters with an ellipsis (titles and labels)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
