"""The numbers behind the `/stats` pictures: participation per member per study day of a week,
questions per category per week, and the retrospective streaks, counted as `/stats` counts them
(`bot.handlers.stats`: the same loading and the same tallies, not a second reading)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.digest.week import Timeline, WeekData, load_week
from bot.handlers.stats import Loaded, _streak_days, _tallies
from bot.model.questions import Category, Question
from bot.ports import QuestionQuery
from bot.web.pages import Reading


@dataclass(frozen=True)
class Participation:
    """Per member (by name) the count per study day of asked, answered and retrospectives."""

    days: tuple[date, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]


@dataclass(frozen=True)
class Streak:
    name: str
    streak: int
    retros: int
    expected: int


@dataclass(frozen=True)
class StatsView:
    week: int
    weeks: int  # the weeks there are to pick from, 1..weeks
    participation: Participation
    categories: tuple[tuple[int, tuple[int, ...]], ...]  # (week, count per `Category`)
    streaks: tuple[Streak, ...]


async def stats_view(reading: Reading, week: int | None) -> StatsView | None:
    """The pictures' numbers for Week N (this week by default); None for a week not yet."""
    this_week = reading.this_week()
    chosen = week or this_week
    if not 1 <= chosen <= this_week:
        return None
    team, today = reading.team, reading.today
    data = await load_week(reading.uow, team, chosen)
    as_of = min(data.sunday, today)
    streak_days = _streak_days(reading.calendar, as_of)
    since = streak_days[-1] if streak_days else as_of
    absences = list(await reading.uow.away.list(reading.team_id, min(since, data.monday), as_of))
    history = list(await reading.uow.retros.list(reading.team_id, since, as_of))
    loaded = Loaded(data, as_of, today, streak_days, absences, history)
    asked = await reading.uow.questions.find(reading.team_id, QuestionQuery(limit=None))
    # Counting grows with the team and touches no database: off the shared loop, as /stats.
    return await asyncio.to_thread(_counted, reading, loaded, asked, this_week)


def _counted(reading: Reading, loaded: Loaded, asked: Sequence[Question], weeks: int) -> StatsView:
    tallies = _tallies(reading.calendar, loaded)
    streaks = tuple(
        Streak(t.member.display_name, t.streak, t.retros, t.expected)
        for t in tallies
        if not t.member.is_mentor
    )
    order = list(Category)
    per_week = {n: [0] * len(order) for n in range(1, weeks + 1)}
    for question in asked:
        number = reading.calendar.week_number(question.study_date)
        if number in per_week:
            per_week[number][order.index(question.category)] += 1
    categories = tuple((n, tuple(counts)) for n, counts in sorted(per_week.items()))
    return StatsView(
        loaded.data.week,
        weeks,
        participation(reading, loaded.data),
        categories,
        streaks,
    )


def participation(reading: Reading, data: WeekData) -> Participation:
    """Each current member's asked + answered + retrospectives on each study day of the week."""
    timeline = Timeline(reading.calendar)
    days = data.days
    index = {day: i for i, day in enumerate(days)}
    counts: dict[int, list[int]] = {
        m.id: [0] * len(days) for m in data.members.values() if m.id is not None
    }

    def add(member_id: int, day: date) -> None:
        if member_id in counts and day in index:
            counts[member_id][index[day]] += 1

    for question in data.questions:
        add(question.asker_id, question.study_date)
        for answer in question.answers:
            add(answer.member_id, timeline.day_of(answer.created_at))
    for retro in data.retros:
        add(retro.member_id, retro.study_date)
    rows = tuple(
        (data.members[member_id].display_name, tuple(row))
        for member_id, row in counts.items()
        if not data.members[member_id].is_removed or any(row)
    )
    return Participation(days, tuple(sorted(rows, key=lambda r: (-sum(r[1]), r[0]))))
