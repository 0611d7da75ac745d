"""What a team's web pages show, read through one unit of work per page.

`WebPages.read(token)` opens the unit of work, checks the token (`bot.web.access`) and gives a
`Reading` bound to that one team: every function here reads through it, and every query is
scoped by its team id, so no page can show another team's data. A question is shown by the
core's own renderer (`bot.handlers.cards.render`, the `/question 12` page), as a `Message` the
adapter turns into HTML.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from bot.calendar import StudyCalendar
from bot.clock import Clock
from bot.context import Context, day_label
from bot.handlers import cards
from bot.handlers.listing import by_id
from bot.handlers.searching import MAX_SEARCH_WORDS
from bot.model.questions import Question
from bot.model.teams import Language, Member, Team
from bot.ports import Invocation, QuestionQuery, UnitOfWork, UnitOfWorkFactory
from bot.text import Message
from bot.web.access import WebAccess, signing_secret, verified_team_id

SEARCH_LIMIT = 20  # results on the search page, best match first
DAY_LIMIT = 500  # questions on one day's page


class Refused(Exception):
    """The token opens no team: forged, revoked, or of a team that is gone."""


@dataclass(frozen=True)
class Reading:
    """One page's read of one team: its unit of work, the time, and the core's context."""

    uow: UnitOfWork
    team: Team
    team_id: int
    now: datetime
    ctx: Context  # for the core's renderers (no caller: the pages are nobody's in particular)
    templates: Path | None = None

    @property
    def lang(self) -> Language:
        return self.team.language

    @property
    def calendar(self) -> StudyCalendar:
        return self.team.calendar()

    @property
    def today(self) -> date:
        return self.calendar.local_date(self.now)

    def this_week(self) -> int:
        """The course's week today (1 before the course starts)."""
        return self.calendar.week_number(self.today) or 1


class WebPages:
    """The web adapter's way into the core: a checked, read-only view of one team per page."""

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        access: WebAccess,
        *,
        default_language: Language = Language.KO,
        templates: Path | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self.access = access
        self.default_language = default_language
        self._templates = templates
        self._secret: str | None = None  # read once: it never changes while running

    @asynccontextmanager
    async def read(self, token: str) -> AsyncIterator[Reading]:
        """The team `token` opens (`Refused` if none), in a unit of work of its own."""
        async with self._uow_factory() as uow:
            now = self._clock.now()
            secret = self._secret or await signing_secret(uow, self.access, now)
            team_id = await verified_team_id(uow, secret, token)
            team = await uow.teams.get(team_id) if team_id is not None else None
            if team is None or team.id is None:
                raise Refused(token[:8])
            invocation = Invocation("web", team.platform, team.channel_id, "", "", "web")
            ctx = Context(uow, invocation, now, team.language, team, templates=self._templates)
            yield Reading(uow, team, team.id, now, ctx, self._templates)
            if self._secret is None:
                await uow.commit()  # the signing secret, when this read made it
                self._secret = secret


def sharing_members(reading: Reading, members: Sequence[Member]) -> set[int]:
    """The ids of the members who chose to share their own retrospectives outside the chat.

    Every page that shows a member's retrospectives (their retro-log and TIL-review digests)
    asks this one function. It is the same choice as for the team's repository:
    `/me publish:on` (default off), so a member's files appear on the web exactly where they
    are published, and nowhere for a member who has not chosen."""
    return {m.id for m in members if m.id is not None and m.publish and not m.is_removed}


# --- the calendar and a day -------------------------------------------------------------------


@dataclass(frozen=True)
class DayCell:
    day: date
    label: str  # `Mon 2021-08-09 (Day 6)`
    study: bool
    holiday: bool
    questions: int
    today: bool


@dataclass(frozen=True)
class WeekRow:
    week: int
    monday: date
    days: tuple[DayCell, ...]  # Monday to Friday, and a weekend day only when it is studied


async def calendar_view(reading: Reading) -> list[WeekRow]:
    """Week 1 to this week, newest first, each study day with how many questions it has (one
    count a study day so far: a question is never logged past the next study day)."""
    calendar, team = reading.calendar, reading.team
    horizon = reading.today + timedelta(days=7)
    rows: list[WeekRow] = []
    for week in range(reading.this_week(), 0, -1):
        monday, _ = calendar.week_bounds(week)
        cells = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            study = calendar.is_study_day(day) and day >= team.start_date
            if offset >= 5 and not study:
                continue
            count = await _asked_on(reading, day) if study and day <= horizon else 0
            label = day_label(reading.lang, calendar, day).text
            holiday = calendar.is_holiday(day)
            cells.append(DayCell(day, label, study, holiday, count, day == reading.today))
        rows.append(WeekRow(week, monday, tuple(cells)))
    return rows


async def _asked_on(reading: Reading, day: date) -> int:
    query = QuestionQuery(study_date_from=day, study_date_to=day)
    return await reading.uow.questions.count(reading.team_id, query)


@dataclass(frozen=True)
class QuestionCard:
    """A question as the core renders it, with its number for the link to its page."""

    number: int
    message: Message


async def day_view(reading: Reading, day: date) -> tuple[str, list[QuestionCard]]:
    """A day's label and its questions, each with every answer and where it stands."""
    query = QuestionQuery(study_date_from=day, study_date_to=day, limit=DAY_LIMIT)
    found = await reading.uow.questions.find(reading.team_id, query)
    label = day_label(reading.lang, reading.calendar, day).text
    return label, await _cards(reading, found, full=True)


async def _cards(reading: Reading, found: Sequence[Question], *, full: bool) -> list[QuestionCard]:
    members = by_id(await reading.uow.members.list(reading.team_id, with_removed=True))
    session = reading.calendar.session_date(reading.now)
    shown = []
    for question in found:
        settled = question.settled_on(reading.calendar, session)
        message = cards.render(reading.ctx, question, members, (), settled=settled, full=full)
        shown.append(QuestionCard(question.number, message))
    return shown


async def question_view(reading: Reading, number: int) -> QuestionCard | None:
    """One question's page, as `/question 12` shows it (without its buttons); None if the
    team has no such question or it was deleted."""
    question = await reading.uow.questions.get(reading.team_id, number)
    if question is None or question.is_deleted:
        return None
    return (await _cards(reading, [question], full=True))[0]


async def search(reading: Reading, text: str) -> list[Question]:
    """The team's questions matching `text`, best match first: the ranked search of
    `/questions all <words>` (stems, BM25 over each question and its answers, `bot.search`),
    the first `SEARCH_LIMIT`, at most `MAX_SEARCH_WORDS` words as in the chat."""
    words = tuple(dict.fromkeys(text.split()))[:MAX_SEARCH_WORDS]
    if not words:
        return []
    query = QuestionQuery(words=words, ranked=True, limit=SEARCH_LIMIT)
    return list(await reading.uow.questions.find(reading.team_id, query))


async def search_view(reading: Reading, text: str) -> list[QuestionCard]:
    return await _cards(reading, await search(reading, text), full=False)


# --- the mentors -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MentorsView:
    mentors: list[str]  # display names
    waiting: list[QuestionCard]  # escalated, unresolved: left for the mentor


async def mentors_view(reading: Reading) -> MentorsView:
    members = await reading.uow.members.list(reading.team_id)
    query = QuestionQuery(unresolved=True, escalated=True, limit=None)
    waiting = await reading.uow.questions.find(reading.team_id, query)
    names = sorted(m.display_name for m in members if m.is_mentor)
    return MentorsView(names, await _cards(reading, waiting, full=False))
