"""Teams and their members: a study group bound to one channel, and its schedule."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from typing import NamedTuple

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
    # "Asked before?": /ask shows similar questions before posting; on for a new team
    # (`/team setup similar:off` or `/team settings similar:off` turns it off). Teams made
    # before migration 0017 keep it off until an admin turns it on.
    similar_check: bool = True

    def calendar(self) -> StudyCalendar:
        return _calendar_of(self.start_date, self.zone, self.country, self.weekdays, self.days_off)


@functools.lru_cache(maxsize=1024)
def _calendar_of(
    start: date, zone: str, country: str | None, weekdays: frozenset[int], days_off: frozenset[date]
) -> StudyCalendar:
    """A calendar by its settings, kept (a `StudyCalendar` is frozen): every command asks its
    team's, and one kept calendar keeps what it has worked out (holidays, study days)."""
    return StudyCalendar(
        start=start, zone=zone, country=country, weekdays=weekdays, days_off=days_off
    )


class Role(StrEnum):
    """A member's role in one team (`/team members set:@kim role:mentor`).

    A mentor answers (often at office hours) and is never nudged or counted as missing. Admin is
    a separate flag (`is_admin`): a mentor may also administer the team (a staff mentor), shown
    as both; `role:` sets exactly the role named.
    """

    MEMBER = "member"
    ADMIN = "admin"
    MENTOR = "mentor"


@dataclass
class Member:
    """A person in a team, known by the platform's user id.

    A removed member (`removed_at`) keeps their row, so their questions, answers, notes and
    retrospectives stay with their name; they are listed, nudged and counted nowhere, and a
    command of theirs later joins them again as a plain member (`rejoin`).
    """

    team_id: int
    user_id: str
    display_name: str
    is_admin: bool = False
    joined_at: datetime | None = None
    id: int | None = None
    is_mentor: bool = False
    removed_at: datetime | None = None
    # Their own files (retro log, TIL review) go to the team's repository (`/me publish:on`);
    # off until they turn it on (migration 0018).
    publish: bool = False

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    @property
    def roles(self) -> tuple[Role, ...]:
        """The roles shown for the member: `member` alone, or admin and/or mentor."""
        found = (Role.ADMIN,) * self.is_admin + (Role.MENTOR,) * self.is_mentor
        return found or (Role.MEMBER,)

    def set_role(self, role: Role) -> None:
        self.is_admin, self.is_mentor = role is Role.ADMIN, role is Role.MENTOR

    def rejoin(self, now: datetime) -> None:
        """Back after a removal: a fresh, plain member; what they wrote before is still theirs."""
        self.removed_at, self.joined_at = None, now
        self.is_admin = self.is_mentor = False


class Arrival(NamedTuple):
    """What every command reads first, in one statement: the channel's team, the caller's
    membership of it (removed ones too; None for a stranger), and whether any post to this
    channel is parked (the command then un-parks them)."""

    team: Team | None
    caller: Member | None
    parked_here: bool = False
