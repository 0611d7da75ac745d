"""The seeds' weeks rendered through the real core match the expected files in tests/digest/.

To regenerate after a deliberate template change:
`PEERBOT_REGOLD=1 pytest tests/unit/test_digest_golden.py`,
then read each file next to its seed in ../shared/seeds/ before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.digest import render_week
from bot.model.teams import Language
from bot.text import plain_text
from tests.conftest import Harness
from tests.digest import builders

EXPECTED = Path(__file__).parent.parent / "digest"


async def _render(h: Harness, week: int, fmt: str, member: str | None = None, lang=None):
    async with h.uow_factory() as uow:
        team = (await uow.teams.list())[0]
        who = await uow.members.get(team.id, member) if member else None
        return await render_week(uow, team, week, fmt, member=who, lang=lang)


def _check(name: str, markdown: str) -> None:
    path = EXPECTED / name
    if os.environ.get("PEERBOT_REGOLD"):
        path.write_text(markdown, encoding="utf-8")
    assert markdown == path.read_text(encoding="utf-8")


async def test_peer_minutes_of_week_2_in_korean_matches_the_seed(harness):
    await builders.peer_minutes_week2(harness)
    digest = await _render(harness, 2, "peer-minutes")
    _check("peer-minutes.week2.ko.md", digest.markdown)
    assert digest.filename == "week02/peer-minutes.md"
    assert plain_text(digest.summary).splitlines() == [
        "📚 2주차 다이제스트 (peer-minutes): 2021-08-09 ~ 2021-08-13, 학습일 5일",
        "질문 10개 (해결 7, 답변 0, 멘토님께 3), 피어세션 메모 2개, 회고 0개",
    ]


async def test_peer_minutes_of_week_2_in_english_has_the_same_structure(harness):
    await builders.peer_minutes_week2(harness, lang="en")
    digest = await _render(harness, 2, "peer-minutes")
    _check("peer-minutes.week2.en.md", digest.markdown)
    assert "📚 Week 2 digest (peer-minutes)" in plain_text(digest.summary)


async def test_retro_log_of_week_4_matches_the_seed_with_friday_left_empty(harness):
    await builders.retro_log_week4(harness)
    digest = await _render(harness, 4, "retro-log", member="kim")
    _check("retro-log.week4.ko.md", digest.markdown)
    assert digest.filename == "week04/retro-log-kim.md"


async def test_til_review_of_week_1_matches_the_seed(harness):
    await builders.til_review_week1(harness)
    digest = await _render(harness, 1, "til-review", member="kim")
    _check("til-review.week1.ko.md", digest.markdown)
    assert digest.filename == "week01/til-review-kim.md"


async def test_office_hours_of_week_2_in_korean_matches_the_seed(harness):
    """seeds/daily-notes.md "# 3.오피스아워" (test_office_hours.py lists the differences)."""
    await builders.office_hours_week2(harness)
    digest = await _render(harness, 2, "office-hours")
    _check("office-hours.week2.ko.md", digest.markdown)
    assert digest.filename == "week02/office-hours.md"  # the team's file, not a member's
    assert plain_text(digest.summary).splitlines()[0] == (
        "📚 2주차 다이제스트 (office-hours): 2021-08-09 ~ 2021-08-13, 학습일 5일"
    )


async def test_office_hours_of_week_2_in_english_has_the_same_structure(harness):
    await builders.office_hours_week2(harness, lang="en")
    digest = await _render(harness, 2, "office-hours")
    _check("office-hours.week2.en.md", digest.markdown)
    korean = (EXPECTED / "office-hours.week2.ko.md").read_text(encoding="utf-8").split("\n")
    english = digest.markdown.split("\n")
    assert [i for i, (ko, en) in enumerate(zip(korean, english, strict=True)) if ko != en] == [0, 2]
    assert english[:3] == ["# Office hours Thu 2021-08-12", "", "Q&A"]


async def test_day_headings_follow_the_study_calendar_of_the_seeds(harness):
    await builders.retro_log_week4(harness)
    markdown = (await _render(harness, 4, "retro-log", member="kim")).markdown
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Mon - Day 15",
        "## Tue - Day 16",
        "## Wed - Day 17",
        "## Thu - Day 18",
        "## Fri - Day 19",
    ]


async def test_the_substitute_holiday_week_has_four_study_days(harness):
    await builders.retro_log_week4(harness)
    markdown = (await _render(harness, 3, "retro-log", member="kim")).markdown
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == ["## Tue - Day 11", "## Wed - Day 12", "## Thu - Day 13", "## Fri - Day 14"]


async def test_a_retro_log_in_english_keeps_the_seed_labels_with_a_translated_title(harness):
    await builders.retro_log_week4(harness)
    markdown = (await _render(harness, 4, "retro-log", member="kim", lang=Language.EN)).markdown
    assert markdown.startswith("# Retrospective\n\n## Mon - Day 15\n- **Peer-Session**  \n")


@pytest.mark.parametrize("fmt", ["peer-minutes", "retro-log", "til-review", "office-hours"])
async def test_a_week_without_activity_renders_the_skeleton(team, fmt):
    markdown = (await _render(team, 5, fmt, member="kim")).markdown
    days = ("20210830", "20210831", "20210901", "20210902", "20210903")
    if fmt == "office-hours":  # one sentence, not an empty file
        assert markdown == "No office hours in week 5: no mentor answered a question.\n"
    elif fmt == "peer-minutes":  # no day had a session: no empty headings, one sentence says so
        assert [d for d in days if d in markdown] == []
        quiet = "No peer session left anything in the minutes this week."
        assert markdown == f"### Peer sessions (WEEK5)\n\n{quiet}\n"
    elif fmt == "retro-log":
        assert markdown.count("- **Fact**  \n: \n") == 5
    else:
        assert markdown.count("<details>") == 6 and markdown.count("</details>") == 6


@pytest.mark.parametrize(
    ("lang", "mentor", "endorsed"), [("ko", " (멘토)", " ✅"), ("en", " (mentor)", " ✅")]
)
async def test_peer_minutes_mark_a_mentors_answers_and_an_endorsed_one_and_nothing_else(
    harness, lang, mentor, endorsed
):
    """park is made a mentor and endorses lee's answer to #3: the golden file, with the mark
    after exactly park's three answers and lee's endorsed one."""
    await builders.peer_minutes_week2(harness, lang=lang)
    await harness.ok("kim", "/team members set:park role:mentor")
    await harness.ok("park", "/endorse 3 1")
    digest = await _render(harness, 2, "peer-minutes")
    expected = (EXPECTED / f"peer-minutes.week2.{lang}.md").read_text(encoding="utf-8")
    marks = {
        "- 성능이 낮다기 보다 learning rate가 없어 최적화가 관여할 요인이 없다.": endorsed,
        "- 다른 optimizer가 일반적으로 학습에 관여할 부분이 많아 성능이 더 잘나온다.": mentor,
        "- x의 shape이 (1, 49, 16)에서 concat으로 (1, 50, 16)이 된다.": mentor,
        "- 이후 position의 shape이 (50, 16)이므로 x와 position을 더하는 과정에서 broadcasting이 "
        "일어난다.": mentor,
    }
    marked = [line + marks.get(line, "") for line in expected.split("\n")]
    assert sum(line in marks for line in expected.split("\n")) == 4
    assert digest.markdown.split("\n") == marked
