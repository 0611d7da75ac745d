"""The search index's writes (`storage.search_index`), one per change a document makes, built
once (as `storage.statements`, which re-exports them)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import TextClause, bindparam, delete, insert, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine.interfaces import Dialect

from storage.tables import search_df, search_postings, search_stats

DELETE_POSTINGS = delete(search_postings).where(
    (search_postings.c.team_id == bindparam("team_id"))
    & (search_postings.c.kind == bindparam("kind"))
    & (search_postings.c.question_id == bindparam("question_id"))
)
INSERT_POSTINGS = insert(search_postings)
SET_POSTINGS_LENGTH = (
    update(search_postings)
    .where(
        (search_postings.c.team_id == bindparam("of_team"))
        & (search_postings.c.kind == bindparam("of_kind"))
        & (search_postings.c.question_id == bindparam("of_question"))
    )
    .values(length=bindparam("new_length"))
)
"""A document grown (an answer joining the answers' document): every posting's length."""
DELETE_UNUSED_DF = delete(search_df).where(
    (search_df.c.team_id == bindparam("team_id"))
    & (search_df.c.kind == bindparam("kind"))
    & (search_df.c.df <= 0)
)


def _counted_upsert(
    dialect: Dialect,
    table: Any,
    keys: tuple[str, ...],
    counted: tuple[str, ...],
    *,
    replaced: tuple[str, ...] = (),
) -> TextClause:
    """INSERT of one row (its columns as bind parameters) that adds to `counted` on a key
    taken (and sets `replaced` to the row's).

    SQLAlchemy does not cache an ON CONFLICT statement (its cache key is None), so every
    execution compiled it anew, several times the database's own work; compiled here once per
    dialect into text, which the statement cache keeps."""
    insert_of = sqlite_insert if dialect.name == "sqlite" else postgresql_insert
    columns = (*keys, *counted, *replaced)
    statement = insert_of(table).values({c: bindparam(c) for c in columns})
    upsert = statement.on_conflict_do_update(
        index_elements=list(keys),
        set_={
            **{c: table.c[c] + statement.excluded[c] for c in counted},
            **{c: statement.excluded[c] for c in replaced},
        },
    )
    return text(str(upsert.compile(dialect=dialect)))


DIALECTS: tuple[Dialect, ...] = (
    sqlite.dialect(paramstyle="named"),
    postgresql.dialect(paramstyle="named"),  # type: ignore[no-untyped-call]
)
ADD_DF = {
    dialect.name: _counted_upsert(dialect, search_df, ("team_id", "kind", "term"), ("df",))
    for dialect in DIALECTS
}
"""By dialect: +n on a term's df (executed with one parameter set per term)."""
GROW_POSTINGS = {
    dialect.name: _counted_upsert(
        dialect,
        search_postings,
        ("team_id", "kind", "term", "question_id"),
        ("tf",),
        replaced=("length",),
    )
    for dialect in DIALECTS
}
"""By dialect: a term's posting in a grown document, +tf (executed per term of the growth),
with the document's new length."""
ADD_STATS = {
    dialect.name: _counted_upsert(
        dialect, search_stats, ("team_id", "kind"), ("docs", "total_length")
    )
    for dialect in DIALECTS
}
