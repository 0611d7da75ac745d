"""The question repository: questions with their answers, and the search behind the lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, case, exists, func, or_, select, true

from bot.model.questions import Answer, Flag, Question, Status
from bot.ports import QuestionQuery
from storage import statements as sql
from storage.question_rows import answer_of_row as _answer
from storage.question_rows import question_of_row as _question
from storage.repositories import SqlRepository, map_in_partitions
from storage.search_index import Plan, SearchIndex, scored
from storage.tables import answers, questions
from storage.week_statements import week_parameters

IN_CHUNK = 500
"""Ids per `IN (...)` list, well under SQLite's and PostgreSQL's parameter limits."""


class SqlQuestionRepository(SqlRepository):
    """Questions with their answers, and the search behind the question lists. Every write of
    a question's or an answer's text reindexes the question in the same transaction."""

    @property
    def _index(self) -> SearchIndex:
        return SearchIndex(self._connection)

    async def add(self, question: Question) -> Question:
        """Store a new question (and any answers it already carries); return it with ids.

        No savepoint: nothing goes on after a failed insert (its number was reserved before;
        the unit of work rolls back whole)."""
        result = await self._execute(sql.INSERT_QUESTION, _question_values(question))
        question_id = result.scalar_one()
        stored = [
            await self._insert_answer(replace(answer, question_id=question_id))
            for answer in question.answers
        ]
        if stored or question.deleted_at is not None:
            await self._index.reindex(question_id)
        else:  # the common case, /ask: nothing to read back
            await self._index.index_new(question.team_id, question_id, question.text)
        return replace(question, id=question_id, answers=stored)

    async def get(self, team_id: int, number: int) -> Question | None:
        """The question with its answers in order, or None (also for another team's number)."""
        parameters = {"team_id": team_id, "number": number}
        rows = (await self._execute(sql.QUESTION_WITH_ANSWERS, parameters)).all()
        if not rows:
            return None
        width = len(questions.c)
        its_answers = [_answer(row[width:]) for row in rows if row[width] is not None]
        return _question(rows[0][:width], its_answers)

    async def update(self, question: Question) -> None:
        """Store status, flag, resolution and accepted answer (LookupError if none such); the
        text, edit and deletion are `record_change`'s."""
        parameters = {
            "where_team_id": question.team_id,
            "where_number": question.number,
            "status": question.status.value,
            "flag": question.flag.value,
            "flagged_at": question.flagged_at,
            "resolved_at": question.resolved_at,
            "accepted_answer_id": question.accepted_answer_id,
            **_claim_values(question),
        }
        if (await self._execute(sql.UPDATE_QUESTION_STATE, parameters)).rowcount == 0:
            raise LookupError(f"no question {question.number} in team {question.team_id}")

    async def record_change(self, question: Question) -> None:
        """Store the question's text and topic, edit and deletion (LookupError if none such)."""
        parameters = {
            "where_team_id": question.team_id,
            "where_number": question.number,
            "topic": question.topic,
            **_change_values(question),
        }
        if (await self._execute(sql.UPDATE_QUESTION_CHANGE, parameters)).rowcount == 0:
            raise LookupError(f"no question {question.number} in team {question.team_id}")
        found = select(questions.c.id).where(
            questions.c.team_id == question.team_id, questions.c.number == question.number
        )
        await self._index.reindex((await self._execute(found)).scalar_one())

    async def update_answer(self, team_id: int, answer: Answer) -> None:
        """Store an answer's text, edit and deletion (LookupError if the team has no such)."""
        parameters = {"where_id": answer.id, "where_team_id": team_id, **_answer_values(answer)}
        if (await self._execute(sql.UPDATE_ANSWER, parameters)).rowcount == 0:
            raise LookupError(f"no answer {answer.id} in team {team_id}")
        await self._index.reindex(answer.question_id)

    async def add_answer(self, team_id: int, answer: Answer) -> Answer:
        """Store an answer to one of the team's questions, by one of its members."""
        text = answer.text if answer.deleted_at is None else ""  # a deleted one: no terms
        if not await self._index.add_answer_text(
            team_id, answer.question_id, answer.member_id, text
        ):
            raise LookupError(
                f"question {answer.question_id} or member {answer.member_id} not in team {team_id}"
            )
        return await self._insert_answer(answer)

    async def find(self, team_id: int, query: QuestionQuery) -> Sequence[Question]:
        """Questions matching `query` in its order, answers included (two queries)."""
        if query.limit is not None and query.limit <= 0:
            return []
        statement = select(questions).where(*_conditions(team_id, query))
        plan = await self._plan(team_id, query)
        if plan is not None:
            if not plan.weights:
                return []
            ranked = scored(team_id, plan)
            statement = statement.join(ranked, ranked.c.question_id == questions.c.id)
            if query.ranked and not query.deferred_first:  # best first, then the newest
                statement = statement.order_by(ranked.c.score.desc(), questions.c.id.desc())
        if query.deferred_first:
            statement = statement.order_by(
                case((questions.c.flag == Flag.DEFERRED.value, 0), else_=1)
            )
        statement = statement.order_by(questions.c.number)
        if query.offset > 0:
            statement = statement.offset(query.offset)
        if query.limit is not None:
            statement = statement.limit(query.limit)
        # A ranked search reads the postings: off the loop on SQLite (`_read_aside`).
        rows = (
            await self._rows(statement)
            if plan is None
            else (await self._read_aside(statement)).all()
        )
        answers_by_question = await self._answers_of([row.id for row in rows], query.with_deleted)
        return await map_in_partitions(
            rows, lambda row: _question(row, answers_by_question.get(row.id, []))
        )

    async def of_week(
        self, team_id: int, first: date, last: date, answered_since: datetime | None
    ) -> Sequence[Question]:
        """A week's digest's questions in two reads (`statements.WEEK_QUESTIONS`, `…_ANSWERS`),
        both prepared once: no `IN` list of ids to expand and compile per call."""
        settles, parameters = week_parameters(team_id, first, last, answered_since)
        rows = await self._rows(sql.WEEK_QUESTIONS[settles], parameters)
        answers_by_question: dict[int, list[Answer]] = {}
        for answer in await self._mapped(sql.WEEK_ANSWERS[settles], _answer, parameters):
            answers_by_question.setdefault(answer.question_id, []).append(answer)
        return await map_in_partitions(  # a row's id by position (QUESTION_COLUMNS): 10x faster
            rows, lambda row: _question(row, answers_by_question.get(row[0], []))
        )

    async def count(self, team_id: int, query: QuestionQuery) -> int:
        """How many questions match `query`, whatever its `offset` and `limit`."""
        source: Any = questions
        plan = await self._plan(team_id, query)
        if plan is not None:
            if not plan.weights:
                return 0
            ranked = scored(team_id, plan)
            source = questions.join(ranked, ranked.c.question_id == questions.c.id)
        statement = select(func.count()).select_from(source).where(*_conditions(team_id, query))
        read = self._execute if plan is None else self._read_aside
        return int((await read(statement)).scalar_one())

    async def _plan(self, team_id: int, query: QuestionQuery) -> Plan | None:
        """With `words`: their terms in the index (a question matches any of them)."""
        return await self._index.plan(team_id, " ".join(query.words)) if query.words else None

    async def _insert_answer(self, answer: Answer) -> Answer:
        parameters = {
            "question_id": answer.question_id,
            "member_id": answer.member_id,
            "text": answer.text,
            "created_at": answer.created_at,
            "source_link": answer.source_link,
            **_answer_values(answer),
        }
        result = await self._execute(sql.INSERT_ANSWER, parameters)
        return replace(answer, id=result.scalar_one())

    async def _answers_of(
        self, question_ids: Sequence[int], with_deleted: bool = False
    ) -> dict[int, list[Answer]]:
        found: dict[int, list[Answer]] = {}
        for start in range(0, len(question_ids), IN_CHUNK):
            statement = select(answers).where(
                answers.c.question_id.in_(question_ids[start : start + IN_CHUNK])
            )
            if not with_deleted:
                statement = statement.where(answers.c.deleted_at.is_(None))
            statement = statement.order_by(
                answers.c.question_id, answers.c.created_at, answers.c.id
            )
            for answer in await self._mapped(statement, _answer):
                found.setdefault(answer.question_id, []).append(answer)
        return found


def _conditions(team_id: int, query: QuestionQuery) -> Sequence[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [questions.c.team_id == team_id]
    if not query.with_deleted:
        conditions.append(questions.c.deleted_at.is_(None))
    live = answers.c.deleted_at.is_(None) if not query.with_deleted else true()
    if query.unresolved is not None:
        resolved = Status.RESOLVED.value
        conditions.append(
            questions.c.status != resolved if query.unresolved else questions.c.status == resolved
        )
    if query.escalated is not None:
        escalated = Flag.ESCALATED.value
        conditions.append(
            questions.c.flag == escalated if query.escalated else questions.c.flag != escalated
        )
    if query.study_date_from is not None:
        conditions.append(questions.c.study_date >= query.study_date_from)
    if query.study_date_to is not None:
        conditions.append(questions.c.study_date <= query.study_date_to)
    if query.answered_since is not None:
        conditions.append(_not_settled(query.answered_since, live))
    return conditions  # `words` join the index (`find`, `count`)


def _not_settled(since: Any, live: ColumnElement[bool]) -> ColumnElement[bool]:
    """Not answered-and-unflagged, or answered again at or after `since` (the answers index)."""
    answered_since = exists().where(
        answers.c.question_id == questions.c.id, live, answers.c.created_at >= since
    )
    return or_(
        questions.c.status != Status.ANSWERED.value,
        questions.c.flag != Flag.NONE.value,
        answered_since,
    )


def _question_values(question: Question) -> dict[str, Any]:
    return {
        "team_id": question.team_id,
        "number": question.number,
        "asker_id": question.asker_id,
        "text": question.text,
        "category": question.category.value,
        "assignment": question.assignment,
        "study_date": question.study_date,
        "asked_at": question.asked_at,
        "status": question.status.value,
        "flag": question.flag.value,
        "flagged_at": question.flagged_at,
        "resolved_at": question.resolved_at,
        "accepted_answer_id": question.accepted_answer_id,
        "source_link": question.source_link,
        "topic": question.topic,
        **_change_values(question),
        **_claim_values(question),
    }


def _claim_values(question: Question) -> dict[str, Any]:
    """A cohort mentor's claim on the question (migration 0015)."""
    return {
        "claimed_user": question.claimed_user,
        "claimed_name": question.claimed_name,
        "claimed_at": question.claimed_at,
    }


def _change_values(item: Question | Answer) -> dict[str, Any]:
    """The text and the record of its edit and deletion, as `update` and inserts store them."""
    return {
        "text": item.text,
        "edited_at": item.edited_at,
        "edited_by": item.edited_by,
        "deleted_at": item.deleted_at,
        "deleted_by": item.deleted_by,
    }


def _answer_values(answer: Answer) -> dict[str, Any]:
    """An answer's change values and its endorsement (migration 0012)."""
    return {
        **_change_values(answer),
        "endorsed_at": answer.endorsed_at,
        "endorsed_by": answer.endorsed_by,
    }
