"""How questions and days are shown in replies (shared by the handlers)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from bot import i18n
from bot.model import Category, Flag, Language, Member, Question, Status
from bot.ports import QuestionQuery, UnitOfWork
from bot.text import Line, Plain, UserText


def label_spans(lang: Language, question: Question) -> Line:
    """The category label as spans, with a user-given assignment name kept as user text."""
    if question.category is Category.ASSIGNMENT and question.assignment:
        return i18n.line(lang, "category.assignment_named", name=question.assignment)
    return (Plain(i18n.text_of(lang, f"category.{question.category.value}")),)


def state_text(lang: Language, question: Question) -> Plain:
    if question.status is Status.RESOLVED:
        return Plain(i18n.text_of(lang, "state.resolved"))
    parts = []
    if question.status is Status.ANSWERED:
        parts.append(i18n.text_of(lang, "state.answered").format(count=len(question.answers)))
    else:
        parts.append(i18n.text_of(lang, "state.open"))
    if question.flag is not Flag.NONE:
        parts.append(i18n.text_of(lang, f"state.{question.flag.value}"))
    return Plain(", ".join(parts))


def name_of(members: Mapping[int, Member], member_id: int) -> UserText:
    member = members.get(member_id)
    return UserText(member.display_name if member else "?")


def question_lines(
    lang: Language,
    questions: Iterable[Question],
    members: Mapping[int, Member],
    *,
    with_answers: bool = True,
) -> list[Line]:
    """One line per question, its answers indented below it."""
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
                state=state_text(lang, question),
            )
        )
        if with_answers:
            for answer in question.answers:
                lines.append(
                    i18n.line(
                        lang,
                        "list.answer",
                        who=name_of(members, answer.member_id),
                        text=answer.text,
                    )
                )
    return lines


async def carried_over(
    uow: UnitOfWork, team_id: int, day: date, words: tuple[str, ...] = ()
) -> list[Question]:
    """ "🔍 지난 질문들": unresolved questions of earlier study days, deferred ones first."""
    found = await uow.questions.find(
        team_id, QuestionQuery(unresolved=True, study_date_to=day - timedelta(days=1), words=words)
    )
    return sorted(found, key=lambda q: (q.flag is not Flag.DEFERRED, q.number))


def by_id(members: Sequence[Member]) -> dict[int, Member]:
    return {m.id: m for m in members if m.id is not None}
