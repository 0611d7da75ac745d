"""Claiming and answering in a cohort's queue (`bot.handlers.cohort_queue` lists it).

`/cohort claim 2#12` takes an item (its whole near-duplicate group) so the other mentors see
who has it; `/cohort answer 2#12 <text>` (or the item's *Answer* form, which carries the group)
records the answer on each question in its team by the mentor's member row there (a mentor,
made if missing), brings the team's posted cards up to date and posts the answer in the card's
thread (an outbox row with `thread_ref`, or in the team's channel when the card has none).
A ref that is not in the queue gets one sentence whether the question does not exist or was
never escalated: nothing else of a team crosses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot import i18n
from bot.commands.spec import Args
from bot.context import Context
from bot.errors import PeerbotError
from bot.forms import Form, FormField, clip
from bot.handlers import cards
from bot.handlers import questions as question_handlers
from bot.handlers.cohort_mentors import cohort_mentor, make_mentor
from bot.handlers.cohort_queue import (
    QUEUE_TEXT,
    Item,
    button_refs,
    entry_line,
    forget_stale_claim,
    load_items,
    mentor_ids,
)
from bot.model.cohort import Cohort, CohortMentor, Ref, parse_refs, refs_text
from bot.model.questions import MAX_TEXT, Answer, Flag, Question, clean_text
from bot.model.teams import Team
from bot.outbox import OutboxMessage, PostKind
from bot.ports import Reply
from bot.text import Message, Plain


def _find_item(items: Sequence[Item], ref: Ref) -> Item:
    for item in items:
        if ref in item.refs:
            return item
    raise PeerbotError("cohort.unknown_ref", ref=Plain(str(ref)))


def _not_held_by_another(ref: Ref, question: Question, me: CohortMentor) -> None:
    """Refused, naming who has it, when another mentor holds the question's claim."""
    holder = question.claimed_user
    if holder and holder != me.user_id:
        raise PeerbotError(
            "cohort.claimed_by", ref=Plain(str(ref)), who=question.claimed_name or "?"
        )


async def claim(ctx: Context, args: Args) -> Reply:
    """`/cohort claim 2#12 [release]`: take (or give back) the item with its near-duplicates."""
    cohort = ctx.the_cohort
    me = await cohort_mentor(ctx)
    refs = parse_refs(args["ref"])
    items = await load_items(ctx.uow, cohort)
    item = _find_item(items, refs[0])
    release = bool(args.get("release"))
    for entry in item.entries:
        _not_held_by_another(entry.ref, entry.question, me)
    if release and item.claimed is None:
        raise PeerbotError("cohort.not_claimed", ref=Plain(str(item.refs[0])))
    for entry in item.entries:
        question = entry.question
        if release:
            question.claimed_user = question.claimed_name = question.claimed_at = None
        else:
            question.claimed_user, question.claimed_name = me.user_id, me.display_name
            question.claimed_at = ctx.now
        await ctx.uow.questions.update(question)
    key = "cohort.released" if release else "cohort.claimed"
    said = ctx.say(key, who=me.display_name, refs=Plain(", ".join(map(str, item.refs))))
    lines = [*said.lines, *(entry_line(ctx.lang, e, first=True) for e in item.entries)]
    message = Message(tuple(lines))
    if not release:
        carried, first = refs_text(button_refs(item)), str(item.refs[0])
        answer = i18n.button(
            ctx.lang, "cohort answer", carried, key="button.cohort.answer.ref", ref=first
        )
        message = message.with_actions(answer)
    return Reply(message)


async def _resolve(
    ctx: Context, cohort: Cohort, refs: Sequence[Ref]
) -> list[tuple[Ref, Team, Question]]:
    """Each ref's team and escalated question; anything else is not in the queue (the same
    sentence whether it does not exist or was not escalated: nothing else of a team crosses)."""
    assert cohort.id is not None
    places = {p.number: p for p in await ctx.uow.cohorts.teams(cohort.id)}
    mentors = await mentor_ids(ctx.uow, cohort.id)
    found = []
    for ref in refs:
        place = places.get(ref.team)
        team = await ctx.uow.teams.get(place.team_id) if place else None
        question = await ctx.uow.questions.get(team.id, ref.number) if team and team.id else None
        if (
            team is None
            or question is None
            or question.is_deleted
            or question.flag is not Flag.ESCALATED
        ):
            raise PeerbotError("cohort.unknown_ref", ref=Plain(str(ref)))
        forget_stale_claim(question, mentors)
        found.append((ref, team, question))
    return found


