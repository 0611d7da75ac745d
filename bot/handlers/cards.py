"""The question card: one renderer for the card `/ask` posts and for the `/question` page.

A card is the question's line (number, category and assignment, text, asker), where it stands,
its newest answers (the accepted one marked), how many more there are (`/question N` shows them)
and the buttons the question's handlers choose. The page is the same card with every answer and
the day it was asked, shown privately.

A posted card is kept current: the adapter reports where it posted it (`Cards.card_posted`),
and every change of the question writes one outbox row per posted card (`refresh`) in the
change's own unit of work, so an edit is neither lost when the process dies nor doubled (the
row's key is the card and the change), and the delivery loop applies a card's edits in order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot import i18n
from bot.card_links import card_line as card_line  # what a card shows
from bot.card_ports import Card
from bot.context import Context
from bot.forms import clip
from bot.handlers.history import edited_mark, history_lines
from bot.handlers.listing import answerer, endorsed_mark, label_spans, name_of, state_text
from bot.model.questions import Question
from bot.model.teams import Member
from bot.outbox import OutboxMessage, PostKind
from bot.text import Action, Line, Message

CARD_ANSWERS = 3  # the newest answers a card shows; the page shows them all
CARD_TEXT = 1000  # characters of the question a card shows (a Discord message holds 2,000)
CARD_ANSWER_TEXT = 250  # and of each answer


def page_line(number: int) -> str:
    """The command line of the question's page."""
    return f"question {number}"


def render(
    ctx: Context,
    question: Question,
    members: Mapping[int, Member],
    buttons: Sequence[Action],
    *,
    settled: bool,
    full: bool,
) -> Message:
    """The card (`full`: the page, every answer, texts uncut), in the team's language."""
    text = question.text if full else clip(question.text, CARD_TEXT)
    who = name_of(members, question.asker_id)
    lines: list[Line] = [
        *ctx.say(
            "ask.done",
            number=question.number,
            label=label_spans(ctx.lang, question),
            text=text,
            who=who.text,
        ).lines,
        ctx.line("card.state", state=state_text(ctx.lang, question, settled=settled)),
    ]
    lines[0] = edited_mark(ctx, lines[0], question)
    if question.topic:  # what the minutes group it under
        lines.insert(1, ctx.line("card.topic", topic=question.topic))
    if full:  # asked on, flagged on, carried over since, resolved on, edited by
        lines += history_lines(ctx, question, members, settled=settled)
        if question.source_link:  # saved from a message (`Save as question`)
            lines.append(ctx.line("question.source", link=question.source_link))
    lines += _answers(ctx, question, members, full=full)
    return Message(tuple(lines)).with_actions(*buttons)


def _answers(
    ctx: Context, question: Question, members: Mapping[int, Member], *, full: bool
) -> list[Line]:
    """Every answer (`full`) or the newest few, numbered as `/accept` counts them."""
    answers = list(enumerate(question.answers, start=1))
    if not answers:
        return [ctx.line("question.page.no_answers")] if full else []
    shown = answers if full else answers[-CARD_ANSWERS:]
    lines: list[Line] = []
    for index, given in shown:
        accepted = given.id is not None and given.id == question.accepted_answer_id
        key = "question.answer.accepted" if accepted else "question.answer"
        text = given.text if full else clip(given.text, CARD_ANSWER_TEXT)
        who = answerer(ctx.lang, members, given.member_id)
        line = ctx.line(key, index=index, who=who, text=text)
        lines.append((*edited_mark(ctx, line, given), *endorsed_mark(ctx.lang, given, members)))
        if full and given.source_link:
            lines.append(ctx.line("question.answer.source", link=given.source_link))
    if len(shown) < len(answers):
        more = len(answers) - len(shown)
        lines.append(ctx.line("card.more", count=more, number=question.number))
    return lines


async def refresh(ctx: Context, posted: Sequence[Card], message: Message) -> int:
    """Queue an edit of each of these posted cards (`CardRepository.showing`) to show
    `message`; returns how many (none: nothing is written)."""
    team = ctx.the_team
    assert team.id is not None
    labelled = i18n.labelled(ctx.lang, message)
    queued = 0
    for card in posted:
        queued += await ctx.uow.outbox.add(
            OutboxMessage(
                team_id=team.id,
                kind=PostKind.CARD,
                occurrence=f"{card.id}@{ctx.now.isoformat()}#{ctx.invocation.id}",
                due_at=ctx.now,
                message=labelled,
                created_at=ctx.now,
                edits=card.message_ref,
            )
        )
    return queued
