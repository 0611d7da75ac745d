"""`/digest`: the week as the team's own Markdown, a short summary plus the `.md` file."""

from __future__ import annotations

from bot.commands.spec import Args
from bot.commands.when import check_week
from bot.context import Context
from bot.digest import MEMBER_FORMATS, language_filename, render_week
from bot.errors import PeerbotError
from bot.handlers.files import fit
from bot.handlers.team import find_member
from bot.model.teams import Language, Member
from bot.ports import Reply
from bot.text import Attachment


def is_members_own(args: Args) -> bool:
    """Whether `/digest` with these arguments makes a member's own file (private, also while
    it is being made)."""
    return str(args.get("format") or "").lower() in MEMBER_FORMATS


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
        ctx.uow,
        team,
        week,
        fmt,
        member=member,
        lang=lang,
        templates=ctx.templates,
        until=ctx.today(),  # mid-week: the week so far, not days still to come
    )
    # A member's own file (retro-log, til-review) is for the caller alone, summary and file.
    private = fmt in MEMBER_FORMATS
    name = language_filename(rendered.filename, lang, team.language)
    whose = member.display_name if "member" in args and member is not None else None
    file, note = fit(team, week, fmt, Attachment(name, rendered.markdown), lang=lang, member=whose)
    files = (file,) if file is not None else ()
    return Reply(rendered.summary + note, ephemeral=private, files=files)
