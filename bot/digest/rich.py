"""A member's own Markdown in a digest, kept but held inside its block: the `|md_block` filter.

A TIL's "새롭게 알게된 내용" is the member's own notes, as rich as the seed writes them (numbered
bold items, code fences, `##` headings), so escaping every character (`|md`) would lose the code.
Instead the text is parsed as CommonMark (markdown-it-py, raw HTML off) and written out again
from the tokens, so only what the parser understood survives, each piece re-escaped:

- paragraphs, lists (bullets, numbered, nested), block quotes, bold, italic, inline code and
  links (http and https only; any other link keeps its text) are kept;
- a code fence is kept with its content literal; its fence is longer than any backtick run in
  it, so it always closes inside the block (an unclosed one ends where the field ends), and an
  indented code block becomes a fence;
- a heading is demoted below the block's own level (`#` becomes `level + 1`), or bold text past
  `######`; a setext heading (`===`/`---` under a line) is written as such a heading, and a
  thematic break as `***`, so nothing turns the template's text around it into a heading;
- raw HTML is text: every `<` is `&lt;`, so `</details>`, `<summary>` or `<script>` cannot be a
  tag, and no link reference definition reaches the document (links are written out in full);
- mentions cannot ping: `@everyone` / `@here` get a zero-width space (also in code), `<!channel>`
  and `<@123>` are `&lt;` in text and broken the same way in code; bidi controls are isolated
  per line (`isolate_bidi`), as in every other user text.

Nesting deeper than `MAX_DEPTH` containers is flattened, so the document's parser never meets
its nesting limit once the block sits inside the template's list (text nested over 100 deep,
past this parser's own limit, is not kept). Everyone else's text (questions, answers, session
notes) stays fully escaped through `|md`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from bot.digest.markdown import NEWLINES, escape_line_start, escape_text_run
from bot.text import break_mentions, isolate_bidi

# The parser's own nesting limit drops what lies deeper (CommonMark's default is 20): 100 keeps
# any real text, and is still shallow enough for its recursion.
_PARSER = MarkdownIt("commonmark", {"html": False, "maxNesting": 100})
MAX_DEPTH = 6  # block containers (a list with its item counts once) kept nested
_SAFE_LINK = re.compile(r"https?://[^\s<>]+", re.IGNORECASE)
_INFO = re.compile(r"[\w.+#-]{1,30}")
_BACKTICKS = re.compile(r"`+")
_CLOSING_HASHES = re.compile(r"(?:(?<=\s)|^)(#+)$")


@dataclass
class _Node:
    """A block token with the tokens between it and its closing token (a container's)."""

    token: Token
    children: list[_Node] = field(default_factory=list)


@functools.lru_cache(maxsize=4096)
def md_block(text: object, level: int = 2, indent: int = 0, bullets: bool = False) -> str:
    """The `|md_block` filter: a member's field as Markdown that stays inside its block.

    `level` is the level of the block's own heading (a `#` in the field becomes `level + 1`);
    `indent` spaces go before every line (the block nested in a template's list item);
    `bullets` writes each line of a top-level paragraph as a `- ` item and every other
    top-level block as an item of its own (retro-log's Peer-Session bullets).
    """
    source = "\n".join(NEWLINES.split(str(text).strip()))
    if not source:
        return ""
    tree = _tree(_PARSER.parse(source))
    writer = _Writer(level)
    lines = writer.bullets(tree) if bullets else writer.blocks(tree, tight=False)
    pad = " " * indent
    return "\n".join(pad + line if line else "" for line in lines)


def _tree(tokens: list[Token]) -> list[_Node]:
    root: list[_Node] = []
    stack: list[list[_Node]] = [root]
    for token in tokens:
        if token.nesting == 1:
            node = _Node(token)
            stack[-1].append(node)
            stack.append(node.children)
        elif token.nesting == -1:
            if len(stack) > 1:
                stack.pop()
        else:
            stack[-1].append(_Node(token))
    return root


class _Writer:
    """Markdown lines from the parsed tree (container prefixes added by the caller)."""

    def __init__(self, level: int) -> None:
        self.level = level

    # --- blocks ----------------------------------------------------------------------------------

    def blocks(self, nodes: list[_Node], *, tight: bool, depth: int = 0) -> list[str]:
        """Sibling blocks, separated by a blank line (by none in a tight list's item)."""
        lines: list[str] = []
        previous: _Node | None = None
        for node in nodes:
            written = self.block(node, depth=depth, tight=tight)
            if not written:
                continue
            if lines and not (tight and _interrupts(previous, node)):
                lines.append("")
            lines += written
            previous = node
        return lines

    def block(self, node: _Node, *, depth: int, tight: bool) -> list[str]:
        kind = node.token.type
        if kind == "paragraph_open":
            return self.inline_lines(node.children)
        if kind == "heading_open":
            return self.heading(node)
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self.listing(node, depth)
        if kind == "blockquote_open":
            inner = self.blocks(node.children, tight=False, depth=depth + 1)
            if depth >= MAX_DEPTH:
                return inner
            return [("> " + line) if line else ">" for line in inner]
        if kind in ("fence", "code_block"):
            return fence(node.token.content, node.token.info if kind == "fence" else "")
        if kind == "hr":
            return ["***"]
        if kind == "list_item_open":  # only under a list flattened past MAX_DEPTH
            return self.blocks(node.children, tight=tight, depth=depth)
        content = node.token.content or "".join(c.token.content for c in node.children)
        return [escape_line_start(escape_text_run(line)) for line in content.splitlines() if line]

    def heading(self, node: _Node) -> list[str]:
        depth = int(node.token.tag[1:]) + self.level
        if depth <= 6:
            text = " ".join(self.inline_lines(node.children, heading=True))
            return [("#" * depth + " " + text).rstrip()]
        text = " ".join(self.inline_lines(node.children, strong=False))
        return [f"**{text}**"] if text.strip() else []

    def listing(self, node: _Node, depth: int, marker: str = "") -> list[str]:
        """A list, its items numbered from its start; `marker` instead of the typed bullet
        drops empty items (the Peer-Session bullets)."""
        ordered = node.token.type == "ordered_list_open"
        tight = all(
            grand.token.hidden
            for item in node.children
            for grand in item.children
            if grand.token.type == "paragraph_open"
        )
        if depth >= MAX_DEPTH:
            return self.blocks(node.children, tight=False, depth=depth)
        number = int(node.token.attrs.get("start", 1) or 1) if ordered else 0
        delimiter = node.token.markup or ("." if ordered else "-")
        lines: list[str] = []
        for item in node.children:
            mark = f"{number}{delimiter}" if ordered else marker or delimiter
            number += 1
            inner = self.blocks(item.children, tight=tight, depth=depth + 1)
            if marker and not inner:
                continue
            if lines and not tight:
                lines.append("")
            lines += _item(mark, inner)
        return lines

    def bullets(self, nodes: list[_Node]) -> list[str]:
        """Every top-level block as `-` items of one list right under the template's line: a
        paragraph one item per line, a bullet list its own items, anything else (a numbered
        list, a fence, a heading) one item holding it; empty items are left out, since a bare
        `-` under a line would make that line a heading."""
        lines: list[str] = []
        for node in nodes:
            kind = node.token.type
            if kind == "paragraph_open":
                lines += [f"- {line}" for line in self.inline_lines(node.children)]
            elif kind == "bullet_list_open":
                lines += self.listing(node, 0, marker="-")
            else:
                inner = self.block(node, depth=1, tight=True)
                lines += _item("-", inner) if inner else []
        return lines

    # --- inline ----------------------------------------------------------------------------------

    def inline_lines(
        self, nodes: list[_Node], *, heading: bool = False, strong: bool = True
    ) -> list[str]:
        """A paragraph's (or heading's) inline content as lines: soft breaks kept as line
        ends, hard breaks as a trailing backslash, each line's start made inert."""
        children: list[Token] = []
        for node in nodes:
            if node.token.type == "inline":
                children += node.token.children or []
        text = self.inline(children, strong=strong)
        lines = [line.strip() for line in text.split("\n")]
        if heading:  # after the `#`s nothing opens a block; a trailing `#` run would close it
            return [_CLOSING_HASHES.sub(r"\\\1", line) for line in lines if line]
        return [escape_line_start(line) for line in lines if line]

    def inline(self, children: list[Token], *, strong: bool = True) -> str:
        out: list[str] = []
        links: list[str | None] = []  # each open link's address, None when written as text
        for child in children:
            kind = child.type
            if kind == "text":
                out.append(_text(child.content))
            elif kind == "softbreak":
                out.append("\n")
            elif kind == "hardbreak":
                out.append("\\\n")
            elif kind == "code_inline":
                out.append(code_span(child.content))
            elif kind in ("em_open", "em_close"):
                out.append(child.markup or "*")
            elif kind in ("strong_open", "strong_close"):
                out.append((child.markup or "**") if strong else "")
            elif kind == "link_open":
                href = str(child.attrs.get("href", ""))
                safe = href if _SAFE_LINK.fullmatch(href) and not any(links) else None
                links.append(safe)
                out.append("[" if safe else "")
            elif kind == "link_close":
                href_or_none = links.pop() if links else None
                out.append(f"](<{href_or_none}>)" if href_or_none else "")
            elif kind == "image":
                out.append(_image(child, in_link=any(links)))
        return "".join(out)


def _text(content: str) -> str:
    return escape_text_run(break_mentions(isolate_bidi(content)))


def _image(token: Token, *, in_link: bool) -> str:
    """An image as its alt text, a link to it when its address is a web address."""
    alt = _text(token.content) or "image"
    src = str(token.attrs.get("src", ""))
    if _SAFE_LINK.fullmatch(src) and not in_link:
        return f"[{alt}](<{src}>)"
    return alt


def _interrupts(previous: _Node | None, node: _Node) -> bool:
    """Whether `node` may follow `previous` on the next line (a tight list item's blocks):
    a list may follow a paragraph only when it could interrupt one, anything else always."""
    if previous is None or previous.token.type != "paragraph_open":
        return True
    token = node.token
    if token.type == "ordered_list_open":
        return int(token.attrs.get("start", 1) or 1) == 1 and _first_item_has_text(node)
    if token.type == "bullet_list_open":
        return _first_item_has_text(node)
    return token.type in ("fence", "heading_open", "hr", "blockquote_open")


def _first_item_has_text(node: _Node) -> bool:
    return bool(node.children and node.children[0].children)


def _item(marker: str, inner: list[str]) -> list[str]:
    """A list item: the marker before its first line, the others indented to its content."""
    if not inner:
        return [marker]
    pad = " " * (len(marker) + 1)
    first, *rest = inner
    return [f"{marker} {first}", *((pad + line) if line else "" for line in rest)]


def fence(content: str, info: str = "") -> list[str]:
    """A code fence around `content`, literal: longer than any backtick run inside it."""
    longest = max((len(run) for run in _BACKTICKS.findall(content)), default=0)
    marks = "`" * max(3, longest + 1)
    language = _INFO.match(info.strip())
    literal = content.removesuffix("\n")
    body = [break_mentions(isolate_bidi(line)) for line in literal.split("\n")] if content else []
    return [marks + (language.group() if language else ""), *body, marks]


def code_span(content: str) -> str:
    """Inline code, literal: delimited by one backtick more than the longest run inside."""
    content = break_mentions(isolate_bidi(content)).replace("\n", " ")
    longest = max((len(run) for run in _BACKTICKS.findall(content)), default=0)
    ticks = "`" * (longest + 1)
    if content.startswith("`") or content.endswith("`") or content.strip() != content:
        content = f" {content} "
    return f"{ticks}{content}{ticks}"
