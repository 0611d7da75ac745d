"""`/team web`: a private link to the team's read-only web pages; `/team web revoke` (admins)
makes every link given so far stop working (`bot.web.access`)."""

from __future__ import annotations

import logging

from bot import i18n
from bot.commands.spec import Args, Param, ParamKind
from bot.context import Context
from bot.errors import PeerbotError
from bot.handlers.team import must_be_admin
from bot.ports import Reply
from bot.text import UserText
from bot.web.access import team_link

log = logging.getLogger(__name__)

PARAMS = (
    Param(
        "access",
        ParamKind.CHOICE,
        positional=True,
        choices=("link", "revoke"),
        aliases=i18n.aliases("access"),
    ),
)


async def web(ctx: Context, args: Args) -> Reply:
    """The caller's link (privately), or revoke every link of the team (admins)."""
    team = ctx.the_team
    assert team.id is not None
    if ctx.web is None:
        raise PeerbotError("web.not_served")
    if args.get("access") == "revoke":
        await must_be_admin(ctx)
        generation = await ctx.uow.web.revoke(team.id, ctx.the_member.user_id, ctx.now)
        log.info("team %s: web links revoked (generation %s)", team.id, generation)
        return ctx.reply("web.revoked", ephemeral=True)
    link = await team_link(ctx.uow, ctx.web, team.id, ctx.now)
    return ctx.reply("web.link", link=UserText(link), ephemeral=True)
