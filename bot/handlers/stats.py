"""`/stats [week:N]`: who asked, answered and wrote retrospectives in a week, and their streaks.

Counts follow the digest's reading of a week (`bot.digest.week`): a question counts for the study
day of its session, an answer for the study day its time falls on (a weekend answer counts for
Monday). A member's retrospectives are counted against the week's study days so far, minus the
days they were away. The streak is the run of study days, up to the end of the week or today,
with a retrospective written: a day away neither breaks nor extends it, and today does not break
it before the day is over.

A mentor's line has no retrospectives (none are expected of them) and counts the answers they
endorsed; a member's line adds how many of their answers a mentor endorsed. A removed member is
listed only in a week they were active, with none expected of them.

The data is loaded first (the week, and only the retrospectives and days away the streaks can
reach); the tallying and the message, which grow with the team, run in a worker thread.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass
from datetime import date

from bot.calendar import StudyCalendar
from bot.commands.spec import Args
from bot.commands.when import check_week
from bot.context import Context
from bot.digest.week import Timeline, WeekData, load_week
from bot.model.study import Away, Retro, is_away
from bot.model.teams import Member
from bot.ports import Reply
from bot.text import Line, Message

STREAK_LOOKBACK = 400  # study days: longer than any course
SHOWN = 20  # members listed, busiest first: a big team's /stats stays one or two messages


@dataclass
class Tally:
    member: Member
    asked: int = 0
    answered: int = 0
    accepted: int = 0
    retros: int = 0
    expected: int = 0
    streak: int = 0
    endorsed: int = 0  # their answers a mentor endorsed
    endorsements: int = 0  # a mentor's: the answers they endorsed

    @property
    def activity(self) -> int:
        return self.asked + self.answered + self.retros


async def stats(ctx: Context, args: Args) -> Reply:
    """The week's numbers per member (this week unless `week:N`), busiest first."""
    team = ctx.the_team
    assert team.id is not None
    today = ctx.today()
    week = check_week(
        args.get("week") or ctx.calendar.week_number(today) or 1, team.start_date, today
    )
    data = await load_week(ctx.uow, team, week)
    as_of = min(data.sunday, today)
    streak_days = _streak_days(ctx.calendar, as_of)
    since = streak_days[-1] if streak_days else as_of
    absences = list(await ctx.uow.away.list(team.id, min(since, data.monday), as_of))
    history = list(await ctx.uow.retros.list(team.id, since, as_of))
    # Tallying and composing grow with the team and touch no database: off the shared loop.
    return await asyncio.to_thread(
        _reply, ctx, Loaded(data, as_of, today, streak_days, absences, history)
    )


@dataclass(frozen=True)
class Loaded:
    """What `/stats` read from the database: the week, and the history its streaks look at."""

    data: WeekData
    as_of: date
    today: date
    streak_days: list[date]  # study days back from `as_of`, newest first
    absences: list[Away]
    history: list[Retro]


def _tallies(calendar: StudyCalendar, loaded: Loaded) -> list[Tally]:
    """Each member's numbers, busiest first."""
    data, timeline = loaded.data, Timeline(calendar)
    counted_days = [day for day in data.days if day <= loaded.as_of]
    # Removed members keep their counts (their answers stay) but are listed only when active.
    tallies = {m.id: Tally(m) for m in data.members.values() if m.id is not None}
    for question in data.questions:
        if data.monday <= question.study_date <= data.sunday and question.asker_id in tallies:
            tallies[question.asker_id].asked += 1
        for answer in question.answers:
            tally = tallies.get(answer.member_id)
            if tally and data.monday <= timeline.day_of(answer.created_at) <= data.sunday:
                tally.answered += 1
                tally.accepted += answer.id is not None and answer.id == question.accepted_answer_id
                tally.endorsed += answer.is_endorsed
            mentor = tallies.get(answer.endorsed_by or 0)
            if mentor and answer.endorsed_at is not None:
                mentor.endorsements += (
                    data.monday <= timeline.day_of(answer.endorsed_at) <= data.sunday
                )
    written = Counter(r.member_id for r in data.retros if calendar.is_study_day(r.study_date))
    days_by_member: dict[int, set[date]] = {}
    for retro in loaded.history:
        days_by_member.setdefault(retro.member_id, set()).add(retro.study_date)
    away_by_member: dict[int, list[Away]] = {}
    for entry in loaded.absences:
        away_by_member.setdefault(entry.member_id, []).append(entry)
    for member_id, tally in tallies.items():
        away = away_by_member.get(member_id, [])
        tally.retros = written[member_id]
        if not (tally.member.is_mentor or tally.member.is_removed):  # never counted as missing
            tally.expected = sum(1 for day in counted_days if not is_away(away, member_id, day))
        tally.streak = _streak(
            loaded.streak_days, days_by_member.get(member_id, set()), away, member_id, loaded.today
        )
    kept = [t for t in tallies.values() if not t.member.is_removed or t.activity]
    return sorted(kept, key=lambda t: (-t.activity, t.member.display_name))


