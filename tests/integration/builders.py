"""Small builders of model objects for the storage tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.model.questions import Answer, Category, Note, Question
from bot.model.teams import Member, Team
from bot.ports import UnitOfWork, UnitOfWorkFactory

T0 = datetime(2021, 8, 9, 4, 0, tzinfo=UTC)
DAY1 = date(2021, 8, 9)


def at(minutes: int) -> datetime:
    """T0 plus `minutes`."""
    return T0 + timedelta(minutes=minutes)


def a_team(name: str = "A", channel: str = "c-a", platform: str = "console", **kw: Any) -> Team:
    return Team(platform=platform, channel_id=channel, name=name, start_date=DAY1, **kw)


async def add_team_with_member(
    factory: UnitOfWorkFactory, name: str = "A", user: str = "u1"
) -> tuple[Team, Member]:
    """A committed team (channel `c-<name>`) with one admin member."""
    async with factory() as uow:
        team = await uow.teams.add(a_team(name, f"c-{name}", created_at=T0))
        assert team.id is not None
        member = await uow.members.add(Member(team.id, user, f"{user} name", True, T0))
        await uow.commit()
    return team, member


async def ask(
    uow: UnitOfWork,
    team: Team,
    member: Member,
    text: str,
    *,
    study_date: date = DAY1,
    minutes: int = 0,
    **kw: Any,
) -> Question:
    """A new question with the team's next number."""
    assert team.id is not None and member.id is not None
    number = await uow.teams.next_question_number(team.id)
    fields: dict[str, Any] = {"category": Category.GENERAL, "asked_at": at(minutes), **kw}
    question = Question(
        team_id=team.id,
        number=number,
        asker_id=member.id,
        text=text,
        study_date=study_date,
        **fields,
    )
    return await uow.questions.add(question)


async def answer(
    uow: UnitOfWork, question: Question, member: Member, text: str, *, minutes: int = 1
) -> Answer:
    assert question.id is not None and member.id is not None
    return await uow.questions.add_answer(
        question.team_id, Answer(question.id, member.id, text, at(minutes))
    )


def a_note(team: Team, member: Member, text: str, day: date = DAY1, minutes: int = 0) -> Note:
    assert team.id is not None and member.id is not None
    return Note(team.id, member.id, day, text, at(minutes))
