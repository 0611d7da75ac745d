"""A team's publishing settings and its publications: one row per team and week published."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class PushSchedule(StrEnum):
    WEEKLY = "weekly"  # after the weekly post, once per team-week
    OFF = "off"  # only when someone runs `peerbot publish`


class PubState(StrEnum):
    PENDING = "pending"  # to be tried at `next_try_at`
    PUBLISHED = "published"  # a commit was pushed (`commit_sha`)
    UNCHANGED = "unchanged"  # the remote already had these files: no commit
    FAILED = "failed"  # gave up retrying; kept and listed, `peerbot publish retry` tries again
    SKIPPED = "skipped"  # decided, not published (a week without a study day): the reason kept


SETTLED = (PubState.PUBLISHED, PubState.UNCHANGED, PubState.SKIPPED)


@dataclass
class PublishSettings:
    """Where and how a team's week goes to its repository (`/team settings repo:...`)."""

    team_id: int
    repo_url: str | None = None  # never with credentials: the token comes from the environment
    branch: str = "main"
    layout: str | None = None  # None: `bot.publish.layout.DEFAULT_LAYOUT`
    push: PushSchedule = PushSchedule.OFF
    publish_minutes: bool = True
    weekly_since: datetime | None = None  # weekly pushes start with weeks posted after this


@dataclass
class Publication:
    """One team-week's publishing, tried like an outbox row: attempts, the last error, when next."""

    team_id: int
    week: int
    state: PubState
    created_at: datetime
    attempts: int = 0
    last_error: str | None = None
    commit_sha: str | None = None
    next_try_at: datetime | None = None
    updated_at: datetime | None = None
    id: int | None = None
