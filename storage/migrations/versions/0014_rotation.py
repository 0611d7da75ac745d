"""The session's roles: a team's rotation of moderators (and note-takers).

`rotations` holds at most one rotation per team (its period, whether a note-taker is named and
the day it was set); `rotation_members` its order, one member per position. Turns are computed
from these on the study calendar, so nothing is stored per day.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rotations",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("every", sa.Text(), nullable=False),
        sa.Column("notes", sa.Boolean(), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name=("fk_rotations_team_id_teams")),
        sa.PrimaryKeyConstraint("team_id", name=("pk_rotations")),
    )
    op.create_table(
        "rotation_members",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["rotations.team_id"],
            name=("fk_rotation_members_team_id_rotations"),
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=("fk_rotation_members_member_id_members")
        ),
        sa.PrimaryKeyConstraint("team_id", "position", name=("pk_rotation_members")),
        sa.UniqueConstraint("team_id", "member_id", name=("uq_rotation_members_team_id_member_id")),
    )


def downgrade() -> None:
    op.drop_table("rotation_members")
    op.drop_table("rotations")
