"""The peer minutes as the team writes them (issue 15): a question's topic, last week's Q./A.
pairs, a mentor's later answer on its own day, the team's words before the mentor's questions,
and no heading for a day without session activity."""

from __future__ import annotations

import re

from bot.digest import render_week
from bot.forms import Form
from bot.text import plain_text
from tests.calls import call, open_form, submit
from tests.conftest import Harness, snapshot


async def minutes(h: Harness, week: int = 2, lang: str | None = None) -> str:
    async with h.uow_factory() as uow:
        team = (await uow.teams.list())[0]
        return (await render_week(uow, team, week, "peer-minutes")).markdown


def day_of(markdown: str, stamp: str) -> str:
    """One day's part of the minutes, from its heading to the next day's ("" if it has none)."""
    parts = re.split(r"^(?=\d{8} (?:peer session|피어세션)$)", markdown, flags=re.M)
    return next((part for part in parts if part.startswith(stamp)), "")


# --- the topic ---------------------------------------------------------------------------------


async def test_a_topic_is_stored_on_the_question_and_shown_on_its_card_and_page(team):
    reply = await team.ok("kim", '/ask Why sort singular values? topic:"SVD 특이값 분해"')
    assert "    topic: SVD 특이값 분해" in reply.splitlines()
    page = await team.ok("kim", "/question 1")
    assert "    topic: SVD 특이값 분해" in page.splitlines()
    assert "topic:" not in await team.ok("kim", "/ask No topic here")


async def test_the_team_s_earlier_topics_are_suggested_newest_first(team):
    await team.ok("kim", "/ask a topic:SVD")
    await team.ok("kim", "/ask b topic:Adam")
    await team.ok("kim", "/ask c topic:SVD")
    got = await team.bot.suggest("console", "c1", "ask", "topic", "")
    assert got == [("SVD", "SVD"), ("Adam", "Adam")]
    assert await team.bot.suggest("console", "c1", "ask", "topic", "ad") == [("Adam", "Adam")]


async def test_an_empty_or_too_long_topic_is_refused_and_nothing_is_stored(team):
    before = await snapshot(team.uow_factory)
    said = await team.rejected("kim", f"/ask too long topic:{'x' * 101}")
    assert said == "The topic is 101 characters long; keep it to 100 at most."
    assert await snapshot(team.uow_factory) == before


async def test_edit_question_changes_the_topic_and_the_form_offers_it(team):
    await team.ok("kim", "/ask Why sort? topic:SVD")
    await team.ok("kim", '/edit question 1 Why are they sorted? topic:"SVD 특이값 분해"')
    assert "    topic: SVD 특이값 분해" in (await team.ok("kim", "/question 1")).splitlines()
    form = await open_form(team.bot, call("kim", "/edit question 1"))
    assert isinstance(form, Form)
    assert [(f.name, f.value) for f in form.fields][1] == ("topic", "SVD 특이값 분해")
    values = {"text": "Why are they sorted?", "topic": ""}
    reply = await submit(team.bot, call("kim", "/edit question 1"), form.state, values)
    assert reply.ok, plain_text(reply.message)
    assert "topic:" not in await team.ok("kim", "/question 1")  # emptied: no topic


async def test_the_minutes_group_each_section_s_questions_under_their_topic(team):
    team.at("2021-08-09 13:00")
    await team.ok("kim", "/ask untopical category:lecture")
    await team.ok("kim", "/ask first svd category:lecture topic:SVD")
    await team.ok("kim", "/ask about adam category:lecture topic:Adam")
    await team.ok("kim", "/ask second svd category:lecture topic:SVD")
    await team.ok("lee", "/answer 4 yes")
    day = day_of(await minutes(team), "20210809")
    assert day.split("📒 [Lecture questions]\n\n")[1].rstrip("\n").split("\n") == [
        "Q. untopical",
        "",
        "- SVD",
        "",
        "Q. first svd",
        "",
        "Q. second svd",
        "- yes",
        "",
        "- Adam",
        "",
        "Q. about adam",
    ]


# --- last week's questions -----------------------------------------------------------------------


