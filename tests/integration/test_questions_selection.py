"""Contract: ordered, counted, paged and settling question selection (fake, SQLite, PostgreSQL)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, time, timedelta

from adapters.discord.render import pieces
from bot.calendar import StudyCalendar
from bot.handlers.listing import load_agenda
from bot.model.questions import Flag, Question, Status
from bot.model.teams import Member
from bot.outbox import PostKind
from bot.ports import QuestionQuery
from bot.scheduled.occurrences import Occurrence
from bot.scheduled.writer import compose
from bot.text import plain_text
from tests.integration.builders import DAY1, add_team_with_member, answer, ask, at
from tests.integration.conftest import Backend

CALENDAR = StudyCalendar(start=DAY1)


async def _sixty_with_55_deferred(backend: Backend) -> int:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None
    async with backend.uow() as uow:
        for n in range(1, 61):
            question = await ask(uow, team, kim, f"question {n}")
            if n == 55:
                question.defer(at(1))
                await uow.questions.update(question)
        await uow.commit()
    return team.id


async def test_deferred_first_orders_over_all_candidates_before_the_limit(backend: Backend) -> None:
    team_id = await _sixty_with_55_deferred(backend)
    query = QuestionQuery(unresolved=True, deferred_first=True, limit=10)
    async with backend.uow() as uow:
        found = await uow.questions.find(team_id, query)
        total = await uow.questions.count(team_id, query)
    assert [q.number for q in found] == [55, *range(1, 10)]
    assert total == 60


async def test_offset_and_limit_page_through_the_ordered_selection(backend: Backend) -> None:
    team_id = await _sixty_with_55_deferred(backend)
    pages = []
    async with backend.uow() as uow:
        for page in range(3):
            query = QuestionQuery(deferred_first=True, offset=page * 25, limit=25)
            pages.append([q.number for q in await uow.questions.find(team_id, query)])
        everything = await uow.questions.find(team_id, QuestionQuery(limit=None))
    assert [n for numbers in pages for n in numbers] == [55, *range(1, 55), *range(56, 61)]
    assert len(everything) == 60


async def test_the_agenda_takes_deferred_then_carried_then_todays(backend: Backend) -> None:
    team_id = await _sixty_with_55_deferred(backend)
    next_day = DAY1 + timedelta(days=1)
    async with backend.uow() as uow:
        agenda = await load_agenda(uow, team_id, CALENDAR, next_day, limit=25)
    assert [q.number for q in agenda.carried] == [55, *range(1, 25)]
    assert agenda.todays == [] and agenda.carried_total == 60 and agenda.more == 35


async def _answered(backend: Backend) -> tuple[int, Member, dict[str, Question]]:
    """Questions of Monday DAY1: answered at T0 unflagged, deferred, escalated, open, resolved."""
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None
    made: dict[str, Question] = {}
    async with backend.uow() as uow:
        for name in ("plain", "deferred", "escalated", "open", "resolved"):
            question = await ask(uow, team, kim, name)
            if name != "open":
                stored = await answer(uow, question, kim, "an answer")
                question.record_answer(stored)
            if name == "deferred":
                question.defer(at(1))
            if name == "escalated":
                question.escalate(at(1))
            if name == "resolved":
                question.accept(None, at(2))
            await uow.questions.update(question)
            made[name] = question
        await uow.commit()
    return team.id, kim, made


async def test_answered_since_leaves_out_only_answered_unflagged_questions(
    backend: Backend,
) -> None:
    team_id, _, _ = await _answered(backend)
    query = QuestionQuery(unresolved=True, answered_since=at(10), limit=None)
    async with backend.uow() as uow:
        found = [q.text for q in await uow.questions.find(team_id, query)]
        total = await uow.questions.count(team_id, query)
    assert found == ["deferred", "escalated", "open"] and total == 3


async def test_a_later_answer_keeps_a_question_unsettled(backend: Backend) -> None:
    team_id, kim, made = await _answered(backend)
    async with backend.uow() as uow:
        await answer(uow, made["plain"], kim, "later", minutes=20)
        await uow.commit()
    query = QuestionQuery(unresolved=True, answered_since=at(10), limit=None)
    async with backend.uow() as uow:
        found = [q.text for q in await uow.questions.find(team_id, query)]
    assert found == ["plain", "deferred", "escalated", "open"]


async def test_settled_questions_leave_the_agenda_two_study_days_after_their_answer(
    backend: Backend,
) -> None:
    team_id, _, _ = await _answered(backend)  # answered Monday 2021-08-09 13:00 Seoul
    async with backend.uow() as uow:
        tuesday = await load_agenda(uow, team_id, CALENDAR, date(2021, 8, 10))
        wednesday = await load_agenda(uow, team_id, CALENDAR, date(2021, 8, 11))
    assert [q.text for q in tuesday.carried] == ["deferred", "plain", "escalated", "open"]
    assert [q.text for q in wednesday.carried] == ["deferred", "escalated", "open"]
    assert all(q.status is not Status.RESOLVED for q in wednesday.carried)
    assert {q.flag for q in wednesday.carried} == {Flag.DEFERRED, Flag.ESCALATED, Flag.NONE}


async def test_a_question_settled_before_a_week_is_not_loaded_for_its_digest(
    backend: Backend,
) -> None:
    from bot.digest.week import load_week
    from tests.integration.builders import a_team

    team_id, _, _ = await _answered(backend)
    team = replace(a_team(), id=team_id)
    async with backend.uow() as uow:
        week3 = await load_week(uow, team, 3)  # a week after the answer's Monday (week 1 here)
    assert sorted(q.text for q in week3.questions) == ["deferred", "escalated", "open"]


async def test_the_mentor_list_of_54_escalated_questions_says_54_and_carries_them_all(
    backend: Backend,
) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None
    team.schedule = replace(team.schedule, office_hours=time(14, 0))
    async with backend.uow() as uow:
        for n in range(1, 55):
            question = await ask(uow, team, kim, f"why does attention need a mask, part {n}?")
            question.escalate(at(1))
            await uow.questions.update(question)
        await uow.commit()
    occurrence = Occurrence(at(60), team.id, PostKind.MENTOR, DAY1.isoformat(), DAY1)
    async with backend.uow() as uow:
        message = await compose(uow, team, occurrence)
    assert message is not None
    assert "54개" in plain_text(message).split("\n")[0]  # the team speaks Korean
    rendered = [piece.text for piece in pieces(message)]
    numbers = sorted(int(n) for n in re.findall(r"#(\d+)", "\n".join(rendered)))
    assert len(rendered) > 1 and numbers == list(range(1, 55))
