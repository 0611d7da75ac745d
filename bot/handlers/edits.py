"""Editing and deleting questions and answers: `/edit question|answer`, `/delete question|answer`
(notes: `bot.handlers.notes`, with the same rule and this module's form).

Only the author (the asker, or whoever gave the answer) or a team admin may change one. An edit
keeps who and when, so `/question 12` can say "edited"; a deletion keeps the row and its number
(numbers are never reused) and the repositories leave it out of every view: agendas, lists,
search, suggestions, digests, the weekly post, `/stats` and the reminders.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot import i18n
from bot.commands.spec import Args
from bot.context import Context
from bot.errors import PeerbotError
from bot.forms import Form, FormField, clip
from bot.handlers.questions import _asker_or_admin, _question, changed
from bot.model.questions import MAX_TEXT, Answer, Question, Status, clean_text
from bot.ports import Reply
from bot.text import Message


async def edit_question(ctx: Context, args: Args) -> Reply:
    """New text for a question; its number, answers and state stay."""
    question = await _question(ctx, args["number"])
    await _asker_or_admin(ctx, question, "edit.question.not_allowed")
    text = clean_text(args["text"], what="question")
    question.edit(text, _caller(ctx), ctx.now)
    await ctx.uow.questions.record_change(question)
    await changed(ctx, question)
    who = ctx.the_member.display_name
    return ctx.reply("edit.question.done", number=question.number, who=who, text=text)


async def edit_answer(ctx: Context, args: Args) -> Reply:
    """New text for the `answer`-th answer of a question (numbered as its page numbers them)."""
    question = await _question(ctx, args["number"])
    index = args["answer"]
    given = await _authors_answer(ctx, question, index)
    return await _save_answer_edit(ctx, question, index, given, args["text"])


async def delete_question(ctx: Context, args: Args) -> Reply:
    """Take a question out of every view; its number stays taken."""
    question = await _question(ctx, args["number"])
    await _asker_or_admin(ctx, question, "edit.question.not_allowed")
    question.delete(_caller(ctx), ctx.now)
    await ctx.uow.questions.record_change(question)
    await changed(ctx, question)
    who = ctx.the_member.display_name
    return ctx.reply("delete.question.done", number=question.number, who=who, text=question.text)


async def delete_answer(ctx: Context, args: Args) -> Reply:
    """Take an answer away; the accepted one deleted, the question is no longer resolved."""
    question = await _question(ctx, args["number"])
    index = args["answer"]
    await _authors_answer(ctx, question, index)
    was = question.status
    gone = question.delete_answer(index, _caller(ctx), ctx.now)
    await ctx.uow.questions.update_answer(question.team_id, gone)
    await ctx.uow.questions.update(question)
    await changed(ctx, question)
    who = ctx.the_member.display_name
    message = ctx.say(
        "delete.answer.done", index=index, number=question.number, who=who, text=gone.text
    )
    return Reply(message + _state_after(ctx, question, was))


def _state_after(ctx: Context, question: Question, was: Status) -> Message:
    """Where the question went back to, when the deletion moved it."""
    if was is question.status:
        return Message()
    if question.status is Status.ANSWERED:
        count = len(question.answers)
        return ctx.say("delete.answer.back_to_answered", number=question.number, count=count)
    key = "delete.answer.back_to_open" if was is Status.RESOLVED else "delete.answer.now_open"
    return ctx.say(key, number=question.number)


# --- the edit forms --------------------------------------------------------------------------


async def question_form(ctx: Context, args: Args) -> Form:
    """`/edit question 12` without text (or the Edit button): the text, to change in place."""
    question = await _question(ctx, _number(args))
    await _asker_or_admin(ctx, question, "edit.question.not_allowed")
    title = i18n.format_text(ctx.lang, "form.edit.question.title", number=question.number)
    return edit_form(ctx, "edit question", title, str(question.number), question.text)


async def submit_question_form(ctx: Context, state: str, values: Mapping[str, str]) -> Reply:
    """The question form's text, saved as `/edit question <number> <text>` would."""
    if not state.isdecimal():
        raise PeerbotError("form.expired")
    text = field_text(values, "question")
    return await edit_question(ctx, {"number": int(state), "text": text})


async def answer_form(ctx: Context, args: Args) -> Form:
    """`/edit answer 12 2` without text (or the page's button): that answer's text."""
    question = await _question(ctx, _number(args))
    index = args.get("answer") or 1
    given = await _authors_answer(ctx, question, index)
    title = i18n.format_text(
        ctx.lang, "form.edit.answer.title", index=index, number=question.number
    )
    return edit_form(ctx, "edit answer", title, f"{question.number}:{given.id}", given.text)


async def submit_answer_form(ctx: Context, state: str, values: Mapping[str, str]) -> Reply:
    """The answer form's text, saved to the answer it was opened on (by its id, so an answer
    deleted above it in the meantime does not move the edit onto another one)."""
    number, _, answer_id = state.partition(":")
    if not (number.isdecimal() and answer_id.isdecimal()):
        raise PeerbotError("form.expired")
    question = await _question(ctx, int(number))
    found = [(i, a) for i, a in enumerate(question.answers, 1) if a.id == int(answer_id)]
    if not found:
        raise PeerbotError("edit.answer.gone", number=question.number)
    [(index, given)] = found
    await _authors_answer(ctx, question, index)
    return await _save_answer_edit(ctx, question, index, given, field_text(values, "answer"))


def edit_form(ctx: Context, command: str, title: str, state: str, text: str) -> Form:
    """The edit form of a question, an answer or a note: one text field holding `text`."""
    field = FormField(
        "text",
        label=clip(ctx.say_plain("form.edit.text").text),
        value=text,
        multiline=True,
        required=True,
        max_length=MAX_TEXT,
    )
    return Form(command, clip(title), state, (field,), ctx.say_plain("form.edit.submit").text)


def field_text(values: Mapping[str, str], what: str) -> str:
    """The submitted text, cleaned; a refusal is marked on the field."""
    try:
        return clean_text(values.get("text", ""), what=what)
    except PeerbotError as error:
        error.field = "text"
        raise


# --- shared ----------------------------------------------------------------------------------


async def _save_answer_edit(
    ctx: Context, question: Question, index: int, given: Answer, typed: str
) -> Reply:
    text = clean_text(typed, what="answer")
    given.text, given.edited_at, given.edited_by = text, ctx.now, _caller(ctx)
    await ctx.uow.questions.update_answer(question.team_id, given)
    await changed(ctx, question)
    who = ctx.the_member.display_name
    return ctx.reply("edit.answer.done", index=index, number=question.number, who=who, text=text)


async def _authors_answer(ctx: Context, question: Question, index: int) -> Answer:
    """The `index`-th answer, once the caller may change it (its author or an admin)."""
    given = question.answer_at(index)
    member = ctx.the_member
    if member.id == given.member_id or member.is_admin:
        return given
    author = await ctx.uow.members.get_by_id(question.team_id, given.member_id)
    raise PeerbotError(
        "edit.answer.not_allowed",
        index=index,
        number=question.number,
        author=author.display_name if author else "?",
    )


def _caller(ctx: Context) -> int:
    member_id = ctx.the_member.id
    assert member_id is not None
    return member_id


def _number(args: Args) -> int:
    """The question number a form is opened on (a bare `/edit question` has none)."""
    if "number" not in args:
        raise PeerbotError("edit.number_missing")
    return int(args["number"])
