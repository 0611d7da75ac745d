"""Days away (`/away`) of members, and the team's own days off (`/team holiday`)."""

from __future__ import annotations

from datetime import date

from bot.commands.spec import Args
from bot.commands.when import Window, date_window, parse_day_range, split_days
from bot.context import Context
from bot.errors import PeerbotError
from bot.handlers.team import must_be_admin
from bot.model.study import Away, check_away
from bot.ports import Reply, ScheduleChanged
from bot.text import Line, Message, Plain

MAX_HOLIDAYS_AT_ONCE = 31


async def away(ctx: Context, args: Args) -> Reply:
    """`/away 8/12-8/13` marks days away; `/away` alone lists the caller's upcoming ones."""
    team, member = ctx.the_team, ctx.the_member
    assert team.id is not None and member.id is not None
    today = ctx.today()
    raw = args.get("days")
    if not raw:
        mine = [
            a for a in await ctx.uow.away.list(team.id, today, date.max) if a.member_id == member.id
        ]
        lines: list[Line] = list(ctx.say("away.list", count=len(mine)).lines)
        for entry in mine:
            lines.append(
                ctx.line(
                    "away.item", first=ctx.day_label(entry.first), last=ctx.day_label(entry.last)
                )
            )
        if not mine:
            lines.append(ctx.line("away.list_empty"))
        return Reply(Message(tuple(lines)), ephemeral=True)
    first, last = parse_day_range(raw, today, date_window(team.start_date, today))
    check_away(first, last, today)
    await ctx.uow.away.add(Away(team.id, member.id, first, last))
    study_days = ctx.calendar.count_study_days(first, last)
    return ctx.reply(
        "away.done",
        who=member.display_name,
        first=ctx.day_label(first),
        last=ctx.day_label(last),
        days=study_days,
    )


async def holiday(ctx: Context, args: Args) -> Reply:
    """`/team holiday add|remove DAYS`, `/team holiday list`: the team's own days off."""
    team = ctx.the_team
    action = args.get("action") or "list"
    raw = (args.get("days") or "").strip()
    if action == "list":
        if raw:
            raise PeerbotError("holiday.which_action")
        return _holiday_list(ctx)
    await must_be_admin(ctx)
    # A day off is added within the window; one stored from before the window can still go.
    window = date_window(team.start_date, ctx.today()) if action == "add" else (date.min, date.max)
    days = _days(raw, ctx.today(), window)
    if action == "add":
        past = [d for d in days if d < ctx.today()]
        if past:
            raise PeerbotError("holiday.past", day=past[0])
        new = sorted(days - team.days_off)
        team.days_off = team.days_off | days
        key = "holiday.added"
    else:
        missing = sorted(days - team.days_off)
        if missing:
            raise PeerbotError("holiday.not_found", day=missing[0])
        new = sorted(days)
        team.days_off = team.days_off - days
        key = "holiday.removed"
    if not new:
        return ctx.reply("holiday.nothing_new", ephemeral=True)
    await ctx.uow.teams.update(team)
    assert team.id is not None
    ctx.events.append(ScheduleChanged(team.id))
    return ctx.reply(
        key,
        who=ctx.the_member.display_name,
        days=Plain(", ".join(d.isoformat() for d in new)),
    )


def _days(raw: str, today: date, window: Window) -> frozenset[date]:
    """Days and ranges separated by spaces or commas: `2021-08-16 8/20-8/21`."""
    if not raw:
        raise PeerbotError("holiday.missing")
    days: set[date] = set()
    for word in split_days(raw):
        first, last = parse_day_range(word, today, window)
        if last < first:
            raise PeerbotError("away.inverted", first=first, last=last)
        span = (last - first).days + 1
        if len(days) + span > MAX_HOLIDAYS_AT_ONCE:
            raise PeerbotError("holiday.too_many", limit=MAX_HOLIDAYS_AT_ONCE)
        days.update(date.fromordinal(first.toordinal() + i) for i in range(span))
    return frozenset(days)


def _holiday_list(ctx: Context) -> Reply:
    team = ctx.the_team
    days = sorted(team.days_off)
    lines: list[Line] = list(ctx.say("holiday.list", count=len(days)).lines)
    for day in days:
        lines.append(ctx.line("holiday.item", day=ctx.day_label(day)))
    if not days:
        lines.append(ctx.line("holiday.list_empty"))
    country = team.country
    if country:
        lines.append(ctx.line("holiday.public", country=country))
    return Reply(Message(tuple(lines)), ephemeral=True)
