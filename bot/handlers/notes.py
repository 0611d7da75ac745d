"""Peer-session notes: free bullets for the day's minutes, numbered per team (never reused) so
`/edit note 3` and `/delete note 3` can name them.

Only the note's author or a team admin may change one (the rule of questions and answers); an
edit keeps who and when, a deletion keeps the row and its number and the repository leaves it
out of the agenda and the digests.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot import i18n
from bot.commands.spec import Args
from bot.context import Context
from bot.errors import PeerbotError
from bot.forms import Form
from bot.handlers.edits import edit_form, field_text
from bot.model.questions import Note, clean_text
from bot.ports import Reply
from bot.text import Action


async def note(ctx: Context, args: Args) -> Reply:
    """Add a bullet to the minutes of today's session (the next study day's, off the calendar);
    the reply says its number and carries its Edit and Delete buttons (for its author or an
    admin: the commands say no to anyone else)."""
    team, member = ctx.the_team, ctx.the_member
    assert team.id is not None and member.id is not None
    text = clean_text(args["text"], what="note")
    day = ctx.session_date()
    stored = await ctx.uow.notes.add(Note(team.id, member.id, day, text, ctx.now))
    said = ctx.say("note.done", number=stored.number, day=ctx.day_label(day), text=text)
    number = str(stored.number)
    return Reply(said.with_actions(Action("edit note", number), Action("delete note", number)))


async def edit_note(ctx: Context, args: Args) -> Reply:
    """New text for a note; its number and day stay."""
    found = await _authors_note(ctx, args["note"])
    text = clean_text(args["text"], what="note")
    found.edit(text, _caller(ctx), ctx.now)
    await ctx.uow.notes.update(found)
    who = ctx.the_member.display_name
    return ctx.reply("edit.note.done", number=found.number, who=who, text=text)


async def delete_note(ctx: Context, args: Args) -> Reply:
    """Take a note out of the agenda and the minutes; its number stays taken."""
    found = await _authors_note(ctx, args["note"])
    found.delete(_caller(ctx), ctx.now)
    await ctx.uow.notes.update(found)
    who = ctx.the_member.display_name
    return ctx.reply("delete.note.done", number=found.number, who=who, text=found.text)


async def note_form(ctx: Context, args: Args) -> Form:
    """`/edit note 3` without text (or the note's Edit button): its text, to change in place."""
    if "note" not in args:
        raise PeerbotError("edit.note.number_missing")
    found = await _authors_note(ctx, int(args["note"]))
    title = i18n.format_text(ctx.lang, "form.edit.note.title", number=found.number)
    return edit_form(ctx, "edit note", title, str(found.number), found.text)


async def submit_note_form(ctx: Context, state: str, values: Mapping[str, str]) -> Reply:
    """The note form's text, saved as `/edit note <number> <text>` would."""
    if not state.isdecimal():
        raise PeerbotError("form.expired")
    text = field_text(values, "note")
    return await edit_note(ctx, {"note": int(state), "text": text})


async def _authors_note(ctx: Context, number: int) -> Note:
    """The team's note of that number, once the caller may change it (its author or an admin);
    a deleted one says so (its number is never given again)."""
    team, member = ctx.the_team, ctx.the_member
    assert team.id is not None
    found = await ctx.uow.notes.get(team.id, number)
    if found is None:
        raise PeerbotError("note.not_found", number=number)
    if found.is_deleted:
        raise PeerbotError("note.deleted", number=number)
    if member.id == found.member_id or member.is_admin:
        return found
    author = await ctx.uow.members.get_by_id(team.id, found.member_id)
    raise PeerbotError(
        "edit.note.not_allowed", number=number, author=author.display_name if author else "?"
    )


def _caller(ctx: Context) -> int:
    member_id = ctx.the_member.id
    assert member_id is not None
    return member_id
