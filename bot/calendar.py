"""The study calendar: which days are study days, and their Day N / Week N numbers.

Day N counts study days from the course start (the start being Day 1); Week N counts calendar
weeks, Monday first, from the week of the start. Weekends, public holidays of the team's country
(the `holidays` package) and the team's own days off have no Day number.

Everything is arithmetic, never a walk over the days: whole weeks times study weekdays plus the
partial week, minus the days off in range, counted by bisecting sorted lists. Public holidays are
looked up for the `HOLIDAY_YEARS` years either side of the start's year (every date a command
accepts lies within them); further out, only weekends and the team's own days off are off, so a
date stored long ago with an absurd year costs no more than any other.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property, lru_cache
from zoneinfo import ZoneInfo

import holidays
import holidays.countries

MONDAY_TO_FRIDAY = frozenset(range(5))
SESSIONS_KEPT = 400  # days whose session day a calendar keeps (`session_of_day`)
HOLIDAY_YEARS = 10  # public holidays known this many years either side of the start's year


@lru_cache(maxsize=128)
def _public_holidays(country: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays(country, years=year).keys())


def is_known_country(country: str) -> bool:
    """Whether the `holidays` package knows the country code (e.g. `KR`, `US`)."""
    return country.upper() in holidays.list_supported_countries()


def shifted(day: date, days: int) -> date | None:
    """`day` moved by `days`, or None past the ends of the calendar (0001-01-01, 9999-12-31)."""
    ordinal = day.toordinal() + days
    if not date.min.toordinal() <= ordinal <= date.max.toordinal():
        return None
    return date.fromordinal(ordinal)


def _count_in(days: tuple[date, ...], first: date, last: date) -> int:
    """How many of the sorted `days` fall from `first` to `last`, both included."""
    return bisect_right(days, last) - bisect_left(days, first)


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

    def _holiday_years(self) -> range:
        return range(self.start.year - HOLIDAY_YEARS, self.start.year + HOLIDAY_YEARS + 1)

    def _public(self, year: int) -> frozenset[date]:
        if not self.country or year not in self._holiday_years():
            return frozenset()
        return _public_holidays(str(self.country), year)

    def is_holiday(self, day: date) -> bool:
        if day in self.days_off:
            return True
        return day in self._public(day.year)

    def is_study_day(self, day: date) -> bool:
        """A study weekday on or after the start that is no holiday or day off."""
        return day >= self.start and day.weekday() in self.weekdays and not self.is_holiday(day)

    @cached_property
    def _own_days_off(self) -> tuple[date, ...]:
        """The team's days off that fall on study weekdays, sorted."""
        return tuple(sorted(d for d in self.days_off if d.weekday() in self.weekdays))

    @cached_property
    def _public_days_off(self) -> dict[int, tuple[date, ...]]:
        """Per year, the public holidays on study weekdays that are not also a team day off."""
        return {}

    def _public_off(self, year: int) -> tuple[date, ...]:
        found = self._public_days_off.get(year)
        if found is None:
            found = tuple(
                sorted(
                    d
                    for d in self._public(year)
                    if d.weekday() in self.weekdays and d not in self.days_off
                )
            )
            self._public_days_off[year] = found
        return found

    def _weekdays_between(self, first: date, last: date) -> int:
        """Days from `first` to `last` (both included) that fall on a study weekday."""
        span = last.toordinal() - first.toordinal() + 1
        whole, rest = divmod(span, 7)
        start = first.weekday()
        return whole * len(self.weekdays) + sum(
            1 for i in range(rest) if (start + i) % 7 in self.weekdays
        )

    def _off_between(self, first: date, last: date) -> int:
        """Holidays and days off on study weekdays from `first` to `last`, both included."""
        years = self._holiday_years()
        public = sum(
            _count_in(self._public_off(year), first, last)
            for year in range(max(first.year, years.start), min(last.year + 1, years.stop))
        )
        return public + _count_in(self._own_days_off, first, last)

    def count_study_days(self, first: date, last: date) -> int:
        """How many study days there are from `first` to `last`, both included."""
        first = max(first, self.start)
        if last < first:
            return 0
        return self._weekdays_between(first, last) - self._off_between(first, last)

    def count_study_weeks(self, first: date, last: date) -> int:
        """How many Monday-first weeks from `first`'s to `last`'s hold a study day in range.

        Arithmetic too: the weeks in range, less those with no study day, which can only be the
        two partial ends or a week holding a holiday or day off (checked one by one).
        """
        first = max(first, self.start)
        if last < first or not self.weekdays:
            return 0
        first_monday = first.toordinal() - first.weekday()
        last_monday = last.toordinal() - last.weekday()
        mondays = {first_monday, last_monday}
        years = self._holiday_years()
        for year in range(max(first.year, years.start), min(last.year + 1, years.stop)):
            off = self._public_off(year)
            for day in off[bisect_left(off, first) : bisect_right(off, last)]:
                mondays.add(day.toordinal() - day.weekday())
        own = self._own_days_off
        for day in own[bisect_left(own, first) : bisect_right(own, last)]:
            mondays.add(day.toordinal() - day.weekday())
        empty = sum(
            1
            for monday in mondays
            if not self.count_study_days(
                max(date.fromordinal(monday), first),
                date.fromordinal(min(monday + 6, last.toordinal())),
            )
        )
        return (last_monday - first_monday) // 7 + 1 - empty

    def study_days_between(self, first: date, last: date) -> Iterator[date]:
        """Study days from `first` to `last`, both included."""
        day = self.next_study_day(first, include=True, limit=None)
        while day is not None and day <= last:
            yield day
            day = self.next_study_day(day, limit=None)

    def day_number(self, day: date) -> int | None:
        """Day N of a study day, or None for a weekend, holiday or a day before the start."""
        if not self.is_study_day(day):
            return None
        return self.count_study_days(self.start, day)

    def week_number(self, day: date) -> int | None:
        """Week N (Monday-first calendar weeks from the start's week), None before the start."""
        if day < self.start:
            return None
        start_monday = self.start.toordinal() - self.start.weekday()
        return (day.toordinal() - start_monday) // 7 + 1

    def week_bounds(self, week: int) -> tuple[date, date]:
        """Monday and Sunday of Week N (clamped to the ends of the calendar)."""
        monday = self.start.toordinal() - self.start.weekday() + 7 * (week - 1)
        lowest, highest = date.min.toordinal(), date.max.toordinal()
        return (
            date.fromordinal(min(max(monday, lowest), highest)),
            date.fromordinal(min(max(monday + 6, lowest), highest)),
        )

    def study_days_of_week(self, week: int) -> list[date]:
        monday, sunday = self.week_bounds(week)
        return list(self.study_days_between(monday, sunday))

    def next_study_day(
        self, day: date, *, include: bool = False, limit: int | None = 400
    ) -> date | None:
        """The first study day after `day` (on it with include=True), or None within `limit`."""
        if not self.weekdays:
            return None
        candidate = day if include else shifted(day, 1)
        if candidate is None:
            return None
        candidate = max(candidate, self.start)
        horizon = shifted(candidate, limit - 1) if limit is not None else None
        while candidate is not None:
            ahead = min((w - candidate.weekday()) % 7 for w in self.weekdays)
            candidate = shifted(candidate, ahead)
            if candidate is None or (horizon is not None and candidate > horizon):
                return None
            if not self.is_holiday(candidate):
                return candidate
            candidate = shifted(candidate, 1)
        return None

    def previous_study_day(self, day: date, limit: int = 400) -> date | None:
        """The last study day before `day`, or None."""
        if not self.weekdays:
            return None
        candidate = shifted(day, -1)
        horizon = max(shifted(day, -limit) or date.min, self.start)
        while candidate is not None and candidate >= horizon:
            back = min((candidate.weekday() - w) % 7 for w in self.weekdays)
            candidate = shifted(candidate, -back)
            if candidate is None or candidate < horizon:
                return None
            if not self.is_holiday(candidate):
                return candidate
            candidate = shifted(candidate, -1)
        return None

    def session_date(self, instant: datetime) -> date:
        """The study day something done at `instant` belongs to.

        On a study day, that day; on a weekend or holiday, the next study day, so a question asked
        on Sunday is on Monday's agenda. Before the start, the start's first study day.
        """
        return self.session_of_day(self.local_date(instant))

    def session_of_day(self, today: date) -> date:
        """The study day whose session what is done on the team-local date `today` belongs to
        (`session_date`: the day itself, or the next study day). Kept per day: every command
        asks it, and a kept calendar (`bot.model.teams`) answers a day's commands alike."""
        sessions = self._sessions
        session = sessions.get(today)
        if session is None:
            found = self.next_study_day(today, include=True)
            session = found if found is not None else today
            if len(sessions) >= SESSIONS_KEPT:
                sessions.clear()
            sessions[today] = session
        return session

    @cached_property
    def _sessions(self) -> dict[date, date]:
        return {}
