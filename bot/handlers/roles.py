"""`/team members`: the members and their roles; admins set a role, add or remove an admin,
and remove a member.

A role is `member`, `admin` or `mentor` (`bot.model.teams.Role`); `role:` sets exactly the one
named, and a mentor who also administers the team (a staff mentor) is made one with `role:mentor`
then `add_admin:`. The last admin cannot stop being one, by any of these.

A removed member keeps their row: what they asked, answered, noted and reflected stays with their
name; they are no longer listed, nudged or counted. A command of theirs later joins them again as
a plain member (`bot.core`), as anyone's first command does; `set:` on them brings them back
with that role.
"""

from __future__ import annotations

from bot.commands.spec import Args
from bot.context import Context
from bot.errors import PeerbotError
from bot.handlers.team import find_member, must_be_admin
from bot.model.teams import Member, Role
from bot.ports import Reply
from bot.text import Mention, Message, Plain

CHANGES = ("add_admin", "remove_admin", "set", "remove")


async def members(ctx: Context, args: Args) -> Reply:
    """List the members with their roles, or (admins) change one member's role or membership."""
    if any(key in args for key in CHANGES):
        await must_be_admin(ctx)
        if "remove" in args:
            return await _remove(ctx, args["remove"])
        if "set" in args:
            if "role" not in args:
                raise PeerbotError("team.role_missing", who=args["set"])
            return await _set_role(ctx, args["set"], Role(args["role"]))
        if "add_admin" in args:
            return await _set_admin(ctx, args["add_admin"], True)
        return await _set_admin(ctx, args["remove_admin"], False)
    if "role" in args:
        raise PeerbotError("team.role_without_set", role=args["role"])
    return Reply(await _listing(ctx), ephemeral=True)


async def _listing(ctx: Context) -> Message:
    team = ctx.the_team
    assert team.id is not None
    everyone = await ctx.uow.members.list(team.id, with_removed=True)
    current = [m for m in everyone if not m.is_removed]
    lines = list(ctx.say("team.members", name=team.name, count=len(current)).lines)
    for member in current:
        lines += ctx.say(
            "team.member", who=member.display_name, admin=roles_mark(ctx, member)
        ).lines
    removed = len(everyone) - len(current)
    if removed:
        lines += ctx.say("team.members_removed", count=removed).lines
    return Message(tuple(lines))


def roles_mark(ctx: Context, member: Member) -> Plain:
    """` (admin, mentor)`: the member's roles as the listing shows them."""
    names = ", ".join(ctx.say_plain(f"role.{role.value}").text for role in member.roles)
    return Plain(ctx.say_plain("team.roles_mark").text.format(roles=names))


async def _current(ctx: Context, name: str) -> Member:
    """The member named, who must not have been removed."""
    member = await find_member(ctx, name)
    if member.is_removed:
        raise PeerbotError("team.member_removed_already", who=member.display_name)
    return member


async def _guard_last_admin(ctx: Context, member: Member) -> None:
    """Refused when `member` is the team's only admin (they would stop being one)."""
    if not member.is_admin:
        return
    team = ctx.the_team
    assert team.id is not None
    admins = [m for m in await ctx.uow.members.list(team.id) if m.is_admin]
    if len(admins) == 1:
        raise PeerbotError("team.last_admin", who=member.display_name)


async def _set_admin(ctx: Context, name: str, make_admin: bool) -> Reply:
    """`add_admin:` / `remove_admin:`: the admin flag only (a mentor stays a mentor)."""
    team = ctx.the_team
    member = await _current(ctx, name)
    if not make_admin:
        await _guard_last_admin(ctx, member)
    member.is_admin = make_admin
    await ctx.uow.members.update(member)
    key = "team.admin_added" if make_admin else "team.admin_removed"
    return ctx.reply(key, who=Mention(member.user_id, member.display_name), team=team.name)


async def _set_role(ctx: Context, name: str, role: Role) -> Reply:
    team = ctx.the_team
    member = await find_member(ctx, name)
    back = member.is_removed
    if back:
        member.rejoin(ctx.now)
    elif role is not Role.ADMIN:
        await _guard_last_admin(ctx, member)
    member.set_role(role)
    await ctx.uow.members.update(member)
    message = ctx.say(
        "team.role_set",
        who=Mention(member.user_id, member.display_name),
        team=team.name,
        role=ctx.say_plain(f"role.{role.value}"),
    )
    if back:
        message += ctx.say("team.member_back", who=member.display_name)
    return Reply(message)


async def _remove(ctx: Context, name: str) -> Reply:
    team = ctx.the_team
    member = await _current(ctx, name)
    await _guard_last_admin(ctx, member)
    member.removed_at = ctx.now
    await ctx.uow.members.update(member)
    return ctx.reply("team.member_removed", who=member.display_name, team=team.name)
