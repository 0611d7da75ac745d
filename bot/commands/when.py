"""Dates and times as people type them, read in the team's zone.

`2021-08-13 10:00`, `8/13 10:00`, `fri 23:59`, `금 23:59`, `tomorrow 10:00`, `내일 10:00`,
`today 18:00`, and a bare date (meaning 23:59 that day) for due times; `2021-08-12`, `8/12`,
`8/12-8/13` for days and ranges; `HH:MM` for clock times. A weekday name means the next such
day (today if the time is still ahead). `M/D` without a year means the date of that month and
day nearest to today, so `12/30` typed in January is last year's.

Every date is bounded: a course start within `START_YEARS` of today, any other day or due time
within `DATE_YEARS` of today or of the course start (`date_window`), a week number within that
window too; outside, one sentence names the allowed range.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.errors import PeerbotError

END_OF_DAY = time(23, 59)
START_YEARS = 5  # a course starts at most this many years before or after today
DATE_YEARS = 5  # other dates lie at most this many years before or after today or the start

Window = tuple[date, date]

WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("mon", "monday", "월", "월요일"),
        ("tue", "tues", "tuesday", "화", "화요일"),
        ("wed", "wednesday", "수", "수요일"),
        ("thu", "thur", "thurs", "thursday", "목", "목요일"),
        ("fri", "friday", "금", "금요일"),
        ("sat", "saturday", "토", "토요일"),
        ("sun", "sunday", "일", "일요일"),
    )
):
    WEEKDAYS.update(dict.fromkeys(_names, _number))

RELATIVE_DAYS = {
    "today": 0,
    "오늘": 0,
    "tomorrow": 1,
    "tmr": 1,
    "내일": 1,
    "모레": 2,
}

_ISO_DATE = r"\d{4}[-./]\d{1,2}[-./]\d{1,2}"
_MONTH_DAY = r"\d{1,2}/\d{1,2}"
_DAY_WORD = "|".join(sorted((*RELATIVE_DAYS, *WEEKDAYS), key=len, reverse=True))
_DAY = rf"(?:{_ISO_DATE}|{_MONTH_DAY}|{_DAY_WORD})"
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
_DAY_TIME = re.compile(rf"(?P<day>{_DAY})?(?:(?:\s+|T)?(?P<time>\d{{1,2}}:\d{{2}}))?", re.I)
_RANGE = re.compile(rf"(?P<first>{_DAY})(?:\s*(?:~|-|–|\s)\s*(?P<last>{_DAY}))?", re.I)


def parse_clock(raw: str) -> time:
    """`HH:MM` on a 24-hour clock: `9:30`, `21:00`; `25:00` or `12:61` is refused."""
    found = _CLOCK.fullmatch(raw.strip())
    if found is None:
        raise PeerbotError("when.bad_time", value=_short(raw))
    hour, minute = int(found.group(1)), int(found.group(2))
    if hour > 23 or minute > 59:
        raise PeerbotError("when.bad_time", value=_short(raw))
    return time(hour, minute)


def years_from(day: date, years: int) -> date:
    """The same day `years` later (earlier if negative); 29 February becomes the 28th."""
    year = day.year + years
    if year < date.min.year:
        return date.min
    if year > date.max.year:
        return date.max
    return day.replace(year=year, day=min(day.day, 28) if day.month == 2 else day.day)


def start_window(today: date) -> Window:
    """The course starts a team may have: within `START_YEARS` of today."""
    return years_from(today, -START_YEARS), years_from(today, START_YEARS)


def date_window(start: date, today: date) -> Window:
    """The days a command accepts: within `DATE_YEARS` of today or of the course start."""
    return years_from(min(start, today), -DATE_YEARS), years_from(max(start, today), DATE_YEARS)


def check_start(day: date, today: date) -> date:
    """`day` as a course start, or a PeerbotError naming the starts allowed."""
    first, last = start_window(today)
    if not first <= day <= last:
        raise PeerbotError(
            "when.start_out_of_range", value=day, first=first, last=last, years=START_YEARS
        )
    return day


def check_within(day: date, window: Window, typed: str = "") -> date:
    """`day` if it lies in `window`, else a PeerbotError naming the window."""
    first, last = window
    if not first <= day <= last:
        raise PeerbotError(
            "when.out_of_range",
            value=_short(typed or day.isoformat()),
            first=first,
            last=last,
            years=DATE_YEARS,
        )
    return day


def check_week(week: int, start: date, today: date) -> int:
    """`week` if its Monday lies within `date_window`, else a PeerbotError naming the weeks."""
    _, last_day = date_window(start, today)
    last = (last_day.toordinal() - (start.toordinal() - start.weekday())) // 7 + 1
    if not 1 <= week <= last:
        raise PeerbotError("when.week_out_of_range", week=week, last=max(last, 1))
    return week


def parse_day(raw: str, today: date, window: Window | None = None) -> date:
    """One day: `2021-08-12`, `8/12`, `today`/`오늘`, `tomorrow`/`내일`, or a weekday name
    (the next such day, today included); within `window` (by default `DATE_YEARS` of today)."""
    day = _parse_day(raw, today)
    return check_within(day, window or date_window(today, today), raw)


def _parse_day(raw: str, today: date) -> date:
    text = raw.strip().lower()
    if text in RELATIVE_DAYS:
        return today + timedelta(days=RELATIVE_DAYS[text])
    if text in WEEKDAYS:
        return today + timedelta(days=(WEEKDAYS[text] - today.weekday()) % 7)
    if re.fullmatch(_ISO_DATE, text):
        year, month, day = (int(part) for part in re.split(r"[-./]", text))
        return _date(year, month, day, raw)
    if re.fullmatch(_MONTH_DAY, text):
        month, day = (int(part) for part in text.split("/"))
        return _nearest(month, day, today, raw)
    raise PeerbotError("when.bad_day", value=_short(raw))


def parse_day_range(raw: str, today: date, window: Window | None = None) -> tuple[date, date]:
    """`2021-08-12`, `8/12-8/13`, `8/12~8/13` or `2021-08-12 2021-08-13`: first and last day,
    both within `window` (by default `DATE_YEARS` of today)."""
    found = _RANGE.fullmatch(raw.strip())
    if found is None:
        raise PeerbotError("when.bad_range", value=_short(raw))
    first = parse_day(found.group("first"), today, window)
    last = parse_day(found.group("last"), today, window) if found.group("last") else first
    return first, last


def parse_due(raw: str, now: datetime, zone: str, window: Window | None = None) -> datetime:
    """An aware due time from what a member typed, in the team's `zone`.

    A day without a time means 23:59 that day; a time without a day means today. Refuses
    a local time that does not exist (the hour skipped when daylight-saving time starts) and
    a day outside `window` (by default `DATE_YEARS` of today).
    """
    text = " ".join(raw.split())
    found = _DAY_TIME.fullmatch(text)
    if not text or found is None or not (found.group("day") or found.group("time")):
        raise PeerbotError("when.bad_due", value=_short(raw))
    tz = ZoneInfo(zone)
    local_now = now.astimezone(tz)
    today = local_now.date()
    clock = parse_clock(found.group("time")) if found.group("time") else END_OF_DAY
    day_text = (found.group("day") or "today").lower()
    day = _parse_day(day_text, today)
    if day_text in WEEKDAYS and day == today and clock <= local_now.time().replace(tzinfo=None):
        day += timedelta(days=7)
    check_within(day, window or date_window(today, today), raw)
    return local_instant(day, clock, zone, raw)


def local_instant(day: date, clock: time, zone: str, typed: str = "") -> datetime:
    """`day` at `clock` in `zone`, refusing a wall time the zone skips (DST gaps)."""
    tz = ZoneInfo(zone)
    naive = datetime.combine(day, clock)
    aware = naive.replace(tzinfo=tz)
    if aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naive:
        raise PeerbotError(
            "when.nonexistent", value=_short(typed or f"{day} {clock:%H:%M}"), zone=zone
        )
    return aware


def _date(year: int, month: int, day: int, raw: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise PeerbotError("when.bad_day", value=_short(raw)) from None


def _nearest(month: int, day: int, today: date, raw: str) -> date:
    """The `month`/`day` nearest to today: this year's, last year's or next year's."""
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue  # 2/29 in a year that has none
    if not candidates:
        raise PeerbotError("when.bad_day", value=_short(raw))
    return min(candidates, key=lambda d: (abs((d - today).days), d < today))


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- schedule settings ---------------------------------------------------------------------------