async def test_last_week_s_section_has_what_it_left_open_or_answered_on_its_last_day(team):
    team.at("2021-08-04 13:00")  # Wednesday of week 1
    await team.ok("kim", "/ask settled on wednesday")
    await team.ok("lee", "/answer 1 wednesday answer")
    await team.ok("kim", "/accept 1")
    await team.ok("kim", "/ask answered on friday")
    await team.ok("kim", "/ask still open")
    team.at("2021-08-06 13:00")  # Friday, week 1's last study day
    await team.ok("lee", "/answer 2 friday answer")
    await team.ok("kim", "/accept 2")
    team.at("2021-08-09 13:00")
    await team.ok("kim", "/ask monday's own")
    day = day_of(await minutes(team), "20210809")
    section = day.split("🔍[Last week's questions]\n\n")[1].split("\n\n\n")[0]
    assert section.split("\n") == ["Q. answered on friday", "A. friday answer", "Q. still open"]


# --- a mentor's answer on a later day -------------------------------------------------------------


async def test_an_escalated_question_answered_the_next_day_shows_on_that_day(team):
    team.at("2021-08-09 13:00")
    await team.ok("kim", "/ask for the mentor")
    await team.ok("kim", "/escalate 1")
    team.at("2021-08-10 15:00")
    await team.ok("park", "/answer 1 the mentor's answer")
    await team.ok("kim", "/accept 1")
    markdown = await minutes(team)
    monday = day_of(markdown, "20210809")
    assert "Q. for the mentor\n" in monday and "the mentor's answer" not in monday
    tuesday = day_of(markdown, "20210810")
    assert "🔍[Earlier questions]\n\nQ. for the mentor\n- the mentor's answer\n" in tuesday
    assert "20210811" not in markdown  # nothing on Wednesday: no heading


# --- the team's own words before the mentor's questions -------------------------------------------


async def test_the_team_s_words_replace_the_fixed_sentence_before_the_mentor_s_questions(team):
    team.at("2021-08-09 13:00")
    await team.ok("kim", "/ask for the mentor")
    await team.ok("kim", "/escalate 1")
    await team.ok("kim", "/note a plain note")
    fixed = "The questions we could not resolve go to the mentor's office hours."
    assert f"{fixed}\n\nQ. for the mentor\n" in await minutes(team)
    said = await team.ok("lee", "/note Mostly about models we have not seen yet. place:mentor")
    assert said == (
        "📝 Note 2 saved for Mon 2021-08-09 (Day 6), before the mentor's questions: "
        "Mostly about models we have not seen yet."
    )
    await team.ok("lee", "/note We ask them at office hours. place:mentor")
    markdown = await minutes(team)
    assert fixed not in markdown
    assert (
        "- a plain note\n\n\n"
        "Mostly about models we have not seen yet.\nWe ask them at office hours.\n\n"
        "Q. for the mentor\n"
    ) in markdown


async def test_a_korean_team_marks_the_place_in_its_own_word(harness):
    harness.at("2021-08-09 13:00")
    await harness.ok("kim", "/team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:ko")
    await harness.ok("kim", "/ask 멘토님께")
    await harness.ok("kim", "/escalate 1")
    said = await harness.ok("kim", "/note 대부분 아직 배우지 않은 모델입니다. place:멘토")
    assert "멘토님께 드릴 질문 앞에 적었습니다" in said
    markdown = await minutes(harness)
    assert "20210809 피어세션\n" in markdown
    assert "대부분 아직 배우지 않은 모델입니다.\n\nQ. 멘토님께\n" in markdown
    assert "해결하지 못한 질문들은 이후" not in markdown and "📝 [피어세션 메모]" not in markdown


async def test_a_bad_place_is_refused_with_one_sentence_and_nothing_stored(team):
    before = await snapshot(team.uow_factory)
    said = await team.rejected("kim", "/note hello place:elsewhere")
    assert "place" in said and "\n" not in said
    assert await snapshot(team.uow_factory) == before


async def test_a_member_s_retro_log_keeps_every_note_of_the_session_whatever_its_place(team):
    team.at("2021-08-09 13:00")
    await team.ok("lee", "/note a bullet")
    await team.ok("lee", "/note our words place:mentor")
    async with team.uow_factory() as uow:
        found = (await uow.teams.list())[0]
        kim = await uow.members.get(found.id, "kim")
        log = (await render_week(uow, found, 2, "retro-log", member=kim)).markdown
    assert "- **Peer-Session**  \n    - a bullet\n    - our words\n" in log
