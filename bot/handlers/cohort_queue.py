"""The mentors' queue of a cohort: every team's escalated questions, claimed and answered once.

`/cohort queue` lists every team's unresolved escalated questions that no mentor has answered
since they were escalated, oldest escalation first, in sections (lecture, each assignment by
name, general), near-duplicates of different teams as one item (`bot.model.cohort`). Only what
was escalated crosses, and of it only the text, the category or assignment and the asker's name
(with the team's name): no peer answer, note, retrospective or other question of a team.

Claims and answers are `bot.handlers.cohort_answer`'s; the same rendering makes the team's
mentor list for the mentors' channel before its office hours (`team_post`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from bot import i18n
from bot.commands.spec import Args
from bot.context import Context
from bot.forms import clip
from bot.handlers.cohort_mentors import cohort_mentor
from bot.handlers.listing import by_id
from bot.model.cohort import (
    Candidate,
    Cohort,
    CohortTeam,
    Ref,
    group_near_duplicates,
    refs_text,
)
from bot.model.questions import Category, Question
from bot.model.teams import Language, Member, Team
from bot.ports import QuestionQuery, Reply, UnitOfWork
from bot.text import MAX_ACTIONS, Action, Line, Message, Plain

MAX_ITEMS = 40  # items one queue message lists; the rest are counted ("N more")
QUEUE_TEXT = 300  # characters of each question shown
MAX_BUTTON_REFS = 60  # characters of refs an Answer button carries (`button_refs`)


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


def forget_stale_claim(question: Question, mentor_ids: Collection[str]) -> None:
    """A claim holds while its mentor is one of the cohort's and the question has not been
    escalated again since (reopened, then escalated anew): otherwise it is forgotten here, in
    memory, so no one is refused for it (the next claim or answer overwrites it)."""
    claimed_at, flagged_at = question.claimed_at, question.flagged_at
    if question.claimed_user is None:
        return
    stale = claimed_at is None or (flagged_at is not None and claimed_at < flagged_at)
    if stale or question.claimed_user not in mentor_ids:
        question.claimed_user = question.claimed_name = question.claimed_at = None


async def mentor_ids(uow: UnitOfWork, cohort_id: int) -> frozenset[str]:
    return frozenset(m.user_id for m in await uow.cohorts.mentors(cohort_id))


async def team_entries(
    uow: UnitOfWork, team: Team, place: CohortTeam, mentors: Collection[str]
) -> list[Entry]:
    """The team's questions in the queue (unresolved, escalated, no mentor answer since),
    with only the claims that still hold (`forget_stale_claim`)."""
    assert team.id is not None
    members = by_id(await uow.members.list(team.id, with_removed=True))
    found = await uow.questions.find(
        team.id, QuestionQuery(unresolved=True, escalated=True, limit=None)
    )
    for question in found:
        forget_stale_claim(question, mentors)
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
    mentors = await mentor_ids(uow, cohort.id)
    for place in await uow.cohorts.teams(cohort.id):
        team = await uow.teams.get(place.team_id)
        if team is not None:
            entries += await team_entries(uow, team, place, mentors)
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


def button_refs(item: Item) -> tuple[Ref, ...]:
    """The refs an *Answer* button carries: all of them while they fit in a button's route
    (Discord's is 100 characters), else as many as fit (the item's lines say so)."""
    refs: list[Ref] = []
    for ref in item.refs:
        if refs and len(refs_text([*refs, ref])) > MAX_BUTTON_REFS:
            break
        refs.append(ref)
    return tuple(refs)


def item_lines(lang: Language, item: Item) -> list[Line]:
    lines = [entry_line(lang, e, first=i == 0) for i, e in enumerate(item.entries)]
    carried = button_refs(item)
    if len(carried) < len(item.refs):
        lines.append(
            i18n.line(
                lang,
                "cohort.queue.button_part",
                shown=len(carried),
                command=Plain(f"/cohort answer {refs_text(item.refs)}"),
            )
        )
    holder = item.claimed
    if holder is not None:
        lines.append(
            i18n.line(lang, "cohort.queue.claimed", who=holder.question.claimed_name or "?")
        )
    return lines


def item_buttons(lang: Language, item: Item) -> list[Action]:
    """*Claim 2#12* (while no one has it) and *Answer 2#12* (the whole group's form)."""
    refs = refs_text(button_refs(item))
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


async def team_post(uow: UnitOfWork, team: Team) -> tuple[Cohort, Message] | None:
    """The team's mentor list for its cohort's mentors' channel (before the team's office
    hours): its queue entries with refs and Claim / Answer buttons; None when the team is in
    no cohort or has nothing in the queue."""
    assert team.id is not None
    place = await uow.cohorts.of_team(team.id)
    cohort = await uow.cohorts.get(place.cohort_id) if place else None
    if place is None or cohort is None:
        return None
    assert cohort.id is not None
    entries = await team_entries(uow, team, place, await mentor_ids(uow, cohort.id))
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