MAX_REMINDER_OFFSETS = 5
MAX_OFFSET_HOURS = 14 * 24
MAX_MINUTES = 24 * 60
LAST_STUDY_DAY_WORDS = ("last", "마지막")


def parse_minutes(raw: str) -> int:
    """A whole number of minutes from 0 to a day."""
    text = raw.strip()
    if not re.fullmatch(r"\d{1,5}", text) or int(text) > MAX_MINUTES:
        raise PeerbotError("when.bad_minutes", value=_short(raw), limit=MAX_MINUTES)
    return int(text)


def parse_offsets(raw: str) -> tuple[int, ...]:
    """`24,1`: hours before a due time, largest first, 1 to 5 of them, each at most 14 days."""
    parts = [p for p in re.split(r"[\s,]+", raw.strip()) if p]
    if not parts or not all(re.fullmatch(r"\d{1,4}", p) for p in parts):
        raise PeerbotError("when.bad_offsets", value=_short(raw))
    hours = sorted({int(p) for p in parts}, reverse=True)
    if len(hours) > MAX_REMINDER_OFFSETS:
        raise PeerbotError("when.too_many_offsets", limit=MAX_REMINDER_OFFSETS)
    if hours[0] > MAX_OFFSET_HOURS or hours[-1] < 1:
        raise PeerbotError("when.offset_range", limit=MAX_OFFSET_HOURS)
    return tuple(hours)


def parse_digest(raw: str, weekday: int | None, clock: time) -> tuple[int | None, time]:
    """`fri 18:00`, `금 18:00`, `last 18:00` (the week's last study day: None), or only one
    of the two (the other kept from `weekday`/`clock`). Separated by a space, `@` or `,`."""
    parts = [p for p in re.split(r"[\s@,]+", raw.strip().lower()) if p]
    if not parts or len(parts) > 2:
        raise PeerbotError("when.bad_digest", value=_short(raw))
    for part in parts:
        if part in LAST_STUDY_DAY_WORDS:
            weekday = None
        elif part in WEEKDAYS:
            weekday = WEEKDAYS[part]
        elif _CLOCK.fullmatch(part):
            clock = parse_clock(part)
        else:
            raise PeerbotError("when.bad_digest", value=_short(raw))
    return weekday, clock


def parse_optional_clock(raw: str) -> time | None:
    """`HH:MM`, or `none`/`없음`/`off` for no time at all."""
    if raw.strip().lower() in ("none", "off", "-", "없음"):
        return None
    return parse_clock(raw)
