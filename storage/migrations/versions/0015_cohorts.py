"""Cohorts and the mentors' channel: teams linked to one channel of their mentors.

`cohorts` (one mentors' channel each, a unique name and join code), `cohort_teams` (a team in at
most one cohort, numbered there), `cohort_mentors` (cohort-wide mentors) and a cohort mentor's
claim on a question (`questions.claimed_*`). No existing row changes: no team is in a cohort and
no question is claimed.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cohorts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("platform", sa.Text(), nullable=False),
        sa.Column("channel_id", sa.Text(), nullable=False),
        sa.Column("language", sa.Text(), nullable=False),
        sa.Column("join_code", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_team_number", sa.Integer(), nullable=False, server_default=sa.text("1")),
        sa.PrimaryKeyConstraint("id", name="pk_cohorts"),
        sa.UniqueConstraint("name", name="uq_cohorts_name"),
        sa.UniqueConstraint("platform", "channel_id", name="uq_cohorts_platform_channel_id"),
        sa.UniqueConstraint("join_code", name="uq_cohorts_join_code"),
    )
    op.create_table(
        "cohort_teams",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_cohort_teams_team_id_teams"),
        sa.ForeignKeyConstraint(
            ["cohort_id"], ["cohorts.id"], name="fk_cohort_teams_cohort_id_cohorts"
        ),
        sa.PrimaryKeyConstraint("team_id", name="pk_cohort_teams"),
        sa.UniqueConstraint("cohort_id", "number", name="uq_cohort_teams_cohort_id_number"),
    )
    op.create_table(
        "cohort_mentors",
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Text(), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("is_admin", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["cohort_id"], ["cohorts.id"], name="fk_cohort_mentors_cohort_id_cohorts"
        ),
        sa.PrimaryKeyConstraint("cohort_id", "user_id", name="pk_cohort_mentors"),
    )
    with op.batch_alter_table("questions") as batch:
        batch.add_column(sa.Column("claimed_user", sa.Text(), nullable=True))
        batch.add_column(sa.Column("claimed_name", sa.Text(), nullable=True))
        batch.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("questions") as batch:
        batch.drop_column("claimed_at")
        batch.drop_column("claimed_name")
        batch.drop_column("claimed_user")
    op.drop_table("cohort_mentors")
    op.drop_table("cohort_teams")
    op.drop_table("cohorts")
