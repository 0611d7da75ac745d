"""User text cannot break a digest: it renders as literal text and the structure stays the same.

Checked by parsing the rendered Markdown with a CommonMark parser (markdown-it-py): a document
whose questions, answers, notes and retrospectives hold nasty text has exactly the block structure
of the same document holding plain text of the same shape, and the nasty text is its text.

A member's own Markdown fields (retro-log's `peer`, til-review's `learned`, through `|md_block`)
keep their structure, so there the check is the same outside the member's block: the document's
tokens outside the block's lines are those of the plain document, and the tokens inside are
exactly the block's own parse (nothing around it reached in, nothing in it reached out).
"""

from __future__ import annotations

import asyncio
import re
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from bot.clock import FakeClock
from bot.core import PeerBot
from bot.digest import render_week
from bot.digest.days import RETRO_FIELDS
from bot.digest.markdown import escape_code, escape_inline, escape_item
from bot.digest.office_hours import labelled, office_hours
from bot.digest.render import render_template
from bot.digest.rich import md_block
from bot.digest.week import load_week
from bot.model.teams import Language
from tests.conftest import SEOUL, Harness
from tests.fakes import FakeUnitOfWorkFactory

PARSER = MarkdownIt("commonmark")
NASTY = [
    "## not a heading",
    "</details>",
    "<summary>fake</summary>",
    "```python",
    "| a | b |\n|---|---|",
    '<img src="x" onerror="alert(1)">',
    "*bold* and _under_ and __strong__",
    "1. numbered",
    "- a bullet",
    "> a quote",
    "first line\nsecond line\n\n# third",
    "<!-- comment",
    "[link](http://example.com) ![img](x.png)",
    "&amp; &#123; a & b",
    "\\ back\\slash",
    "    indented code",
    "***",
    "~~~",
    "trailing  ",
    "a\r\nb\rc",
    "<http://auto.link>",
    "`code`",
    "===",
    "+ plus",
    "2) paren",
]
FORMATS = ("peer-minutes", "retro-log", "til-review", "office-hours")


def structure(markdown: str) -> list[tuple[object, ...]]:
    """Block tokens (type, tag, nesting, level), html blocks with their content, and the kinds
    of inline children (runs of text collapsed): what the document is, not what it says."""
    return shape(PARSER.parse(markdown))


def shape(tokens: list[Token], base: int = 0) -> list[tuple[object, ...]]:
    """`structure` of parsed tokens, levels counted from `base`."""
    shape: list[tuple[object, ...]] = []
    for token in tokens:
        if token.type == "inline":
            kinds: list[str] = []
            for child in token.children or []:
                kind = child.type if child.type != "html_inline" else child.content
                if not (kind == "text" and kinds and kinds[-1] == "text"):
                    kinds.append(kind)
            shape.append(("inline", tuple(kinds)))
        elif token.type == "html_block":
            shape.append(("html_block", token.content))
        else:
            shape.append((token.type, token.tag, token.nesting, token.level - base))
    return shape


# A member's own Markdown per format: the field, the template's `|md_block` options, the line
# the block follows and how many lines after it the block starts.
OWN = {
    "retro-log": ("peer", {"level": 2, "indent": 4, "bullets": True}, "- **Peer-Session**  ", 1),
    "til-review": (
        "learned",
        {"level": 2},
        '<span style="font-size:150%">**새롭게 알게된 내용**</span>  ',
        2,
    ),
}
OWN_FIELDS = tuple(field for field, *_ in OWN.values())


def split_block(markdown: str, fmt: str, own: str) -> tuple[list[Token], list[Token], str]:
    """The document's tokens outside the member's block (`own` through the format's
    `|md_block`, found where the template puts it) and inside it, and the block itself."""
    if fmt not in OWN or not own.strip():
        return PARSER.parse(markdown), [], ""
    _, options, anchor, gap = OWN[fmt]
    block = md_block(own, **options)
    lines = markdown.split("\n")
    start = lines.index(anchor) + gap
    end = start + len(block.split("\n"))
    assert "\n".join(lines[start:end]) == block  # the block, verbatim, where it belongs
    while end < len(lines) and not lines[end].strip():  # a list's map takes the blank lines after
        end += 1
    inside: list[Token] = []
    outside: list[Token] = []
    depth = 0
    for token in PARSER.parse(markdown):
        if depth:
            inside.append(token)
            depth += token.nesting
        elif token.map and start <= token.map[0] and token.map[1] <= end:
            inside.append(token)
            depth = 1 if token.nesting == 1 else 0
        else:
            outside.append(token)
    return outside, inside, block


