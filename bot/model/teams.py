"""Teams and their members: a study group bound to one channel, and its schedule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from bot.calendar import MONDAY_TO_FRIDAY, StudyCalendar


class Language(StrEnum):
    KO = "ko"
    EN = "en"


class RetroTemplate(StrEnum):
    FFF = "fff"
    TIL = "til"


@dataclass(frozen=True)
class TeamSchedule:
    """When the bot speaks on its own, in the team's zone (SPEC: "What the bot does on its own").

    `digest_weekday` None means the last study day of each week; `office_hours` None means no
    mentor list is posted (it goes out `MENTOR_LIST_LEAD` before office hours).
    """

    session_time: time = time(16, 0)
    session_reminder_minutes: int = 10
    retro_time: time = time(21, 0)
    assignment_reminder_hours: tuple[int, ...] = (24, 1)
    digest_weekday: int | None = None
    digest_time: time = time(18, 0)
    office_hours: time | None = None
    grace_minutes: int = 120


MENTOR_LIST_LEAD_MINUTES = 30


@dataclass
class Team:
    """One study group, bound to one channel of one platform."""

    platform: str
    channel_id: str
    name: str
    start_date: date
    zone: str = "Asia/Seoul"
    country: str | None = "KR"
    language: Language = Language.KO
    retro_template: RetroTemplate = RetroTemplate.FFF
    weekdays: frozenset[int] = MONDAY_TO_FRIDAY
    days_off: frozenset[date] = frozenset()
    schedule: TeamSchedule = TeamSchedule()
    created_at: datetime | None = None
    id: int | None = None
    # Replies in a question card's thread are recorded as answers (`/team settings
    # capture:threads`); off until an admin turns it on.
    capture_threads: bool = False

    def calendar(self) -> StudyCalendar:
        return StudyCalendar(
            start=self.start_date,
            zone=self.zone,
            country=self.country,
            weekdays=self.weekdays,
            days_off=self.days_off,
        )


@dataclass
class Member:
    """A person in a team, known by the platform's user id."""

    team_id: int
    user_id: str
    display_name: str
    is_admin: bool = False
    joined_at: datetime | None = None
    id: int | None = None
