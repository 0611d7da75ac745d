"""Teams: set up a channel's team, show and change its settings, manage admins."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.commands.spec import Args
from bot.context import Context, day_label
from bot.errors import PeerbotError
from bot.model import Language, Member, RetroTemplate, Team, clean_text
from bot.ports import Reply
from bot.text import Mention, Message, Plain

MAX_TEAM_NAME = 60
SETTING_NAMES = ("name", "start", "zone", "country", "lang", "template")


async def setup(ctx: Context, args: Args) -> Reply:
    """Bind this channel to a new team; the caller becomes its first admin."""
    invocation = ctx.invocation
    if ctx.team is not None:
        raise PeerbotError("team.already_setup", name=ctx.team.name)
    name = await _team_name(ctx, args.get("name"))
    team = Team(
        platform=invocation.platform,
        channel_id=invocation.channel_id,
        name=name,
        start_date=args["start"],
        zone=args.get("zone", "Asia/Seoul"),
        country=args.get("country", "KR"),
        language=Language(args.get("lang", ctx.lang.value)),
        retro_template=RetroTemplate(args.get("template", "fff")),
        created_at=ctx.now,
    )
    team = await ctx.uow.teams.add(team)
    assert team.id is not None
    ctx.team, ctx.lang = team, team.language
    display = invocation.user_name.strip()[:80] or invocation.user_id
    member = await ctx.uow.members.add(
        Member(team.id, invocation.user_id, display, is_admin=True, joined_at=ctx.now)
    )
    ctx.member = member
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
    await _must_be_admin(ctx)
    changes: list[str] = []
    for key in SETTING_NAMES:
        if key not in args:
            continue
        value = args[key]
        if key == "name":
            value = await _team_name(ctx, value, current=team)
        old = _apply(team, key, value)
        if old != _current(team, key):
            changes.append(f"{key}: {old} → {_current(team, key)}")
    await ctx.uow.teams.update(team)
    ctx.lang = team.language
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
        await _must_be_admin(ctx)
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


async def _must_be_admin(ctx: Context) -> None:
    if ctx.the_member.is_admin:
        return
    team = ctx.the_team
    assert team.id is not None
    admins = [m.display_name for m in await ctx.uow.members.list(team.id) if m.is_admin]
    raise PeerbotError("team.admin_only", admins=", ".join(admins) or "?")


async def _team_name(ctx: Context, wanted: str | None, current: Team | None = None) -> str:
    """A unique team name: the one asked for, or one made from the channel's name."""
    if wanted is not None:
        name = clean_text(wanted, what="name", limit=MAX_TEAM_NAME)
        taken = await ctx.uow.teams.get_by_name(name)
        if taken is not None and (current is None or taken.id != current.id):
            raise PeerbotError("team.name_taken", name=name)
        return name
    invocation = ctx.invocation
    base = (invocation.channel_name or f"{invocation.platform}-{invocation.channel_id}").strip()
    base = base.lstrip("#")[:MAX_TEAM_NAME] or "team"
    name, n = base, 1
    while await ctx.uow.teams.get_by_name(name) is not None:
        n += 1
        name = f"{base}-{n}"
    return name


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
    return old


def _current(team: Team, key: str) -> str:
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
    return ctx.say(
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
