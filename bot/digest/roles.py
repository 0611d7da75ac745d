"""The session's roles in the minutes: each day's moderator (and note-taker) and who attended.

Present that day: whoever asked a question of that day, answered one (in that day's session) or
wrote one of its notes; absent: whoever was away (`/away`). Shown only for a team with a
rotation (`/team rotation`), from the day it was set, so the minutes of a team without one are
as they were. The moderator is the one the rotation gave that day, passing over the members
away and the mentors, as the session reminder named them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.digest.days import DayView
from bot.digest.views import Typed
from bot.digest.week import Timeline, WeekData
from bot.model.rotation import taking_turns, turn_on


@dataclass(frozen=True)
class RolesView:
    """One day's roles and attendance, names as typed (printed through `|md`)."""

    moderator: Typed | None  # None: everyone in the rotation was away
    note_taker: Typed | None
    present: tuple[Typed, ...]
    absent: tuple[Typed, ...]


def with_roles(
    days: list[DayView], data: WeekData, timeline: Timeline | None = None
) -> list[DayView]:
    """The days with their roles set (`DayView.roles`), none for a team without a rotation."""
    if data.roles is None:
        return days
    timeline = timeline or Timeline(data.calendar)
    for day in days:
        day.roles = day_roles(data, timeline, day.date)
    return days


def day_roles(data: WeekData, timeline: Timeline, day: date) -> RolesView | None:
    """The day's roles and who attended, None without a rotation or before it was set."""
    if data.roles is None:
        return None
    away = {a.member_id for a in data.roles.away if a.first <= day <= a.last}
    # The turns go round the peers as they were that day: a member removed later had theirs.
    rotation = taking_turns(data.roles.rotation, data.members.values(), day, data.calendar)
    turn = turn_on(rotation, data.calendar, day, away) if rotation.member_ids else None
    if turn is None:
        return None
    came: set[int] = set()
    for question in data.questions:
        if question.study_date == day:
            came.add(question.asker_id)
        answered = zip(question.answers, timeline.answer_days(question), strict=True)
        came.update(a.member_id for a, on in answered if on == day)
    came.update(n.member_id for n in data.notes if n.study_date == day)

    def names(ids: set[int] | list[int]) -> tuple[Typed, ...]:
        known = [data.members[i] for i in ids if i in data.members]
        return tuple(Typed(m.display_name) for m in sorted(known, key=lambda m: m.id or 0))

    def name(member_id: int | None) -> Typed | None:
        member = data.members.get(member_id) if member_id is not None else None
        return Typed(member.display_name) if member is not None else None

    return RolesView(
        moderator=name(turn.moderator),
        note_taker=name(turn.note_taker),
        present=names(came),  # a member away who still came counts as present
        absent=names(away - came),
    )
