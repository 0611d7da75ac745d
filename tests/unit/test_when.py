"""Due times, days and clock times as people type them, in the team's zone."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.commands.when import (
    parse_clock,
    parse_day,
    parse_day_range,
    parse_digest,
    parse_due,
    parse_minutes,
    parse_offsets,
    parse_optional_clock,
    split_days,
)
from bot.errors import PeerbotError

SEOUL = ZoneInfo("Asia/Seoul")
NEW_YORK = ZoneInfo("America/New_York")
# Monday 2021-08-09, 13:00 in Seoul.
NOW = datetime(2021, 8, 9, 13, 0, tzinfo=SEOUL)


def due(text: str, now: datetime = NOW, zone: str = "Asia/Seoul") -> datetime:
    return parse_due(text, now, zone)


def local(*args: int, tz: ZoneInfo = SEOUL) -> datetime:
    return datetime(*args, tzinfo=tz)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2021-08-13 10:00", local(2021, 8, 13, 10, 0)),
        ("2021.08.13 10:00", local(2021, 8, 13, 10, 0)),
        ("2021-08-13T10:00", local(2021, 8, 13, 10, 0)),
        ("8/13 10:00", local(2021, 8, 13, 10, 0)),
        ("fri 23:59", local(2021, 8, 13, 23, 59)),
        ("Friday 23:59", local(2021, 8, 13, 23, 59)),
        ("금 23:59", local(2021, 8, 13, 23, 59)),
        ("금요일 23:59", local(2021, 8, 13, 23, 59)),
        ("tomorrow 10:00", local(2021, 8, 10, 10, 0)),
        ("내일 10:00", local(2021, 8, 10, 10, 0)),
        ("today 18:00", local(2021, 8, 9, 18, 0)),
        ("오늘 18:00", local(2021, 8, 9, 18, 0)),
        ("2021-08-13", local(2021, 8, 13, 23, 59)),
        ("8/13", local(2021, 8, 13, 23, 59)),
        ("tomorrow", local(2021, 8, 10, 23, 59)),
        ("18:00", local(2021, 8, 9, 18, 0)),
        ("  fri   9:05 ", local(2021, 8, 13, 9, 5)),
    ],
)
def test_due_times_are_read_as_people_type_them(typed, expected):
    assert due(typed) == expected


def test_a_weekday_means_today_while_the_time_is_still_ahead_and_next_week_after():
    assert due("mon 18:00") == local(2021, 8, 9, 18, 0)
    assert due("월 12:00") == local(2021, 8, 16, 12, 0)
    assert due("mon 13:00") == local(2021, 8, 16, 13, 0)  # exactly now is not ahead


def test_due_times_are_in_the_teams_zone_not_utc():
    instant = due("2021-08-13 10:00", zone="America/New_York")
    assert instant.astimezone(NEW_YORK).hour == 10
    assert instant.utcoffset().total_seconds() == -4 * 3600


def test_a_new_york_due_time_on_the_day_clocks_spring_forward_is_in_daylight_time():
    before = datetime(2021, 3, 13, 12, 0, tzinfo=NEW_YORK)
    instant = due("2021-03-14 10:00", now=before, zone="America/New_York")
    assert instant.utcoffset().total_seconds() == -4 * 3600  # EDT
    assert instant.astimezone(ZoneInfo("UTC")).hour == 14


def test_a_local_time_that_does_not_exist_is_refused_with_a_sentence_key():
    before = datetime(2021, 3, 13, 12, 0, tzinfo=NEW_YORK)
    with pytest.raises(PeerbotError) as caught:
        due("2021-03-14 02:30", now=before, zone="America/New_York")
    assert caught.value.key == "when.nonexistent"
    assert caught.value.params["zone"] == "America/New_York"


def test_an_ambiguous_fall_back_time_takes_the_first_of_the_two():
    before = datetime(2021, 11, 6, 12, 0, tzinfo=NEW_YORK)
    instant = due("2021-11-07 01:30", now=before, zone="America/New_York")
    assert instant.utcoffset().total_seconds() == -4 * 3600  # still EDT


def test_month_and_day_without_a_year_is_the_nearest_such_date():
    new_year = datetime(2022, 1, 3, 9, 0, tzinfo=SEOUL)
    assert parse_day("12/30", new_year.date()) == date(2021, 12, 30)
    assert parse_day("1/10", new_year.date()) == date(2022, 1, 10)
    december = date(2021, 12, 28)
    assert parse_day("1/4", december) == date(2022, 1, 4)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("25:00", "when.bad_time"),
        ("12:61", "when.bad_time"),
        ("2021-02-30 10:00", "when.bad_day"),
        ("13/40", "when.bad_day"),
        ("someday", "when.bad_due"),
        ("fri at noon", "when.bad_due"),
        ("", "when.bad_due"),
        ("10:00 fri", "when.bad_due"),
        ("오후 13시", "when.bad_time"),
        ("25시", "when.bad_time"),
        ("10시 61분", "when.bad_time"),
        ("8월 32일 10시", "when.bad_day"),
        ("2021년 2월 30일", "when.bad_day"),
        ("다음 주 내일 10시", "when.bad_due"),
        ("언젠가 10시", "when.bad_due"),
    ],
)
def test_malformed_due_times_are_refused_with_a_sentence_key(typed, key):
    with pytest.raises(PeerbotError) as caught:
        due(typed)
    assert caught.value.key == key


def test_days_and_ranges():
    today = date(2021, 8, 9)
    assert parse_day_range("2021-08-12", today) == (date(2021, 8, 12),) * 2
    assert parse_day_range("8/12-8/13", today) == (date(2021, 8, 12), date(2021, 8, 13))
    assert parse_day_range("8/12~8/13", today) == (date(2021, 8, 12), date(2021, 8, 13))
    assert parse_day_range("2021-08-12 2021-08-13", today) == (
        date(2021, 8, 12),
        date(2021, 8, 13),
    )
    assert parse_day_range("2021-08-12-2021-08-13", today) == (
        date(2021, 8, 12),
        date(2021, 8, 13),
    )
    assert parse_day_range("8/13-8/12", today) == (date(2021, 8, 13), date(2021, 8, 12))
    assert parse_day("내일", today) == date(2021, 8, 10)
    assert parse_day("fri", today) == date(2021, 8, 13)
    with pytest.raises(PeerbotError) as caught:
        parse_day_range("next week", today)
    assert caught.value.key == "when.bad_range"


def test_clock_times_and_minutes():
    assert parse_clock("9:30") == time(9, 30)
    assert parse_clock("00:00") == time(0, 0)
    assert parse_optional_clock("none") is None
    assert parse_optional_clock("14:00") == time(14, 0)
    assert parse_minutes("0") == 0 and parse_minutes("120") == 120
    for bad in ("-5", "1.5", "ten", "1441"):
        with pytest.raises(PeerbotError) as caught:
            parse_minutes(bad)
        assert caught.value.key == "when.bad_minutes"


def test_reminder_offsets_are_hours_largest_first_within_limits():
    assert parse_offsets("1,24") == (24, 1)
    assert parse_offsets("48, 24 1") == (48, 24, 1)
    for bad, key in [
        ("1,2,3,4,5,6", "when.too_many_offsets"),
        ("337", "when.offset_range"),
        ("0", "when.offset_range"),
        ("-1", "when.bad_offsets"),
        ("soon", "when.bad_offsets"),
    ]:
        with pytest.raises(PeerbotError) as caught:
            parse_offsets(bad)
        assert caught.value.key == key, bad


def test_digest_takes_a_weekday_or_last_and_a_time_keeping_what_is_not_given():
    assert parse_digest("fri 18:00", None, time(18, 0)) == (4, time(18, 0))
    assert parse_digest("금@17:30", None, time(18, 0)) == (4, time(17, 30))
    assert parse_digest("last 20:00", 4, time(18, 0)) == (None, time(20, 0))
    assert parse_digest("19:00", 2, time(18, 0)) == (2, time(19, 0))
    assert parse_digest("마지막", 2, time(18, 0)) == (None, time(18, 0))
    with pytest.raises(PeerbotError) as caught:
        parse_digest("someday 18:00", None, time(18, 0))
    assert caught.value.key == "when.bad_digest"


# --- Korean date and time forms (issue 13) -------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("8월 13일 10시", local(2021, 8, 13, 10, 0)),
        ("8월 13일 오후 3시 30분", local(2021, 8, 13, 15, 30)),
        ("8월13일 오후3시30분", local(2021, 8, 13, 15, 30)),
        ("2021년 8월 13일 오전 9시", local(2021, 8, 13, 9, 0)),
        ("8월 13일", local(2021, 8, 13, 23, 59)),
        ("금요일 오후 11시", local(2021, 8, 13, 23, 0)),
        ("금 오후 11시 59분", local(2021, 8, 13, 23, 59)),
        ("다음 주 월요일 9시", local(2021, 8, 16, 9, 0)),
        ("다음주 금요일 오후 6시", local(2021, 8, 20, 18, 0)),
        ("next week fri 18:00", local(2021, 8, 20, 18, 0)),
        ("내일 오전 10시", local(2021, 8, 10, 10, 0)),
        ("모레 오후 2시 반", local(2021, 8, 11, 14, 30)),
        ("10시 30분", local(2021, 8, 9, 10, 30)),
        ("오후 3:30", local(2021, 8, 9, 15, 30)),
        ("오전 12시", local(2021, 8, 9, 0, 0)),
        ("오후 12시", local(2021, 8, 9, 12, 0)),
    ],
)
def test_korean_due_times_are_read_as_people_type_them(typed, expected):
    assert due(typed) == expected


def test_next_week_means_that_weekday_of_the_following_calendar_week():
    sunday = datetime(2021, 8, 15, 13, 0, tzinfo=SEOUL)
    assert due("다음 주 월요일 9시", sunday) == local(2021, 8, 16, 9, 0)
    assert due("다음 주 일요일 9시", sunday) == local(2021, 8, 22, 9, 0)
    assert due("월요일 9시", NOW) == local(2021, 8, 16, 9, 0)  # today's 9:00 has passed


def test_korean_days_and_ranges():
    today = date(2021, 8, 9)
    assert parse_day("8월 12일", today) == date(2021, 8, 12)
    assert parse_day("다음 주 수요일", today) == date(2021, 8, 18)
    assert parse_day_range("8월 12일~8월 13일", today) == (date(2021, 8, 12), date(2021, 8, 13))
    assert parse_day_range("8월 12일 - 8월 13일", today) == (date(2021, 8, 12), date(2021, 8, 13))
    assert parse_day_range("2021년 8월 12일", today) == (date(2021, 8, 12),) * 2
    assert split_days("8월 16일, 8월 20일~8월 21일 2021-08-30 8/1-8/2") == [
        "8월 16일",
        "8월 20일~8월 21일",
        "2021-08-30",
        "8/1-8/2",
    ]


def test_korean_clock_times_in_settings():
    assert parse_clock("오후 4시") == time(16, 0)
    assert parse_clock("9시 30분") == time(9, 30)
    assert parse_optional_clock("없음") is None and parse_optional_clock("off") is None
    assert parse_digest("금 18시", None, time(17, 0)) == (4, time(18, 0))


def test_korean_dates_keep_the_five_year_bounds():
    with pytest.raises(PeerbotError) as caught:
        due("2031년 8월 13일 10시")
    assert caught.value.key == "when.out_of_range"
    with pytest.raises(PeerbotError) as caught:
        parse_day_range("2011년 8월 12일~8월 13일", date(2021, 8, 9))
    assert caught.value.key == "when.out_of_range"
    assert due("2026년 8월 9일 10시") == local(2026, 8, 9, 10, 0)
