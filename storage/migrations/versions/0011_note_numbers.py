"""Numbered notes, and their edits and deletions: who changed or removed one, and when.

Notes get a number per team, like questions, so people can name them (`/edit note 3`); the
numbers of deleted notes are never given again (`teams.next_note_number`, the team row as the
lock). Existing notes are numbered per team in the order they were written (by id).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BY = ("edited_by", "deleted_by")

NUMBER_EXISTING = sa.text(
    "UPDATE notes SET number = (SELECT COUNT(*) FROM notes AS earlier "
    "WHERE earlier.team_id = notes.team_id AND earlier.id <= notes.id)"
)
COUNTERS = sa.text(
    "UPDATE teams SET next_note_number = 1 + COALESCE("
    "(SELECT MAX(notes.number) FROM notes WHERE notes.team_id = teams.id), 0)"
)


def upgrade() -> None:
    with op.batch_alter_table("teams") as batch:
        batch.add_column(
            sa.Column("next_note_number", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )
    with op.batch_alter_table("notes") as batch:
        batch.add_column(sa.Column("number", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("edited_by", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("deleted_by", sa.Integer(), nullable=True))
        for column in BY:
            batch.create_foreign_key(f"fk_notes_{column}_members", "members", [column], ["id"])
    op.execute(NUMBER_EXISTING)
    op.execute(COUNTERS)
    with op.batch_alter_table("notes") as batch:
        batch.alter_column("number", existing_type=sa.Integer(), nullable=False)
        batch.create_unique_constraint("uq_notes_team_id_number", ["team_id", "number"])


def downgrade() -> None:
    with op.batch_alter_table("notes") as batch:
        batch.drop_constraint("uq_notes_team_id_number", type_="unique")
        for column in BY:
            batch.drop_constraint(f"fk_notes_{column}_members", type_="foreignkey")
        for column in ("deleted_by", "deleted_at", "edited_by", "edited_at", "number"):
            batch.drop_column(column)
    with op.batch_alter_table("teams") as batch:
        batch.drop_column("next_note_number")
