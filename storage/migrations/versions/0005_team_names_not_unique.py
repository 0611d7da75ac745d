"""Team names are no longer unique across the deployment (a name told one workspace whether
another workspace or server had a team of that name); the CLI tells same-named teams apart by
`PLATFORM:CHANNEL`.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("teams") as batch:
        batch.drop_constraint("uq_teams_name", type_="unique")
        batch.create_index("ix_teams_name", ["name"])


def downgrade() -> None:
    # Fails, as it should, while two teams share a name: rename one first.
    with op.batch_alter_table("teams") as batch:
        batch.drop_index("ix_teams_name")
        batch.create_unique_constraint("uq_teams_name", ["name"])
