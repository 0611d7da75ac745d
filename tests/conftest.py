"""Shared fixtures: a bot on the in-memory fake storage, driven like a platform would."""

from __future__ import annotations

import itertools
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.core import PeerBot
from bot.model import Language
from bot.ports import FakeClock, Invocation, Reply
from bot.text import plain_text
from tests.fakes import FakeUnitOfWorkFactory

SEOUL = ZoneInfo("Asia/Seoul")
_ids = itertools.count(1)


class Harness:
    """A bot with a settable clock; `say` sends a slash command as a given user."""

    def __init__(self, bot: PeerBot, clock: FakeClock, uow_factory) -> None:
        self.bot = bot
        self.clock = clock
        self.uow_factory = uow_factory

    def at(self, text: str, zone: ZoneInfo = SEOUL) -> None:
        self.clock.set(datetime.fromisoformat(text).replace(tzinfo=zone))

    async def say(
        self, user: str, line: str, channel: str = "c1", platform: str = "console", **options: str
    ) -> Reply:
        name, _, args = line.strip().lstrip("/").partition(" ")
        return await self.bot.handle(
            Invocation(
                id=f"t{next(_ids)}",
                platform=platform,
                channel_id=channel,
                channel_name=channel,
                user_id=user,
                user_name=user,
                command=name,
                args=args,
                options=options,
            )
        )

    async def text(self, user: str, line: str, **kw: str) -> str:
        return plain_text((await self.say(user, line, **kw)).message)

    async def ok(self, user: str, line: str, **kw: str) -> str:
        reply = await self.say(user, line, **kw)
        assert reply.ok, plain_text(reply.message)
        return plain_text(reply.message)

    async def rejected(self, user: str, line: str, **kw: str) -> str:
        reply = await self.say(user, line, **kw)
        assert not reply.ok, plain_text(reply.message)
        assert reply.ephemeral
        return plain_text(reply.message)


@pytest.fixture
def harness() -> Harness:
    clock = FakeClock(datetime(2021, 8, 9, 13, 0, tzinfo=SEOUL))
    factory = FakeUnitOfWorkFactory()
    return Harness(PeerBot(factory, clock, default_language=Language.EN), clock, factory)


@pytest.fixture
async def team(harness: Harness) -> Harness:
    """A Korean-calendar team on channel c1, set up by kim (admin), in English."""
    await harness.ok("kim", "/team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:en")
    return harness


async def snapshot(uow_factory) -> list:
    """Everything in the store, through the repository protocols (works on every backend)."""
    from datetime import date

    from bot.ports import QuestionQuery

    state: list = []
    async with uow_factory() as uow:
        for team in await uow.teams.list():
            state.append(team)
            state.append(list(await uow.members.list(team.id)))
            state.append(list(await uow.questions.find(team.id, QuestionQuery(limit=10**6))))
            state.append(list(await uow.notes.list(team.id, date.min, date.max)))
            state.append(list(await uow.retros.list(team.id, date.min, date.max)))
            state.append(list(await uow.assignments.list(team.id)))
            state.append(list(await uow.away.list(team.id, date.min, date.max)))
            state.append(await uow.teams.next_question_number(team.id))  # rolled back below
    return state
