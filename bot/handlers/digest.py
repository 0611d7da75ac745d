"""`/digest`: the week as the team's own Markdown, a short summary plus the `.md` file."""

from __future__ import annotations

from bot.commands.spec import Args
from bot.commands.when import check_week
from bot.context import Context
from bot.digest import MEMBER_FORMATS, render_week
from bot.errors import PeerbotError
from bot.handlers.team import find_member
from bot.model import Language, Member
from bot.ports import Reply
from bot.text import Attachment


async def digest(ctx: Context, args: Args) -> Reply:
    """`/digest [week:N] [format:F] [member:M] [lang:L]`: default this week's peer minutes."""
    team = ctx.the_team
    week = args.get("week") or ctx.calendar.week_number(ctx.session_date()) or 1
    check_week(week, team.start_date, ctx.today())
    fmt = (args.get("format") or "peer-minutes").lower()
    member: Member | None = None
    if "member" in args:
        if fmt not in MEMBER_FORMATS:
            raise PeerbotError("digest.member_not_for_format", format=fmt)
        member = await find_member(ctx, args["member"])
    elif fmt in MEMBER_FORMATS:
        member = ctx.the_member  # a member format is someone's own file: by default yours
    lang = Language(args["lang"]) if "lang" in args else None
    rendered = await render_week(
        ctx.uow, team, week, fmt, member=member, lang=lang, templates=ctx.templates
    )
    return Reply(rendered.summary, files=(Attachment(rendered.filename, rendered.markdown),))
