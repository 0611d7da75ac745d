"""The search index: term postings of each question's two documents, and BM25 over them.

A question is two documents: its own text (kind "q") and its live answers' texts together
(kind "a"). `reindex` analyses both again (`bot.search.analyser`) and writes the difference to
`search_postings`, `search_df` and `search_stats`, on the connection of the unit of work that
changed the text: the index commits or rolls back with it. A deleted question has no postings.

Ranking is BM25 (k1 1.2, b 0.75) in SQL over the postings of the searched terms, an answer's
match weighing `ANSWER_WEIGHT` of the question's own. Reading stays bounded on a big team:

- a term in more than `COMMON_SHARE` of a team's questions (once it has `COMMON_MIN_DOCS`) is
  stop-word-like; it is left out when rarer terms are searched too (`Plan.ignored` says which);
- at most `POSTINGS_CAP` postings are read per term, the newest questions' (`Plan.capped`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Subquery,
    and_,
    bindparam,
    case,
    func,
    literal,
    select,
    union_all,
)

from bot.search.analyser import frequencies, query_terms
from storage import statements as sql
from storage.repositories import SqlRepository
from storage.tables import answers, questions, search_df, search_postings, search_stats

K1, B = 1.2, 0.75
ANSWER_WEIGHT = 0.5
COMMON_SHARE = 0.2
COMMON_MIN_DOCS = 500
POSTINGS_CAP = 2000
MAX_QUERY_TERMS = 20
KINDS = ("q", "a")


# The plan's two reads, built once: every /ask plans its "asked before?" check, and building a
# statement and its cache key cost more than SQLite's work (as `storage.statements` says).
_STATS_OF_TEAM = select(search_stats).where(search_stats.c.team_id == bindparam("team_id"))
_DF_OF_TERMS = select(search_df.c.kind, search_df.c.term, search_df.c.df).where(
    search_df.c.team_id == bindparam("team_id"),
    search_df.c.kind.in_(bindparam("kinds", expanding=True)),
    search_df.c.term.in_(bindparam("terms", expanding=True)),
)


@dataclass(frozen=True)
class Plan:
    """What a search reads: (kind, term, weight) triples, the average lengths, and what it left
    out (`ignored`: too common to rank by; `capped`: only the newest postings read)."""

    terms: tuple[str, ...]
    weights: tuple[tuple[str, str, float], ...]
    average: dict[str, float]
    ignored: tuple[str, ...] = ()
    capped: tuple[str, ...] = ()
    docs: dict[str, int] = field(default_factory=dict)
    df: dict[tuple[str, str], int] = field(default_factory=dict)


class SearchIndex(SqlRepository):
    """The postings of one connection's unit of work (the question repository's)."""

    async def reindex(self, question_id: int) -> None:
        """Bring the question's two documents up to date (none for a deleted question)."""
        row = (
            await self._execute(
                select(questions.c.team_id, questions.c.text, questions.c.deleted_at)
                .where(questions.c.id == question_id)
                .with_for_update()  # PostgreSQL: see `statements.LOCK_QUESTION`
            )
        ).one_or_none()
        if row is None:
            return
        live = row.deleted_at is None
        texts = await self._execute(
            select(answers.c.text)
            .where(answers.c.question_id == question_id, answers.c.deleted_at.is_(None))
            .order_by(answers.c.created_at, answers.c.id)
        )
        documents = {
            "q": frequencies(row.text) if live else Counter(),
            "a": sum((frequencies(t) for (t,) in texts), Counter()) if live else Counter(),
        }
        for kind, counts in documents.items():
            await self._replace(row.team_id, kind, question_id, counts)

    async def index_new(self, team_id: int, question_id: int, text: str) -> None:
        """A question just inserted, with no answers: its own text's postings, df and stats,
        written without reading anything back (there is nothing indexed for it yet)."""
        await self._write(team_id, "q", question_id, {}, 0, frequencies(text))

    async def add_answer_text(
        self, team_id: int, question_id: int, member_id: int, text: str
    ) -> bool:
        """Before an answer is inserted: False if the question or the member is not the team's
        (nothing written). Else its text joins the question's answers document: one read (the
        question's liveness and its answers' postings), then the difference written. The same
        postings `reindex` would write, as the answers' document is the sum of their terms."""
        if self._connection.dialect.name != "sqlite":
            await self._execute(sql.LOCK_QUESTION, {"question_id": question_id})
        found = (
            await self._execute(
                sql.ANSWER_POSTINGS_IF_IN_TEAM,
                {"question_id": question_id, "team_id": team_id, "member_id": member_id},
            )
        ).all()
        if not found:
            return False
        if found[0].deleted_at is None:  # a deleted question keeps no postings
            old = {row.term: row.tf for row in found if row.term is not None}
            await self._grow(team_id, "a", question_id, old, frequencies(text))
        return True

    async def _grow(
        self, team_id: int, kind: str, question_id: int, old: dict[str, int], added: Counter[str]
    ) -> None:
        """The document's postings `old` grown by the terms `added` (`_write` of the sum,
        without rewriting the postings that stay): every posting's length moved, the added
        terms' tf upserted, df +1 for the terms new to it, the stats moved."""
        if not added:
            return
        document = {"team_id": team_id, "kind": kind, "question_id": question_id}
        grown = sum(added.values())
        length = sum(old.values()) + grown
        if old:
            where = {"of_team": team_id, "of_kind": kind, "of_question": question_id}
            await self._execute(sql.SET_POSTINGS_LENGTH, {**where, "new_length": length})
        rows = [
            {**document, "term": term, "tf": tf, "length": length} for term, tf in added.items()
        ]
        dialect = self._connection.dialect.name
        await self._execute(sql.GROW_POSTINGS[dialect], rows)  # type: ignore[arg-type]
        await self._add_df(team_id, kind, [(t, 1) for t in added if t not in old])
        await self._add_stats(team_id, kind, 0 if old else 1, grown)

    async def _replace(self, team_id: int, kind: str, question_id: int, new: Counter[str]) -> None:
        where = (
            search_postings.c.team_id == team_id,
            search_postings.c.kind == kind,
            search_postings.c.question_id == question_id,
        )
        old_rows = (
            await self._execute(
                select(
                    search_postings.c.term, search_postings.c.tf, search_postings.c.length
                ).where(*where)
            )
        ).all()
        old = {r.term: r.tf for r in old_rows}
        old_length = old_rows[0].length if old_rows else 0
        await self._write(team_id, kind, question_id, old, old_length, new)

    async def _write(
        self,
        team_id: int,
        kind: str,
        question_id: int,
        old: dict[str, int],
        old_length: int,
        new: Counter[str],
    ) -> None:
        """Replace a document's postings `old` (of total length `old_length`) with `new`, and
        move df and stats by the difference; nothing when they are the same."""
        if old == dict(new):
            return
        length = sum(new.values())
        document = {"team_id": team_id, "kind": kind, "question_id": question_id}
        if old:
            await self._execute(sql.DELETE_POSTINGS, document)
        if new:
            rows = [
                {
                    "team_id": team_id,
                    "kind": kind,
                    "term": t,
                    "question_id": question_id,
                    "tf": tf,
                    "length": length,
                }
                for t, tf in new.items()
            ]
            await self._execute(sql.INSERT_POSTINGS, rows)  # type: ignore[arg-type]
        gone, came = set(old) - set(new), set(new) - set(old)
        await self._add_df(team_id, kind, [(t, -1) for t in gone] + [(t, 1) for t in came])
        docs = (1 if new else 0) - (1 if old else 0)
        await self._add_stats(team_id, kind, docs, length - old_length)

    async def _add_df(self, team_id: int, kind: str, changes: list[tuple[str, int]]) -> None:
        if not changes:
            return
        # In term order: two units of work moving shared terms lock their rows in one order
        # (PostgreSQL), so neither waits on the other's next row while holding one it needs.
        rows = [{"team_id": team_id, "kind": kind, "term": t, "df": n} for t, n in sorted(changes)]
        await self._execute(sql.ADD_DF[self._connection.dialect.name], rows)  # type: ignore[arg-type]
        if any(n < 0 for _, n in changes):  # a term gone from its last document
            await self._execute(sql.DELETE_UNUSED_DF, {"team_id": team_id, "kind": kind})

    async def _add_stats(self, team_id: int, kind: str, docs: int, length: int) -> None:
        values = {"team_id": team_id, "kind": kind, "docs": docs, "total_length": length}
        await self._execute(sql.ADD_STATS[self._connection.dialect.name], values)

    async def plan(self, team_id: int, text: str, kinds: Sequence[str] = KINDS) -> Plan:
        """The terms of `text` with their BM25 weights in the team's index (no term: empty)."""
        terms = tuple(query_terms(text, MAX_QUERY_TERMS))
        if not terms:
            return Plan(terms, (), {})
        stats = {
            r.kind: (r.docs, r.total_length)
            for r in await self._execute(_STATS_OF_TEAM, {"team_id": team_id})
        }
        df_rows = await self._execute(
            _DF_OF_TERMS, {"team_id": team_id, "kinds": list(kinds), "terms": list(terms)}
        )
        df = {(r.kind, r.term): r.df for r in df_rows}
        docs = {kind: stats.get(kind, (0, 0))[0] for kind in KINDS}
        questions_count = docs["q"]
        common = {
            term
            for term in terms
            if questions_count >= COMMON_MIN_DOCS
            and df.get(("q", term), 0) + df.get(("a", term), 0) > COMMON_SHARE * questions_count
        }
        found = {term for (_, term) in df}
        ignored = tuple(t for t in terms if t in common) if found - common else ()
        weights = []
        for (kind, term), n in df.items():
            if term in ignored:
                continue
            idf = math.log(1 + (docs[kind] - n + 0.5) / (n + 0.5))
            weights.append((kind, term, idf * (1.0 if kind == "q" else ANSWER_WEIGHT)))
        average = {
            k: (stats[k][1] / stats[k][0]) if stats.get(k, (0, 0))[0] else 1.0 for k in KINDS
        }
        capped = tuple(
            sorted({t for (k, t), n in df.items() if n > POSTINGS_CAP and t not in ignored})
        )
        return Plan(terms, tuple(sorted(weights)), average, ignored, capped, docs, df)