def _reply(ctx: Context, loaded: Loaded) -> Reply:
    """The `/stats` message of loaded data: pure work, safe to run in a worker thread."""
    data = loaded.data
    ranked = _tallies(ctx.calendar, loaded)
    first, last = (data.days[0], data.days[-1]) if data.days else (data.monday, data.sunday)
    lines: list[Line] = list(
        ctx.say(
            "stats.title",
            week=data.week,
            first=ctx.day_label(first),
            last=ctx.day_label(last),
            asked=sum(t.asked for t in ranked),
            answered=sum(t.answered for t in ranked),
            retros=sum(t.retros for t in ranked),
        ).lines
    )
    for tally in shown_of(ranked, ctx.member):
        lines.append(_member_line(ctx, tally))
    if len(ranked) > SHOWN:
        lines.append(ctx.line("stats.more", count=len(ranked) - len(shown_of(ranked, ctx.member))))
    if not any(day <= loaded.as_of for day in data.days):
        lines.append(ctx.line("stats.not_started"))
    return Reply(Message(tuple(lines)), ephemeral=True)


def _member_line(ctx: Context, tally: Tally) -> Line:
    """A member's numbers; a mentor's line has no retrospectives (never expected of them)."""
    counts = {"asked": tally.asked, "answered": tally.answered, "accepted": tally.accepted}
    if tally.member.is_mentor:
        name = tally.member.display_name
        return ctx.line("stats.mentor", name=name, endorsements=tally.endorsements, **counts)
    line = ctx.line(
        "stats.member",
        name=tally.member.display_name,
        retros=tally.retros,
        expected=tally.expected,
        streak=tally.streak,
        **counts,
    )
    if tally.endorsed:
        line = (*line, *ctx.line("stats.endorsed", count=tally.endorsed))
    return line


def shown_of(ranked: list[Tally], caller: Member | None) -> list[Tally]:
    """The busiest `SHOWN` members, and the caller's own line when it is not among them."""
    shown = ranked[:SHOWN]
    mine = [t for t in ranked[SHOWN:] if caller is not None and t.member.id == caller.id]
    return shown + mine


def _streak_days(calendar: StudyCalendar, as_of: date) -> list[date]:
    """Up to `STREAK_LOOKBACK` study days back from `as_of` (included if a study day)."""
    days: list[date] = []
    day = as_of if calendar.is_study_day(as_of) else calendar.previous_study_day(as_of)
    while day is not None and len(days) < STREAK_LOOKBACK:
        days.append(day)
        day = calendar.previous_study_day(day)
    return days


def _streak(
    streak_days: list[date],
    written: set[date],
    absences: list[Away],
    member_id: int,
    today: date,
) -> int:
    """Study days in a row, back from the newest of `streak_days`, with a retrospective."""
    streak = 0
    for day in streak_days:
        if day in written:
            streak += 1
        elif not (day == today or is_away(absences, member_id, day)):
            break
    return streak
