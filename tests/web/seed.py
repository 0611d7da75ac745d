"""Two teams with questions, answers, a mentor and hostile text, for the web view's tests."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from bot.clock import FakeClock
from bot.core import PeerBot
from bot.model.teams import Language
from bot.web.access import WebAccess
from bot.web.pages import WebPages
from tests.calls import call
from tests.conftest import SEOUL
from tests.fakes import FakeUnitOfWorkFactory

BASE = "http://peerbot.test"
HOSTILE = (
    '<script>alert("x")</script> "><img src=x onerror=alert(1)> '
    "[click](javascript:alert(1)) \u202eevil\u202c end"
)
LINK = re.compile(r"http://peerbot\.test(/t/[^/\s]+/)")


class Seeded:
    """A bot and its web pages over one fake store, with two teams set up."""

    def __init__(self, factory: Any = None) -> None:
        self.clock = FakeClock(datetime(2021, 8, 9, 13, 0, tzinfo=SEOUL))
        self.factory = factory or FakeUnitOfWorkFactory()
        access = WebAccess(BASE)
        self.bot = PeerBot(self.factory, self.clock, default_language=Language.EN, web=access)
        self.pages = WebPages(self.factory, self.clock, access, default_language=Language.EN)

    async def ok(self, user: str, line: str, channel: str = "c1") -> str:
        from bot.text import plain_text

        reply = await self.bot.handle(call(user, line, channel, "console"))
        assert reply.ok, plain_text(reply.message)
        return plain_text(reply.message)

    async def link(self, user: str = "kim", channel: str = "c1") -> str:
        """The path `/team web` gives (`/t/<token>/`)."""
        found = LINK.search(await self.ok(user, "/team web", channel))
        assert found is not None
        return found.group(1)


async def seeded() -> Seeded:
    s = Seeded()
    await s.ok("kim", "/team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:en name:Alpha")
    s.clock.set(datetime(2021, 8, 5, 10, 0, tzinfo=SEOUL))
    await s.ok("lee", "/ask Why does SVD sort the singular values? category:lecture")
    await s.ok("kim", "/answer 1 Because the decomposition orders them by size.")
    await s.ok("lee", "/accept 1")
    s.clock.set(datetime(2021, 8, 9, 11, 0, tzinfo=SEOUL))
    await s.ok("park", "/ask What does zero_grad reset in nn.Linear?")
    await s.ok("lee", f"/answer 2 {HOSTILE}")
    await s.ok("park", f"/ask {HOSTILE}")
    await s.ok("park", "/escalate 3")
    await s.ok("choi", "/answer 3 A mentor will look at it.")
    await s.ok("kim", "/team members set:choi role:mentor")
    await s.ok(
        "ko", "/team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:ko name:Beta", "c2"
    )
    await s.ok("ko", "/ask 베타 팀만의 비밀 질문입니다", "c2")
    return s
