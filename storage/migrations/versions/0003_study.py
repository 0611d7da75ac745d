"""Retrospectives, assignments with their done marks, days away; the assignment counter.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def instant(name: str, *, nullable: bool = False) -> sa.Column[datetime]:
    """An aware UTC instant (storage.tables.UtcDateTime is this type on the Python side)."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def team_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name=f"fk_{table}_team_id_teams")


def upgrade() -> None:
    with op.batch_alter_table("teams") as batch:
        batch.add_column(
            sa.Column(
                "next_assignment_number", sa.Integer(), nullable=False, server_default=sa.text("1")
            )
        )
    op.create_table(
        "retros",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("study_date", sa.Date(), nullable=False),
        sa.Column("template", sa.Text(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        instant("created_at"),
        instant("updated_at"),
        team_fk("retros"),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name="fk_retros_member_id_members"),
        sa.PrimaryKeyConstraint("id", name="pk_retros"),
        sa.UniqueConstraint(
            "team_id", "member_id", "study_date", name="uq_retros_team_id_member_id_study_date"
        ),
    )
    op.create_index("ix_retros_team_id_study_date", "retros", ["team_id", "study_date"])
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        instant("due_at"),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=False),
        instant("created_at"),
        team_fk("assignments"),
        sa.ForeignKeyConstraint(
            ["created_by"], ["members.id"], name="fk_assignments_created_by_members"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_assignments"),
        sa.UniqueConstraint("team_id", "number", name="uq_assignments_team_id_number"),
    )
    op.create_index("ix_assignments_due_at", "assignments", ["due_at"])
    op.create_table(
        "assignment_done",
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        instant("done_at"),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["assignments.id"],
            name="fk_assignment_done_assignment_id_assignments",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name="fk_assignment_done_member_id_members"
        ),
        sa.PrimaryKeyConstraint("assignment_id", "member_id", name="pk_assignment_done"),
    )
    op.create_table(
        "away",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        team_fk("away"),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name="fk_away_member_id_members"),
        sa.PrimaryKeyConstraint("id", name="pk_away"),
    )
    op.create_index("ix_away_team_id_last_day", "away", ["team_id", "last_day"])


def downgrade() -> None:
    op.drop_index("ix_away_team_id_last_day", table_name="away")
    op.drop_table("away")
    op.drop_table("assignment_done")
    op.drop_index("ix_assignments_due_at", table_name="assignments")
    op.drop_table("assignments")
    op.drop_index("ix_retros_team_id_study_date", table_name="retros")
    op.drop_table("retros")
    with op.batch_alter_table("teams") as batch:
        batch.drop_column("next_assignment_number")
