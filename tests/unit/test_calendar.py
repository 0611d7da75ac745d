from datetime import date

import pytest

from bot.calendar import StudyCalendar

SEED = StudyCalendar(start=date(2021, 8, 2), zone="Asia/Seoul", country="KR")


def test_seed_dates_have_the_day_numbers_of_the_notes():
    assert SEED.day_number(date(2021, 8, 2)) == 1
    assert SEED.day_number(date(2021, 8, 9)) == 6
    assert SEED.day_number(date(2021, 8, 23)) == 15


def test_substitute_holiday_of_2021_08_16_has_no_day_number():
    assert SEED.is_holiday(date(2021, 8, 16))
    assert SEED.day_number(date(2021, 8, 16)) is None
    assert SEED.day_number(date(2021, 8, 17)) == 11


@pytest.mark.parametrize("weekend", [date(2021, 8, 7), date(2021, 8, 8)])
def test_weekends_have_no_day_number(weekend):
    assert SEED.day_number(weekend) is None


def test_days_before_the_start_have_no_numbers():
    assert SEED.day_number(date(2021, 8, 1)) is None
    assert SEED.week_number(date(2021, 8, 1)) is None


def test_week_numbers_count_monday_first_calendar_weeks_from_the_start():
    assert SEED.week_number(date(2021, 8, 2)) == 1
    assert SEED.week_number(date(2021, 8, 8)) == 1
    assert SEED.week_number(date(2021, 8, 9)) == 2
    assert SEED.week_number(date(2021, 8, 23)) == 4


def test_a_mid_week_start_still_counts_its_week_as_week_one():
    cal = StudyCalendar(start=date(2021, 8, 4), country=None)
    assert cal.week_number(date(2021, 8, 4)) == 1
    assert cal.week_number(date(2021, 8, 9)) == 2
    assert cal.week_bounds(1) == (date(2021, 8, 2), date(2021, 8, 8))


def test_a_teams_own_day_off_is_skipped():
    cal = StudyCalendar(start=date(2021, 8, 2), days_off=frozenset({date(2021, 8, 4)}))
    assert cal.day_number(date(2021, 8, 4)) is None
    assert cal.day_number(date(2021, 8, 5)) == 3


def test_no_country_means_no_public_holidays():
    cal = StudyCalendar(start=date(2021, 8, 2), country=None)
    assert cal.day_number(date(2021, 8, 16)) == 11


def test_study_days_of_a_week_with_a_holiday():
    assert SEED.study_days_of_week(3) == [
        date(2021, 8, 17),
        date(2021, 8, 18),
        date(2021, 8, 19),
        date(2021, 8, 20),
    ]


def test_next_and_previous_study_day_skip_weekends_and_holidays():
    assert SEED.next_study_day(date(2021, 8, 13)) == date(2021, 8, 17)
    assert SEED.previous_study_day(date(2021, 8, 17)) == date(2021, 8, 13)
    assert SEED.previous_study_day(date(2021, 8, 2)) is None


def test_session_date_of_a_sunday_is_the_next_study_day():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    sunday_night = datetime(2021, 8, 15, 22, 0, tzinfo=ZoneInfo("Asia/Seoul"))
    assert SEED.session_date(sunday_night) == date(2021, 8, 17)


def test_local_date_uses_the_team_zone():
    from datetime import UTC, datetime

    instant = datetime(2021, 8, 8, 16, 0, tzinfo=UTC)  # 01:00 on Monday in Seoul
    assert SEED.local_date(instant) == date(2021, 8, 9)
