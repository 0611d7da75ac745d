"""Ranked search and similar questions over `storage.search_index`, and /ask's drafts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Float, Select, and_, bindparam, func, select, union_all, update

from bot.search.analyser import query_terms
from bot.search.ports import Draft, SearchResult
from bot.search.similar import SIMILAR_FLOOR, idf, similarity
from storage.repositories import SqlRepository
from storage.search_index import MAX_QUERY_TERMS, POSTINGS_CAP, SearchIndex, scored
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
            await self._read_aside(select(func.count()).select_from(joined).where(*live))
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
            numbers = tuple(n for (n,) in await self._read_aside(page))
        return SearchResult(
            numbers, int(total), plan.terms, plan.ignored, plan.capped, POSTINGS_CAP
        )

    async def similar(self, team_id: int, text: str, limit: int = 3) -> Sequence[tuple[int, float]]:
        """Up to `limit` live questions like `text` by their own text (`bot.search.similar`),
        at or over `SIMILAR_FLOOR`, most similar first (ties: the newest).

        A question like this one shares its rare words, so only the `RARE_TERMS` rarest terms
        the team has seen are read, each's `RARE_POSTINGS` newest postings (a few short range
        scans of the postings' key, whatever the team's size); the `CANDIDATES` live questions
        sharing the most weight are then measured on all their terms. Four statements: the
        plan's two, the candidates, and their terms with each term's df."""
        index = SearchIndex(self._connection)
        plan = await index.plan(team_id, text, kinds=("q",))
        docs = max(1, plan.docs.get("q", 1))
        df = {term: n for (kind, term), n in plan.df.items() if kind == "q" and n > 0}
        rare = sorted(df, key=lambda term: (df[term], term))[:RARE_TERMS]
        if not rare:
            return []
        chosen: dict[str, Any] = {"team_id": team_id}
        for i, term in enumerate(rare):
            chosen[f"term_{i}"], chosen[f"weight_{i}"] = term, idf(df[term], docs)
        numbers = dict(
            (row.id, row.number) for row in await self._read_aside(_CANDIDATES[len(rare)], chosen)
        )
        if not numbers:
            return []
        their_terms: dict[int, set[str]] = {}
        for row in await self._read_aside(_TERMS_WITH_DF, {"question_ids": list(numbers)}):
            their_terms.setdefault(row.question_id, set()).add(row.term)
            df.setdefault(row.term, row.df or 0)

        def weight(term: str) -> float:
            return idf(df.get(term, 0), docs)

        asked = query_terms(text, MAX_QUERY_TERMS)
        alike = [
            (numbers[qid], similarity(asked, their_terms.get(qid, ()), weight)) for qid in numbers
        ]
        alike = [(n, s) for n, s in alike if s >= SIMILAR_FLOOR]
        alike.sort(key=lambda pair: (-round(pair[1], 6), -pair[0]))
        return alike[:limit]

    async def add_draft(self, draft: Draft) -> Draft:
        values = _draft_values(draft)
        result = await self._execute(_INSERT_DRAFT, values)
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


def _candidates(rare: int) -> Select[Any]:
    """(id, number) of the `CANDIDATES` live questions of `team_id` sharing the most idf weight
    of the `rare` terms `term_0`… (weights `weight_0`…), found in each term's `RARE_POSTINGS`
    newest postings (a range scan of their key)."""
    parts = []
    for i in range(rare):
        newest = (
            select(search_postings.c.question_id)
            .where(
                search_postings.c.team_id == bindparam("team_id"),
                search_postings.c.kind == "q",
                search_postings.c.term == bindparam(f"term_{i}"),
            )
            .order_by(search_postings.c.question_id.desc())
            .limit(RARE_POSTINGS)
            .subquery()
        )
        weight = bindparam(f"weight_{i}", type_=Float())
        parts.append(select(newest.c.question_id, weight.label("weight")))
    found = union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
    shared = (
        select(found.c.question_id, func.sum(found.c.weight).label("shared"))
        .group_by(found.c.question_id)
        .subquery()
    )
    return (
        select(questions.c.id, questions.c.number)
        .join(shared, shared.c.question_id == questions.c.id)
        .where(questions.c.team_id == bindparam("team_id"), questions.c.deleted_at.is_(None))
        .order_by(shared.c.shared.desc(), questions.c.id.desc())
        .limit(CANDIDATES)
    )


def _terms_with_df() -> Select[Any]:
    """(question_id, term, df) of the questions `question_ids`' own-text terms, df as the team's
    index has it.

    The question ids are the team's own (the candidates just read), so the statement names no
    team: with `team_id = ?` beside `question_id IN (...)`, PostgreSQL's planner, on statistics
    a little stale, chose a range scan of the postings' primary key over the team's whole index
    (500 ms on 20,000 questions) instead of the question-id index (under 1 ms)."""
    postings = search_postings
    return (
        select(postings.c.question_id, postings.c.term, search_df.c.df)
        .select_from(
            postings.outerjoin(
                search_df,
                and_(
                    search_df.c.team_id == postings.c.team_id,
                    search_df.c.kind == postings.c.kind,
                    search_df.c.term == postings.c.term,
                ),
            )
        )
        .where(
            postings.c.kind == "q",
            postings.c.question_id.in_(bindparam("question_ids", expanding=True)),
        )
    )


# Built once (per number of rare terms): every /ask runs them for its "asked before?" check, and
# building these unions of subqueries and their cache keys cost several times the reads.
_CANDIDATES = {rare: _candidates(rare) for rare in range(1, RARE_TERMS + 1)}
_TERMS_WITH_DF = _terms_with_df()
_INSERT_DRAFT = ask_drafts.insert().returning(ask_drafts.c.id)
