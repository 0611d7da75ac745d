"""The words of `/questions [scope] <words>`: at most `MAX_SEARCH_WORDS`, and the lines that
say how the list is ordered and what the search left out (nothing is dropped silently)."""

from __future__ import annotations

from bot.context import Context
from bot.errors import PeerbotError
from bot.text import Line, Plain, UserText

MAX_SEARCH_WORDS = 20  # more would only cost time: the index reads each word's postings


async def words_and_notes(
    ctx: Context, typed: tuple[str, ...]
) -> tuple[tuple[str, ...], list[Line]]:
    """The distinct search words and the notes under the list: ranked by relevance, the words
    cut, terms too common to rank by, terms of which only the newest postings were read. Words
    with no term at all (only particles or stop words) are refused with one sentence."""
    words = tuple(dict.fromkeys(typed))
    if not words:
        return words, []
    notes: list[Line] = []
    if len(words) > MAX_SEARCH_WORDS:
        limit, count = Plain(str(MAX_SEARCH_WORDS)), Plain(str(len(words)))
        notes.append(ctx.line("list.words_cut", limit=limit, count=count))
        words = words[:MAX_SEARCH_WORDS]
    team = ctx.the_team
    assert team.id is not None
    found = await ctx.uow.search.search(team.id, " ".join(words), limit=0)
    if not found.terms:
        raise PeerbotError("search.no_terms")
    notes.append(ctx.line("list.ranked"))
    if found.ignored:
        notes.append(ctx.line("list.ignored", words=UserText(", ".join(found.ignored))))
    if found.capped:
        words_capped = UserText(", ".join(found.capped))
        notes.append(ctx.line("list.capped", count=Plain(str(found.cap)), words=words_capped))
    return words, notes