def check_contained(bad: str, good: str, fmt: str, nasty: str, plain: str) -> None:
    """`bad` (own fields `nasty`) and `good` (own fields `plain`) agree outside the member's
    block, and each block parses inside the document exactly as it parses on its own."""
    outside_bad, inside_bad, block_bad = split_block(bad, fmt, nasty)
    outside_good, _, _ = split_block(good, fmt, plain)
    assert shape(outside_bad) == shape(outside_good), (fmt, nasty)
    if block_bad:
        indent = int(OWN[fmt][1].get("indent", 0))
        alone = PARSER.parse("\n".join(line[indent:] for line in block_bad.split("\n")))
        assert shape(inside_bad, inside_bad[0].level) == shape(alone), (fmt, nasty)
        kinds = {t.type for t in inside_bad} | {
            c.type for t in inside_bad for c in t.children or []
        }
        assert not kinds & {"html_block", "html_inline"}, (fmt, nasty)


def texts(markdown: str) -> str:
    """All the text a reader sees: inline text (with <br> as a newline) and code blocks."""
    found: list[str] = []

    def inline(children: list[Token]) -> str:
        return "".join(
            "\n" if c.type == "html_inline" and c.content == "<br>" else c.content
            for c in children
            if c.type in ("text", "html_inline", "softbreak", "code_inline")
        )

    for token in PARSER.parse(markdown):
        if token.type == "inline":
            found.append(inline(token.children or []))
        elif token.type in ("code_block", "fence"):
            found.append(token.content)
    return "\n".join(found)


def shaped_like(text: str) -> str:
    """Harmless text of the same shape: every non-space character becomes `a`."""
    return re.sub(r"\S", "a", text)


# --- the escaping functions ---------------------------------------------------------------------


def test_escape_inline_keeps_readable_text_readable():
    assert (
        escape_inline("cls_token과의 concat으로 (1, 49, 16)")
        == "cls_token과의 concat으로 (1, 49, 16)"
    )
    assert escape_inline("768 -> 64 ->768") == "768 -> 64 ->768"


def test_escape_inline_neutralises_markup_and_newlines():
    assert escape_inline("## x") == "\\## x"
    assert escape_inline("1. x") == "1\\. x"
    assert escape_inline("</details>") == "&lt;/details>"
    assert escape_inline("a *b* _c_ `d` |e|") == "a \\*b\\* \\_c\\_ \\`d\\` \\|e\\|"
    assert escape_inline("a\nb") == "a<br>b"


def test_escape_item_continues_the_list_item_on_indented_lines():
    assert escape_item("a\n\n# b\n2. c", 3) == "a<br>\n   \\# b<br>\n   2\\. c"
    assert escape_item("plain", 7) == "plain"


def test_escape_code_continues_the_indented_block_on_each_line():
    assert escape_code("a\n</details>\nb") == "a\n    </details>\n    b"


def test_every_nasty_string_is_literal_text_in_a_paragraph_or_bullet():
    for nasty in NASTY:
        for prefix in ("Q. ", "- ", ": "):
            doc = f"{prefix}{escape_inline(nasty)}\n"
            assert structure(doc) == structure(f"{prefix}{escape_inline(shaped_like(nasty))}\n")
            expected = "\n".join(line.strip() for line in re.split(r"\r\n|\r|\n", nasty.strip()))
            assert expected in texts(doc)
        for prefix, indent in (("1. ", 3), ("    1. ", 7)):
            doc = f"{prefix}{escape_item(nasty, indent)}\n"
            twin = f"{prefix}{escape_item(shaped_like(nasty), indent)}\n"
            assert structure(doc) == structure(twin), (prefix, nasty)


# --- whole digests ------------------------------------------------------------------------------


