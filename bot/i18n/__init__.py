"""Message and word catalogs: every sentence the bot says and every word people type.

`say(lang, key, **params)` fills a catalog entry into a `Message`. String parameters are treated
as user text (escaped when rendered) unless wrapped in `Plain`; numbers and dates are the bot's
own; an `Example` is a command's example in the message's language (shown as typed). A sentence
missing from one language falls back to English, and a test keeps both complete.

A field's format spec shapes what follows the value, so sentences read as people write them:

- **Korean particles**: `{title:을}` writes `선택과제를` or `질문을`; the spec is either form of
  the pair (이/가, 은/는, 을/를, 과/와, 으로/로, 이라/라, 이에요/예요, 아/야) and the form is
  chosen by the value's final sound (`bot.i18n.particles`: Hangul, numbers, Latin words).
  A space before it keeps it apart, for a command people copy: `/reopen {number: 를}`.
- **Plurals**: `{count:answer|answers}` writes `1 answer`, `2 answers`: the number, a space
  and the word in the language's plural form (Babel's CLDR rules; the forms are listed in CLDR
  order, zero one two few many other, as many as the language has; Korean has one).

Words people type live in the word catalogs (`en_words`, `ko_words`: key -> words). `words(key)`
is the union over every language, so a Korean word works on an English team and the other way
round; `aliases(prefix)` gives `(word, choice)` pairs for a table parameter. Both are built once.
A third language is one catalog module per area plus its line in `CATALOGS` and `WORDS`.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any

from babel import Locale
from babel.plural import PluralRule

from bot.errors import PeerbotError
from bot.i18n import (
    en,
    en_adapters,
    en_cohort,
    en_digest,
    en_edits,
    en_minutes,
    en_office_hours,
    en_publish,
    en_roles,
    en_rotation,
    en_saved,
    en_schedule,
    en_search,
    en_study,
    en_threads,
    en_web,
    en_words,
    ko,
    ko_adapters,
    ko_cohort,
    ko_digest,
    ko_edits,
    ko_minutes,
    ko_office_hours,
    ko_publish,
    ko_roles,
    ko_rotation,
    ko_saved,
    ko_schedule,
    ko_search,
    ko_study,
    ko_threads,
    ko_web,
    ko_words,
)
from bot.i18n.particles import PAIRS, attach
from bot.model.teams import Language
from bot.text import Action, Line, Mention, Message, Plain, Span, UserText

__all__ = [
    "Example",
    "Language",
    "Plain",
    "UserText",
    "aliases",
    "fill",
    "line",
    "say",
    "text_of",
    "words",
]

# One catalog per language, merged from one module per area (so areas can grow apart).
CATALOGS: dict[Language, dict[str, str]] = {
    Language.EN: {
        **en.MESSAGES,
        **en_study.MESSAGES,
        **en_schedule.MESSAGES,
        **en_search.MESSAGES,
        **en_digest.MESSAGES,
        **en_adapters.MESSAGES,
        **en_edits.MESSAGES,
        **en_saved.MESSAGES,
        **en_threads.MESSAGES,
        **en_minutes.MESSAGES,
        **en_office_hours.MESSAGES,
        **en_roles.MESSAGES,
        **en_rotation.MESSAGES,
        **en_cohort.MESSAGES,
        **en_web.MESSAGES,
        **en_publish.MESSAGES,
    },
    Language.KO: {
        **ko.MESSAGES,
        **ko_study.MESSAGES,
        **ko_schedule.MESSAGES,
        **ko_search.MESSAGES,
        **ko_digest.MESSAGES,
        **ko_adapters.MESSAGES,
        **ko_edits.MESSAGES,
        **ko_saved.MESSAGES,
        **ko_threads.MESSAGES,
        **ko_minutes.MESSAGES,
        **ko_office_hours.MESSAGES,
        **ko_roles.MESSAGES,
        **ko_rotation.MESSAGES,
        **ko_cohort.MESSAGES,
        **ko_web.MESSAGES,
        **ko_publish.MESSAGES,
    },
}
WORDS: dict[Language, dict[str, tuple[str, ...]]] = {
    Language.EN: en_words.WORDS,
    Language.KO: ko_words.WORDS,
}
_PLURAL_TAGS = ("zero", "one", "two", "few", "many", "other")
_formatter = string.Formatter()


@dataclass(frozen=True)
class Example:
    """The example of command `command` (`ask`, `team setup`), in the language it is said in."""

    command: str

    @property
    def key(self) -> str:
        return "example." + self.command.replace(" ", ".")


def text_of(lang: Language, key: str) -> str:
    """The raw catalog entry (for help texts and labels)."""
    catalog = CATALOGS[lang]
    if key in catalog:
        return catalog[key]
    if key in CATALOGS[Language.EN]:
        return CATALOGS[Language.EN][key]
    raise KeyError(f"no message {key!r} in any catalog")


def _span(lang: Language, value: Any) -> Span:
    if isinstance(value, Plain | UserText | Mention):
        return value
    if isinstance(value, Example):
        return UserText(text_of(lang, value.key))
    if isinstance(value, str):
        return UserText(value)
    if isinstance(value, date):
        return Plain(value.isoformat())
    return Plain(str(value))


def _heard(spans: list[Span]) -> str:
    """The text a particle follows: the last span's (a mention by its display name)."""
    if not spans:
        return ""
    last = spans[-1]
    return last.name if isinstance(last, Mention) else last.text


