"""The `office-hours` digest: the seed's office hours rebuilt through the real core, compared line
by line with `seeds/daily-notes.md` ("# 3.오피스아워"; the only differences are listed below),
and what the format shows of a week: the mentors' answers only, what still waits, a quiet week,
multi-line text kept inside its item, and the team label a cohort's list would carry.

`tests/digest/seed.office-hours.md` is that section copied verbatim (the seeds live outside the
repository, in ../shared/seeds/); where they are at hand, a test checks the copy is exact.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from bot.digest import render_week
from bot.digest.office_hours import labelled, office_hours, office_hours_days
from bot.digest.render import render_template
from bot.digest.week import load_week
from bot.model.teams import Language
from tests.digest import builders

SEED = Path(__file__).parent.parent / "digest" / "seed.office-hours.md"
ORIGINAL = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "daily-notes.md"
WORDS = builders.OFFICE_HOURS_WORDS

# (what the seed writes, what peerbot writes, why): every difference, in the order they come.
DELIBERATE: list[tuple[list[str], list[str], str]] = [
    (
        ["# 3.오피스아워"],
        ["# 오피스아워 2021-08-12(목)"],
        "each office-hours day gets its own heading with its date (a week may have several); "
        "the seed's `3.` is the section's place in that day's own note",
    ),
    (
        [],
        ["", "- " + WORDS.replace("~", "\\~")],
        "the team's words for the mentor (a place:mentor note of that day) come before the "
        "questions, as in the peer minutes: a note belongs to no question; `~` is escaped like "
        "every user `~` (GitHub's strikethrough)",
    ),
    (
        ["    - " + WORDS],
        [],
        "…so it is not inside question 7, where the seed's author wrote the mentor's aside",
    ),
]
# The seed's lines that end in spaces; peerbot writes no trailing space (an answer is stripped),
# so the comparison strips them from the seed's lines, and this count notices a change.
TRAILING_SPACES = 4


def _seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


async def _render(h, week: int = 2, lang: Language | None = None) -> str:
    async with h.uow_factory() as uow:
        team = (await uow.teams.list())[0]
        return (await render_week(uow, team, week, "office-hours", lang=lang)).markdown


async def test_the_seed_office_hours_rebuilt_through_the_core_differ_only_as_listed(harness):
    await builders.office_hours_week2(harness)
    seed = _seed_lines()
    assert sum(line != line.rstrip() for line in seed) == TRAILING_SPACES
    seed = [line.rstrip() for line in seed]
    ours = (await _render(harness)).splitlines()
    matcher = difflib.SequenceMatcher(None, seed, ours, autojunk=False)
    found = [
        (seed[i1:i2], ours[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
    assert found == [(seed_lines, our_lines) for seed_lines, our_lines, _ in DELIBERATE]
    # What the seed writes and peerbot writes the same way, named so a change is noticed:
    assert ours[2] == "QnA" and ours[6].startswith("1. 딥러닝 시작할 때")
    assert sum(line[:1].isdigit() for line in ours) == 8  # the eight questions, numbered 1-8
    assert "    3. 강의안을 썼다. 그리고 심심할 때 논문 많이 읽었다. (정리는 못하고 있다)" in ours


@pytest.mark.skipif(not ORIGINAL.exists(), reason=f"the seeds are not at {ORIGINAL}")
def test_the_copied_section_is_the_seeds_own():
    original = ORIGINAL.read_text(encoding="utf-8")
    assert SEED.read_text(encoding="utf-8") == original[original.index("# 3.오피스아워") :]


async def test_digest_format_office_hours_posts_the_team_s_file_in_the_channel(team):
    await _mentor_team(team)
    await team.ok("kim", "/ask for the mentor")
    await team.ok("kim", "/escalate 1")
    await team.ok("park", "/answer 1 answered")
    reply = await team.say("lee", "/digest week:2 format:office-hours")
    assert reply.ok and not reply.ephemeral  # the team's file, like the peer minutes
    assert [f.filename for f in reply.files] == ["week02/office-hours.md"]
    assert reply.files[0].text.endswith("1. for the mentor\n    1. answered\n")
    refused = await team.rejected("lee", "/digest format:office-hours member:kim")
    assert "office-hours is the whole team's" in refused


# --- what a week shows --------------------------------------------------------------------------


async def _mentor_team(team):
    """kim's English team (the `team` fixture) with park as its mentor."""
    await team.ok("park", "/questions mentor")  # joins the team
    await team.ok("kim", "/team members set:@park role:mentor")
    return team


async def test_only_the_mentors_answers_show_and_a_peer_answered_question_is_left_out(team):
    await _mentor_team(team)
    team.at("2021-08-10 14:00")
    await team.ok("kim", "/ask for the mentor")
    await team.ok("kim", "/escalate 1")
    await team.ok("lee", "/answer 1 a peer's guess")
    await team.ok("kim", "/ask among peers")
    await team.ok("lee", "/answer 2 a peer's answer")
    team.at("2021-08-12 17:00")
    await team.ok("park", "/answer 1 the mentor's answer")
    assert await _render(team) == (
        "# Office hours Thu 2021-08-12\n\nQ&A\n\n1. for the mentor\n    1. the mentor's answer\n"
    )


