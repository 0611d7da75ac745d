"""The weekly post in holiday weeks: moved back, kept on a chosen Sunday, recorded when empty."""

import logging
from datetime import date, datetime, time

from bot.model.teams import Team, TeamSchedule
from bot.outbox import State
from bot.scheduled.occurrences import digest_day, fixed_occurrences
from bot.text import plain_text
from tests.conftest import SEOUL, Harness
from tests.unit.test_reminders import Channel, local, stepper_for


def kr_team(start: date, **schedule: object) -> Team:
    return Team("console", "c1", "t", start, country="KR", schedule=TeamSchedule(**schedule), id=1)


def week_of(team: Team, day: str) -> int:
    week = team.calendar().week_number(date.fromisoformat(day))
    assert week is not None
    return week


def test_a_friday_digest_in_a_chuseok_week_moves_back_to_the_last_study_day_before_it():
    friday = {"digest_weekday": 4, "digest_time": time(18, 0)}
    team_2022 = kr_team(date(2022, 8, 29), **friday)
    assert digest_day(team_2022, week_of(team_2022, "2022-09-09")) == date(2022, 9, 8)
    team_2023 = kr_team(date(2023, 9, 4), **friday)
    assert digest_day(team_2023, week_of(team_2023, "2023-09-29")) == date(2023, 9, 27)


def test_a_team_day_off_on_the_chosen_friday_moves_the_digest_to_thursday():
    team = kr_team(date(2021, 8, 2), digest_weekday=4)
    team.days_off = frozenset({date(2021, 8, 13)})
    assert digest_day(team, 2) == date(2021, 8, 12)


def test_a_sunday_digest_on_a_monday_to_friday_team_goes_out_on_that_sunday():
    team = kr_team(date(2021, 8, 2), digest_weekday=6)
    start = datetime(2021, 8, 2, tzinfo=SEOUL)
    end = datetime(2021, 8, 23, tzinfo=SEOUL)
    digests = [o for o in fixed_occurrences(team, start, end) if o.kind.value == "digest"]
    assert [(o.key, o.at.astimezone(SEOUL).strftime("%a %m-%d %H:%M")) for o in digests] == [
        ("week1", "Sun 08-08 18:00"),
        ("week2", "Sun 08-15 18:00"),
        ("week3", "Sun 08-22 18:00"),
    ]


def test_a_week_without_a_study_day_has_no_digest_but_an_empty_marker():
    team = kr_team(date(2021, 8, 2), digest_weekday=4)
    team.days_off = frozenset(date(2021, 8, d) for d in range(9, 14))
    assert digest_day(team, 2) is None
    start = datetime(2021, 8, 9, tzinfo=SEOUL)
    found = [
        o
        for o in fixed_occurrences(team, start, datetime(2021, 8, 15, tzinfo=SEOUL))
        if o.kind.value == "digest"
    ]
    assert [(o.key, o.empty) for o in found] == [("week2", True)]


async def friday_team(harness: Harness, start: str) -> None:
    harness.at(f"{start} 09:00")
    await harness.ok("kim", f"/team setup start:{start} country:KR lang:en")
    await harness.ok("kim", '/team settings digest:"fri 18:00"')


def weekly_posts(channel: Channel) -> list[tuple[str, str]]:
    return [
        (when, text.split(" in numbers")[0])
        for when, _, text in channel.posts
        if text.startswith("📚")
    ]


async def test_a_team_walked_through_the_2022_chuseok_week_gets_every_weekly_post_once(harness):
    await friday_team(harness, "2022-08-29")
    channel = Channel()
    stepper = stepper_for(harness, channel)
    await stepper.advance(local("2022-08-29 10:00"))
    await stepper.advance(local("2022-09-19 00:00"))
    assert weekly_posts(channel) == [
        ("Fri 09-02 18:00", "📚 Week 1"),
        ("Thu 09-08 18:00", "📚 Week 2"),  # Chuseok Friday
        ("Fri 09-16 18:00", "📚 Week 3"),
    ]


async def test_a_2023_chuseok_week_a_friday_off_a_sunday_digest_and_an_empty_week_each_once(
    harness, caplog
):
    caplog.set_level(logging.INFO, logger="bot.scheduled.drivers")
    await friday_team(harness, "2023-09-18")
    await harness.ok("kim", "/team holiday add 2023-10-13")  # a team day off on a Friday
    await harness.ok("kim", "/team holiday add 2023-10-16-2023-10-20")  # a whole week off
    channel = Channel()
    stepper = stepper_for(harness, channel)
    await stepper.advance(local("2023-09-18 10:00"))
    await stepper.advance(local("2023-10-22 00:00"))
    await harness.ok("kim", '/team settings digest:"sun 18:00"')
    await stepper.advance(local("2023-11-06 00:00"))
    assert weekly_posts(channel) == [
        ("Fri 09-22 18:00", "📚 Week 1"),
        ("Wed 09-27 18:00", "📚 Week 2"),  # Chuseok: Thursday and Friday off
        ("Fri 10-06 18:00", "📚 Week 3"),
        ("Thu 10-12 18:00", "📚 Week 4"),  # the team's own Friday off
        ("Sun 10-29 18:00", "📚 Week 6"),  # week 5 had no study day; then digest:sun
        ("Sun 11-05 18:00", "📚 Week 7"),
    ]
    async with harness.uow_factory() as uow:
        skipped = await uow.outbox.list(state=State.SKIPPED.value)
    assert [m.occurrence for m in skipped if m.kind.value == "digest"] == ["week5"]
    assert "no study day in week5: no weekly post" in caplog.text
    weeks = len(weekly_posts(channel)) + len(skipped)
    print(f"\nholiday-week digests: {len(weekly_posts(channel))} posted once each, 1 empty week")
    assert weeks == 7


async def test_team_settings_say_when_the_next_weekly_post_goes_out(harness):
    await friday_team(harness, "2022-08-29")
    harness.at("2022-09-05 09:00")
    text = await harness.ok("kim", "/team settings")
    assert "next weekly post: Thu 2022-09-08 (Day 9) 18:00 (Asia/Seoul)" in text


async def test_a_digest_asked_mid_week_holds_the_week_so_far_and_says_the_rest_is_to_come(team):
    team.at("2021-08-09 13:00")
    await team.ok("kim", "/ask what is a tensor?")  # open: it would be carried to every day
    team.at("2021-08-11 20:00")  # Wednesday evening
    reply = await team.say("kim", "/digest")
    markdown = reply.files[0].text
    assert "20210811 peer session" in markdown
    assert "20210812" not in markdown and "20210813" not in markdown
    summary = plain_text(reply.message).split("\n")
    assert "2021-08-09 to 2021-08-11, 3 study days" in summary[0]
    assert "The week is not over: its 2 later study days are not in the file yet." in summary
    # A week that is over is whole, and says nothing of the kind.
    team.at("2021-08-17 09:00")
    whole = await team.say("kim", "/digest week:2")
    assert "20210813 peer session" in whole.files[0].text
    assert "not over" not in plain_text(whole.message)
