"""Contract: questions, answers, search and notes (fake, SQLite, PostgreSQL)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta, timezone

import pytest

from bot.model.questions import Category, Flag, NotePlace, Question, Status
from bot.model.teams import Member
from bot.ports import QuestionQuery
from tests.integration.builders import (
    DAY1,
    a_note,
    add_team_with_member,
    answer,
    ask,
    at,
)
from tests.integration.conftest import Backend


async def test_added_question_comes_back_whole_by_its_team_number(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None
    async with backend.uow() as uow:
        added = await ask(
            uow,
            team,
            kim,
            "Why does `await` block?",
            category=Category.ASSIGNMENT,
            assignment="week 1 quiz",
        )
        await uow.commit()
    assert added.id is not None and added.number == 1
    async with backend.uow() as uow:
        assert await uow.questions.get(team.id, 1) == added
        assert await uow.questions.get(team.id, 2) is None


async def test_another_teams_question_number_gives_none(backend: Backend) -> None:
    team_a, kim = await add_team_with_member(backend.uow, "A")
    team_b, _ = await add_team_with_member(backend.uow, "B")
    assert team_a.id is not None and team_b.id is not None
    async with backend.uow() as uow:
        await ask(uow, team_a, kim, "first")
        await ask(uow, team_a, kim, "second")
        await uow.commit()
    async with backend.uow() as uow:
        assert await uow.questions.get(team_b.id, 1) is None
        assert await uow.questions.get(team_b.id, 2) is None
        assert await uow.questions.find(team_b.id, QuestionQuery()) == []


async def test_answers_come_back_in_time_order_then_by_id(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None and kim.id is not None
    async with backend.uow() as uow:
        lee = await uow.members.add(Member(team.id, "lee", "Lee"))
        question = await ask(uow, team, kim, "q")
        late = await answer(uow, question, lee, "late", minutes=30)
        early = await answer(uow, question, kim, "early", minutes=5)
        tie_1 = await answer(uow, question, lee, "tie 1", minutes=10)
        tie_2 = await answer(uow, question, kim, "tie 2", minutes=10)
        await uow.commit()
    async with backend.uow() as uow:
        stored = await uow.questions.get(team.id, 1)
        found = await uow.questions.find(team.id, QuestionQuery())
    assert stored is not None
    assert stored.answers == [early, tie_1, tie_2, late]
    assert found[0].answers == [early, tie_1, tie_2, late]


async def test_an_answer_to_another_teams_question_is_refused(backend: Backend) -> None:
    team_a, kim = await add_team_with_member(backend.uow, "A")
    team_b, park = await add_team_with_member(backend.uow, "B")
    assert team_b.id is not None
    async with backend.uow() as uow:
        question = await ask(uow, team_a, kim, "q")
        with pytest.raises(LookupError):
            await answer(uow, question, park, "a member of another team")
        question.team_id = team_b.id  # and the question id of another team
        with pytest.raises(LookupError):
            await answer(uow, question, park, "through team B")


async def test_update_stores_status_flag_and_resolution_but_not_the_text(
    backend: Backend,
) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None
    async with backend.uow() as uow:
        question = await ask(uow, team, kim, "original text")
        reply = await answer(uow, question, kim, "because")
        await uow.commit()
    question.answers.append(reply)
    question.escalate(at(60))
    question.accept(1, at(90))
    question.text = "changed text"
    async with backend.uow() as uow:
        await uow.questions.update(question)
        await uow.commit()
    async with backend.uow() as uow:
        stored = await uow.questions.get(team.id, 1)
    assert stored is not None
    assert (stored.status, stored.flag) == (Status.RESOLVED, Flag.ESCALATED)
    assert (stored.flagged_at, stored.resolved_at) == (at(60), at(90))
    assert stored.accepted_answer_id == reply.id
    assert stored.text == "original text"
    stored.reopen()
    async with backend.uow() as uow:
        await uow.questions.update(stored)
        await uow.commit()
    async with backend.uow() as uow:
        assert await uow.questions.get(team.id, 1) == stored
        missing = Question(team.id, 99, kim.id or 0, "x", Category.GENERAL, DAY1, at(0))
        with pytest.raises(LookupError):
            await uow.questions.update(missing)


async def _numbers(backend: Backend, team_id: int, **query: object) -> list[int]:
    async with backend.uow() as uow:
        found = await uow.questions.find(team_id, QuestionQuery(**query))  # type: ignore[arg-type]
    return [q.number for q in found]


async def test_find_narrows_by_resolution_escalation_and_study_dates(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None
    day2, day3 = DAY1 + timedelta(days=1), DAY1 + timedelta(days=2)
    async with backend.uow() as uow:
        open_q = await ask(uow, team, kim, "open", study_date=DAY1)  # 1
        resolved = await ask(uow, team, kim, "resolved", study_date=day2)  # 2
        escalated = await ask(uow, team, kim, "escalated", study_date=day3)  # 3
        deferred = await ask(uow, team, kim, "deferred", study_date=day3)  # 4
        resolved.answers.append(await answer(uow, resolved, kim, "a"))
        resolved.accept(None, at(5))
        escalated.escalate(at(5))
        deferred.defer(at(5))
        for question in (resolved, escalated, deferred):
            await uow.questions.update(question)
        await uow.commit()
    assert open_q.number == 1
    assert await _numbers(backend, team.id) == [1, 2, 3, 4]
    assert await _numbers(backend, team.id, unresolved=True) == [1, 3, 4]
    assert await _numbers(backend, team.id, unresolved=False) == [2]
    assert await _numbers(backend, team.id, escalated=True) == [3]
    assert await _numbers(backend, team.id, escalated=False) == [1, 2, 4]
    assert await _numbers(backend, team.id, study_date_from=day2) == [2, 3, 4]
    assert await _numbers(backend, team.id, study_date_to=day2) == [1, 2]
    assert await _numbers(backend, team.id, study_date_from=day2, study_date_to=day2) == [2]
    assert await _numbers(backend, team.id, unresolved=True, study_date_from=day3) == [3, 4]
    assert await _numbers(backend, team.id, unresolved=True, escalated=False) == [1, 4]


async def test_find_is_ordered_by_number_and_limited(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None
    async with backend.uow() as uow:
        await uow.teams.set_next_question_number(team.id, 10)
        await ask(uow, team, kim, "ten")
        await uow.teams.set_next_question_number(team.id, 2)
        for text in ("two", "three", "four"):
            await ask(uow, team, kim, text)
        await uow.commit()
    assert await _numbers(backend, team.id) == [2, 3, 4, 10]
    assert await _numbers(backend, team.id, limit=2) == [2, 3]
    assert await _numbers(backend, team.id, limit=0) == []


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("ASYNC",), [1, 2]),  # any case, in the question or in an answer
        (("async", "basics"), [1, 2]),  # any word is enough (ranked lists put 1 first)
        (("event", "gather"), [1, 2]),  # one word in the questions, one in an answer
        (("loops",), [1, 2]),  # by the stem: loops, LOOP and loop are one term
        (("비동기",), [3, 4]),  # Korean, in a question and in an answer
        (("비동기", "질문"), [3, 4]),
        (("100%",), [5]),  # the number is a term, the sign is not
        (("%",), []),  # no term at all: nothing matches (`/questions` says so)
        (("a_b",), [6]),  # an identifier kept whole
        (("_",), []),
        (("c:\\temp",), [7, 8]),  # the word temp, in 7's path and in 8
        (("\\",), []),
        (("nowhere",), []),
    ],
)
async def test_find_matches_any_words_stem_in_question_or_answers(
    backend: Backend, words: tuple[str, ...], expected: list[int]
) -> None:
    team, kim = await add_team_with_member(backend.uow)
    other, park = await add_team_with_member(backend.uow, "B")
    assert team.id is not None
    async with backend.uow() as uow:
        await ask(uow, team, kim, "Async event LOOP basics")  # 1
        second = await ask(uow, team, kim, "What does the event loop run?")  # 2
        await answer(uow, second, kim, "Use asyncio.gather for async tasks")
        await ask(uow, team, kim, "비동기 처리에 대한 질문입니다")  # 3
        fourth = await ask(uow, team, kim, "파이썬 스레드")  # 4
        await answer(uow, fourth, kim, "비동기 함수는 await 로 기다려요")
        await ask(uow, team, kim, "Coverage at 100% possible?")  # 5
        await ask(uow, team, kim, "Rename a_b to ab")  # 6
        await ask(uow, team, kim, "Path c:\\temp on Windows")  # 7
        await ask(uow, team, kim, "a b cX temp 1000")  # 8: near misses for %, _ and \
        await ask(uow, other, park, "async 비동기 100% a_b c:\\temp")  # another team's
        await uow.commit()
    assert await _numbers(backend, team.id, words=words) == expected


async def test_find_includes_each_questions_answers(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None
    async with backend.uow() as uow:
        first = await ask(uow, team, kim, "one")
        await ask(uow, team, kim, "two")
        third = await ask(uow, team, kim, "three")
        a1 = await answer(uow, first, kim, "a1")
        a3 = await answer(uow, third, kim, "a3", minutes=2)
        a3b = await answer(uow, third, kim, "a3b", minutes=3)
        await uow.commit()
    async with backend.uow() as uow:
        found = await uow.questions.find(team.id, QuestionQuery())
    assert [q.answers for q in found] == [[a1], [], [a3, a3b]]


async def test_notes_are_listed_by_study_days_in_the_order_written(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow, "A")
    other, park = await add_team_with_member(backend.uow, "B")
    assert team.id is not None
    day2, day3 = DAY1 + timedelta(days=1), DAY1 + timedelta(days=2)
    async with backend.uow() as uow:
        late = await uow.notes.add(a_note(team, kim, "written last", DAY1, minutes=50))
        first = await uow.notes.add(a_note(team, kim, "written first", day2, minutes=10))
        tie = await uow.notes.add(a_note(team, kim, "same minute", day2, minutes=20))
        tie_next = await uow.notes.add(a_note(team, kim, "same minute, later id", DAY1, 20))
        await uow.notes.add(a_note(team, kim, "day 3", day3, minutes=0))
        await uow.notes.add(a_note(other, park, "other team", DAY1, minutes=0))
        await uow.commit()
    assert first.id is not None
    async with backend.uow() as uow:
        assert await uow.notes.list(team.id, DAY1, day2) == [first, tie, tie_next, late]
        assert await uow.notes.list(team.id, day2, day2) == [first, tie]
        assert await uow.notes.list(team.id, date(2020, 1, 1), date(2020, 12, 31)) == []


async def test_datetimes_come_back_aware_in_utc_as_the_same_instant(backend: Backend) -> None:
    seoul = timezone(timedelta(hours=9))
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None
    asked = at(0).astimezone(seoul)
    async with backend.uow() as uow:
        await ask(uow, team, kim, "q", asked_at=asked)
        note = await uow.notes.add(a_note(team, kim, "n"))
        await uow.commit()
    async with backend.uow() as uow:
        stored = await uow.questions.get(team.id, 1)
        members = await uow.members.list(team.id)
        teams = await uow.teams.list()
        notes = await uow.notes.list(team.id, DAY1, DAY1)
    assert stored is not None
    instants = [stored.asked_at, members[0].joined_at, teams[0].created_at, notes[0].created_at]
    for instant in instants:
        assert instant is not None
        assert instant.utcoffset() == timedelta(0)
    assert stored.asked_at == asked
    assert notes == [note]


async def test_a_topic_is_stored_found_and_changed_with_the_text(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None
    async with backend.uow() as uow:
        added = await ask(uow, team, kim, "Why sorted?", topic="SVD 특이값 분해")
        await ask(uow, team, kim, "no topic")
        await uow.commit()
    async with backend.uow() as uow:
        assert await uow.questions.get(team.id, 1) == added
        found = await uow.questions.find(team.id, QuestionQuery())
        assert [q.topic for q in found] == ["SVD 특이값 분해", None]
        added.topic = "SVD"
        added.edit("Why are they sorted?", added.asker_id, at(5))
        await uow.questions.record_change(added)
        await uow.commit()
    async with backend.uow() as uow:
        changed = await uow.questions.get(team.id, 1)
        assert changed is not None and (changed.topic, changed.text) == ("SVD", added.text)


async def test_a_note_keeps_its_place_in_the_minutes(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow)
    assert team.id is not None
    async with backend.uow() as uow:
        plain = await uow.notes.add(a_note(team, kim, "a bullet"))
        words = await uow.notes.add(
            dataclasses.replace(a_note(team, kim, "our words", minutes=1), place=NotePlace.MENTOR)
        )
        await uow.commit()
    async with backend.uow() as uow:
        listed = await uow.notes.list(team.id, DAY1, DAY1)
        assert listed == [plain, words]
        assert [n.place for n in listed] == [NotePlace.NOTES, NotePlace.MENTOR]
