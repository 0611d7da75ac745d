"""Edits and deletions of questions and answers: who changed or removed one, and when.

A deleted question keeps its row, so its number stays taken; the repositories leave deleted rows
out of every read that feeds a view.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("questions", "answers")
BY = ("edited_by", "deleted_by")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True))
            batch.add_column(sa.Column("edited_by", sa.Integer(), nullable=True))
            batch.add_column(sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))
            batch.add_column(sa.Column("deleted_by", sa.Integer(), nullable=True))
            for column in BY:
                batch.create_foreign_key(
                    f"fk_{table}_{column}_members", "members", [column], ["id"]
                )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            for column in BY:
                batch.drop_constraint(f"fk_{table}_{column}_members", type_="foreignkey")
            for column in ("deleted_by", "deleted_at", "edited_by", "edited_at"):
                batch.drop_column(column)
