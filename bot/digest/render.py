"""Rendering a week through a Jinja2 template: the built-in formats, or a directory's own files.

A format is a template file: `bot/digest/templates/<format>.md.j2` (labels from the digest
catalogs, so one file serves every language), overridden by `<format>.<lang>.md.j2` or
`<format>.md.j2` in a custom template directory, where any `*.md.j2` is a format of its own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from bot import i18n
from bot.digest.days import by_topic
from bot.digest.markdown import NEWLINES, escape
from bot.digest.rich import md_block
from bot.digest.views import Typed
from bot.model.teams import Language

BUILT_IN = Path(__file__).parent / "templates"
SUFFIX = ".md.j2"
_LANG_SUFFIX = re.compile(r"\.(" + "|".join(lang.value for lang in Language) + r")$")


def _finalize(value: Any) -> Any:
    """Every `{{ … }}` output: user text that skipped `|md` is refused, not printed."""
    if isinstance(value, Typed):
        raise jinja2.TemplateError("user text must be printed through the |md filter")
    return value


@lru_cache(maxsize=32)
def environment(templates: Path | None, lang: Language) -> jinja2.Environment:
    """The template environment of one language: a custom directory first (if any), then the
    built-in files. Per language, so that the filters that print the bot's own words (`marks`)
    are that language's functions, called directly: a week's minutes mark hundreds of answers."""
    search = [str(templates)] if templates is not None else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*search, str(BUILT_IN)]),
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
    )
    env.filters["md"] = escape
    env.filters["md_block"] = md_block  # a member's own Markdown, held inside its block
    env.filters["lines"] = split_lines
    env.filters["by_topic"] = by_topic
    env.filters["marks"] = marker(lang)
    return env


def split_lines(value: Typed) -> list[Typed]:
    """`{% for item in r.done|lines %}`: a field's non-blank lines, each still user text."""
    return [Typed(line) for line in NEWLINES.split(value.text) if line.strip()]


def format_names(templates: Path | None) -> tuple[str, ...]:
    """The format names a template directory offers (`retro-log.ko.md.j2` is `retro-log`)."""
    if templates is None or not templates.is_dir():
        return ()
    names = {
        _LANG_SUFFIX.sub("", path.name.removesuffix(SUFFIX))
        for path in templates.glob("*" + SUFFIX)
    }
    return tuple(sorted(names))


def labeller(lang: Language) -> Any:
    """`t("digest.pm.lecture")` in a template: the catalog entry, fields filled (escaped)."""

    def t(key: str, **params: Any) -> str:
        for value in params.values():
            if isinstance(value, Typed):
                raise jinja2.TemplateError(f"pass user text to t({key!r}) through |md")
        return i18n.format_text(lang, key, **params) if params else i18n.text_of(lang, key)

    return t


def marker(lang: Language) -> Any:
    """`marks(a)` in a template (or `a|marks`): ` (mentor)` after a mentor's answer, ` ✅`
    after an endorsed one (the bot's own words, nothing for other answers or for other values).
    The marks are looked up once a rendering: a week's minutes mark hundreds of answers."""
    mentor = " " + i18n.text_of(lang, "digest.mentor_mark")
    endorsed = " " + i18n.text_of(lang, "digest.endorsed_mark")

    def marks(answer: Any) -> str:
        return (mentor if getattr(answer, "mentor", False) else "") + (
            endorsed if getattr(answer, "endorsed", False) else ""
        )

    return marks


def render_template(
    fmt: str, lang: Language, templates: Path | None, context: dict[str, Any]
) -> str:
    env = environment(templates, lang)
    template = env.select_template([f"{fmt}.{lang.value}{SUFFIX}", f"{fmt}{SUFFIX}"])
    return template.render(context, t=labeller(lang), marks=marker(lang))
