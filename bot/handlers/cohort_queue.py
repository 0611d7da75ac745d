"""The mentors' queue of a cohort: every team's escalated questions, claimed and answered once.

`/cohort queue` lists every team's unresolved escalated questions that no mentor has answered
since they were escalated, oldest escalation first, in sections (lecture, each assignment by
name, general), near-duplicates of different teams as one item (`bot.model.cohort`). Only what
was escalated crosses, and of it only the text, the category or assignment and the asker's name
(with the team's name): no peer answer, note, retrospective or other question of a team.

`/cohort claim 2#12` takes an item (its whole near-duplicate group) so the other mentors see
who has it; `/cohort answer 2#12 <text>` (or the item's *Answer* form, which carries the group)
records the answer on each question in its team by the mentor's member row there (a mentor,
made if missing), brings the team's posted cards up to date and posts the answer in the card's
thread (an outbox row with `thread_ref`, or in the team's channel when the card has none).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot import i18n
from bot.commands.spec import Args
from bot.context import Context
from bot.errors import PeerbotError
from bot.forms import Form, FormField, clip
from bot.handlers import cards
from bot.handlers import questions as question_handlers
from bot.handlers.cohort import cohort_mentor, make_mentor
from bot.handlers.listing import by_id
from bot.model.cohort import (
    Candidate,
    Cohort,
    CohortMentor,
    CohortTeam,
    Ref,
    group_near_duplicates,
    parse_refs,
    refs_text,
)
from bot.model.questions import MAX_TEXT, Answer, Category, Flag, Question, clean_text
from bot.model.teams import Language, Member, Team
from bot.outbox import OutboxMessage, PostKind
from bot.ports import QuestionQuery, Reply, UnitOfWork
from bot.text import MAX_ACTIONS, Action, Line, Message, Plain

MAX_ITEMS = 40  # items one queue message lists; the rest are counted ("N more")
QUEUE_TEXT = 300  # characters of each question shown


@dataclass(frozen=True)
class Entry:
    """One escalated question in the queue, with what may cross about it."""

    ref: Ref
    team: Team
    question: Question
    asker: str

    @property
    def kind(self) -> str:
        """The section it goes in: `lecture`, `general`, or `assignment:<name>`."""
        category = self.question.category
        if category is Category.ASSIGNMENT:
            return f"assignment:{(self.question.assignment or '').strip().casefold()}"
        return category.value


@dataclass(frozen=True)
class Item:
    """A near-duplicate group: its entries, the oldest first."""

    entries: tuple[Entry, ...]

    @property
    def refs(self) -> tuple[Ref, ...]:
        return tuple(e.ref for e in self.entries)

    @property
    def claimed(self) -> Entry | None:
        return next((e for e in self.entries if e.question.claimed_user), None)


def _answered_by_mentor(question: Question, members: Mapping[int, Member]) -> bool:
    """A mentor answered it since it was escalated: done for the queue."""
    since = question.flagged_at
    for given in question.answers:
        member = members.get(given.member_id)
        if member is not None and member.is_mentor and (since is None or given.created_at >= since):
            return True
    return False


async def team_entries(uow: UnitOfWork, team: Team, place: CohortTeam) -> list[Entry]:
    """The team's questions in the queue (unresolved, escalated, no mentor answer since)."""
    assert team.id is not None
    members = by_id(await uow.members.list(team.id, with_removed=True))
    found = await uow.questions.find(
        team.id, QuestionQuery(unresolved=True, escalated=True, limit=None)
    )
    return [
        Entry(Ref(place.number, q.number), team, q, _asker(members, q))
        for q in found
        if not _answered_by_mentor(q, members)
    ]


def _asker(members: Mapping[int, Member], question: Question) -> str:
    member = members.get(question.asker_id)
    return member.display_name if member else "?"


