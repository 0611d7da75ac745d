"""A team on real storage (SQLite, PostgreSQL) driven by slash commands, and a publisher."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.core import PeerBot
from bot.model.teams import Language
from bot.publish.ports import GitRemote
from bot.publish.service import Publisher
from storage.git_remote import DulwichRemote
from tests.conftest import SEOUL, Harness
from tests.integration.conftest import POSTGRES, Backend, any_backend
from tests.publish.remotes import OPENED


@dataclass
class World:
    h: Harness
    backend: Backend
    tmp: Path

    async def team_id(self, channel: str = "c1") -> int:
        async with self.backend.uow() as uow:
            team = await uow.teams.get_by_channel("console", channel)
        assert team is not None and team.id is not None
        return team.id

    def publisher(
        self, token: str | None = None, remote: GitRemote | None = None, holder: str | None = None
    ) -> Publisher:
        return Publisher(
            self.backend.uow,
            self.h.clock,
            remote or DulwichRemote(self.tmp / "work"),
            lambda team_id: token,
            holder=holder,
        )


@pytest.fixture(autouse=True)
def _close_remotes() -> Iterator[None]:
    yield
    while OPENED:
        OPENED.pop().close()


@pytest.fixture(params=["sqlite", POSTGRES])
async def world(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[World]:
    async with any_backend(request.param, tmp_path) as backend:
        clock = FakeClock(datetime(2021, 8, 9, 13, 0, tzinfo=SEOUL))
        bot = PeerBot(backend.uow, clock, default_language=Language.EN)
        yield World(Harness(bot, clock, backend.uow), backend, tmp_path)


async def a_week(h: Harness) -> None:
    """Week 2 of a team: kim (sharing), lee (not sharing), a question answered, two retros."""
    h.at("2021-08-09 13:00")
    await h.ok("kim", "/team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:en name:cv")
    await h.ok("kim", "/ask Why call zero_grad() every step? category:lecture")
    await h.ok("lee", "/answer 1 PyTorch accumulates gradients.")
    await h.ok("kim", "/retro fact: lectures 1-3 feeling: hard plan: review")
    await h.ok("lee", "/retro fact: lecture 4 feeling: fine plan: rest")
