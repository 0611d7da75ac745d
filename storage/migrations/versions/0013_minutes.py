"""The minutes as the team writes them: a question's topic and a note's place.

A question may carry a topic (`/ask … topic:"SVD 특이값 분해"`), under which the peer minutes
group it; a note says where it goes in the minutes: among the session notes (`notes`, every
existing note) or before the mentor's questions (`mentor`), in the team's own words.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("questions") as batch:
        batch.add_column(sa.Column("topic", sa.Text(), nullable=True))
    with op.batch_alter_table("notes") as batch:
        batch.add_column(sa.Column("place", sa.Text(), nullable=False, server_default="notes"))


def downgrade() -> None:
    with op.batch_alter_table("notes") as batch:
        batch.drop_column("place")
    with op.batch_alter_table("questions") as batch:
        batch.drop_column("topic")
