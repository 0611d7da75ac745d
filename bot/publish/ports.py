"""What publishing needs from outside the core: a git remote to push files to, and storage.

`GitRemote.publish` is blocking (network and disk): the core runs it in a worker thread. Its
errors are `PushRefused` with one sentence that never holds the token.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from bot.publish.model import Publication, PublishSettings, PubState


@dataclass(frozen=True)
class PushRequest:
    """One team's week to commit and push: paths (`/`-separated, checked) to their contents."""

    team_id: int
    url: str  # as the team configured it, never with credentials in it
    branch: str
    files: dict[str, bytes]
    message: str
    author: str  # `Name <email>`
    token: str | None = field(default=None, repr=False)  # from the environment only
    username: str | None = None  # the URL's user name, if it gave one
    at: datetime | None = None  # the commit's time (the injected clock's now)


@dataclass(frozen=True)
class PushOutcome:
    """`changed`: a commit was pushed (`sha` is it); else nothing changed (`sha`: the head)."""

    changed: bool
    sha: str | None


class PushRefused(Exception):
    """The remote could not be reached or refused the push; the message is safe to show."""


class GitRemote(Protocol):
    def publish(self, request: PushRequest) -> PushOutcome: ...


class PublishingRepository(Protocol):
    """Teams' publishing settings, the lease on a team's pushes, and the publications."""

    async def get_settings(self, team_id: int) -> PublishSettings | None: ...

    async def save_settings(self, settings: PublishSettings) -> None: ...

    async def weekly(self) -> Sequence[PublishSettings]:
        """Every team with a repository and `push:weekly`."""
        ...

    async def claim(self, team_id: int, holder: str, now: datetime, until: datetime) -> bool:
        """Take the team's lease until `until` if nobody holds it (or it expired): one
        conditional UPDATE, so of two processes at once only one gets it."""
        ...

    async def release(self, team_id: int, holder: str) -> None: ...

    async def get(self, team_id: int, week: int) -> Publication | None: ...

    async def add(self, publication: Publication) -> bool:
        """Write the row unless the team-week has one already (False then)."""
        ...

    async def save(self, publication: Publication) -> None: ...

    async def requeue(self, team_id: int, week: int, before: datetime, now: datetime) -> bool:
        """Make the team-week's row pending, due now, if it was last touched before `before`
        (one conditional UPDATE: of two processes asking, one does it)."""
        ...

    async def list(self, team_id: int | None, state: PubState | None) -> Sequence[Publication]: ...

    async def due(self, now: datetime) -> Sequence[Publication]:
        """Pending rows whose next try is due, oldest first."""
        ...

    async def retry(self, team_id: int | None, ids: Sequence[int], now: datetime) -> int:
        """Failed and pending rows (all, the team's, or these ids) due again now, attempts
        counted afresh; how many."""
        ...
