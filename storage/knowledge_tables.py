"""The tables of the team's knowledge outside the chat: publishing to its repository
(migration 0018) and the web view's links (0019), defined on `storage.tables.metadata` by
`define`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    text,
    true,
)


def define(metadata: MetaData, UtcDateTime: Any) -> tuple[Table, Table, Table, Table]:
    """web_secret, web_links, team_publishing and publications."""
    # The web view (0019): the secret that signs every team's web links when PEERBOT_WEB_SECRET is
    # not set (one row, made on first use), and each team's link generation: `/team web revoke`
    # bumps it, and every link signed with an older one is refused.
    web_secret = Table(
        "web_secret",
        metadata,
        Column("id", Integer, primary_key=True),  # always 1
        Column("secret", Text, nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
    )

    web_links = Table(
        "web_links",
        metadata,
        Column("team_id", Integer, ForeignKey("teams.id"), primary_key=True),
        Column("generation", Integer, nullable=False),
        Column("revoked_at", UtcDateTime, nullable=True),
        Column("revoked_by", Text, nullable=True),  # the admin's platform user id
    )

    # Publishing to the team's repository (0018): a team's settings with the lease that keeps two
    # processes from pushing one team at once, and one row per team-week published, retried like
    # an outbox row.
    team_publishing = Table(
        "team_publishing",
        metadata,
        Column("team_id", Integer, ForeignKey("teams.id"), primary_key=True),
        Column("repo_url", Text, nullable=True),
        Column("branch", Text, nullable=False, server_default="main"),
        Column("layout", Text, nullable=True),
        Column("push", Text, nullable=False, server_default="off"),
        Column("publish_minutes", Boolean, nullable=False, server_default=true()),
        Column("weekly_since", UtcDateTime, nullable=True),
        Column("lease_holder", Text, nullable=True),
        Column("lease_until", UtcDateTime, nullable=True),
    )

    publications = Table(
        "publications",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("team_id", Integer, ForeignKey("teams.id"), nullable=False),
        Column("week", Integer, nullable=False),
        Column("state", Text, nullable=False),
        Column("attempts", Integer, nullable=False, server_default=text("0")),
        Column("last_error", Text, nullable=True),
        Column("commit_sha", Text, nullable=True),
        Column("next_try_at", UtcDateTime, nullable=True),
        Column("created_at", UtcDateTime, nullable=False),
        Column("updated_at", UtcDateTime, nullable=True),
        UniqueConstraint("team_id", "week"),
        Index(None, "state", "next_try_at"),
    )
    return web_secret, web_links, team_publishing, publications
