"""Saved messages: the link to the chat message a question or answer was saved from.

"Save as question" and "Save as answer" (message actions on Slack and Discord) keep a link to
the original message; typed questions and answers have none (NULL).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("questions", "answers"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("source_link", sa.Text(), nullable=True))


def downgrade() -> None:
    for table in ("answers", "questions"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("source_link")