async def test_a_mentor_removed_from_the_team_keeps_the_answers_given(team):
    await _mentor_team(team)
    await team.ok("kim", "/ask for a visiting mentor")
    await team.ok("kim", "/escalate 1")
    await team.ok("park", "/answer 1 the visitor's answer")
    await team.ok("kim", "/team members remove:@park")
    assert (await _render(team)).endswith("1. for a visiting mentor\n    1. the visitor's answer\n")


async def test_a_question_left_for_the_mentor_and_not_answered_yet_says_so(team):
    """Thursday's office hours answer #2; #1 (escalated Tuesday) still waits and says so, and is
    answered on Friday, an office-hours day of its own."""
    await _mentor_team(team)
    team.at("2021-08-10 14:00")
    await team.ok("kim", "/ask first for the mentor")
    await team.ok("kim", "/escalate 1")
    await team.ok("lee", "/answer 1 a peer's answer is not the mentor's")
    await team.ok("kim", "/ask second for the mentor")
    await team.ok("kim", "/escalate 2")
    team.at("2021-08-12 17:00")
    await team.ok("park", "/answer 2 answered")
    thursday = (
        "# Office hours Thu 2021-08-12\n\nQ&A\n\n"
        "1. first for the mentor\n    - Not answered yet: waiting for a mentor.\n"
        "2. second for the mentor\n    1. answered\n"
    )
    assert await _render(team) == thursday
    team.at("2021-08-13 17:00")
    await team.ok("park", "/answer 1 answered on Friday")
    friday = (
        "# Office hours Fri 2021-08-13\n\nQ&A\n\n"
        "1. first for the mentor\n    1. answered on Friday\n"
    )
    assert await _render(team) == thursday + "\n" + friday


async def test_what_was_left_for_the_mentor_after_the_last_office_hours_is_listed_after_it(team):
    await _mentor_team(team)
    team.at("2021-08-12 14:00")
    await team.ok("kim", "/ask answered today")
    await team.ok("kim", "/escalate 1")
    await team.ok("park", "/answer 1 yes")
    team.at("2021-08-13 14:00")
    await team.ok("kim", "/ask left on Friday")
    await team.ok("kim", "/escalate 2")
    await team.ok("kim", "/ask settled among peers")
    await team.ok("kim", "/escalate 3")
    await team.ok("lee", "/answer 3 done")
    await team.ok("kim", "/accept 3")  # resolved: no longer waiting for anyone
    markdown = await _render(team)
    assert markdown.endswith(
        "1. answered today\n    1. yes\n\n"
        "# Waiting for the next office hours\n\n"
        "1. left on Friday\n    - Not answered yet: waiting for a mentor.\n"
    )
    assert "settled among peers" not in markdown


async def test_a_week_without_office_hours_says_so_and_lists_what_waits(team):
    await team.ok("kim", "/ask nobody answered")
    await team.ok("kim", "/escalate 1")
    korean = await _render(team, lang=Language.KO)
    assert korean == (
        "2주차에는 오피스아워가 없었습니다: 멘토님이 답한 질문이 없습니다.\n\n"
        "# 다음 오피스아워를 기다리는 질문\n\n"
        "1. nobody answered\n    - 답변 대기: 아직 멘토님의 답변이 없습니다.\n"
    )


async def test_multi_line_text_stays_inside_its_item_and_starts_no_block(team):
    await _mentor_team(team)
    await team.ok("kim", "/ask line one\n## not a heading\n\n- not a bullet\n2. not an item")
    await team.ok("kim", "/escalate 1")
    await team.ok("park", "/answer 1 first\n# still the answer")
    markdown = await _render(team)
    assert markdown.endswith(
        "1. line one<br>\n   \\## not a heading<br>\n   \\- not a bullet<br>\n   2\\. not an item\n"
        "    1. first<br>\n       \\# still the answer\n"
    )
    tokens = [t.type for t in MarkdownIt("commonmark").parse(markdown)]
    assert tokens.count("heading_open") == 1  # the day's own
    assert tokens.count("list_item_open") == 2 and tokens.count("ordered_list_open") == 2


async def test_a_team_label_shows_only_when_set_for_a_cohort_s_list(team):
    """The same template renders a labelled list (several teams' weeks, later a cohort's):
    each question carries its team's name, escaped."""
    await _mentor_team(team)
    await team.ok("kim", "/ask shared question")
    await team.ok("kim", "/escalate 1")
    await team.ok("park", "/answer 1 shared answer")
    async with team.uow_factory() as uow:
        data = await load_week(uow, (await uow.teams.list())[0], 2)
    hours = office_hours(data)
    assert [d.date.isoformat() for d in office_hours_days(data)] == ["2021-08-09"]
    assert all(not item.team for d in hours.days for item in d.items)
    context = {"office_hours": labelled(hours, "cv *study*"), "week": 2}
    markdown = render_template("office-hours", Language.EN, None, context)
    assert "1. [cv \\*study\\*] shared question\n    1. shared answer\n" in markdown
