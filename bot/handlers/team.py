"""Teams: set up a channel's team, show and change its settings, manage admins."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.commands.spec import Args
from bot.commands.when import check_start
from bot.context import Context, day_label
from bot.errors import PeerbotError
from bot.handlers import team_settings
from bot.handlers.team_settings import MAX_TEAM_NAME
from bot.model.teams import Member, Team
from bot.ports import Reply, ScheduleChanged
from bot.scheduled.occurrences import next_digest
from bot.text import Mention, Message, Plain


async def setup(ctx: Context, args: Args) -> Reply:
    """Bind this channel to a new team; the caller becomes its first admin.

    The course starts today (the team's local date) unless `start:` says otherwise; the other
    settings given are applied as `/team settings` would.
    """
    invocation = ctx.invocation
    if ctx.team is not None:
        raise PeerbotError("team.already_setup", name=ctx.team.name)
    zone = args.get("zone", "Asia/Seoul")
    today = ctx.now.astimezone(ZoneInfo(zone)).date()
    if "start" in args:
        check_start(args["start"], today)
    team = Team(
        platform=invocation.platform,
        channel_id=invocation.channel_id,
        name=_channel_team_name(ctx),
        start_date=today,
        zone=zone,
        language=ctx.lang,
        created_at=ctx.now,
    )
    team_settings.apply_all(team, args)
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
        **team_settings.shown(ctx, team, schedule=False),
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
    changes, reschedule = team_settings.apply_all(team, args)
    await ctx.uow.teams.update(team)
    ctx.lang = team.language
    if reschedule:
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


def _channel_team_name(ctx: Context) -> str:
    """A new team's name when `name:` gives none: the channel's.

    No name is checked against other teams: whether a name is taken would tell this workspace
    what another workspace or server has. Names need not be unique (`peerbot --team` says when
    one is ambiguous).
    """
    invocation = ctx.invocation
    base = (invocation.channel_name or f"{invocation.platform}-{invocation.channel_id}").strip()
    return base.lstrip("#")[:MAX_TEAM_NAME] or "team"


def _settings_message(ctx: Context, team: Team) -> Message:
    calendar = team.calendar()
    today = calendar.local_date(ctx.now)
    days_off = ", ".join(d.isoformat() for d in sorted(team.days_off))
    message = ctx.say(
        "team.settings",
        **team_settings.shown(ctx, team, schedule=False),
        today=day_label(ctx.lang, calendar, today),
        days_off=days_off or ctx.say_plain("none"),
    )
    schedule = ctx.say("team.settings_schedule", **team_settings.shown(ctx, team, schedule=True))
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
        time=Plain(local.strftime("%H:%M")),
        zone=team.zone,
    )
