"""`/team rotation`: who moderates the peer session (and takes its notes), turn by turn.

The order, the period and whether a note-taker is named are stored (`bot.model.rotation`); each
day's roles are computed from them on the study calendar and the days away. The session
reminder names the day's roles with `session_roles`, the same sentences as `/team rotation`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from bot import i18n
from bot.commands.spec import Args, Param, ParamKind
from bot.context import Context, day_label
from bot.errors import PeerbotError
from bot.handlers.team import find_member, must_be_admin
from bot.model.rotation import (
    MAX_ROTATION,
    Period,
    Rotation,
    Turn,
    left_out,
    next_turn_days,
    taking_turns,
    turn_on,
)
from bot.model.teams import Language, Member, Team
from bot.ports import Reply, UnitOfWork
from bot.text import Line, Mention, Message, Plain, UserText

NEXT_TURNS = 5
CHANGES = ("order", "every", "notes")  # the options that set a rotation
# `/team rotation`'s parameters, as the command table declares them (like the schedule's rows).
PARAMS = (
    Param(
        "switch",
        ParamKind.CHOICE,
        positional=True,
        choices=("show", "off"),
        aliases=i18n.aliases("switch"),
    ),
    Param("order", ParamKind.NAME),
    Param("every", ParamKind.CHOICE, choices=("day", "week"), aliases=i18n.aliases("every")),
    Param("notes", ParamKind.CHOICE, choices=("on", "off"), aliases=i18n.aliases("notes")),
)


def is_showing(args: Args) -> bool:
    """`/team rotation` alone (or `show`) only shows: the reply is private."""
    return args.get("switch") != "off" and not any(k in args for k in CHANGES)


async def rotation(ctx: Context, args: Args) -> Reply:
    """Show the rotation and the next turns; set it (admins); `off` clears it (admins)."""
    team = ctx.the_team
    assert team.id is not None
    if args.get("switch") == "off":
        if any(k in args for k in CHANGES):
            raise PeerbotError("rotation.off_alone")
        await must_be_admin(ctx)
        if not await ctx.uow.rotations.clear(team.id):
            raise PeerbotError("rotation.none_to_clear")
        return ctx.reply("rotation.cleared", who=ctx.the_member.display_name)
    current = await ctx.uow.rotations.get(team.id)
    if is_showing(args):
        return Reply(await _shown(ctx, current), ephemeral=True)
    await must_be_admin(ctx)
    if "order" not in args and current is None:
        raise PeerbotError("rotation.order_needed")
    order = await _order(ctx, args["order"]) if "order" in args else ()
    base = current or Rotation(team.id, (), Period.DAY, False, ctx.today(), ctx.now)
    new = replace(
        base,
        member_ids=order or base.member_ids,
        every=Period(args.get("every") or base.every),
        notes=args["notes"] == "on" if "notes" in args else base.notes,
    )
    if (new.member_ids, new.every) != (base.member_ids, base.every) or current is None:
        new = replace(new, since=ctx.today(), set_at=ctx.now)  # the turns start again today
    elif new == base:
        raise PeerbotError("rotation.unchanged")
    await ctx.uow.rotations.set(new)
    said = ctx.say("rotation.set", who=ctx.the_member.display_name)
    return Reply(Message(said.lines + (await _shown(ctx, new)).lines))


async def _order(ctx: Context, raw: str) -> tuple[int, ...]:
    """`@kim,@lee,<@U3>` as member ids, in order: each found as `/team members` finds one."""
    names = _names(raw)
    if not names:
        raise PeerbotError("rotation.order_empty")
    if len(names) > MAX_ROTATION:
        raise PeerbotError("rotation.too_many", limit=MAX_ROTATION)
    ids: list[int] = []
    for name in names:
        member = await find_member(ctx, name)
        assert member.id is not None
        if member.is_mentor:
            raise PeerbotError("rotation.mentor", who=member.display_name)
        if member.id in ids:
            raise PeerbotError("rotation.twice", who=member.display_name)
        ids.append(member.id)
    return tuple(ids)


def _names(raw: str) -> list[str]:
    """Names separated by commas; mentions (`@kim @lee`, `<@1> <@2>`) by spaces too, as a
    platform pastes them. A name with a space in it (`Kim Minsu`) stays whole."""
    names: list[str] = []
    for part in raw.split(","):
        words = part.split()
        if len(words) > 1 and all(w.startswith("@") or w.startswith("<@") for w in words):
            names += words
        elif part.strip():
            names.append(part.strip())
    return names


async def _shown(ctx: Context, current: Rotation | None) -> Message:
    """The order, the period and the next turns (or how to set a rotation)."""
    team = ctx.the_team
    assert team.id is not None
    if current is None:
        return ctx.say("rotation.none", example=i18n.Example("team rotation"))
    everyone = await ctx.uow.members.list(team.id, with_removed=True)
    members = {m.id: m for m in everyone if m.id is not None}
    gone_for_good = left_out(current, everyone)
    current = taking_turns(current, everyone)
    order = " → ".join(_name(members, m) for m in current.member_ids) or "-"
    lines: list[Line] = list(
        ctx.say(
            f"rotation.shown.{current.every.value}",
            order=order,
            since=ctx.day_label(current.since),
            notes=ctx.say_plain("rotation.notes_on" if current.notes else "rotation.notes_off"),
        ).lines
    )
    if gone_for_good:
        names = ", ".join(_name(members, m) for m in gone_for_good)
        lines.append(ctx.line("rotation.left_out", who=names))
    calendar = team.calendar()
    days = next_turn_days(current, calendar, ctx.today(), NEXT_TURNS) if current.member_ids else []
    away = await ctx.uow.away.list(team.id, days[0], days[-1]) if days else []
    for day in days:
        gone = {a.member_id for a in away if a.first <= day <= a.last}
        turn = turn_on(current, calendar, day, gone)
        if turn is None:
            continue
        label = day_label(ctx.lang, calendar, day)
        if current.every is Period.WEEK:
            week = calendar.week_number(day)
            label = Plain(i18n.format_text(ctx.lang, "rotation.week_label", week=week, day=label))
        lines.append(ctx.line("rotation.turn", day=label, roles=_roles(ctx.lang, turn, members)))
    if not current.member_ids:
        lines.append(ctx.line("rotation.no_one"))
    elif not days:
        lines.append(ctx.line("rotation.no_turns"))
    return Message(tuple(lines))


def _name(members: Mapping[int, Member], member_id: int) -> str:
    member = members.get(member_id)
    return member.display_name if member is not None else "?"


def _roles(lang: Language, turn: Turn, members: Mapping[int, Member]) -> Line:
    """`kim; notes: lee` (names, pinging no one): one turn in the list of next turns."""
    if turn.moderator is None:
        return i18n.line(lang, "rotation.everyone_away")
    spans: list[Plain | UserText | Mention] = [UserText(_name(members, turn.moderator))]
    if turn.passed:
        passed = ", ".join(_name(members, m) for m in turn.passed)
        spans += i18n.line(lang, "rotation.turn_passed", away=passed)
    if turn.note_taker is not None:
        spans += i18n.line(lang, "rotation.turn_notes", who=_name(members, turn.note_taker))
    elif turn.alone:
        spans += i18n.line(lang, "rotation.turn_alone")
    return tuple(spans)


async def session_roles(uow: UnitOfWork, team: Team, day: date) -> tuple[Line, ...]:
    """The session reminder's lines naming the day's moderator and note-taker (mentions, so
    they are notified), and whose turn passed to them; none without a rotation."""
    assert team.id is not None
    current = await uow.rotations.get(team.id)
    if current is None:
        return ()
    everyone = await uow.members.list(team.id)
    members = {m.id: m for m in everyone if m.id is not None}
    current = taking_turns(current, everyone)
    gone = {a.member_id for a in await uow.away.list(team.id, day, day)}
    turn = turn_on(current, team.calendar(), day, gone) if current.member_ids else None
    if turn is None:
        return ()
    lang = team.language

    def who(member_id: int) -> Mention | UserText:
        member = members.get(member_id)
        return UserText("?") if member is None else Mention(member.user_id, member.display_name)

    if turn.moderator is None:
        return (i18n.line(lang, "remind.roles.everyone_away"),)
    lines: list[Line] = []
    if turn.passed:
        away = ", ".join(_name(members, m) for m in turn.passed)
        lines.append(i18n.line(lang, "remind.roles.passed", away=away, who=who(turn.moderator)))
    else:
        lines.append(i18n.line(lang, "remind.roles.moderator", who=who(turn.moderator)))
    if turn.note_taker is not None:
        lines.append(i18n.line(lang, "remind.roles.notes", who=who(turn.note_taker)))
    elif turn.alone:
        lines.append(i18n.line(lang, "remind.roles.alone"))
    return tuple(lines)
