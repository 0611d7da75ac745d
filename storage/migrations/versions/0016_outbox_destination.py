"""Outbox rows to another channel or into a thread: where a row goes when not the team's channel.

`channel_id` is a channel of the team's platform other than the team's (a cohort's mentors'
channel), `thread_ref` a thread to reply in (a `cards.thread_ref`); both NULL for every row
written before, which go to the team's channel top level as they did.

Revision ID: 0016
Revises: 0014
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("channel_id", sa.Text(), nullable=True))
        batch.add_column(sa.Column("thread_ref", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("thread_ref")
        batch.drop_column("channel_id")
