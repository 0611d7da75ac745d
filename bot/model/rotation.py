"""The session's roles: who moderates (and who takes notes) on a study day.

A rotation is an order of members, a period (each study day or each study week) and whether a
note-taker is named. Turns are computed, never stored per day: the k-th study day (or study week)
since the rotation was set is the turn of the k-th member in the order, counted on the team's
study calendar, so weekends, public holidays and the team's days off take no turn. A member away
that day passes the turn to the next in the order who is not (the following days keep their own
turns); the note-taker is the next present member after the moderator, never the moderator.
The turns go round the peers only: a member removed from the team or made a mentor since the
order was set leaves it (`taking_turns`), in the reminder, in `/team rotation` and in the minutes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from bot.calendar import StudyCalendar
from bot.model.teams import Member

MAX_ROTATION = 30  # members in one order


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"


@dataclass(frozen=True)
class Rotation:
    """A team's order of moderators, set on `since` (the team-local date it was set)."""

    team_id: int
    member_ids: tuple[int, ...]
    every: Period
    notes: bool
    since: date
    set_at: datetime


@dataclass(frozen=True)
class Turn:
    """The roles of one study day, as member ids.

    `due` is whose turn it was; `moderator` who has it (None: everyone in the order is away);
    `passed` the members away whose turn went past them (the due one first). `note_taker` is
    None when notes are off or no one else is present (`alone` says the latter).
    """

    day: date
    index: int
    due: int
    moderator: int | None
    passed: tuple[int, ...]
    note_taker: int | None
    alone: bool


def taking_turns(
    rotation: Rotation,
    members: Iterable[Member],
    day: date | None = None,
    calendar: StudyCalendar | None = None,
) -> Rotation:
    """The rotation among those who take turns: the members of the order who are not mentors
    and not removed (on `day` of `calendar`, if given: a member removed on a later day, in the
    team's zone, still had the turns before).
    The turns go round the others, as if the order had been set without them. A mentor's
    role has no date, so a member made a mentor leaves the past turns too."""
    on = (day, calendar) if day is not None and calendar is not None else None
    keep = {m.id for m in members if m.id is not None and _takes_turns(m, on)}
    kept = tuple(m for m in rotation.member_ids if m in keep)
    return rotation if kept == rotation.member_ids else replace(rotation, member_ids=kept)


def left_out(rotation: Rotation, members: Iterable[Member]) -> tuple[int, ...]:
    """The members of the order who no longer take turns (removed, unknown, or mentors now)."""
    keep = {m.id for m in members if _takes_turns(m, None)}
    return tuple(m for m in rotation.member_ids if m not in keep)


def _takes_turns(member: Member, on: tuple[date, StudyCalendar] | None) -> bool:
    if member.is_mentor:
        return False
    if member.removed_at is None:
        return True
    return on is not None and on[0] < on[1].local_date(member.removed_at)


def turn_index(rotation: Rotation, calendar: StudyCalendar, day: date) -> int | None:
    """How many turns came before `day`'s (0 for the first), None before the rotation or off
    the study calendar (a weekend, a holiday, a day off)."""
    if day < rotation.since or not calendar.is_study_day(day):
        return None
    if rotation.every is Period.DAY:
        return calendar.count_study_days(rotation.since, day) - 1
    return calendar.count_study_weeks(rotation.since, day) - 1


def turn_on(
    rotation: Rotation, calendar: StudyCalendar, day: date, away: set[int] | frozenset[int]
) -> Turn | None:
    """The roles of study day `day` with the members of `away` away, None when it has none."""
    index = turn_index(rotation, calendar, day)
    order = rotation.member_ids
    if index is None or not order:
        return None
    start = index % len(order)
    walk = [order[(start + i) % len(order)] for i in range(len(order))]
    present = [m for m in walk if m not in away]
    moderator = present[0] if present else None
    passed = tuple(walk[: walk.index(moderator)] if moderator is not None else walk)
    others = present[1:]
    note_taker = others[0] if rotation.notes and others else None
    return Turn(
        day=day,
        index=index,
        due=walk[0],
        moderator=moderator,
        passed=passed,
        note_taker=note_taker,
        alone=rotation.notes and moderator is not None and not others,
    )


def next_turn_days(
    rotation: Rotation, calendar: StudyCalendar, today: date, count: int
) -> list[date]:
    """The first study day of each of the next `count` turns from `today` on (today's included)."""
    found: list[date] = []
    day = calendar.next_study_day(max(today, rotation.since), include=True)
    while day is not None and len(found) < count:
        found.append(day)
        if rotation.every is Period.WEEK:
            sunday = date.fromordinal(day.toordinal() + 6 - day.weekday())
            day = calendar.next_study_day(sunday)
        else:
            day = calendar.next_study_day(day)
    return found
