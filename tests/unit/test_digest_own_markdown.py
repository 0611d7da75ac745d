"""A member's own Markdown (`|md_block`): kept where it is theirs, and held inside its block.

The seed's rich "새롭게 알게된 내용" typed through the real core keeps its code fences and has its
headings demoted; hostile text (Hypothesis, and 1,000 lines of it) never changes the document
outside the member's block, never yields an HTML token, never leaves a mention whole.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.digest import render_week
from bot.digest.rich import md_block
from tests.digest import builders
from tests.unit.test_digest_markdown import OWN_PLAIN, PARSER, WEEK, check_contained

HOSTILE = [
    "</details>",
    "<summary>x</summary>",
    "<script>alert(1)</script>",
    "<!-- open",
    "```",
    "```python",
    "~~~",
    "    indented",
    "# ",
    "# heading",
    "###### six",
    "---",
    "===",
    "***",
    "- item",
    "  - nested",
    "1. one",
    "2) two",
    "> quote",
    "@everyone",
    "@here",
    "<!channel>",
    "<@123>",
    "<@&456>",
    "[ref]: https://evil.example",
    "[ref]",
    "[x](javascript:alert(1))",
    "<https://auto.link>",
    "**bold** _it_ `code`",
    "&amp; &#60; &",
    "\\",
    "\x00",
    "\u202e\u2066bidi",
    "|a|b|",
    "\t tab",
    "",
]
PINGS = re.compile(r"@(everyone|here|channel)|<[@#!]", re.IGNORECASE)


def tokens_of(markdown: str) -> set[str]:
    found = set()
    for token in PARSER.parse(markdown):
        found.add(token.type)
        found |= {child.type for child in token.children or []}
    return found


async def _render(h, week: int, fmt: str) -> str:
    async with h.uow_factory() as uow:
        team = (await uow.teams.list())[0]
        kim = await uow.members.get(team.id, "kim")
        return (await render_week(uow, team, week, fmt, member=kim)).markdown


# --- the seed, through the core -----------------------------------------------------------------


async def test_the_seeds_rich_learned_keeps_its_code_and_demotes_its_headings(harness):
    await builders.til_review_week1(harness)
    markdown = await _render(harness, 1, "til-review")
    day1, day2 = markdown.split("<summary>")[1:3]
    # Day1: the numbered bold items, the fences as typed, the indented code as a fence
    assert "**1.**\n기존에 할당된 변수 a에 대해서" in day1 and "**2.**" in day1
    assert "```python\na = [1,2,3]\nb = a\n```" in day1
    assert "```\nb = copy.deepcopy(a)\n```" in day1
    # Day2: `##` below the block's level (h2): h4, `###` h5, `####` h6; the fences kept
    assert "\n#### 1. 모듈과 패키지를 만들었을 때 내부 함수가 잘 구현되었는지 확인하기\n" in day2
    assert "\n##### (1) 객체의 주소가 함수로 전달되지 않는 경우\n" in day2
    assert "\n###### (2) - 1\n" in day2
    assert "```python\nif __name__ == '__main__':\n    print(...result...)\n" in day2
    parsed = PARSER.parse(markdown)
    named = [
        (t.tag, parsed[i + 1].content)
        for i, t in enumerate(parsed)
        if t.type == "heading_open" and parsed[i + 1].content
    ]
    assert named[0] == ("h1", "WEEK1 TIL")  # the only heading above h4 with a name
    assert {tag for tag, _ in named[1:]} == {"h4", "h5", "h6"}
    # the seed's `<U>` is text; the document's only HTML is the template's own
    html = [t.content for t in PARSER.parse(markdown) if t.type == "html_block"]
    assert all(re.match(r"<(/?details|summary|span)", block) for block in html)
    assert "&lt;U> 따라서 코드를 작성할 때" in day2
    fences = [t for t in PARSER.parse(markdown) if t.type == "fence"]
    typed = [
        t
        for text in builders.SEED_LEARNED.values()
        for t in PARSER.parse(text)
        if t.type in ("fence", "code_block")
    ]
    assert [t.content for t in fences] == [t.content for t in typed]  # every one, literal
    assert all(t.info in ("", "python") for t in fences)


# --- the filter ----------------------------------------------------------------------------------


def test_headings_are_demoted_below_the_blocks_level_or_become_bold():
    assert md_block("# a\n\n## b\n\n#### c\n\n##### d", level=2).split("\n\n") == [
        "### a",
        "#### b",
        "###### c",
        "**d**",
    ]
    assert md_block("Title\n===\n\nSub\n---", level=3) == "#### Title\n\n##### Sub"


def test_a_fence_is_literal_and_always_closed():
    assert md_block("```python\n</details>\n<@123> @everyone") == (
        "```python\n</details>\n<\u200b@123> @\u200beveryone\n```"
    )
    inner = md_block("````\n```\nstill code\n````")
    assert inner == "````\n```\nstill code\n````"
    assert md_block("```python {.x} <b>\nx") == "```python\nx\n```"  # the language only


def test_lists_emphasis_code_and_web_links_are_kept_and_nothing_else_is_markup():
    text = "1. **bold** and *it*\n   - `a < b`\n2. [site](<https://x.org/a b>) [js](javascript:x)"
    assert md_block(text) == (
        "1. **bold** and *it*\n   - `a < b`\n"
        "2. [site](<https://x.org/a%20b>) \\[js\\](javascript:x)"
    )
    assert md_block("<script>x</script> </details> <summary>") == (
        "&lt;script>x&lt;/script> &lt;/details> &lt;summary>"
    )
    assert md_block("[ref]: https://evil.example\n\n[ref]") == "[ref](<https://evil.example>)"
    assert md_block("a\n---\n***") == "#### a\n\n***"  # the setext heading stays the member's


def test_the_peer_session_bullets_are_one_item_per_line_and_the_members_lists_as_written():
    text = "gather 개념\nzero_grad() 이유\n\n- masked_fill 조사\n    - mask (*BoolTensor*)"
    assert md_block(text, indent=4, bullets=True) == (
        "    - gather 개념\n"
        "    - zero_grad() 이유\n"
        "    - masked_fill 조사\n"
        "      - mask (*BoolTensor*)"
    )
    assert md_block("-\n\n2) two\n\n```\nx", bullets=True) == ("- 2) two\n- ```\n  x\n  ```")


def test_a_ten_thousand_character_field_renders():
    """A sanity check, not a timed one: a field far over the input limit still renders whole."""
    text = "\n".join(f"{n}. **item** `code` {'x' * 40}" for n in range(1, 200))
    assert len(text) > 10_000
    out = md_block(text)
    assert out.count("\n") == 198 and "html_block" not in tokens_of(out)


# --- hostile text ---------------------------------------------------------------------------------

hostile_text = st.lists(
    st.one_of(
        st.sampled_from(HOSTILE),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
    ),
    min_size=1,
    max_size=12,
).flatmap(lambda parts: st.sampled_from(("\n", " ", "\n\n", "")).map(lambda sep: sep.join(parts)))


@settings(max_examples=300, deadline=None)
@given(hostile_text, st.integers(min_value=0, max_value=5), st.booleans())
def test_hostile_text_yields_no_html_and_no_ping(text, level, bullets):
    out = md_block(text, level=level, indent=4 if bullets else 0, bullets=bullets)
    assert not tokens_of(out) & {"html_block", "html_inline"}
    assert not PINGS.search(out)
    headings = [t.tag for t in PARSER.parse(out) if t.type == "heading_open"]
    assert all(int(tag[1:]) > level for tag in headings)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_hostile_own_fields_never_change_the_documents_outside_their_block(text):
    if not text.strip():
        return
    for fmt in ("retro-log", "til-review"):
        bad, good = WEEK.render_both(fmt, "plain", text)
        check_contained(bad, good, fmt, text, OWN_PLAIN)


def test_a_thousand_hostile_lines_stay_inside_their_block():
    text = "\n".join(HOSTILE[n % len(HOSTILE)] for n in range(1000))
    for fmt in ("retro-log", "til-review"):
        bad, good = WEEK.render_both(fmt, "plain", text)
        check_contained(bad, good, fmt, text, OWN_PLAIN)
        assert not PINGS.search(bad.replace("<!-- ", ""))


def test_bidi_controls_are_isolated_in_text_and_in_code():
    assert md_block("\u202eabc") == "\u2068\u202eabc\u2069"
    assert md_block("```\n\u202ex\n```") == "```\n\u2068\u202ex\u2069\n```"


def test_nesting_past_the_limit_is_flattened_and_stays_inside_the_peer_session():
    deep = "> " * 30 + "x\n\n" + "\n".join("  " * n + "- y" for n in range(25))
    out = md_block(deep)
    levels = [t.level for t in PARSER.parse(out)]
    assert max(levels) <= 2 * 6 + 2 and "x" in out and out.count("y") == 25
    bad, good = WEEK.render_both("retro-log", "plain", deep)
    check_contained(bad, good, "retro-log", deep, OWN_PLAIN)
