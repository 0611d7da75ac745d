"""The team schedule (reminder times, digest, office hours, grace) and the outbox.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def schedule_columns() -> list[sa.Column[object]]:
    """New columns each time: a Column object belongs to one table."""
    return [
        sa.Column("session_time", sa.Text(), nullable=False, server_default="16:00"),
        sa.Column(
            "session_reminder_minutes", sa.Integer(), nullable=False, server_default=sa.text("10")
        ),
        sa.Column("retro_time", sa.Text(), nullable=False, server_default="21:00"),
        sa.Column("assignment_reminder_hours", sa.Text(), nullable=False, server_default="24,1"),
        sa.Column("digest_weekday", sa.Integer(), nullable=True),
        sa.Column("digest_time", sa.Text(), nullable=False, server_default="18:00"),
        sa.Column("office_hours", sa.Text(), nullable=True),
        sa.Column("grace_minutes", sa.Integer(), nullable=False, server_default=sa.text("120")),
    ]


def instant(name: str, *, nullable: bool = False) -> sa.Column[datetime]:
    """An aware UTC instant (storage.tables.UtcDateTime is this type on the Python side)."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    with op.batch_alter_table("teams") as batch:
        for column in schedule_columns():
            batch.add_column(column)
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("occurrence", sa.Text(), nullable=False),
        instant("due_at"),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default=sa.text("0")),
        instant("next_attempt_at", nullable=True),
        instant("claimed_until", nullable=True),
        instant("sent_at", nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        instant("created_at"),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_outbox_team_id_teams"),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint(
            "team_id", "kind", "occurrence", name="uq_outbox_team_id_kind_occurrence"
        ),
    )
    op.create_index("ix_outbox_state_due_at", "outbox", ["state", "due_at"])


def downgrade() -> None:
    op.drop_index("ix_outbox_state_due_at", table_name="outbox")
    op.drop_table("outbox")
    with op.batch_alter_table("teams") as batch:
        for column in reversed(schedule_columns()):
            batch.drop_column(column.name)
