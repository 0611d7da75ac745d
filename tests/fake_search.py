"""The fake unit of work's search: the same analyser and BM25 as storage, over the fake state,
computed on every call (the fake keeps no index)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.model.questions import Question
from bot.search.analyser import frequencies, query_terms
from bot.search.ports import Draft, SearchResult
from bot.search.similar import SIMILAR_FLOOR, idf, similarity

if TYPE_CHECKING:
    from tests.fakes import FakeState, FakeUnitOfWork

K1, B, ANSWER_WEIGHT = 1.2, 0.75, 0.5


def documents(state: FakeState, team_id: int) -> dict[int, tuple[Counter[str], Counter[str]]]:
    """question id -> (its text's terms, its live answers' terms), live questions only."""
    found: dict[int, tuple[Counter[str], Counter[str]]] = {}
    for question in state.questions.values():
        if question.team_id != team_id or question.deleted_at is not None:
            continue
        texts = sorted(
            (
                a
                for a in state.answers.values()
                if a.question_id == question.id and not a.deleted_at
            ),
            key=lambda a: (a.created_at, a.id or 0),
        )
        assert question.id is not None
        found[question.id] = (
            frequencies(question.text),
            sum((frequencies(a.text) for a in texts), Counter()),
        )
    return found


def scores(state: FakeState, team_id: int, text: str, kinds: str = "qa") -> dict[int, float]:
    terms = query_terms(text, 20)
    docs = documents(state, team_id)
    result: dict[int, float] = {}
    for index, kind in enumerate("qa"):
        if kind not in kinds:
            continue
        live = {qid: pair[index] for qid, pair in docs.items() if pair[index]}
        if not live:
            continue
        average = sum(sum(c.values()) for c in live.values()) / len(live)
        for term in terms:
            holding = [qid for qid, counts in live.items() if term in counts]
            weight = math.log(1 + (len(live) - len(holding) + 0.5) / (len(holding) + 0.5))
            weight *= 1.0 if kind == "q" else ANSWER_WEIGHT
            for qid in holding:
                tf, length = live[qid][term], sum(live[qid].values())
                part = weight * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average))
                result[qid] = result.get(qid, 0.0) + part
    return result


def ranked(state: FakeState, team_id: int, text: str, found: list[Question]) -> list[Question]:
    """`found` cut to the questions matching `text`, best first, newest first on a tie."""
    scored = scores(state, team_id, text)
    kept = [q for q in found if q.id in scored]
    return sorted(kept, key=lambda q: (-round(scored[q.id or 0], 6), -(q.id or 0)))


class FakeSearchRepository:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self._uow = uow

    async def search(
        self, team_id: int, text: str, limit: int = 30, offset: int = 0
    ) -> SearchResult:
        state = self._uow.state
        scored = scores(state, team_id, text)
        order = sorted(scored, key=lambda qid: (-round(scored[qid], 6), -qid))
        numbers = tuple(state.questions[qid].number for qid in order)
        page = numbers[offset : offset + limit] if limit > 0 else ()
        return SearchResult(page, len(numbers), tuple(query_terms(text, 20)))

    async def similar(self, team_id: int, text: str, limit: int = 3) -> Sequence[tuple[int, float]]:
        state = self._uow.state
        docs = documents(state, team_id)
        df: Counter[str] = Counter()
        for own, _ in docs.values():
            df.update(set(own))
        count = max(1, sum(1 for own, _ in docs.values() if own))
        asked = query_terms(text, 20)
        alike = [
            (state.questions[qid].number, similarity(asked, own, lambda t: idf(df[t], count)))
            for qid, (own, _) in docs.items()
        ]
        alike = [(n, s) for n, s in alike if s >= SIMILAR_FLOOR]
        alike.sort(key=lambda pair: (-round(pair[1], 6), -pair[0]))
        return alike[:limit]

    async def add_draft(self, draft: Draft) -> Draft:
        stored = replace(draft, id=self._uow.state.new_id())
        self._uow.state.drafts[stored.id or 0] = stored
        return stored

    async def get_draft(self, team_id: int, draft_id: int) -> Draft | None:
        draft = self._uow.state.drafts.get(draft_id)
        return draft if draft is not None and draft.team_id == team_id else None

    async def mark_posted(self, team_id: int, draft_id: int, number: int) -> None:
        draft = await self.get_draft(team_id, draft_id)
        if draft is not None:
            self._uow.state.drafts[draft_id] = replace(draft, posted_number=number)