_Part = tuple[Plain | None, str | None, str]  # literal text, then a field and its spec


@lru_cache(maxsize=4096)
def _parsed(template: str) -> tuple[tuple[_Part, ...], ...]:
    """A template's lines, each its literal spans and fields in order: parsed once per
    catalog entry (every reply fills some, and parsing was most of filling)."""
    return tuple(
        tuple(
            (Plain(literal) if literal else None, field, spec or "")
            for literal, field, spec, _conv in _formatter.parse(raw_line)
        )
        for raw_line in template.split("\n")
    )


def fill(template: str, params: dict[str, Any], lang: Language = Language.EN) -> Message:
    """Split `template` into lines and spans, filling `{name}` fields from `params`."""
    lines: list[Line] = []
    for parts in _parsed(template):
        spans: list[Span] = []
        for literal, field, spec in parts:
            if literal is not None:
                spans.append(literal)
            if field is None:
                continue
            value = params[field]
            if isinstance(value, tuple):  # a Line: several spans in place of one field
                spans.extend(value)
            else:
                spans.append(_span(lang, value))
            if spec:
                spans.append(Plain(_after(lang, spec, spans, value)))
        lines.append(tuple(spans))
    return Message(tuple(lines))


def _after(lang: Language, spec: str, spans: list[Span], value: Any) -> str:
    """What a field's spec writes after its value: a particle or a plural word."""
    particle = spec.lstrip(" ")
    if particle in PAIRS:
        return spec[: len(spec) - len(particle)] + attach(_heard(spans), particle)
    return " " + plural(lang, value, spec.split("|"))


def plural(lang: Language, count: Any, forms: list[str]) -> str:
    """The one of `forms` (in CLDR order) that `count` takes in `lang`."""
    rule, tags = _plural_rule(lang.value)
    if len(forms) != len(tags):
        raise ValueError(f"{lang.value} has {len(tags)} plural forms, not {len(forms)}: {forms}")
    return forms[tags.index(rule(count))]


@cache
def _plural_rule(lang: str) -> tuple[PluralRule, tuple[str, ...]]:
    """The language's CLDR plural rule and its forms in CLDR order (`other` is implicit)."""
    rule = Locale.parse(lang).plural_form
    tags = {*rule.tags, "other"}
    return rule, tuple(tag for tag in _PLURAL_TAGS if tag in tags)


def say(lang: Language, key: str, /, **params: Any) -> Message:
    """The catalog sentence `key` in `lang`, filled with `params`."""
    return fill(text_of(lang, key), params, lang)


def format_text(lang: Language, key: str, /, **params: Any) -> str:
    """The catalog sentence `key` filled as plain text (labels inside other text, templates)."""
    message = say(lang, key, **params)
    return "\n".join("".join(_heard([span]) for span in part) for part in message.lines)


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


# --- words people type ---------------------------------------------------------------------------


def _union() -> dict[str, tuple[str, ...]]:
    """Every word key with its words in every language, lowercased, first seen first."""
    merged: dict[str, dict[str, None]] = {}
    for catalog in WORDS.values():
        for key, found in catalog.items():
            merged.setdefault(key, {}).update(dict.fromkeys(word.lower() for word in found))
    return {key: tuple(found) for key, found in merged.items()}


_WORDS = _union()


def words(key: str) -> tuple[str, ...]:
    """The words that mean `key` (`weekday.fri`, `day.today`) in any language, lowercased."""
    return _WORDS[key]


@cache
def aliases(prefix: str) -> tuple[tuple[str, str], ...]:
    """`(word, choice)` for every word of every `prefix.choice` key (`category.lecture`)."""
    start = prefix + "."
    return tuple(
        (word, key[len(start) :])
        for key, found in _WORDS.items()
        if key.startswith(start)
        for word in found
    )


# --- buttons -----------------------------------------------------------------------------------


def labelled(lang: Language, message: Message) -> Message:
    """`message` with each unlabelled button labelled from the catalog (`button.<command>`)."""
    actions = tuple(
        a if a.label else a.with_label(text_of(lang, button_key(a.command)))
        for a in message.actions
    )
    return Message(message.lines, actions)


def button(lang: Language, command: str, args: str = "", /, key: str = "", **params: Any) -> Action:
    """A labelled button running `/command args`: labelled by catalog sentence `key` filled with
    `params` (`button.answer.numbered`: `Answer #{number}`), or by its command's plain
    `button.<command>` without a key. The label is kept in the button (and the outbox row)."""
    label = format_text(lang, key, **params) if key else text_of(lang, button_key(command))
    return Action(command, args, label)


def button_key(command: str) -> str:
    """The catalog key of the label of a button that runs `command` (`assignment done`)."""
    return "button." + command.replace(" ", ".")
