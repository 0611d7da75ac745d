"""Teams: set up a channel's team, show and change its settings; finding a member and the
admin rule (`bot.handlers.roles` lists the members and changes their roles)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.commands.spec import Args
from bot.commands.when import check_start
from bot.context import Context, day_label
from bot.errors import PeerbotError
from bot.handlers import publish, team_settings
from bot.handlers.team_settings import MAX_TEAM_NAME
from bot.model.teams import Member, Team
from bot.ports import Reply, ScheduleChanged
from bot.scheduled.occurrences import next_digest
from bot.text import Message, Plain


async def setup(ctx: Context, args: Args) -> Reply:
    """Bind this channel to a new team; the caller becomes its first admin.

    The course starts today (the team's local date) unless `start:` says otherwise; the other
    settings given are applied as `/team settings` would.
    """
    invocation = ctx.invocation
    if ctx.team is not None:
        raise PeerbotError("team.already_setup", name=ctx.team.name)
    if ctx.cohort is not None:  # a cohort's mentors' channel is no team's (`/cohort`)
        raise PeerbotError("cohort.mentors_channel", name=ctx.cohort.name)
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
        return Reply(await _settings_message(ctx, team), ephemeral=True)
    await must_be_admin(ctx)
    if "start" in args:
        check_start(args["start"], ctx.today())
    publishing = publish.checked(args)  # checked before anything changes
    changes, reschedule = team_settings.apply_all(team, args)
    await ctx.uow.teams.update(team)
    changes += await publish.apply(ctx, team, publishing)
    ctx.lang = team.language
    if reschedule:
        assert team.id is not None
        ctx.events.append(ScheduleChanged(team.id))
    if not changes:
        return Reply(await _settings_message(ctx, team), ephemeral=True)
    return ctx.reply(
        "team.settings_changed", who=ctx.the_member.display_name, changes="; ".join(changes)
    )


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


async def _settings_message(ctx: Context, team: Team) -> Message:
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
    schedule_lines += (await publish.settings_lines(ctx, team)).lines
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
