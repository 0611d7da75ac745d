"""Question cards kept current: where each posted card is, and outbox rows that edit one.

`cards` remembers each message that shows a command's reply (`question 12 view:card`), by its
platform, channel and message id; an outbox row with `edits` set edits that message instead of
posting a new one.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("shows", sa.Text(), nullable=False),
        sa.Column("platform", sa.Text(), nullable=False),
        sa.Column("channel_id", sa.Text(), nullable=False),
        sa.Column("message_ref", sa.Text(), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name="fk_cards_team_id_teams"),
        sa.PrimaryKeyConstraint("id", name="pk_cards"),
        sa.UniqueConstraint(
            "platform", "channel_id", "message_ref", name="uq_cards_platform_channel_id_message_ref"
        ),
    )
    op.create_index("ix_cards_team_id_shows", "cards", ["team_id", "shows"])
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("edits", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("edits")
    op.drop_index("ix_cards_team_id_shows", table_name="cards")
    op.drop_table("cards")
