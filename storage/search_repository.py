"""Ranked search and similar questions over `storage.search_index`, and /ask's drafts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import func, select, update

from bot.search.analyser import query_terms
from bot.search.ports import Draft, SearchResult
from bot.search.similar import SIMILAR_FLOOR, idf, similarity
from storage.repositories import SqlRepository
from storage.search_index import (
    MAX_QUERY_TERMS,
    POSTINGS_CAP,
    SearchIndex,
    scored,
    terms_of,
)
from storage.tables import ask_drafts, questions, search_df, search_postings

CANDIDATES = 10  # questions sharing the most rare-term weight, whose similarity /ask measures
RARE_TERMS = 4  # the asked question's rarest terms (in the team) that candidates are found by
RARE_POSTINGS = 300  # the newest questions read per rare term


class SqlSearchRepository(SqlRepository):
    """`bot.search.ports.SearchRepository` on one unit of work's connection."""

    async def search(
        self, team_id: int, text: str, limit: int = 30, offset: int = 0
    ) -> SearchResult:
        """The team's live questions matching any term of `text` (`bot.search.analyser`: Korean
        stems, English stems, code identifiers whole), best first by BM25 over each question's
        own text and its live answers' (answers weigh half), newest first on a tie; `limit`
        and `offset` page them, `total` counts them all. Terms too common to rank by and terms
        whose postings were capped are named in the result (`storage.search_index`). The web
        view and `/questions <words>` both search through here."""
        index = SearchIndex(self._connection)
        plan = await index.plan(team_id, text)
        if not plan.weights:
            return SearchResult((), 0, plan.terms, plan.ignored, plan.capped)
        ranked = scored(team_id, plan)
        joined = questions.join(ranked, ranked.c.question_id == questions.c.id)
        live = (questions.c.team_id == team_id, questions.c.deleted_at.is_(None))
        total = (
            await self._execute(select(func.count()).select_from(joined).where(*live))
        ).scalar_one()
        numbers: tuple[int, ...] = ()
        if limit > 0:
            page = (
                select(questions.c.number)
                .select_from(joined)
                .where(*live)
                .order_by(ranked.c.score.desc(), questions.c.id.desc())
                .offset(max(0, offset))
                .limit(limit)
            )
            numbers = tuple(n for (n,) in await self._execute(page))
        return SearchResult(
            numbers, int(total), plan.terms, plan.ignored, plan.capped, POSTINGS_CAP
        )

    async def similar(self, team_id: int, text: str, limit: int = 3) -> Sequence[tuple[int, float]]:
        """Up to `limit` live questions like `text` by their own text (`bot.search.similar`),
        at or over `SIMILAR_FLOOR`, most similar first (ties: the newest).

        A question like this one shares its rare words, so only the `RARE_TERMS` rarest terms
        the team has seen are read, each's `RARE_POSTINGS` newest postings (a few short range
        scans of the postings' key, whatever the team's size); the `CANDIDATES` sharing the
        most weight are then measured on all their terms."""
        index = SearchIndex(self._connection)
        plan = await index.plan(team_id, text, kinds=("q",))
        docs = max(1, plan.docs.get("q", 1))
        df = dict(plan.df)

        def weight(term: str) -> float:
            return idf(df.get(("q", term), 0), docs)

        seen = sorted((n, t) for (k, t), n in df.items() if k == "q" and n > 0)
        rare = [t for _, t in seen[:RARE_TERMS]]
        if not rare:
            return []
        chosen = await self._sharing_rare_terms(team_id, rare, weight)
        if not chosen:
            return []
        live = await self._execute(
            select(questions.c.id, questions.c.number).where(
                questions.c.team_id == team_id,
                questions.c.id.in_(chosen),
                questions.c.deleted_at.is_(None),
            )
        )
        numbers = {row.id: row.number for row in live}
        postings = await self._execute(
            select(search_postings.c.question_id, search_postings.c.term).where(
                search_postings.c.team_id == team_id,
                search_postings.c.kind == "q",
                search_postings.c.question_id.in_(list(numbers)),
            )
        )
        their_terms = terms_of(postings)
        missing = sorted({t for ts in their_terms.values() for t in ts if ("q", t) not in df})
        for start in range(0, len(missing), 500):
            rows = await self._execute(
                select(search_df.c.term, search_df.c.df).where(
                    search_df.c.team_id == team_id,
                    search_df.c.kind == "q",
                    search_df.c.term.in_(missing[start : start + 500]),
                )
            )
            df.update({("q", r.term): r.df for r in rows})
        asked = query_terms(text, MAX_QUERY_TERMS)
        alike = [
            (numbers[qid], similarity(asked, their_terms.get(qid, ()), weight)) for qid in numbers
        ]
        alike = [(n, s) for n, s in alike if s >= SIMILAR_FLOOR]
        alike.sort(key=lambda pair: (-round(pair[1], 6), -pair[0]))
        return alike[:limit]

    async def _sharing_rare_terms(
        self, team_id: int, rare: Sequence[str], weight: Callable[[str], float]
    ) -> list[int]:
        """The `CANDIDATES` question ids sharing the most weight of `rare` terms, read from each
        term's `RARE_POSTINGS` newest postings (a range scan of the postings' key)."""
        shared: dict[int, float] = {}
        for term in rare:
            rows = await self._execute(
                select(search_postings.c.question_id)
                .where(
                    search_postings.c.team_id == team_id,
                    search_postings.c.kind == "q",
                    search_postings.c.term == term,
                )
                .order_by(search_postings.c.question_id.desc())
                .limit(RARE_POSTINGS)
            )
            for (qid,) in rows:
                shared[qid] = shared.get(qid, 0.0) + weight(term)
        return sorted(shared, key=lambda qid: (-shared[qid], -qid))[:CANDIDATES]

    async def add_draft(self, draft: Draft) -> Draft:
        values = _draft_values(draft)
        result = await self._execute(ask_drafts.insert().values(values).returning(ask_drafts.c.id))
        return Draft(**{**values, "id": result.scalar_one()})

    async def get_draft(self, team_id: int, draft_id: int) -> Draft | None:
        row = (
            await self._execute(
                select(ask_drafts).where(
                    ask_drafts.c.id == draft_id, ask_drafts.c.team_id == team_id
                )
            )
        ).one_or_none()
        return None if row is None else Draft(**row._asdict())

    async def mark_posted(self, team_id: int, draft_id: int, number: int) -> None:
        await self._execute(
            update(ask_drafts)
            .where(ask_drafts.c.id == draft_id, ask_drafts.c.team_id == team_id)
            .values(posted_number=number)
        )


def _draft_values(draft: Draft) -> dict[str, Any]:
    return {
        "team_id": draft.team_id,
        "member_id": draft.member_id,
        "text": draft.text,
        "category": draft.category,
        "assignment": draft.assignment,
        "topic": draft.topic,
        "created_at": draft.created_at,
        "posted_number": draft.posted_number,
    }
