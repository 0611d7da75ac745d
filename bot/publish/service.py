"""Publishing a team's week: take the team's lease, render its files, push, record the row.

`Publisher.publish` is `peerbot publish`; `run_due` tries the pending rows whose time has come
(failed pushes, retried like outbox rows: `BACKOFF` between attempts, `failed` after the last,
`peerbot publish retry` due again); `schedule` writes a pending row for each team-week whose weekly
post has gone out (`bot.publish.weekly`). Every outcome is a `publications` row: nothing is lost
and nothing is silent.

Two processes never push one team at once: `publishing.claim` takes the team's lease in one
conditional UPDATE, committed before any git work; a holder that crashed loses it when it expires
(`LEASE`). The git work is blocking and runs in a worker thread, never on the event loop.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bot import i18n
from bot.clock import Clock
from bot.errors import PeerbotError
from bot.model.teams import Team
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.publish.files import week_files
from bot.publish.layout import url_username
from bot.publish.model import Publication, PublishSettings, PubState
from bot.publish.ports import GitRemote, PushOutcome, PushRefused, PushRequest
from bot.text import plain_text

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)  # a push longer than this is a crashed holder
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))
MAX_ATTEMPTS = len(BACKOFF) + 1
DEFAULT_AUTHOR = "peerbot <peerbot@localhost>"


@dataclass(frozen=True)
class PublishResult:
    """What one publish did: `state` as recorded, or `busy` when another process held the team."""

    team: str
    week: int
    state: PubState | None
    sha: str | None = None
    files: int = 0
    error: str | None = None
    attempts: int = 0
    row: int | None = None

    @property
    def busy(self) -> bool:
        return self.state is None


@dataclass(frozen=True)
class _Prepared:
    team: Team
    request: PushRequest


class Publisher:
    """Publishes team-weeks through `remote`; `token(team_id)` reads the environment only."""

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        remote: GitRemote,
        token: Callable[[int], str | None] = lambda team_id: None,
        *,
        author: str = DEFAULT_AUTHOR,
        templates: Path | None = None,
        holder: str | None = None,
    ) -> None:
        self.uow_factory = self._uow_factory = uow_factory
        self.clock = self._clock = clock
        self._remote = remote
        self._token = token
        self._author = author
        self._templates = templates
        self.holder = holder or secrets.token_hex(8)

    async def publish(self, team_id: int, week: int | None = None) -> PublishResult:
        """Publish Week `week` (default: this week) now; a refusal is a `PeerbotError`."""
        async with self._uow_factory() as uow:
            team, settings = await _configured(uow, team_id)
            week = week or this_week(team, self._clock.now())
            now = self._clock.now()
            if not await uow.publishing.claim(team_id, self.holder, now, now + LEASE):
                return PublishResult(team.name, week, None)
            await uow.commit()
            try:
                prepared = await self._prepare(uow, team, settings, week)
            except BaseException:  # e.g. a week out of range: the lease goes back at once
                await uow.rollback()
                await uow.publishing.release(team_id, self.holder)
                await uow.commit()
                raise
        return await self._push(prepared, week)

    async def run_due(self) -> list[PublishResult]:
        """Try every pending row whose next try is due; a team another process holds waits."""
        async with self._uow_factory() as uow:
            due = list(await uow.publishing.due(self._clock.now()))
        results = []
        for row in due:
            try:
                results.append(await self.publish(row.team_id, row.week))
            except PeerbotError as error:  # e.g. the repository was unset since: say so on the row
                await self._refused(row, error)
        return results

    async def _prepare(
        self, uow: UnitOfWork, team: Team, settings: PublishSettings, week: int
    ) -> _Prepared:
        assert team.id is not None and settings.repo_url is not None
        files = await week_files(uow, team, settings, week, self._templates)
        request = PushRequest(
            team_id=team.id,
            url=settings.repo_url,
            branch=settings.branch,
            files=files,
            message=commit_message(team, week),
            author=self._author,
            token=self._token(team.id),
            username=url_username(settings.repo_url),
            at=self._clock.now(),
        )
        return _Prepared(team, request)

    async def _push(self, prepared: _Prepared, week: int) -> PublishResult:
        team, request = prepared.team, prepared.request
        assert team.id is not None
        outcome: PushOutcome | None = None
        error: str | None = None
        try:
            outcome = await asyncio.to_thread(self._remote.publish, request)
        except PushRefused as refused:
            error = _scrub(str(refused), request.token)
        except Exception as unexpected:  # a bug or an odd remote: recorded, never lost
            error = _scrub(f"{type(unexpected).__name__}: {unexpected}", request.token)
        async with self._uow_factory() as uow:
            row = await _row(uow, team.id, week, self._clock.now())
            _record(row, outcome, error, self._clock.now())
            await uow.publishing.save(row)
            await uow.publishing.release(team.id, self.holder)
            await uow.commit()
        if error is not None:
            log.warning(
                "publishing week %s of team %s failed (attempt %s, %s): %s",
                week,
                team.id,
                row.attempts,
                row.state.value,
                error,
            )
        return PublishResult(
            team.name,
            week,
            row.state,
            row.commit_sha,
            len(request.files),
            error,
            row.attempts,
            row.id,
        )

    async def _refused(self, row: Publication, error: PeerbotError) -> None:
        async with self._uow_factory() as uow:
            found = await uow.publishing.get(row.team_id, row.week)
            if found is None:
                return
            reason = plain_text(i18n.error_message(i18n.Language.EN, error))
            _record(found, None, reason, self._clock.now())
            await uow.publishing.save(found)
            await uow.commit()
        log.warning("publishing week %s of team %s refused: %s", row.week, row.team_id, reason)


async def _configured(uow: UnitOfWork, team_id: int) -> tuple[Team, PublishSettings]:
    team = await uow.teams.get(team_id)
    if team is None:
        raise PeerbotError("error.no_team")
    settings = await uow.publishing.get_settings(team_id)
    if settings is None or settings.repo_url is None:
        raise PeerbotError("publish.no_repo")
    return team, settings


async def _row(uow: UnitOfWork, team_id: int, week: int, now: datetime) -> Publication:
    row = await uow.publishing.get(team_id, week)
    if row is None:
        row = Publication(team_id, week, PubState.PENDING, created_at=now, updated_at=now)
        if not await uow.publishing.add(row):  # the weekly schedule wrote it just now
            row = await uow.publishing.get(team_id, week)
    assert row is not None and row.id is not None
    return row


def _record(
    row: Publication, outcome: PushOutcome | None, error: str | None, now: datetime
) -> None:
    """The row after one attempt: settled, or due again after its backoff, or failed for good."""
    row.attempts += 1
    row.updated_at = now
    if outcome is not None:
        row.state = PubState.PUBLISHED if outcome.changed else PubState.UNCHANGED
        row.commit_sha, row.last_error, row.next_try_at = outcome.sha, None, None
        row.attempts = 0
        return
    row.last_error = error
    if row.attempts >= MAX_ATTEMPTS:
        row.state, row.next_try_at = PubState.FAILED, None
    else:
        row.state, row.next_try_at = PubState.PENDING, now + BACKOFF[row.attempts - 1]


def _scrub(text: str, token: str | None) -> str:
    return text.replace(token, "***") if token else text


def this_week(team: Team, now: datetime) -> int:
    """The week number of today on the team's calendar (Week 1 before the course starts)."""
    calendar = team.calendar()
    return calendar.week_number(calendar.local_date(now)) or 1


def commit_message(team: Team, week: int) -> str:
    """`peerbot: Week 04 (2021-08-09 – 2021-08-13) of ml-team`, in the team's language."""
    calendar = team.calendar()
    days = calendar.study_days_of_week(week)
    first, last = (days[0], days[-1]) if days else calendar.week_bounds(week)
    message = i18n.say(
        team.language,
        "publish.commit",
        week=i18n.Plain(f"{week:02d}"),
        first=i18n.Plain(first.isoformat()),
        last=i18n.Plain(last.isoformat()),
        team=i18n.Plain(team.name),
    )
    return plain_text(message)
