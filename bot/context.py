"""What a handler gets: the open unit of work, the caller, their team, the time and language."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bot import i18n
from bot.calendar import StudyCalendar
from bot.errors import PeerbotError
from bot.model.cohort import Cohort
from bot.model.teams import Language, Member, Team
from bot.ports import Invocation, Reply, UnitOfWork
from bot.text import Line, Message, Plain
from bot.web.access import WebAccess


@dataclass
class Context:
    """One command's world. `team` and `member` are set for every command that needs a team."""

    uow: UnitOfWork
    invocation: Invocation
    now: datetime
    lang: Language
    team: Team | None = None
    member: Member | None = None
    events: list[object] = field(default_factory=list)  # told to listeners after the commit
    templates: Path | None = None  # the operator's own digest templates, if any
    # The cohort whose mentors' channel this is (loaded only when the channel is no team's).
    cohort: Cohort | None = None
    web: WebAccess | None = None  # where the web view is published (`/team web`), if it is

    @property
    def the_team(self) -> Team:
        if self.team is None:
            raise PeerbotError("error.no_team")
        return self.team

    @property
    def the_member(self) -> Member:
        if self.member is None:
            raise PeerbotError("error.no_team")
        return self.member

    @property
    def the_cohort(self) -> Cohort:
        if self.cohort is None:
            raise PeerbotError("cohort.not_here")
        return self.cohort

    @property
    def calendar(self) -> StudyCalendar:
        return self.the_team.calendar()

    def today(self) -> date:
        """The team-local date now."""
        return self.calendar.local_date(self.now)

    def session_date(self) -> date:
        """The study day whose session something done now belongs to."""
        return self.calendar.session_date(self.now)

    def say(self, key: str, /, **params: Any) -> Message:
        return i18n.say(self.lang, key, **params)

    def line(self, key: str, /, **params: Any) -> Line:
        """A one-line catalog entry, for building lists."""
        return i18n.line(self.lang, key, **params)

    def say_plain(self, key: str) -> Plain:
        """A catalog entry as the bot's own words (a label inside another sentence)."""
        return Plain(i18n.text_of(self.lang, key))

    def reply(self, key: str, /, *, ephemeral: bool = False, **params: Any) -> Reply:
        return Reply(self.say(key, **params), ephemeral=ephemeral)

    def day_label(self, day: date) -> Plain:
        """`Mon 2021-08-09 (Day 6)` / `2021-08-09(월) Day 6`; no Day N off the study calendar."""
        return day_label(self.lang, self.calendar, day)


def day_label(lang: Language, calendar: StudyCalendar, day: date) -> Plain:
    """A day as people in the team read it, with its Day N when it has one."""
    weekday = i18n.text_of(lang, f"weekday.{day.weekday()}")
    number = calendar.day_number(day)
    key = "day.plain" if number is None else "day.study"
    text = i18n.text_of(lang, key).format(weekday=weekday, date=day.isoformat(), n=number)
    return Plain(text)
