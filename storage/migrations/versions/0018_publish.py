"""Publishing to the team's repository: a member's choice, a team's settings, its publications.

`members.publish` (a member's own files are published only when it is on; false for everyone
already there), `team_publishing` (one row per team that set a repository, with the lease that
keeps two processes from pushing the same team at once) and `publications` (one row per team and
week, retried like an outbox row). No existing row changes meaning: nothing is published until a
team sets a repository.

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.add_column(
            sa.Column("publish", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "team_publishing",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("repo_url", sa.Text(), nullable=True),
        sa.Column("branch", sa.Text(), nullable=False, server_default="main"),
        sa.Column("layout", sa.Text(), nullable=True),
        sa.Column("push", sa.Text(), nullable=False, server_default="off"),
        sa.Column("publish_minutes", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("weekly_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lease_holder", sa.Text(), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_team_publishing_team_id_teams"),
        sa.PrimaryKeyConstraint("team_id", name="pk_team_publishing"),
    )
    op.create_table(
        "publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.Integer(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("commit_sha", sa.Text(), nullable=True),
        sa.Column("next_try_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_publications_team_id_teams"),
        sa.PrimaryKeyConstraint("id", name="pk_publications"),
        sa.UniqueConstraint("team_id", "week", name="uq_publications_team_id_week"),
    )
    op.create_index("ix_publications_state_next_try_at", "publications", ["state", "next_try_at"])


def downgrade() -> None:
    op.drop_index("ix_publications_state_next_try_at", table_name="publications")
    op.drop_table("publications")
    op.drop_table("team_publishing")
    with op.batch_alter_table("members") as batch:
        batch.drop_column("publish")