async def answer(ctx: Context, args: Args) -> Reply:
    """`/cohort answer 2#12[,3#4] <text>`: the mentor's answer, recorded once per question."""
    cohort = ctx.the_cohort
    me = await cohort_mentor(ctx)
    refs = parse_refs(args["ref"])
    text = clean_text(args["text"], what="answer")
    targets = await _resolve(ctx, cohort, refs)
    for ref, _, question in targets:
        _not_held_by_another(ref, question, me)
    for _, team, question in targets:
        await _answer_in_team(ctx, me, team, question, text)
    done = ctx.say(
        "cohort.answered",
        who=me.display_name,
        refs=Plain(", ".join(str(r) for r, _, _ in targets)),
        count=len({t.id for _, t, _ in targets}),
        text=clip(text, QUEUE_TEXT),
    )
    return Reply(done)


async def _answer_in_team(
    ctx: Context, me: CohortMentor, team: Team, question: Question, text: str
) -> None:
    """The answer on the question in its team, by the mentor's member row there; the team's
    cards refreshed and the answer posted in the card's thread (the team's language)."""
    assert team.id is not None and question.id is not None
    member = await make_mentor(ctx.uow, team, me, ctx)
    assert member.id is not None
    stored = await ctx.uow.questions.add_answer(
        team.id, Answer(question.id, member.id, text, ctx.now)
    )
    question.record_answer(stored)
    if not question.claimed_user:
        question.claimed_user, question.claimed_name = me.user_id, me.display_name
        question.claimed_at = ctx.now
    await ctx.uow.questions.update(question)
    here = Context(ctx.uow, ctx.invocation, ctx.now, team.language, team, member)
    await question_handlers.changed(here, question)  # the team's posted cards
    posted = await ctx.uow.cards.showing(team.id, cards.card_line(question.number))
    thread = next((c for c in posted if c.thread_ref), None)
    # In the card's thread; a card in the team's own channel keeps the team's lane (a
    # destination is named only for a channel that is not the team's: `OutboxMessage`).
    elsewhere = thread is not None and thread.channel_id != team.channel_id
    said = i18n.say(
        team.language,
        "cohort.answer_post",
        number=question.number,
        who=me.display_name,
        question=clip(question.text, QUEUE_TEXT),
        text=text,
    )
    await ctx.uow.outbox.add(
        OutboxMessage(
            team_id=team.id,
            kind=PostKind.MENTOR_ANSWER,
            occurrence=f"q{question.number}a{stored.id}",
            due_at=ctx.now,
            message=i18n.labelled(team.language, said),
            created_at=ctx.now,
            channel_id=thread.channel_id if thread is not None and elsewhere else None,
            thread_ref=thread.thread_ref if thread else None,
        )
    )


async def answer_form(ctx: Context, args: Args) -> Form:
    """The *Answer* button (`/cohort answer 2#12,3#4` without text): one text for them all."""
    cohort = ctx.the_cohort
    await cohort_mentor(ctx)
    refs = parse_refs(args["ref"])
    targets = await _resolve(ctx, cohort, refs)
    first = targets[0][2]
    field = FormField(
        "text",
        label=clip(ctx.say_plain("form.answer.text").text),
        multiline=True,
        required=True,
        max_length=MAX_TEXT,
        placeholder=clip(first.text, 150),
    )
    shown = ", ".join(str(r) for r, _, _ in targets)
    title = clip(i18n.format_text(ctx.lang, "cohort.form.title", refs=shown))
    submit = ctx.say_plain("form.answer.submit").text
    return Form("cohort answer", title, refs_text([r for r, _, _ in targets]), (field,), submit)


async def submit_answer(ctx: Context, state: str, values: Mapping[str, str]) -> Reply:
    try:
        text = clean_text(values.get("text", ""), what="answer")
    except PeerbotError as error:
        error.field = "text"
        raise
    return await answer(ctx, {"ref": state, "text": text})
