"""Dates and times as people type them, read in the team's zone.

`2021-08-13 10:00`, `8/13 10:00`, `fri 23:59`, `금 23:59`, `tomorrow 10:00`, `내일 10:00`,
`today 18:00`, and a bare date (meaning 23:59 that day) for due times; `2021-08-12`, `8/12`,
`8/12-8/13` for days and ranges; `HH:MM` for clock times. Korean forms too: `8월 13일 10시`,
`8월 13일 오후 3시 30분`, `금요일 오후 11시`, `다음 주 월요일 9시` (Monday of next week), `내일 오전
10시`, `10시 30분`, `2021년 8월 13일`, `8월 12일~8월 13일`. A weekday name means the next such
day (today if the time is still ahead). `M/D` (or `M월 D일`) without a year means the date of
that month and day nearest to today, so `12/30` typed in January is last year's.

Every word (weekdays, `today`, `오후`, `시` ...) comes from the word catalogs (`bot.i18n.words`),
the union of every language, so a Korean word works on an English team and the other way round.

Every date is bounded: a course start within `START_YEARS` of today, any other day or due time
within `DATE_YEARS` of today or of the course start (`date_window`), a week number within that
window too; outside, one sentence names the allowed range.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot import i18n
from bot.errors import PeerbotError

END_OF_DAY = time(23, 59)
START_YEARS = 5  # a course starts at most this many years before or after today
DATE_YEARS = 5  # other dates lie at most this many years before or after today or the start

Window = tuple[date, date]

WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _either(words: tuple[str, ...]) -> str:
    """A regex matching any of `words` (longest first; spaces may be any run of space)."""
    escaped = sorted((re.escape(w).replace(r"\ ", r"\s*") for w in words), key=len, reverse=True)
    return "(?:" + ("|".join(escaped) or "(?!)") + ")"


# The words people type, from the word catalogs of every language (`fri`, `금`, `금요일`).
WEEKDAYS: dict[str, int] = {
    word: number for number, key in enumerate(WEEKDAY_KEYS) for word in i18n.words(f"weekday.{key}")
}
RELATIVE_DAYS: dict[str, int] = {
    **dict.fromkeys(i18n.words("day.today"), 0),
    **dict.fromkeys(i18n.words("day.tomorrow"), 1),
    **dict.fromkeys(i18n.words("day.after_tomorrow"), 2),
}
_NEXT_WEEK = _either(i18n.words("day.next_week"))
_YEAR, _MONTH, _DATE_DAY = (_either(i18n.words(f"date.{u}")) for u in ("year", "month", "day"))
_AM, _PM = _either(i18n.words("time.am")), _either(i18n.words("time.pm"))
_HOUR, _MINUTE = _either(i18n.words("time.hour")), _either(i18n.words("time.minute"))
_HALF = _either(i18n.words("time.half"))

_ISO_DATE = r"\d{4}[-./]\d{1,2}[-./]\d{1,2}"
_MONTH_DAY = r"\d{1,2}/\d{1,2}"
# `2021년 8월 13일`, `8월 13일`: a date written with its units.
_WORDY_DATE = rf"(?:\d{{4}}\s*{_YEAR}\s*)?\d{{1,2}}\s*{_MONTH}\s*\d{{1,2}}\s*{_DATE_DAY}"
_WORDY_DATE_PARTS = re.compile(
    rf"(?:(?P<year>\d{{4}})\s*{_YEAR}\s*)?(?P<month>\d{{1,2}})\s*{_MONTH}\s*"
    rf"(?P<day>\d{{1,2}})\s*{_DATE_DAY}",
    re.I,
)
_WEEKDAY_WORD = _either(tuple(WEEKDAYS))
_DAY_WORD = rf"(?:{_NEXT_WEEK}\s*)?{_WEEKDAY_WORD}|{_either(tuple(RELATIVE_DAYS))}"
_DAY = rf"(?:{_ISO_DATE}|{_MONTH_DAY}|{_WORDY_DATE}|{_DAY_WORD})"
# `23:59`, `오후 11시 59분`, `오전 10시`, `3시 반`, `오후 3:30`.
_TIME = (
    rf"(?:(?:{_AM}|{_PM})\s*)?"
    rf"(?:\d{{1,2}}:\d{{2}}|\d{{1,2}}\s*{_HOUR}(?:\s*\d{{1,2}}\s*{_MINUTE}|\s*{_HALF})?)"
)
_CLOCK = re.compile(
    rf"(?:(?P<am>{_AM})|(?P<pm>{_PM}))?\s*(?:(?P<hour>\d{{1,2}}):(?P<minute>\d{{2}})"
    rf"|(?P<h>\d{{1,2}})\s*{_HOUR}(?:\s*(?P<m>\d{{1,2}})\s*{_MINUTE}|\s*(?P<half>{_HALF}))?)",
    re.I,
)
_DAY_TIME = re.compile(rf"(?P<day>{_DAY})?(?:(?:\s+|T)?(?P<time>{_TIME}))?", re.I)
_RANGE = re.compile(rf"(?P<first>{_DAY})(?:\s*(?:~|-|–|\s)\s*(?P<last>{_DAY}))?", re.I)
_DAYS_ITEM = re.compile(rf"{_DAY}(?:\s*[~\-–]\s*{_DAY})?(?=[\s,]|$)|[^\s,]+", re.I)


def parse_clock(raw: str) -> time:
    """`HH:MM` on a 24-hour clock (`9:30`, `21:00`), or with the words of the catalogs:
    `10시`, `10시 30분`, `3시 반`, `오후 3시 30분`, `오전 12시` (midnight), `오후 3:30`.
    `25:00`, `12:61` or `오후 13시` is refused."""
    found = _CLOCK.fullmatch(raw.strip())
    if found is None:
        raise PeerbotError("when.bad_time", value=_short(raw))
    hour = int(found.group("hour") or found.group("h"))
    minute = int(found.group("minute") or found.group("m") or (30 if found.group("half") else 0))
    if found.group("am") or found.group("pm"):
        if hour > 12:
            raise PeerbotError("when.bad_time", value=_short(raw))
        hour = hour % 12 + (12 if found.group("pm") else 0)
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
    text = " ".join(raw.strip().lower().split())
    if text in RELATIVE_DAYS:
        return today + timedelta(days=RELATIVE_DAYS[text])
    if text in WEEKDAYS:
        return today + timedelta(days=(WEEKDAYS[text] - today.weekday()) % 7)
    next_week = re.match(_NEXT_WEEK, text)
    if next_week is not None and text[next_week.end() :].strip() in WEEKDAYS:
        monday = today + timedelta(days=7 - today.weekday())
        return monday + timedelta(days=WEEKDAYS[text[next_week.end() :].strip()])
    if (wordy := _WORDY_DATE_PARTS.fullmatch(text)) is not None:
        month, day = int(wordy.group("month")), int(wordy.group("day"))
        if wordy.group("year"):
            return _date(int(wordy.group("year")), month, day, raw)
        return _nearest(month, day, today, raw)
    if re.fullmatch(_ISO_DATE, text):
        year, month, day = (int(part) for part in re.split(r"[-./]", text))
        return _date(year, month, day, raw)
    if re.fullmatch(_MONTH_DAY, text):
        month, day = (int(part) for part in text.split("/"))
        return _nearest(month, day, today, raw)
    raise PeerbotError("when.bad_day", value=_short(raw))


def split_days(raw: str) -> list[str]:
    """The days and ranges of a list separated by spaces or commas (`2021-08-16 8/20-8/21`,
    `8월 16일, 8월 20일~8월 21일`), each to read with `parse_day_range`."""
    return _DAYS_ITEM.findall(raw)


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
    day_text = " ".join((found.group("day") or "").lower().split())
    day = _parse_day(day_text, today) if day_text else today
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
LAST_STUDY_DAY_WORDS = i18n.words("day.last_study_day")
NO_TIME_WORDS = (*i18n.words("value.none"), *i18n.words("value.off"))


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
    """A clock time, or `none`/`off` (`value.none`, `value.off`) for no time at all."""
    if raw.strip().lower() in NO_TIME_WORDS:
        return None
    return parse_clock(raw)
