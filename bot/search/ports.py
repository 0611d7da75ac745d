"""The search side of a unit of work (`UnitOfWork.search`): ranked search, similar questions,
and the drafts "asked before?" holds at /ask."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class SearchResult:
    """A page of ranked question numbers, how many match in all, and what the search left out:
    `ignored` terms too common to rank by, `capped` terms of which only the newest postings
    were read (`storage.search_index`)."""

    numbers: tuple[int, ...]
    total: int
    terms: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    capped: tuple[str, ...] = ()
    cap: int = 0  # postings read at most per term


@dataclass(frozen=True)
class Draft:
    """A question held back at /ask while its asker looks at similar ones."""

    team_id: int
    member_id: int
    text: str
    created_at: datetime
    category: str | None = None
    assignment: str | None = None
    topic: str | None = None
    id: int | None = None
    posted_number: int | None = None


class SearchRepository(Protocol):
    async def search(
        self, team_id: int, text: str, limit: int = 30, offset: int = 0
    ) -> SearchResult:
        """The team's live questions matching any term of `text` (`bot.search.analyser`),
        best first by BM25 over each question's text and its answers', newest first on a tie;
        `limit` and `offset` page them (a limit of 0 counts only)."""
        ...

    async def similar(self, team_id: int, text: str, limit: int = 3) -> Sequence[tuple[int, float]]:
        """Up to `limit` live questions whose own text is like `text`: (number, similarity in
        0..1, `bot.search.similar`), at or over `SIMILAR_FLOOR`, most similar first."""
        ...

    async def add_draft(self, draft: Draft) -> Draft: ...
    async def get_draft(self, team_id: int, draft_id: int) -> Draft | None: ...
    async def mark_posted(self, team_id: int, draft_id: int, number: int) -> None: ...
