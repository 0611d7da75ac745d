"""Card threads: where a question card's thread is, and a permalink to the card.

A card starts its thread (Slack: replies under its ts; Discord: a thread created on the card
message), so the bot's answers about the question go there; the agenda and the digest link to
it. Cards posted before have neither (NULL): replies about them go in the channel as before.
A team decides whether replies in those threads are recorded as answers (`capture_threads`,
off by default), and a thread is told once when they are not (`capture_told`).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    no = sa.false()
    with op.batch_alter_table("cards") as batch:
        batch.add_column(sa.Column("thread_ref", sa.Text(), nullable=True))
        batch.add_column(sa.Column("link", sa.Text(), nullable=True))
        batch.add_column(sa.Column("capture_told", sa.Boolean(), nullable=False, server_default=no))
    with op.batch_alter_table("teams") as batch:
        batch.add_column(
            sa.Column("capture_threads", sa.Boolean(), nullable=False, server_default=no)
        )


def downgrade() -> None:
    with op.batch_alter_table("teams") as batch:
        batch.drop_column("capture_threads")
    with op.batch_alter_table("cards") as batch:
        batch.drop_column("capture_told")
        batch.drop_column("link")
        batch.drop_column("thread_ref")
