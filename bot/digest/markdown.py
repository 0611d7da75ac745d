"""Escaping user text for the digest's Markdown, so no question can change the document's shape.

Three places take user text: inline, after a prefix on a line of its own (`Q. …`, `- …`, `: …`),
as a list item's content (the office-hours `1. …` / `    1. …` items), and inside an indented
code block (the til-review's `    🙂…` lines, as the seed writes them). Inline, CommonMark
specials are backslash-escaped, `<` and `&` become entities (so no HTML tag, autolink or entity
survives), and a newline becomes `<br>`; in a list item each line is escaped the same way and
continues the item on a line indented to its content (a `<br>` keeps the break, a blank line is
dropped, as it would end the item's paragraph); in a code block nothing is markup, so only a
newline needs care: it continues the block on an indented line.
"""

from __future__ import annotations

import functools
import re

from bot.text import isolate_bidi

# Escaped wherever they appear: emphasis, code spans, links, tables, fences, escapes; `_` only
# next to a non-alphanumeric (`cls_token` stays readable: intraword `_` is never emphasis), `&`
# only where it could start an entity (`a & b` stays as typed), and `<` always (no HTML tag or
# autolink survives, so `>` may stay as typed except where it starts a block quote).
_INLINE = re.compile(r"[\\`*\[\]|~<]|(?<![^\W_])_|_(?![^\W_])|&(?=[#A-Za-z0-9])")
_ENTITIES = {"&": "&amp;", "<": "&lt;"}
# What starts a block at the beginning of a line (or of a list item's content).
_LEADING_MARK = re.compile(r"^([#>+=-])")
_LEADING_NUMBER = re.compile(r"^(\d{1,9})([.)])")
NEWLINES = re.compile(r"\r\n|\r|\n")
# Text with none of these needs no escaping at all (most text: a quick check first).
_ANY_SPECIAL = re.compile(r"[\\`*\[\]|~_&<\r\n]|^\s*(?:[#>+=-]|\d{1,9}[.)])")
_CODE_INDENT = "    "


@functools.lru_cache(maxsize=16384)  # a pure function; a question appears on several days
def escape_inline(text: str) -> str:
    """User text as literal Markdown on one line: specials escaped, newlines as `<br>`."""
    text = isolate_bidi(str(text).strip())  # no bidi control reorders the page around it
    if not _ANY_SPECIAL.search(text):
        return text
    lines = [_escape_line(part) for part in NEWLINES.split(text)]
    return "<br>".join(lines)


def _escape_line(line: str) -> str:
    return escape_line_start(escape_text_run(line.strip()))


def escape_text_run(text: str) -> str:
    """A run of literal text inside a line: every inline special escaped (`bot.digest.rich`
    writes a member's Markdown back out with its text through this)."""
    return _INLINE.sub(_escaped, text)


def escape_line_start(line: str) -> str:
    """A line whose start could open a block (`#`, `>`, `-`, `=`, `+`, `1.`) made inert."""
    line = _LEADING_MARK.sub(r"\\\1", line)
    return _LEADING_NUMBER.sub(r"\1\\\2", line)


def _escaped(found: re.Match[str]) -> str:
    char = found.group()
    return _ENTITIES.get(char) or "\\" + char


def escape_item(text: str, indent: int) -> str:
    """User text as a list item's content: each line escaped as inline text (so none can start
    a block of its own), continuation lines indented by `indent` to stay inside the item."""
    text = isolate_bidi(str(text).strip())
    if not _ANY_SPECIAL.search(text):
        return text
    lines = [_escape_line(part) for part in NEWLINES.split(text) if part.strip()]
    return ("<br>\n" + " " * indent).join(lines)


def escape_code(text: str) -> str:
    """User text inside an indented code block: literal as is; a newline stays in the block."""
    lines = [part.rstrip() for part in NEWLINES.split(isolate_bidi(str(text).strip()))]
    return ("\n" + _CODE_INDENT).join(lines)


def escape(text: object, mode: str = "inline", indent: int = 0) -> str:
    """The `|md` filter: `{{ q.text|md }}` inline, `{{ q.text|md("item", 3) }}` as a list item's
    content indented 3 spaces, `{{ r.done|md("code") }}` in a code block."""
    value = str(text)
    if mode == "inline":
        return escape_inline(value)
    if mode == "item":
        return escape_item(value, indent)
    if mode == "code":
        return escape_code(value)
    raise ValueError(f"unknown md mode {mode!r}; use 'inline', 'item' or 'code'")
