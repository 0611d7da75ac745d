"""`/cohort hours`: a week's office hours across the cohort's teams, as the office-hours file,
with only what was escalated crossing (and a team not yet started counted, not dropped)."""

from __future__ import annotations

from bot.text import plain_text
from tests.conftest import snapshot
from tests.unit.test_cohort import M, cohort_of_three, escalations


async def test_the_cohorts_office_hours_list_each_teams_escalated_questions_and_nothing_else(
    harness,
):
    h = harness
    await cohort_of_three(h)
    await escalations(h)
    h.at("2021-08-10 14:00")
    await h.ok("lee", "/cohort answer 1#1,2#1 특이값 분해는 A = UΣVᵀ 입니다.", channel=M)
    await h.ok("mona", "/cohort answer 3#2 <b>patch</b> size sets the tokens", channel=M)
    # lee is a mentor of team t1 too (a cohort mentor): an answer there to a question never
    # escalated is the team's own, and stays out of the cohort's file.
    await h.ok("lee", "/answer 2 SECRET-MENTOR an answer in the team", channel="t1")
    reply = await h.say("mona", "/cohort hours", channel=M)
    assert reply.ok and not reply.ephemeral
    [file] = reply.files
    assert file.filename == "office-hours-2021-08-09.md"
    assert file.text.split("\n") == [
        "# Office hours Tue 2021-08-10",
        "",
        "Q&A",
        "",
        "1. [team-t1 (1)] SVD 특이값 분해가 뭔가요?",
        "    1. 특이값 분해는 A = UΣVᵀ 입니다.",
        "2. [team-t2 (2)] 특이값 분해(SVD)가 뭔가요",
        "    1. 특이값 분해는 A = UΣVᵀ 입니다.",
        "3. [team-t3 (3)] How does the learning-rate warm-up work?",
        "    - Not answered yet: waiting for a mentor.",
        "4. [team-t3 (3)] What does the ViT patch size change?",
        "    1. &lt;b>patch&lt;/b> size sets the tokens",
        "",
    ]
    assert "SECRET" not in file.text
    assert plain_text(reply.message) == (
        "🎓 Office hours of cohort AI 3기, week of 2021-08-09: 3 questions answered by mentors, "
        "1 still waiting, from 3 teams."
    )


async def test_a_week_without_office_hours_and_a_team_not_started_are_said(harness):
    h = harness
    await cohort_of_three(h)
    await h.ok("kim", "/team setup start:2021-09-06 lang:en name:late", channel="t4")
    code = (await h.ok("mona", "/cohort show", channel=M)).rsplit("code:", 1)[1].strip()
    await h.ok("kim", f"/cohort join code:{code}", channel="t4")
    reply = await h.say("mona", "/cohort hours date:2021-08-12", channel=M)
    assert reply.files[0].text == (
        "No office hours in the week of 2021-08-09: no mentor answered an escalated question.\n"
    )
    assert plain_text(reply.message).split("\n")[1] == (
        "1 teams of the cohort had not started their course by that week, so they are not in it."
    )


async def test_only_a_cohorts_mentors_channel_has_its_office_hours(harness):
    h = harness
    await cohort_of_three(h)
    before = await snapshot(h.uow_factory)
    text = await h.rejected("kim", "/cohort hours", channel="t1")
    assert "\n" not in text and "mentors' channel" in text
    assert await snapshot(h.uow_factory) == before
