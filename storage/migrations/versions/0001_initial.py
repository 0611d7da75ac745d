"""Initial schema: teams, days off, members, questions, answers, notes.

Revision ID: 0001
Revises:
Create Date: 2025-01-01 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.text("CURRENT_TIMESTAMP")


def instant(
    name: str, *, nullable: bool = False, server_default: sa.TextClause | None = None
) -> sa.Column[datetime]:
    """An aware UTC instant (storage.tables.UtcDateTime is this type on the Python side)."""
    return sa.Column(
        name, sa.DateTime(timezone=True), nullable=nullable, server_default=server_default
    )


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.Text(), nullable=False),
        sa.Column("channel_id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("zone", sa.Text(), nullable=False),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("language", sa.Text(), nullable=False),
        sa.Column("retro_template", sa.Text(), nullable=False),
        sa.Column("weekdays", sa.Text(), nullable=False),
        sa.Column(
            "next_question_number", sa.Integer(), server_default=sa.text("1"), nullable=False
        ),
        instant("created_at", server_default=NOW),
        sa.PrimaryKeyConstraint("id", name="pk_teams"),
        sa.UniqueConstraint("name", name="uq_teams_name"),
        sa.UniqueConstraint("platform", "channel_id", name="uq_teams_platform_channel_id"),
    )
    op.create_table(
        "team_days_off",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_team_days_off_team_id_teams"),
        sa.PrimaryKeyConstraint("team_id", "day", name="pk_team_days_off"),
    )
    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Text(), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("is_admin", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        instant("joined_at", server_default=NOW),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_members_team_id_teams"),
        sa.PrimaryKeyConstraint("id", name="pk_members"),
        sa.UniqueConstraint("team_id", "user_id", name="uq_members_team_id_user_id"),
    )
    op.create_table(
        "questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("asker_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("category", sa.Text(), nullable=False),
        sa.Column("assignment", sa.Text(), nullable=True),
        sa.Column("study_date", sa.Date(), nullable=False),
        instant("asked_at"),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("flag", sa.Text(), nullable=False),
        instant("flagged_at", nullable=True),
        instant("resolved_at", nullable=True),
        sa.Column("accepted_answer_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["asker_id"], ["members.id"], name="fk_questions_asker_id_members"),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_questions_team_id_teams"),
        sa.PrimaryKeyConstraint("id", name="pk_questions"),
        sa.UniqueConstraint("team_id", "number", name="uq_questions_team_id_number"),
    )
    op.create_index(
        "ix_questions_team_id_study_date", "questions", ["team_id", "study_date"], unique=False
    )
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        instant("created_at"),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name="fk_answers_member_id_members"),
        sa.ForeignKeyConstraint(
            ["question_id"], ["questions.id"], name="fk_answers_question_id_questions"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_answers"),
    )
    op.create_index("ix_answers_question_id", "answers", ["question_id"], unique=False)
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("study_date", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        instant("created_at"),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name="fk_notes_member_id_members"),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_notes_team_id_teams"),
        sa.PrimaryKeyConstraint("id", name="pk_notes"),
    )
    op.create_index("ix_notes_team_id_study_date", "notes", ["team_id", "study_date"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_notes_team_id_study_date", table_name="notes")
    op.drop_table("notes")
    op.drop_index("ix_answers_question_id", table_name="answers")
    op.drop_table("answers")
    op.drop_index("ix_questions_team_id_study_date", table_name="questions")
    op.drop_table("questions")
    op.drop_table("members")
    op.drop_table("team_days_off")
    op.drop_table("teams")
