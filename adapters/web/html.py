"""A core `Message` as HTML, and a digest's Markdown as HTML: everything a user typed escaped.

The bot's own words (`Plain`) may carry **bold** and `code`; user text (`UserText`) is escaped,
kept inside a `<bdi>` (its bidi controls isolated as everywhere else), its control characters
(NUL included) shown as U+FFFD, and its http(s) addresses made links with
`rel="noopener nofollow"`; nothing else of it becomes markup. A digest is rendered by
markdown-it with raw HTML off (a member's `<script>` is text), unsafe link schemes refused by
markdown-it's own check, and every link given the same `rel`.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from bot.text import Mention, Message, Plain, Span, UserText, isolate_bidi

REL = "noopener nofollow"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_URL = re.compile(r"https?://[^\s<>\"'\u2066-\u2069\u202a-\u202e]+")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")


def clean(text: str) -> str:
    """User text with its control characters (NUL, escapes) shown as U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


def user_html(text: str) -> Markup:
    """User text, escaped, with its web addresses as links (nofollow)."""
    text = isolate_bidi(clean(text))
    parts: list[str] = []
    last = 0
    for found in _URL.finditer(text):
        url = found.group(0).rstrip(".,;:!?)")
        end = found.start() + len(url)
        parts.append(escape(text[last : found.start()]))
        parts.append(f'<a href="{escape(url)}" rel="{REL}">{escape(url)}</a>')
        last = end
    parts.append(escape(text[last:]))
    return Markup('<bdi class="user">') + Markup("".join(parts)) + Markup("</bdi>")


def plain_html(text: str) -> Markup:
    """The bot's own words: escaped, then its **bold** and `code`."""
    escaped = str(escape(text))
    escaped = _CODE.sub(r"<code>\1</code>", escaped)
    return Markup(_BOLD.sub(r"<strong>\1</strong>", escaped))


def span_html(span: Span) -> Markup:
    if isinstance(span, Plain):
        return plain_html(span.text)
    if isinstance(span, UserText):
        return user_html(span.text)
    assert isinstance(span, Mention)
    return Markup("@") + user_html(span.name)


def message_html(message: Message) -> Markup:
    """Each line of the message as a `<p>`; an indented line (an answer, the state) gets the
    `indent` class instead of its leading spaces. Neighbouring `Plain` spans are joined first,
    so **bold** around a filled-in number (`**#{number}**`) still pairs up."""
    out: list[str] = []
    for line in message.lines:
        spans = _joined(line)
        indent = bool(spans) and isinstance(spans[0], Plain) and spans[0].text[:1] == " "
        if indent:
            first = spans[0]
            assert isinstance(first, Plain)
            spans[0] = Plain(first.text.lstrip(" "))
        body = "".join(span_html(span) for span in spans)
        out.append(f'<p class="line{" indent" if indent else ""}">{body}</p>')
    return Markup("\n".join(out))


def _joined(line: tuple[Span, ...]) -> list[Span]:
    spans: list[Span] = []
    for span in line:
        previous = spans[-1] if spans else None
        if isinstance(span, Plain) and isinstance(previous, Plain):
            spans[-1] = Plain(previous.text + span.text)
        else:
            spans.append(span)
    return spans


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

    def link_open(renderer: Any, tokens: Any, index: int, options: Any, env: Any) -> str:
        tokens[index].attrSet("rel", REL)
        return str(renderer.renderToken(tokens, index, options, env))

    md.add_render_rule("link_open", link_open)
    return md


_MD = _markdown()


def markdown_html(text: str) -> Markup:
    """A digest's Markdown as HTML: raw HTML shown as text, links nofollow. The digest has
    already isolated its user text's bidi controls (`bot.digest.markdown`), line by line."""
    return Markup(_MD.render(clean(text)))
