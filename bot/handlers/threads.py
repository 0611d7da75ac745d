"""Replies in a question card's thread: recorded as answers when the team captures them.

An adapter runs these for a member's reply under a card (Slack's `message` events with a
`thread_ts`, Discord's messages in the thread it started on the card, where the bot may read
them): the reply's author is the caller (joined as a member if new, as for any command), its
text the answer, its link kept with it. An edited reply edits that answer, a deleted one
deletes it: the answer is found by the reply's link (a deletion by the link alone, whoever the
platform says wrote it, as Discord cannot after a restart; it joins no one). A team records
replies only once an admin turns it on (`/team settings capture:threads`); until then the
thread is told so once.

A reply under anything else (or in a channel without a team), an empty one, or one about a
deleted question records nothing and says nothing: these replies are conversation, not
commands. Only a reply that cannot be stored (too long, unstorable characters) gets a sentence.
"""

from __future__ import annotations

from bot.card_links import number_of
from bot.card_ports import Card
from bot.commands.spec import Args
from bot.context import Context
from bot.handlers.questions import changed
from bot.model.questions import Answer, Question, clean_text
from bot.ports import Reply, SavedMessage
from bot.text import Message

# Nothing to say (an adapter posts no empty reply). Nothing done is a refusal, so nothing is
# stored, not even the author joining the team; a change recorded is committed.
QUIET = Reply(Message(()), ephemeral=True, ok=False)
RECORDED = Reply(Message(()), ephemeral=True)


async def posted(ctx: Context, args: Args) -> Reply:
    """A new reply in a card's thread: the author's answer, when the team records them."""
    found = await _card_and_question(ctx, args["thread"])
    reply = ctx.invocation.message
    if found is None or reply is None or reply.from_bot or not reply.text.strip():
        return QUIET
    card, question = found
    if not ctx.the_team.capture_threads:
        if card.id is not None and await ctx.uow.cards.tell_once(card.id):
            told = ctx.say("thread.capture_off", number=question.number)
            return Reply(told, thread_of=card.shows)
        return QUIET
    member = ctx.the_member
    assert member.id is not None and question.id is not None
    text = clean_text(reply.text, what="answer")
    answer = Answer(question.id, member.id, text, ctx.now, source_link=reply.link or None)
    stored = await ctx.uow.questions.add_answer(question.team_id, answer)
    if question.record_answer(stored):  # else its state is as stored
        await ctx.uow.questions.update(question)
    await changed(ctx, question)  # the card shows the new answer
    return RECORDED


async def edited(ctx: Context, args: Args) -> Reply:
    """A reply recorded as an answer was edited: the answer reads as the reply does now."""
    found = await _answer_of(ctx, args["thread"])
    reply = ctx.invocation.message
    if found is None or reply is None or not reply.text.strip():
        return QUIET
    question, given = found
    text = clean_text(reply.text, what="answer")
    if text == given.text:
        return QUIET
    given.text, given.edited_at, given.edited_by = text, ctx.now, ctx.the_member.id
    await ctx.uow.questions.update_answer(question.team_id, given)
    await changed(ctx, question)
    return RECORDED


async def deleted(ctx: Context, args: Args) -> Reply:
    """A reply recorded as an answer was deleted: so is the answer.

    The platform's deletion is a fact (only the author or a moderator can delete a message),
    and the link names the one message it was: the answer is found by its link alone, whoever
    the adapter says wrote the reply (Slack's previous message, Discord's cached one, or no one
    after a restart), and the deletion is credited to the answer's author. No one joins the team
    (the command does not: `joins=False`)."""
    found = await _answer_of(ctx, args["thread"], by_author=False)
    if found is None:
        return QUIET
    question, given = found
    gone = question.delete_answer(question.answers.index(given) + 1, given.member_id, ctx.now)
    await ctx.uow.questions.update_answer(question.team_id, gone)
    await ctx.uow.questions.update(question)
    await changed(ctx, question)
    return RECORDED


async def _card_and_question(ctx: Context, thread: str) -> tuple[Card, Question] | None:
    """The question card whose thread this is, and its question (None: not a live one)."""
    team = ctx.team
    if team is None or team.id is None:
        return None
    card = await ctx.uow.cards.in_thread(team.id, thread)
    number = number_of(card.shows) if card is not None else None
    if card is None or number is None:
        return None
    question = await ctx.uow.questions.get(team.id, number)
    if question is None or question.is_deleted:
        return None
    return card, question


async def _answer_of(
    ctx: Context, thread: str, *, by_author: bool = True
) -> tuple[Question, Answer] | None:
    """The answer recorded from this reply (by its link): the caller's own (`by_author`, for an
    edit, which only the author makes), or whoever's it is (a deletion)."""
    found = await _card_and_question(ctx, thread)
    reply: SavedMessage | None = ctx.invocation.message
    if found is None or reply is None or not reply.link:
        return None
    _, question = found
    member_id = ctx.the_member.id if by_author else None
    for given in question.answers:
        if given.source_link == reply.link and (not by_author or given.member_id == member_id):
            return question, given
    return None