class Week:
    """A team with one of everything on Monday 2021-08-09, whose texts a test can replace."""

    def __init__(self) -> None:
        clock = FakeClock(datetime(2021, 8, 9, 13, 0, tzinfo=SEOUL))
        self.factory = FakeUnitOfWorkFactory()
        self.h = Harness(
            PeerBot(self.factory, clock, default_language=Language.KO), clock, self.factory
        )
        asyncio.run(self._build())

    async def _build(self) -> None:
        h = self.h
        h.at("2021-08-06 13:00")
        await h.ok("kim", "/team setup start:2021-08-02 country:KR lang:ko template:fff")
        await h.ok("kim", "/ask friday question topic:svd")
        await h.ok("lee", "/answer 1 friday answer")
        h.at("2021-08-09 13:00")
        await h.ok("lee", "/answer 1 monday answer")
        await h.ok("kim", "/ask lecture question category:lecture topic:svd")
        await h.ok("lee", "/answer 2 lecture answer")
        await h.ok("kim", "/ask assignment question assignment:vit")
        await h.ok("kim", "/ask general question")
        await h.ok("kim", "/ask mentor question")
        await h.ok("kim", "/escalate 5")
        await h.ok("park", "/questions mentor")  # joins, and is made the team's mentor
        await h.ok("kim", "/team members set:@park role:mentor")
        await h.ok("park", "/answer 5 the mentor's answer")  # an office hours on Monday
        await h.ok("kim", "/ask waiting question")
        await h.ok("kim", "/escalate 6")  # and one still waiting for the mentor
        await h.ok("lee", "/note a note")
        await h.ok("lee", "/note the team's words place:mentor")
        await h.ok("kim", "/retro fact: fact feeling: feeling plan: plan")

    def fill(self, text: str, own: str | None = None) -> None:
        """Every user text of the week (and the assignment name) becomes `text`; the member's
        own Markdown fields `own` when given (left out when `own` is empty)."""
        state = self.factory.committed
        for q in state.questions.values():
            q.text = text
            if q.topic:
                q.topic = text
            if q.assignment:
                q.assignment = text
        for a in state.answers.values():
            a.text = text
        for n in state.notes.values():
            n.text = text
        for r in state.retros.values():
            r.fields = dict.fromkeys(RETRO_FIELDS, text)  # fff and til fields alike
            for name in OWN_FIELDS if own is not None else ():
                if own:
                    r.fields[name] = own
                else:
                    del r.fields[name]

    def render(self, fmt: str, template: str = "fff") -> str:
        async def go() -> str:
            async with self.factory() as uow:
                team = (await uow.teams.list())[0]
                kim = await uow.members.get(team.id, "kim")
                return (await render_week(uow, team, 2, fmt, member=kim)).markdown

        return asyncio.run(go())

    def render_both(self, fmt: str, nasty: str, own: str | None = None) -> tuple[str, str]:
        """The format with every text `nasty`, and with harmless text of its shape (the own
        fields `own` and the plain `own_plain` when `own` is given)."""
        self.fill(nasty, own)
        bad = self.render(fmt)
        self.fill(shaped_like(nasty), None if own is None else own and OWN_PLAIN)
        good = self.render(fmt)
        return bad, good

    def render_labelled(self, label: str) -> str:
        """The office hours as a cohort's list would show them: each question with a team
        label (`labelled`), through the built-in template."""

        async def go() -> str:
            async with self.factory() as uow:
                data = await load_week(uow, (await uow.teams.list())[0], 2)
            context = {"office_hours": labelled(office_hours(data), label), "week": 2}
            return render_template("office-hours", Language.KO, None, context)

        return asyncio.run(go())

    def labelled_both(self, nasty: str) -> tuple[str, str]:
        self.fill(nasty)
        bad = self.render_labelled(nasty)
        self.fill(shaped_like(nasty))
        return bad, self.render_labelled(shaped_like(nasty))


OWN_PLAIN = "plain"


WEEK = Week()


def test_nasty_text_keeps_every_format_structurally_identical():
    """Outside the member's own Markdown block, that is; and with no own field written (the
    retro-log's Peer-Session falls back to the team's notes) the whole document."""
    for fmt in FORMATS:
        for nasty in NASTY:
            for own in (nasty, ""):
                bad, good = WEEK.render_both(fmt, nasty, own)
                check_contained(bad, good, fmt, own, own and OWN_PLAIN)
                if not own:
                    assert structure(bad) == structure(good), (fmt, nasty)
                first = re.split(r"\r\n|\r|\n", nasty.strip())[0].strip()
                assert first in texts(bad), (fmt, nasty)
        bad, good = WEEK.labelled_both(nasty)
        assert structure(bad) == structure(good), ("office-hours, labelled", nasty)


def test_the_plain_week_has_the_expected_sections():
    WEEK.fill("plain")
    markdown = WEEK.render("peer-minutes")
    for label in (
        "🔍[지난주 질문]",
        "🔍[지난 질문들]",
        "📒 [강의 관련 질문]",
        "📌 [plain 관련 질문]",
        "💡 [기타 질문]",
        "📝 [피어세션 메모]",
        "- plain\n\nQ. plain\nA. plain\n",  # a topic bullet over last week's Q./A. pair
    ):
        assert label in markdown
    assert "멘토님과의 시간" not in markdown  # the team wrote its own words for that place
    office = WEEK.render("office-hours")  # what the structure tests above take apart
    assert office.startswith("# 오피스아워 2021-08-09(월)\n\nQnA\n\n- plain\n\n")
    assert "1. plain\n    1. plain\n2. plain\n    - 답변 대기" in office


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_characters="\x00"), min_size=1, max_size=60))
def test_arbitrary_text_never_changes_the_structure(text):
    if not text.strip():
        return
    for fmt in FORMATS:
        bad, good = WEEK.render_both(fmt, text, text)
        check_contained(bad, good, fmt, text, OWN_PLAIN)
    bad, good = WEEK.labelled_both(text)
    assert structure(bad) == structure(good), "office-hours, labelled"
