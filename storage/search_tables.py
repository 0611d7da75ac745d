"""The search tables (migration 0017), defined on `storage.tables.metadata` by `define`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)


def define(metadata: MetaData, UtcDateTime: Any) -> tuple[Table, Table, Table, Table]:
    """search_postings, search_df, search_stats and ask_drafts."""
    # --- search: term postings per question, kept by storage.search_index
    # A question is two documents: its own text (kind "q") and its live answers' texts together
    # ("a"). `length` is the document's length in terms, beside each posting so BM25 needs no join.
    search_postings = Table(
        "search_postings",
        metadata,
        Column("team_id", Integer, ForeignKey("teams.id"), nullable=False),
        Column("kind", Text, nullable=False),
        Column("term", Text, nullable=False),
        Column("question_id", Integer, ForeignKey("questions.id"), nullable=False),
        Column("tf", Integer, nullable=False),
        Column("length", Integer, nullable=False),
        PrimaryKeyConstraint("team_id", "kind", "term", "question_id"),
        Index(None, "question_id"),
        sqlite_with_rowid=False,  # a term's postings, tf and length together in the key's order
    )

    # How many of a team's documents of a kind hold each term.
    search_df = Table(
        "search_df",
        metadata,
        Column("team_id", Integer, ForeignKey("teams.id"), nullable=False),
        Column("kind", Text, nullable=False),
        Column("term", Text, nullable=False),
        Column("df", Integer, nullable=False),
        PrimaryKeyConstraint("team_id", "kind", "term"),
        sqlite_with_rowid=False,
    )

    # A team's documents of a kind with a term, and their lengths summed (BM25's N and avgdl).
    search_stats = Table(
        "search_stats",
        metadata,
        Column("team_id", Integer, ForeignKey("teams.id"), nullable=False),
        Column("kind", Text, nullable=False),
        Column("docs", Integer, nullable=False),
        Column("total_length", Integer, nullable=False),
        PrimaryKeyConstraint("team_id", "kind"),
    )

    # A question held back at /ask while its asker looks at similar ones ("asked before?");
    # `/post <id>` (the *Post anyway* button) posts it and records the number it got.
    ask_drafts = Table(
        "ask_drafts",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("team_id", Integer, ForeignKey("teams.id"), nullable=False),
        Column("member_id", Integer, ForeignKey("members.id"), nullable=False),
        Column("text", Text, nullable=False),
        Column("category", Text, nullable=True),
        Column("assignment", Text, nullable=True),
        Column("topic", Text, nullable=True),
        Column("created_at", UtcDateTime, nullable=False),
        Column("posted_number", Integer, nullable=True),
    )
    return search_postings, search_df, search_stats, ask_drafts
