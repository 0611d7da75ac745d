"""Dates are bounded: a course start near today, other days near today or the start (issue 12).

Before, `/away 9999-12-31` and `/team settings start:9999-12-31` were stored and then broke or
slowed the team; here each gets one sentence naming the range, and the store stays as it was.
"""

import time
from datetime import date

import pytest

from bot.model.study import Away
from tests.conftest import snapshot

REFUSED = [
    ("/away 9999-12-31", "from 2016-08-02 to 2026-08-09"),
    ("/away 0001-01-01", "from 2016-08-02 to 2026-08-09"),
    ("/team holiday add 9999-12-31", "from 2016-08-02 to 2026-08-09"),
    ("/retro show day:9999-12-30", "from 2016-08-02 to 2026-08-09"),
    ("/retro day:0001-01-01 fact: x", "from 2016-08-02 to 2026-08-09"),
    ("/assignment add ViT due:9999-12-30 10:00", "from 2016-08-02 to 2026-08-09"),
    ("/team settings start:9999-12-31", "from 2016-08-09 to 2026-08-09"),
    ("/team settings start:0001-01-01", "within 5 years of today"),
    ("/digest week:999999999", "from 1 to 262"),
    ("/stats week:9999", "from 1 to 262"),
]


@pytest.mark.parametrize(("line", "names"), REFUSED, ids=[line for line, _ in REFUSED])
async def test_a_date_far_from_today_and_the_course_gets_one_sentence_and_changes_nothing(
    team, line, names
):
    before = await snapshot(team.uow_factory)
    text = await team.rejected("kim", line)
    assert names in text and "wrong" not in text
    assert await snapshot(team.uow_factory) == before


async def test_a_course_start_far_from_today_is_refused_and_no_team_is_made(harness):
    for start in ("0001-01-01", "9999-12-31", "2016-08-08"):
        text = await harness.rejected("kim", f"/team setup start:{start}")
        assert "from 2016-08-09 to 2026-08-09" in text
    assert await snapshot(harness.uow_factory) == []
    await harness.ok("kim", "/team setup start:2016-08-09")


async def test_team_setup_without_a_start_starts_the_course_today_in_the_teams_zone(harness):
    harness.at("2021-08-09 00:30")  # still Sunday the 8th in New York
    text = await harness.ok("kim", "/team setup zone:America/New_York lang:en")
    assert "2021-08-08" in text
    await harness.ok("lee", "/team setup lang:en", channel="c2")
    assert "Mon 2021-08-09 (Day 1)" in await harness.ok("lee", "/team settings", channel="c2")


def test_the_windows_are_five_years_either_side_and_a_leap_day_lands_on_the_28th():
    from bot.commands.when import check_week, date_window, start_window, years_from

    today = date(2024, 2, 29)
    assert start_window(today) == (date(2019, 2, 28), date(2029, 2, 28))
    assert date_window(date(2021, 8, 2), today) == (date(2016, 8, 2), date(2029, 2, 28))
    assert years_from(date(3, 1, 1), -5) == date.min
    assert years_from(date(9998, 1, 1), 5) == date.max
    assert check_week(262, date(2021, 8, 2), date(2021, 8, 9)) == 262


@pytest.mark.alone  # a 1 s limit on the wall clock
async def test_absurd_dates_already_stored_cost_no_more_than_ordinary_ones(team):
    async with team.uow_factory() as uow:
        (stored,) = await uow.teams.list()
        kim = await uow.members.get(stored.id, "kim")
        await uow.away.add(Away(stored.id, kim.id, date(9999, 12, 30), date(9999, 12, 31)))
        stored.start_date = date(1, 1, 1)
        stored.days_off = frozenset({date(9999, 12, 31), date(1, 1, 3)})
        await uow.teams.update(stored)
        await uow.commit()
    began = time.perf_counter()
    for line in ("/away", "/ask why?", "/questions today", "/retro show", "/team settings"):
        await team.ok("kim", line)
    for line in ("/stats", "/digest"):  # Week 105,431 of a course begun in year 1: one sentence
        assert "There is no week 105431" in await team.rejected("kim", line)
    await team.ok("kim", "/team holiday remove 9999-12-31")  # what is stored can still go
    await team.ok("kim", "/team settings start:2021-08-02")
    assert time.perf_counter() - began < 1.0
