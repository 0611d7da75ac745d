"""The study calendar: which days are study days, and their Day N / Week N numbers.

Day N counts study days from the course start (the start being Day 1); Week N counts calendar
weeks, Monday first, from the week of the start. Weekends, public holidays of the team's country
(the `holidays` package) and the team's own days off have no Day number.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

MONDAY_TO_FRIDAY = frozenset(range(5))


@lru_cache(maxsize=256)
def _public_holidays(country: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays(country, years=year).keys())


def public_holiday_name(country: str, day: date) -> str | None:
    """The public holiday's name on `day` in `country`, or None."""
    name = holidays.country_holidays(country, years=day.year).get(day)
    return str(name) if name else None


def is_known_country(country: str) -> bool:
    """Whether the `holidays` package knows the country code (e.g. `KR`, `US`)."""
    return country.upper() in holidays.list_supported_countries()


@dataclass(frozen=True)
class StudyCalendar:
    """A team's calendar: start date, zone, study weekdays, holidays and extra days off."""

    start: date
    zone: str = "Asia/Seoul"
    country: str | None = "KR"
    weekdays: frozenset[int] = MONDAY_TO_FRIDAY
    days_off: frozenset[date] = field(default_factory=frozenset)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def local_date(self, instant: datetime) -> date:
        """The team-local date of an aware instant."""
        return instant.astimezone(self.tz).date()

    def local_datetime(self, instant: datetime) -> datetime:
        return instant.astimezone(self.tz)

    def is_holiday(self, day: date) -> bool:
        if day in self.days_off:
            return True
        return bool(self.country) and day in _public_holidays(str(self.country), day.year)

    def is_study_day(self, day: date) -> bool:
        """A study weekday on or after the start that is no holiday or day off."""
        return day >= self.start and day.weekday() in self.weekdays and not self.is_holiday(day)

    def study_days_between(self, first: date, last: date) -> Iterator[date]:
        """Study days from `first` to `last`, both included."""
        day = max(first, self.start)
        while day <= last:
            if self.is_study_day(day):
                yield day
            day += timedelta(days=1)

    def day_number(self, day: date) -> int | None:
        """Day N of a study day, or None for a weekend, holiday or a day before the start."""
        if not self.is_study_day(day):
            return None
        return sum(1 for _ in self.study_days_between(self.start, day))

    def week_number(self, day: date) -> int | None:
        """Week N (Monday-first calendar weeks from the start's week), None before the start."""
        if day < self.start:
            return None
        start_monday = self.start - timedelta(days=self.start.weekday())
        return (day - start_monday).days // 7 + 1

    def week_bounds(self, week: int) -> tuple[date, date]:
        """Monday and Sunday of Week N."""
        monday = self.start - timedelta(days=self.start.weekday()) + timedelta(weeks=week - 1)
        return monday, monday + timedelta(days=6)

    def study_days_of_week(self, week: int) -> list[date]:
        monday, sunday = self.week_bounds(week)
        return list(self.study_days_between(monday, sunday))

    def next_study_day(self, day: date, *, include: bool = False, limit: int = 400) -> date | None:
        """The first study day after `day` (on it with include=True), or None within `limit`."""
        candidate = day if include else day + timedelta(days=1)
        candidate = max(candidate, self.start)
        for _ in range(limit):
            if self.is_study_day(candidate):
                return candidate
            candidate += timedelta(days=1)
        return None

    def previous_study_day(self, day: date, limit: int = 400) -> date | None:
        """The last study day before `day`, or None."""
        candidate = day - timedelta(days=1)
        for _ in range(limit):
            if candidate < self.start:
                return None
            if self.is_study_day(candidate):
                return candidate
            candidate -= timedelta(days=1)
        return None

    def session_date(self, instant: datetime) -> date:
        """The study day something done at `instant` belongs to.

        On a study day, that day; on a weekend or holiday, the next study day, so a question asked
        on Sunday is on Monday's agenda. Before the start, the start's first study day.
        """
        today = self.local_date(instant)
        found = self.next_study_day(today, include=True)
        return found if found is not None else today
