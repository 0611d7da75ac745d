"""The web view's access: the signing secret and each team's link generation.

`web_secret` holds one row, the secret made on first use when PEERBOT_WEB_SECRET is not set;
`web_links` a team's generation (absent: 0), bumped by `/team web revoke` so every link signed
before is refused, with who revoked and when.

Revision ID: 0019
Revises: 0016
Create Date: 2026-12-02 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "web_secret",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("secret", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=("pk_web_secret")),
    )
    op.create_table(
        "web_links",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name=("fk_web_links_team_id_teams")),
        sa.PrimaryKeyConstraint("team_id", name=("pk_web_links")),
    )


def downgrade() -> None:
    op.drop_table("web_links")
    op.drop_table("web_secret")
