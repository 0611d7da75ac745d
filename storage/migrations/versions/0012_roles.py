"""Roles, removal and endorsements: a member's mentor flag and removal, a mentor's ✅ on an answer.

`is_admin` keeps its meaning for every existing row; every existing member becomes a plain
(non-mentor), current (not removed) member, and no answer is endorsed.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.add_column(
            sa.Column("is_mentor", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("answers") as batch:
        batch.add_column(sa.Column("endorsed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("endorsed_by", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_answers_endorsed_by_members", "members", ["endorsed_by"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("answers") as batch:
        batch.drop_constraint("fk_answers_endorsed_by_members", type_="foreignkey")
        batch.drop_column("endorsed_by")
        batch.drop_column("endorsed_at")
    with op.batch_alter_table("members") as batch:
        batch.drop_column("removed_at")
        batch.drop_column("is_mentor")