async def load_queue(uow: UnitOfWork, cohort: Cohort) -> list[Entry]:
    """Every team's entries, oldest escalation first."""
    assert cohort.id is not None
    entries: list[Entry] = []
    for place in await uow.cohorts.teams(cohort.id):
        team = await uow.teams.get(place.team_id)
        if team is not None:
            entries += await team_entries(uow, team, place)
    entries.sort(key=lambda e: (e.question.flagged_at or e.question.asked_at, e.ref))
    return entries


async def load_items(uow: UnitOfWork, cohort: Cohort) -> list[Item]:
    """The queue as items: grouped off the event loop (the queue can grow)."""
    entries = await load_queue(uow, cohort)
    by_ref = {e.ref: e for e in entries}
    candidates = [Candidate(e.ref, e.question.text, e.kind) for e in entries]
    groups = await asyncio.to_thread(group_near_duplicates, candidates)
    return [Item(tuple(by_ref[c.ref] for c in g.members)) for g in groups]


def _sections(items: Sequence[Item]) -> list[tuple[str, list[Item]]]:
    """Lecture, then each assignment (in order of its oldest item), then general."""
    order: dict[str, list[Item]] = {}
    for item in items:
        order.setdefault(item.entries[0].kind, []).append(item)
    lecture = [(k, v) for k, v in order.items() if k == Category.LECTURE.value]
    assignments = [(k, v) for k, v in order.items() if k.startswith("assignment:")]
    general = [(k, v) for k, v in order.items() if k == Category.GENERAL.value]
    return lecture + assignments + general


def _section_line(lang: Language, kind: str, first: Entry) -> Line:
    if kind.startswith("assignment:"):
        name = first.question.assignment or ""
        if name:
            return i18n.line(lang, "cohort.queue.assignment", name=name)
        return i18n.line(lang, "cohort.queue.assignment_unnamed")
    return i18n.line(lang, f"cohort.queue.{kind}")


def entry_line(lang: Language, entry: Entry, *, first: bool) -> Line:
    """`• 2#12 · kim (team-b): text` (a near-duplicate after the first: `↳ also 3#4 …`)."""
    key = "cohort.queue.item" if first else "cohort.queue.same"
    return i18n.line(
        lang,
        key,
        ref=Plain(str(entry.ref)),
        who=entry.asker,
        team=entry.team.name,
        text=clip(entry.question.text, QUEUE_TEXT),
    )


def item_lines(lang: Language, item: Item) -> list[Line]:
    lines = [entry_line(lang, e, first=i == 0) for i, e in enumerate(item.entries)]
    holder = item.claimed
    if holder is not None:
        lines.append(
            i18n.line(lang, "cohort.queue.claimed", who=holder.question.claimed_name or "?")
        )
    return lines


def item_buttons(lang: Language, item: Item) -> list[Action]:
    """*Claim 2#12* (while no one has it) and *Answer 2#12* (the whole group's form)."""
    refs = refs_text(item.refs)
    first = str(item.refs[0])
    buttons = []
    if item.claimed is None:
        buttons.append(
            i18n.button(lang, "cohort claim", first, key="button.cohort.claim.ref", ref=first)
        )
    buttons.append(
        i18n.button(lang, "cohort answer", refs, key="button.cohort.answer.ref", ref=first)
    )
    return buttons


def queue_message(lang: Language, title: Message, items: Sequence[Item]) -> Message:
    """The items under their sections, with buttons as far as a message carries them; what
    is cut or has no buttons is said."""
    lines: list[Line] = list(title.lines)
    shown = list(items[:MAX_ITEMS])
    buttons: list[Action] = []
    without: list[str] = []
    for kind, in_section in _sections(shown):
        lines.append(_section_line(lang, kind, in_section[0].entries[0]))
        for item in in_section:
            lines += item_lines(lang, item)
            wanted = item_buttons(lang, item)
            if len(buttons) + len(wanted) <= MAX_ACTIONS:
                buttons += wanted
            else:
                without.append(str(item.refs[0]))
    if len(items) > len(shown):
        lines.append(i18n.line(lang, "cohort.queue.more", count=len(items) - len(shown)))
    if without:
        lines.append(i18n.line(lang, "cohort.queue.no_buttons", refs=Plain(", ".join(without))))
    return Message(tuple(lines)).with_actions(*buttons)


