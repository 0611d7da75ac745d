"""Teams: set up a channel's team, show and change its settings, manage admins."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from typing import Any
from zoneinfo import ZoneInfo

from bot.commands.spec import Args
from bot.commands.when import check_start, parse_digest, parse_offsets, parse_optional_clock
from bot.context import Context, day_label
from bot.errors import PeerbotError
from bot.model.questions import clean_text
from bot.model.teams import Language, Member, RetroTemplate, Team, TeamSchedule
from bot.ports import Reply, ScheduleChanged
from bot.scheduled.occurrences import next_digest
from bot.text import Mention, Message, Plain

MAX_TEAM_NAME = 60
SCHEDULE_SETTINGS = (
    "session",
    "session_remind",
    "retro_time",
    "assignment_remind",
    "digest",
    "office_hours",
    "grace",
)
SETTING_NAMES = ("name", "start", "zone", "country", "lang", "template", *SCHEDULE_SETTINGS)
# A change of any of these moves the team's reminders: the scheduler is told after the commit.
RESCHEDULING = frozenset({"start", "zone", "country", *SCHEDULE_SETTINGS})


async def setup(ctx: Context, args: Args) -> Reply:
    """Bind this channel to a new team; the caller becomes its first admin.

    The course starts today (the team's local date) unless `start:` says otherwise.
    """
    invocation = ctx.invocation
    if ctx.team is not None:
        raise PeerbotError("team.already_setup", name=ctx.team.name)
    zone = args.get("zone", "Asia/Seoul")
    today = ctx.now.astimezone(ZoneInfo(zone)).date()
    start = check_start(args["start"], today) if "start" in args else today
    name = await _team_name(ctx, args.get("name"))
    team = Team(
        platform=invocation.platform,
        channel_id=invocation.channel_id,
        name=name,
        start_date=start,
        zone=zone,
        country=args.get("country", "KR"),
        language=Language(args.get("lang", ctx.lang.value)),
        retro_template=RetroTemplate(args.get("template", "fff")),
        created_at=ctx.now,
    )
    team = await ctx.uow.teams.add(team)
    assert team.id is not None
    ctx.team, ctx.lang = team, team.language
    member = await ctx.uow.members.add(
        Member(
            team.id, invocation.user_id, invocation.display_name, is_admin=True, joined_at=ctx.now
        )
    )
    ctx.member = member
    ctx.events.append(ScheduleChanged(team.id))
    return ctx.reply(
        "team.setup_done",
        name=team.name,
        start=team.start_date,
        zone=team.zone,
        country=team.country or ctx.say_plain("none"),
        lang=team.language.value,
        template=team.retro_template.value,
        who=member.display_name,
    )


async def settings(ctx: Context, args: Args) -> Reply:
    """Without options, show the settings; with options, change them (admins only)."""
    team = ctx.the_team
    if not args:
        return Reply(_settings_message(ctx, team), ephemeral=True)
    await must_be_admin(ctx)
    if "start" in args:
        check_start(args["start"], ctx.today())
    changes: list[str] = []
    changed: set[str] = set()
    for key in SETTING_NAMES:
        if key not in args:
            continue
        value = args[key]
        if key == "name":
            value = await _team_name(ctx, value)
        old = _apply(team, key, value)
        if old != _current(team, key):
            changes.append(f"{key}: {old} → {_current(team, key)}")
            changed.add(key)
    await ctx.uow.teams.update(team)
    ctx.lang = team.language
    if changed & RESCHEDULING:
        assert team.id is not None
        ctx.events.append(ScheduleChanged(team.id))
    if not changes:
        return Reply(_settings_message(ctx, team), ephemeral=True)
    return ctx.reply(
        "team.settings_changed", who=ctx.the_member.display_name, changes="; ".join(changes)
    )


async def members(ctx: Context, args: Args) -> Reply:
    """List the members; `add_admin:` / `remove_admin:` change who administers the team."""
    team = ctx.the_team
    assert team.id is not None
    if "add_admin" in args or "remove_admin" in args:
        await must_be_admin(ctx)
        for key, make_admin in (("add_admin", True), ("remove_admin", False)):
            if key in args:
                return await _set_admin(ctx, args[key], make_admin)
    everyone = await ctx.uow.members.list(team.id)
    lines = list(ctx.say("team.members", name=team.name, count=len(everyone)).lines)
    for member in everyone:
        mark = ctx.say_plain("team.admin_mark") if member.is_admin else Plain("")
        lines += ctx.say("team.member", who=member.display_name, admin=mark).lines
    return Reply(Message(tuple(lines)), ephemeral=True)


async def _set_admin(ctx: Context, name: str, make_admin: bool) -> Reply:
    team = ctx.the_team
    assert team.id is not None
    member = await find_member(ctx, name)
    if not make_admin and member.is_admin:
        admins = [m for m in await ctx.uow.members.list(team.id) if m.is_admin]
        if len(admins) == 1:
            raise PeerbotError("team.last_admin", who=member.display_name)
    member.is_admin = make_admin
    await ctx.uow.members.update(member)
    key = "team.admin_added" if make_admin else "team.admin_removed"
    return ctx.reply(key, who=Mention(member.user_id, member.display_name), team=team.name)


async def find_member(ctx: Context, reference: str) -> Member:
    """A member by display name, user id, or a platform mention like `<@U123>` / `<@123>`."""
    team = ctx.the_team
    assert team.id is not None
    ref = reference.strip()
    user_id = ref[2:-1].lstrip("!") if ref.startswith("<@") and ref.endswith(">") else ref
    user_id = user_id.split("|", 1)[0]
    member = await ctx.uow.members.get(team.id, user_id)
    if member is None:
        member = await ctx.uow.members.find_by_name(team.id, ref.lstrip("@"))
    if member is None:
        raise PeerbotError("team.member_not_found", name=ref)
    return member


async def must_be_admin(ctx: Context) -> None:
    if ctx.the_member.is_admin:
        return
    team = ctx.the_team
    assert team.id is not None
    admins = [m.display_name for m in await ctx.uow.members.list(team.id) if m.is_admin]
    raise PeerbotError("team.admin_only", admins=", ".join(admins) or "?")


async def _team_name(ctx: Context, wanted: str | None) -> str:
    """The name asked for, or one made from the channel's name.

    Never checked against other teams: whether a name is taken would tell this workspace what
    another workspace or server has. Names need not be unique (`peerbot --team` says when one
    is ambiguous).
    """
    if wanted is not None:
        return clean_text(wanted, what="name", limit=MAX_TEAM_NAME)
    invocation = ctx.invocation
    base = (invocation.channel_name or f"{invocation.platform}-{invocation.channel_id}").strip()
    return base.lstrip("#")[:MAX_TEAM_NAME] or "team"


def _apply(team: Team, key: str, value: Any) -> str:
    old = _current(team, key)
    match key:
        case "name":
            team.name = value
        case "start":
            team.start_date = value
        case "zone":
            team.zone = value
        case "country":
            team.country = value
        case "lang":
            team.language = Language(value)
        case "template":
            team.retro_template = RetroTemplate(value)
        case _:
            team.schedule = _schedule_with(team.schedule, key, value)
    return old


def _schedule_with(schedule: TeamSchedule, key: str, value: Any) -> TeamSchedule:
    """The schedule with one setting changed; `value` as typed for the text-valued ones."""
    match key:
        case "session":
            return replace(schedule, session_time=value)
        case "session_remind":
            return replace(schedule, session_reminder_minutes=value)
        case "retro_time":
            return replace(schedule, retro_time=value)
        case "assignment_remind":
            return replace(schedule, assignment_reminder_hours=parse_offsets(value))
        case "digest":
            weekday, clock = parse_digest(value, schedule.digest_weekday, schedule.digest_time)
            return replace(schedule, digest_weekday=weekday, digest_time=clock)
        case "office_hours":
            return replace(schedule, office_hours=parse_optional_clock(value))
        case "grace":
            return replace(schedule, grace_minutes=value)
    raise AssertionError(f"unknown setting {key}")


_WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _schedule_value(schedule: TeamSchedule, key: str) -> str:
    """A schedule setting as it is typed (`16:00`, `24,1`, `last 18:00`, `none`)."""
    match key:
        case "session":
            return _hhmm(schedule.session_time)
        case "session_remind":
            return str(schedule.session_reminder_minutes)
        case "retro_time":
            return _hhmm(schedule.retro_time)
        case "assignment_remind":
            return ",".join(map(str, schedule.assignment_reminder_hours))
        case "digest":
            day = (
                "last"
                if schedule.digest_weekday is None
                else _WEEKDAY_NAMES[schedule.digest_weekday]
            )
            return f"{day} {_hhmm(schedule.digest_time)}"
        case "office_hours":
            return _hhmm(schedule.office_hours) if schedule.office_hours else "none"
        case "grace":
            return str(schedule.grace_minutes)
    raise AssertionError(f"unknown setting {key}")


def _hhmm(clock: time) -> str:
    return clock.strftime("%H:%M")


def _current(team: Team, key: str) -> str:
    if key in SCHEDULE_SETTINGS:
        return _schedule_value(team.schedule, key)
    value: object = {
        "name": team.name,
        "start": team.start_date,
        "zone": team.zone,
        "country": team.country or "none",
        "lang": team.language.value,
        "template": team.retro_template.value,
    }[key]
    return value.isoformat() if isinstance(value, date) else str(value)


def _settings_message(ctx: Context, team: Team) -> Message:
    calendar = team.calendar()
    today = calendar.local_date(ctx.now)
    days_off = ", ".join(d.isoformat() for d in sorted(team.days_off))
    message = ctx.say(
        "team.settings",
        name=team.name,
        start=team.start_date,
        today=day_label(ctx.lang, calendar, today),
        zone=team.zone,
        country=team.country or ctx.say_plain("none"),
        lang=team.language.value,
        template=team.retro_template.value,
        days_off=days_off or ctx.say_plain("none"),
    )
    schedule = ctx.say(
        "team.settings_schedule",
        **{key: Plain(_schedule_value(team.schedule, key)) for key in SCHEDULE_SETTINGS},
    )
    # The schedule goes before the last line, which says how to change a setting.
    schedule_lines = schedule.lines + _next_digest_message(ctx, team).lines
    return Message(message.lines[:-1] + schedule_lines + message.lines[-1:])


def _next_digest_message(ctx: Context, team: Team, weeks: int = 12) -> Message:
    """When the next weekly post goes out, on the team's wall clock."""
    at = next_digest(team, ctx.now, weeks) if team.id is not None else None
    if at is None:
        return ctx.say("team.settings_no_digest", weeks=weeks)
    calendar = team.calendar()
    local = calendar.local_datetime(at)
    return ctx.say(
        "team.settings_next_digest",
        day=day_label(ctx.lang, calendar, local.date()),
        time=Plain(_hhmm(local.time())),
        zone=team.zone,
    )
