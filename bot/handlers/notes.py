"""Peer-session notes: free bullets for the day's minutes."""

from __future__ import annotations

from bot.commands.spec import Args
from bot.context import Context
from bot.model.questions import Note, NotePlace, clean_text
from bot.ports import Reply


async def note(ctx: Context, args: Args) -> Reply:
    """Add a bullet to the minutes of today's session (the next study day's, off the calendar);
    `place:mentor`: the team's own words before the mentor's questions instead."""
    team, member = ctx.the_team, ctx.the_member
    assert team.id is not None and member.id is not None
    text = clean_text(args["text"], what="note")
    day = ctx.session_date()
    place = NotePlace(args.get("place") or NotePlace.NOTES.value)
    await ctx.uow.notes.add(Note(team.id, member.id, day, text, ctx.now, place=place))
    key = "note.done.mentor" if place is NotePlace.MENTOR else "note.done"
    return ctx.reply(key, day=ctx.day_label(day), text=text)
