"""Peer-session notes: free bullets for the day's minutes."""

from __future__ import annotations

from bot.commands.spec import Args
from bot.context import Context
from bot.model.questions import Note, clean_text
from bot.ports import Reply


async def note(ctx: Context, args: Args) -> Reply:
    """Add a bullet to the minutes of today's session (the next study day's, off the calendar)."""
    team, member = ctx.the_team, ctx.the_member
    assert team.id is not None and member.id is not None
    text = clean_text(args["text"], what="note")
    day = ctx.session_date()
    await ctx.uow.notes.add(Note(team.id, member.id, day, text, ctx.now))
    return ctx.reply("note.done", day=ctx.day_label(day), text=text)
