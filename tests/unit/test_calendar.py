import time
from datetime import UTC, date, datetime, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# --- the arithmetic calendar against a walking reference (issue 12, section 1) ------------------


class Walking:
    """The calendar as it used to be: every question answered by walking the days one by one."""

    def __init__(self, cal: StudyCalendar) -> None:
        self.cal = cal

    def is_study_day(self, day: date) -> bool:
        cal = self.cal
        public = holidays.country_holidays(cal.country, years=day.year) if cal.country else {}
        off = day in cal.days_off or day in public
        return day >= cal.start and day.weekday() in cal.weekdays and not off

    def between(self, first: date, last: date) -> list[date]:
        day, out = max(first, self.cal.start), []
        while day <= last:
            if self.is_study_day(day):
                out.append(day)
            day += timedelta(days=1)
        return out

    def next(self, day: date, include: bool) -> date | None:
        candidate = max(day if include else day + timedelta(days=1), self.cal.start)
        for _ in range(400):
            if self.is_study_day(candidate):
                return candidate
            candidate += timedelta(days=1)
        return None

    def previous(self, day: date) -> date | None:
        candidate = day - timedelta(days=1)
        for _ in range(400):
            if candidate < self.cal.start:
                return None
            if self.is_study_day(candidate):
                return candidate
            candidate -= timedelta(days=1)
        return None


def _calendars() -> st.SearchStrategy[StudyCalendar]:
    start = st.dates(date(2019, 1, 1), date(2027, 12, 31))
    return st.builds(
        lambda start, country, weekdays, offsets: StudyCalendar(
            start=start,
            country=country,
            weekdays=frozenset(weekdays),
            days_off=frozenset(start + timedelta(days=n) for n in offsets),
        ),
        start,
        st.sampled_from(["KR", "US", None]),
        st.sets(st.integers(0, 6), min_size=1),
        st.sets(st.integers(-20, 300), max_size=30),
    )


@settings(max_examples=50, deadline=None)
@given(_calendars(), st.integers(-30, 400), st.integers(0, 120))
def test_the_arithmetic_calendar_agrees_with_walking_the_days(cal, offset, span):
    first = cal.start + timedelta(days=offset)
    last = first + timedelta(days=span)
    walking = Walking(cal)
    expected = walking.between(first, last)
    assert list(cal.study_days_between(first, last)) == expected
    assert cal.count_study_days(first, last) == len(expected)
    for day in (first, last):
        number = len(walking.between(cal.start, day)) if walking.is_study_day(day) else None
        assert cal.day_number(day) == number
        assert cal.next_study_day(day) == walking.next(day, include=False)
        assert cal.next_study_day(day, include=True) == walking.next(day, include=True)
        assert cal.previous_study_day(day) == walking.previous(day)


@pytest.mark.alone  # a 0.1 s limit on the wall clock
@pytest.mark.parametrize(
    "start", [date(1, 1, 1), date(2021, 8, 2), date(9999, 12, 31)], ids=["0001", "2021", "9999"]
)
def test_the_calendars_far_ends_answer_at_once_and_never_overflow(start):
    cal = StudyCalendar(start=start, country="KR", days_off=frozenset({date(5000, 1, 3)}))
    began = time.perf_counter()
    for day in (date.min, date(2021, 8, 9), date(9999, 12, 30), date.max):
        cal.day_number(day)
        cal.week_number(day)
        cal.next_study_day(day, include=True)
        cal.previous_study_day(day)
        cal.session_date(datetime.combine(day, datetime.min.time().replace(hour=12), UTC))
        cal.count_study_days(date.min, day)
    cal.week_bounds(10**9)
    cal.study_days_of_week(10**9)
    assert time.perf_counter() - began < 0.1


def test_the_session_day_kept_per_date_is_the_one_worked_out_afresh() -> None:
    """`session_of_day` keeps what it found (a kept calendar is shared by every command); over
    more dates than it keeps, through Chuseok and a substitute holiday, each is what a walk
    over a fresh calendar finds."""
    start = date(2023, 9, 1)
    settings_ = {"start": start, "zone": "Asia/Seoul", "country": "KR"}
    kept = StudyCalendar(**settings_, days_off=frozenset({date(2023, 10, 6)}))
    days = [start + timedelta(days=n) for n in range(1200)]
    for day in days + days[::-1]:  # the second pass reads what was kept (and cleared)
        fresh = StudyCalendar(**settings_, days_off=frozenset({date(2023, 10, 6)}))
        assert kept.session_of_day(day) == fresh.next_study_day(day, include=True), day
