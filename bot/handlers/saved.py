"""Saving a chat message: *Save as question* and *Save as answer*, the message actions.

A message action runs on a message someone else may have written: the record credits the
message's author (joined as a member on the spot, by their platform id, if they are new), not the
person who used the action, and keeps a link to the original message. The message arrives on the
invocation (`Invocation.message`), filled by the adapter from its platform's payload; its text is
checked as typed text is (length, characters a database cannot store).

*Save as answer* asks which open question first: a form with a select of the team's open
questions, newest first, and the message's text (which the presser may trim to the answer). The
form's `state` is the adapter's reference to the message, so its submission needs nothing kept
in memory: the adapter finds the message again from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from bot import i18n
from bot.commands.spec import Args
from bot.context import Context
from bot.errors import Conflict, PeerbotError
from bot.forms import Form, FormField, clip
from bot.handlers.listing import label_spans
from bot.handlers.questions import changed
from bot.model.questions import MAX_TEXT, Answer, Category, Question, clean_text, settle_cutoff
from bot.model.teams import Member
from bot.ports import QuestionQuery, Reply, SavedMessage

MAX_CHOICES = 100  # Slack's static_select holds 100 options (Discord shows the first 25)
CHOICE_LABEL = 70


async def save_question(ctx: Context, args: Args) -> Reply:
    """*Save as question*: the message becomes a question asked by its author."""
    saved = _saved(ctx)
    text = clean_text(saved.text, what="question")
    team = ctx.the_team
    assert team.id is not None
    author = await _author(ctx, saved)
    assert author.id is not None
    question = await ctx.uow.questions.add(
        Question(
            team_id=team.id,
            number=await ctx.uow.teams.next_question_number(team.id),
            asker_id=author.id,
            text=text,
            category=Category.GENERAL,
            study_date=ctx.session_date(),
            asked_at=ctx.now,
            source_link=saved.link or None,
        )
    )
    return ctx.reply(
        "save.question.done",
        number=question.number,
        label=label_spans(ctx.lang, question),
        text=question.text,
        who=author.display_name,
        by=ctx.the_member.display_name,
    )


async def save_answer(ctx: Context, args: Args) -> Reply:
    """*Save as answer* with the question chosen: the message's text, credited to its author."""
    saved = _saved(ctx)
    return await _record_answer(ctx, saved, args["number"], saved.text)


async def answer_form(ctx: Context, args: Args) -> Form:
    """Which open question the message answers (newest first), and the text to save."""
    saved = _saved(ctx)
    clean_text(saved.text, what="answer")  # refused now, not after the choosing
    choices = await _open_questions(ctx)
    if not choices:
        raise PeerbotError("save.no_open_questions")
    author = saved.author_display_name
    fields = (
        FormField(
            "number",
            label=clip(ctx.say_plain("form.save_answer.question").text),
            required=True,
            choices=choices,
        ),
        FormField(
            "text",
            label=clip(i18n.format_text(ctx.lang, "form.save_answer.text", who=author)),
            value=saved.text.strip(),
            multiline=True,
            required=True,
            max_length=MAX_TEXT,
        ),
    )
    title = clip(ctx.say_plain("form.save_answer.title").text)
    submit = ctx.say_plain("form.save_answer.submit").text
    return Form("save_answer", title, saved.ref, fields, submit)


async def submit_answer(ctx: Context, state: str, values: Mapping[str, str]) -> Reply:
    """The chosen question and the text, recorded as the message's author's answer (the
    adapter found the message again from the state; its text is the form's field)."""
    saved = _saved(ctx, with_text=False)
    number = values.get("number", "").strip().lstrip("#")
    if not number.isdecimal():
        error = PeerbotError("save.pick_a_question")
        error.field = "number"
        raise error
    try:
        text = clean_text(values.get("text", ""), what="answer")
    except PeerbotError as error:
        error.field = "text"
        raise
    return await _record_answer(ctx, saved, int(number), text)


async def _record_answer(ctx: Context, saved: SavedMessage, number: int, raw: str) -> Reply:
    text = clean_text(raw, what="answer")
    team = ctx.the_team
    assert team.id is not None
    question = await ctx.uow.questions.get(team.id, number)
    if question is None:
        raise PeerbotError("question.not_found", number=number)
    if question.is_resolved:
        raise PeerbotError("save.closed", number=number)
    author = await _author(ctx, saved)
    assert author.id is not None and question.id is not None
    stored = await ctx.uow.questions.add_answer(
        team.id, Answer(question.id, author.id, text, ctx.now, source_link=saved.link or None)
    )
    if question.record_answer(stored):  # else its state is as stored
        await ctx.uow.questions.update(question)
    await changed(ctx, question)  # its posted cards show the new answer
    return ctx.reply(
        "save.answer.done",
        number=question.number,
        index=len(question.answers),
        who=author.display_name,
        text=text,
        by=ctx.the_member.display_name,
    )


def _saved(ctx: Context, *, with_text: bool = True) -> SavedMessage:
    """The message the action was used on, once it may be saved in this team."""
    saved = ctx.invocation.message
    team = ctx.the_team
    if saved is None:
        raise PeerbotError("save.no_message")
    if saved.channel_id != team.channel_id:
        raise PeerbotError("save.other_channel")
    if saved.from_bot:
        raise PeerbotError("save.bot_message")
    if with_text and not saved.text.strip():
        raise PeerbotError("save.empty")
    return saved


async def _open_questions(ctx: Context) -> tuple[tuple[str, str], ...]:
    """(label, number) of the team's open questions, newest first, as many as a select holds."""
    team = ctx.the_team
    assert team.id is not None
    cutoff = settle_cutoff(ctx.calendar, ctx.session_date())
    query = QuestionQuery(unresolved=True, answered_since=cutoff, limit=None)
    total = await ctx.uow.questions.count(team.id, query)
    skip = max(0, total - MAX_CHOICES)
    found = await ctx.uow.questions.find(team.id, replace(query, offset=skip))
    return tuple(
        (clip(f"#{q.number} {' '.join(q.text.split())}", CHOICE_LABEL), str(q.number))
        for q in reversed(found)
    )


async def _author(ctx: Context, saved: SavedMessage) -> Member:
    """The message's author as a member of the team, joined if new (by their platform id)."""
    team = ctx.the_team
    assert team.id is not None
    if saved.author_id == ctx.invocation.user_id:
        return ctx.the_member
    name = saved.author_display_name
    member = await ctx.uow.members.get(team.id, saved.author_id)
    if member is None:
        try:
            return await ctx.uow.members.add(
                Member(team.id, saved.author_id, name, joined_at=ctx.now)
            )
        except Conflict:  # joined a moment ago by a command of their own (see `bot.core`)
            member = await ctx.uow.members.get(team.id, saved.author_id)
            if member is None:
                raise
    return member
