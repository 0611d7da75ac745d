"""Search: term postings of every question and its answers, and "asked before?" at /ask.

`search_postings` (a team's terms per question document: the question's text, kind "q", and
its live answers' texts together, kind "a"), `search_df` (documents per term) and
`search_stats` (documents and summed lengths per kind) hold the BM25 index; `ask_drafts` keeps a
question held back at /ask while its asker looks at similar ones (so a restart loses none), and
`teams.similar_check` turns that check off. The index is built here for every existing live
question with the same analyser the bot uses (`bot.search.analyser`), in batches.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.search.analyser import frequencies

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2000


def _tables() -> None:
    op.create_table(
        "search_postings",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("term", sa.Text(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("tf", sa.Integer(), nullable=False),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_search_postings_team_id_teams"),
        sa.ForeignKeyConstraint(
            ["question_id"], ["questions.id"], name="fk_search_postings_question_id_questions"
        ),
        sa.PrimaryKeyConstraint(
            "team_id", "kind", "term", "question_id", name="pk_search_postings"
        ),
        sqlite_with_rowid=False,  # a term's postings, tf and length together in the key's order
    )
    op.create_index("ix_search_postings_question_id", "search_postings", ["question_id"])
    op.create_table(
        "search_df",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("term", sa.Text(), nullable=False),
        sa.Column("df", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_search_df_team_id_teams"),
        sa.PrimaryKeyConstraint("team_id", "kind", "term", name="pk_search_df"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "search_stats",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("docs", sa.Integer(), nullable=False),
        sa.Column("total_length", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_search_stats_team_id_teams"),
        sa.PrimaryKeyConstraint("team_id", "kind", name="pk_search_stats"),
    )
    op.create_table(
        "ask_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("assignment", sa.Text(), nullable=True),
        sa.Column("topic", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("posted_number", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_ask_drafts_team_id_teams"),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name="fk_ask_drafts_member_id_members"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_ask_drafts"),
    )
    with op.batch_alter_table("teams") as batch:
        batch.add_column(
            sa.Column("similar_check", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def _documents(connection: sa.Connection) -> dict[tuple[int, str, int], Counter[str]]:
    """Every live question's two documents, analysed: (team, kind, question id) -> term counts."""
    documents: dict[tuple[int, str, int], Counter[str]] = {}
    owner: dict[int, int] = {}
    rows = connection.execute(
        sa.text("SELECT id, team_id, text FROM questions WHERE deleted_at IS NULL")
    )
    for question_id, team_id, text in rows:
        owner[question_id] = team_id
        documents[(team_id, "q", question_id)] = frequencies(text)
    answers = connection.execute(
        sa.text(
            "SELECT question_id, text FROM answers WHERE deleted_at IS NULL "
            "ORDER BY question_id, created_at, id"
        )
    )
    texts: dict[int, list[str]] = {}
    for question_id, text in answers:
        if question_id in owner:
            texts.setdefault(question_id, []).append(text)
    for question_id, parts in texts.items():
        documents[(owner[question_id], "a", question_id)] = sum(
            (frequencies(part) for part in parts), Counter()
        )
    return documents


def _build(connection: sa.Connection) -> None:
    postings: list[dict[str, object]] = []
    df: Counter[tuple[int, str, str]] = Counter()
    stats: dict[tuple[int, str], list[int]] = {}
    for (team_id, kind, question_id), counts in _documents(connection).items():
        length = sum(counts.values())
        if not length:
            continue
        total = stats.setdefault((team_id, kind), [0, 0])
        total[0] += 1
        total[1] += length
        for term, tf in counts.items():
            df[(team_id, kind, term)] += 1
            postings.append(
                {
                    "team_id": team_id,
                    "kind": kind,
                    "term": term,
                    "question_id": question_id,
                    "tf": tf,
                    "length": length,
                }
            )
    table = sa.table(
        "search_postings",
        *(sa.column(c) for c in ("team_id", "kind", "term", "question_id", "tf", "length")),
    )
    for start in range(0, len(postings), BATCH):
        connection.execute(table.insert(), postings[start : start + BATCH])
    df_table = sa.table("search_df", *(sa.column(c) for c in ("team_id", "kind", "term", "df")))
    rows = [{"team_id": t, "kind": k, "term": term, "df": n} for (t, k, term), n in df.items()]
    for start in range(0, len(rows), BATCH):
        connection.execute(df_table.insert(), rows[start : start + BATCH])
    stats_table = sa.table(
        "search_stats", *(sa.column(c) for c in ("team_id", "kind", "docs", "total_length"))
    )
    if stats:
        connection.execute(
            stats_table.insert(),
            [
                {"team_id": t, "kind": k, "docs": d, "total_length": n}
                for (t, k), (d, n) in stats.items()
            ],
        )


def upgrade() -> None:
    _tables()
    _build(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("teams") as batch:
        batch.drop_column("similar_check")
    op.drop_table("ask_drafts")
    op.drop_table("search_stats")
    op.drop_table("search_df")
    op.drop_index("ix_search_postings_question_id", table_name="search_postings")
    op.drop_table("search_postings")
