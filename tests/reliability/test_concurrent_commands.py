"""Commands at the same moment: a newcomer's first commands, many members at once.

Found while cutting the database off mid-burst (test_database_faults): on PostgreSQL, two
commands of someone who is not a member yet, arriving together, both try to add the member; the
second insert hits the unique key and that command is refused with "someone changed the same
thing at the same moment", though nothing the person asked for conflicted. SQLite runs
transactions one at a time, so it never shows there.

Fixed in `bot/core.py` (`_member_of`): on `Conflict` from `uow.members.add` it reads the member
again (the insert ran in a savepoint, so the transaction is still usable, and on READ COMMITTED
the other command's committed row is visible) and goes on with it.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FakeClock
from bot.text import plain_text
from peerbot.bootstrap import build
from peerbot.config import Settings
from tests.calls import call
from tests.postgres import POSTGRES_URL, postgres_schema

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgres",
            marks=pytest.mark.postgres,
        ),
    ]
)
def url(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'bot.db'}"
        return
    with postgres_schema() as connect_args:
        yield f"{POSTGRES_URL}?{urlencode({'options': connect_args['options']})}"


async def test_a_newcomers_first_commands_at_the_same_moment_are_all_accepted(url, tmp_path):
    clock = FakeClock(datetime(2021, 8, 9, 13, 0, tzinfo=SEOUL))
    runtime = await build(Settings(database_url=url, data_dir=tmp_path), clock)
    try:
        assert (await runtime.bot.handle(call("kim", "/team setup start:2021-08-02 lang:en"))).ok
        newcomers = [f"new{i}" for i in range(10)]
        replies = await asyncio.gather(
            *(
                runtime.bot.handle(call(user, f"/ask question {n} of {user}"))
                for user in newcomers
                for n in range(3)
            )
        )
        refused = [plain_text(r.message) for r in replies if not r.ok]
        assert not refused, refused[:3]
        async with runtime.uow_factory() as uow:
            members = await uow.members.list(1)
        assert {m.user_id for m in members} == {"kim", *newcomers}
    finally:
        await runtime.close()