async def queue(ctx: Context, args: Args) -> Reply:
    """`/cohort queue` (a cohort mentor, in the mentors' channel)."""
    cohort = ctx.the_cohort
    await cohort_mentor(ctx)
    items = await load_items(ctx.uow, cohort)
    count = sum(len(i.entries) for i in items)
    if not items:
        return ctx.reply("cohort.queue.empty", name=cohort.name, ephemeral=True)
    title = ctx.say("cohort.queue.title", name=cohort.name, count=count, items=len(items))
    return Reply(queue_message(ctx.lang, title, items), ephemeral=True)


def _find_item(items: Sequence[Item], ref: Ref) -> Item:
    for item in items:
        if ref in item.refs:
            return item
    raise PeerbotError("cohort.unknown_ref", ref=str(ref))


async def claim(ctx: Context, args: Args) -> Reply:
    """`/cohort claim 2#12 [release]`: take (or give back) the item with its near-duplicates."""
    cohort = ctx.the_cohort
    me = await cohort_mentor(ctx)
    refs = parse_refs(args["ref"])
    items = await load_items(ctx.uow, cohort)
    item = _find_item(items, refs[0])
    release = bool(args.get("release"))
    for entry in item.entries:
        holder = entry.question.claimed_user
        if holder and holder != me.user_id:
            raise PeerbotError(
                "cohort.claimed_by", ref=str(entry.ref), who=entry.question.claimed_name or "?"
            )
    if release and item.claimed is None:
        raise PeerbotError("cohort.not_claimed", ref=str(item.refs[0]))
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
        refs_all = refs_text(item.refs)
        label_ref = str(item.refs[0])
        message = message.with_actions(
            i18n.button(
                ctx.lang, "cohort answer", refs_all, key="button.cohort.answer.ref", ref=label_ref
            )
        )
    return Reply(message)


async def _resolve(
    ctx: Context, cohort: Cohort, refs: Sequence[Ref]
) -> list[tuple[Ref, Team, Question]]:
    """Each ref's team and escalated question; anything else is not in the queue (the same
    sentence whether it does not exist or was not escalated: nothing else of a team crosses)."""
    assert cohort.id is not None
    places = {p.number: p for p in await ctx.uow.cohorts.teams(cohort.id)}
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
            raise PeerbotError("cohort.unknown_ref", ref=str(ref))
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
        holder = question.claimed_user
        if holder and holder != me.user_id:
            raise PeerbotError("cohort.claimed_by", ref=str(ref), who=question.claimed_name or "?")
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
            channel_id=thread.channel_id if thread else None,
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


async def team_post(uow: UnitOfWork, team: Team) -> tuple[Cohort, Message] | None:
    """The team's mentor list for its cohort's mentors' channel (before the team's office
    hours): its queue entries with refs and Claim / Answer buttons; None when the team is in
    no cohort or has nothing in the queue."""
    assert team.id is not None
    place = await uow.cohorts.of_team(team.id)
    cohort = await uow.cohorts.get(place.cohort_id) if place else None
    if place is None or cohort is None:
        return None
    entries = await team_entries(uow, team, place)
    if not entries:
        return None
    lang = Language(cohort.language)
    office_hours = team.schedule.office_hours
    title = i18n.say(
        lang,
        "cohort.post.title",
        team=team.name,
        number=place.number,
        time=Plain(office_hours.strftime("%H:%M") if office_hours else "?"),
        count=len(entries),
    )
    items = [Item((e,)) for e in entries]
    return cohort, queue_message(lang, title, items)
