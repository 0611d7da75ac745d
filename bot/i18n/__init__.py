"""Message catalogs: every sentence the bot says, in Korean and English.

`say(lang, key, **params)` fills a catalog entry into a `Message`. String parameters are treated
as user text (escaped when rendered) unless wrapped in `Plain`; numbers and dates are the bot's
own. A sentence missing from one language falls back to English, and a test keeps both complete.
"""

from __future__ import annotations

import string
from datetime import date
from typing import Any

from bot.errors import PeerbotError
from bot.i18n import (
    en,
    en_adapters,
    en_digest,
    en_schedule,
    en_study,
    ko,
    ko_adapters,
    ko_digest,
    ko_schedule,
    ko_study,
)
from bot.model.teams import Language
from bot.text import Action, Line, Mention, Message, Plain, Span, UserText

__all__ = ["Language", "Plain", "UserText", "fill", "line", "say", "text_of"]

# One catalog per language, merged from one module per area (so areas can grow apart).
CATALOGS: dict[Language, dict[str, str]] = {
    Language.EN: {
        **en.MESSAGES,
        **en_study.MESSAGES,
        **en_schedule.MESSAGES,
        **en_digest.MESSAGES,
        **en_adapters.MESSAGES,
    },
    Language.KO: {
        **ko.MESSAGES,
        **ko_study.MESSAGES,
        **ko_schedule.MESSAGES,
        **ko_digest.MESSAGES,
        **ko_adapters.MESSAGES,
    },
}
_formatter = string.Formatter()


def text_of(lang: Language, key: str) -> str:
    """The raw catalog entry (for help texts and labels)."""
    catalog = CATALOGS[lang]
    if key in catalog:
        return catalog[key]
    if key in CATALOGS[Language.EN]:
        return CATALOGS[Language.EN][key]
    raise KeyError(f"no message {key!r} in any catalog")


def _span(value: Any) -> Span:
    if isinstance(value, Plain | UserText | Mention):
        return value
    if isinstance(value, str):
        return UserText(value)
    if isinstance(value, date):
        return Plain(value.isoformat())
    return Plain(str(value))


def fill(template: str, params: dict[str, Any]) -> Message:
    """Split `template` into lines and spans, filling `{name}` fields from `params`."""
    lines: list[Line] = []
    for raw_line in template.split("\n"):
        spans: list[Span] = []
        for literal, field, _spec, _conv in _formatter.parse(raw_line):
            if literal:
                spans.append(Plain(literal))
            if field is not None:
                value = params[field]
                if isinstance(value, tuple):  # a Line: several spans in place of one field
                    spans.extend(value)
                else:
                    spans.append(_span(value))
        lines.append(tuple(spans))
    return Message(tuple(lines))


def say(lang: Language, key: str, /, **params: Any) -> Message:
    """The catalog sentence `key` in `lang`, filled with `params`."""
    return fill(text_of(lang, key), params)


def error_message(lang: Language, error: PeerbotError) -> Message:
    """A rejected command's sentence (its `what` names a catalog label, like `what.answer`)."""
    params = dict(error.params)
    if "what" in params:
        params["what"] = Plain(text_of(lang, f"what.{params['what']}"))
    return say(lang, error.key, **params)


def line(lang: Language, key: str, /, **params: Any) -> Line:
    """A one-line catalog entry as a `Line`, for building lists."""
    message = say(lang, key, **params)
    return tuple(span for part in message.lines for span in part)


def labelled(lang: Language, message: Message) -> Message:
    """`message` with each unlabelled button labelled from the catalog (`button.<command>`)."""
    actions = tuple(
        a if a.label else Action(a.command, a.args, text_of(lang, button_key(a.command)))
        for a in message.actions
    )
    return Message(message.lines, actions)


def button_key(command: str) -> str:
    """The catalog key of the label of a button that runs `command` (`assignment done`)."""
    return "button." + command.replace(" ", ".")