def scored(team_id: int, plan: Plan) -> Subquery:
    """(question_id, score) of every question a planned term is in, BM25 summed over terms."""
    parts = []
    for kind, term, _ in plan.weights:
        source = (
            select(
                search_postings.c.kind,
                search_postings.c.term,
                search_postings.c.question_id,
                search_postings.c.tf,
                search_postings.c.length,
            )
            .where(
                search_postings.c.team_id == team_id,
                search_postings.c.kind == kind,
                search_postings.c.term == term,
            )
            .order_by(search_postings.c.question_id.desc())
            .limit(POSTINGS_CAP)
            .subquery()
        )
        parts.append(select(*source.c))
    postings = union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
    weight = case(
        *(
            (and_(postings.c.kind == k, postings.c.term == t), literal(w))
            for k, t, w in plan.weights
        ),
        else_=literal(0.0),
    )
    average = case(
        (postings.c.kind == "q", literal(plan.average["q"])), else_=literal(plan.average["a"])
    )
    tf = postings.c.tf * literal(1.0)
    score: ColumnElement[Any] = (
        weight * tf * (K1 + 1) / (tf + K1 * (1 - B + B * postings.c.length / average))
    )
    return (
        select(postings.c.question_id, func.sum(score).label("score"))
        .group_by(postings.c.question_id)
        .subquery()
    )
