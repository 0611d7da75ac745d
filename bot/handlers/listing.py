"""How questions and days are shown in replies (shared by the handlers)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot import i18n
from bot.calendar import StudyCalendar
from bot.model.questions import Answer, Category, Flag, Question, Status, settle_cutoff
from bot.model.teams import Language, Member
from bot.ports import QuestionQuery, UnitOfWork
from bot.text import MAX_ACTIONS, Action, Line, Message, Plain, UserText, plain_text

AGENDA_LIMIT = 25
"""Questions one agenda shows (carried over, then today's): with question texts of a few hundred
characters a post stays within a few platform messages; the rest are counted, never dropped."""
AGENDA_CHARS = 6000
"""And at most this much question text (about three Discord messages): long questions cut the
agenda shorter, always keeping the first."""


def label_spans(lang: Language, question: Question) -> Line:
    """The category label as spans, with a user-given assignment name kept as user text."""
    if question.category is Category.ASSIGNMENT and question.assignment:
        return i18n.line(lang, "category.assignment_named", name=question.assignment)
    return (Plain(i18n.text_of(lang, f"category.{question.category.value}")),)


def state_text(lang: Language, question: Question, *, settled: bool = False) -> Plain:
    if question.status is Status.RESOLVED:
        return Plain(i18n.text_of(lang, "state.resolved"))
    parts = []
    if question.status is Status.ANSWERED:
        parts.append(i18n.format_text(lang, "state.answered", count=len(question.answers)))
    else:
        parts.append(i18n.text_of(lang, "state.open"))
    if settled:
        parts.append(i18n.text_of(lang, "state.settled"))
    if question.flag is not Flag.NONE:
        parts.append(i18n.text_of(lang, f"state.{question.flag.value}"))
    return Plain(", ".join(parts))


def name_of(members: Mapping[int, Member], member_id: int) -> UserText:
    member = members.get(member_id)
    return UserText(member.display_name if member else "?")


def answerer(lang: Language, members: Mapping[int, Member], member_id: int) -> Line:
    """Who gave an answer: their name, and ` (mentor)` after a mentor's."""
    member = members.get(member_id)
    return member_name(lang, member) if member else (name_of(members, member_id),)


def member_name(lang: Language, member: Member) -> Line:
    """A member's name, with ` (mentor)` after a mentor's (as their answers are shown)."""
    name = UserText(member.display_name)
    if not member.is_mentor:
        return (name,)
    return (name, Plain(" "), *i18n.line(lang, "role.mentor_mark"))


def endorsed_mark(lang: Language, answer: Answer, members: Mapping[int, Member]) -> Line:
    """` ✅ endorsed by Kim` after an answer a mentor endorsed (nothing after the others)."""
    if answer.endorsed_by is None:
        return ()
    return (Plain(" "), *i18n.line(lang, "endorse.mark", who=name_of(members, answer.endorsed_by)))


def question_lines(
    lang: Language,
    questions: Iterable[Question],
    members: Mapping[int, Member],
    *,
    with_answers: bool = True,
    settled: Collection[int] = (),
    links: Mapping[int, str] | None = None,
) -> list[Line]:
    """One line per question, its answers indented below it; `settled` numbers say so, and
    the link to a question's card thread (`links`, by number) follows its line."""
    lines: list[Line] = []
    for question in questions:
        lines.append(
            i18n.line(
                lang,
                "list.item",
                number=question.number,
                label=label_spans(lang, question),
                text=question.text,
                who=name_of(members, question.asker_id),
                state=state_text(lang, question, settled=question.number in settled),
            )
        )
        if links and question.number in links:
            lines.append(i18n.line(lang, "list.thread", link=links[question.number]))
        if with_answers:
            for answer in question.answers:
                line = i18n.line(
                    lang,
                    "list.answer",
                    who=answerer(lang, members, answer.member_id),
                    text=answer.text,
                )
                lines.append((*line, *endorsed_mark(lang, answer, members)))
    return lines


def page_buttons(lang: Language, questions: Sequence[Question]) -> tuple[Action, ...]:
    """`#12` for each listed question, up to `MAX_ACTIONS`: `/question 12`, the question's
    page, for the presser alone (the agenda, its reminder, `/questions`).

    The agenda holds at most `AGENDA_LIMIT` questions, no more than `MAX_ACTIONS` (a test
    keeps it so): each gets one. A longer list (a `/questions` page) says in its text that
    the rest open with `/question <number>`.
    """
    key = "button.question.numbered"
    return tuple(
        i18n.button(lang, "question", str(q.number), key=key, number=q.number)
        for q in questions[:MAX_ACTIONS]
    )


@dataclass(frozen=True)
class Agenda:
    """A study day's agenda as shown: the first questions in agenda order, and how many exist."""

    carried: Sequence[Question]  # earlier days' unresolved and unsettled ones, deferred first
    todays: Sequence[Question]
    carried_total: int
    todays_total: int

    @property
    def more(self) -> int:
        """Questions of the agenda not shown in it."""
        return self.carried_total + self.todays_total - len(self.carried) - len(self.todays)


async def load_agenda(
    uow: UnitOfWork,
    team_id: int,
    calendar: StudyCalendar,
    day: date,
    *,
    words: tuple[str, ...] = (),
    todays_open_only: bool = False,
    limit: int = AGENDA_LIMIT,
) -> Agenda:
    """Deferred first, then the other carried-over questions, then today's: the first `limit`."""
    carried_query = QuestionQuery(
        unresolved=True,
        study_date_to=day - timedelta(days=1),
        words=words,
        answered_since=settle_cutoff(calendar, day),
        deferred_first=True,
        limit=limit,
    )
    todays_query = QuestionQuery(
        unresolved=True if todays_open_only else None,
        study_date_from=day,
        study_date_to=day,
        words=words,
        limit=limit,
    )
    carried = await uow.questions.find(team_id, carried_query)
    todays = await uow.questions.find(team_id, replace(todays_query, limit=limit - len(carried)))
    return Agenda(
        carried=carried,
        todays=todays,
        carried_total=await _total(uow, team_id, carried_query, carried, limit),
        todays_total=await _total(uow, team_id, todays_query, todays, limit - len(carried)),
    )


def within_budget(
    agenda: Agenda,
    lang: Language,
    members: Mapping[int, Member],
    *,
    with_answers: bool,
    budget: int = AGENDA_CHARS,
    links: Mapping[int, str] | None = None,
) -> Agenda:
    """The agenda's first questions, in order, whose lines fit in `budget` characters (their
    links to their cards, `links` by number, included)."""
    kept, used = 0, 0
    for question in (*agenda.carried, *agenda.todays):
        lines = question_lines(lang, [question], members, with_answers=with_answers, links=links)
        size = len(plain_text(Message(tuple(lines)))) + 1
        if kept and used + size > budget:
            break
        kept, used = kept + 1, used + size
    carried = agenda.carried[:kept]
    return replace(agenda, carried=carried, todays=agenda.todays[: kept - len(carried)])


async def _total(
    uow: UnitOfWork, team_id: int, query: QuestionQuery, shown: Sequence[Question], limit: int
) -> int:
    """The count behind a capped list; counted only when the cap may have cut it."""
    if len(shown) < limit:
        return len(shown)
    return await uow.questions.count(team_id, query)


def by_id(members: Sequence[Member]) -> dict[int, Member]:
    return {m.id: m for m in members if m.id is not None}
