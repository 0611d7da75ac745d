"""Text a database cannot store gets a sentence; a name it cannot store is repaired."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import FakeClock
from bot.core import PeerBot
from bot.model.teams import Language
from bot.text import plain_text
from tests.calls import call, submit
from tests.conftest import SEOUL, Harness, snapshot
from tests.integration.conftest import Backend

UNSTORABLE = [
    "/ask why \ud800?",
    "/ask why? category:\udfff",
    "/answer 1 \ud83d",
    "/questions all \ud800",
    "/questions all a\x00b",
    "/note \udc00",
    "/team members add_admin:le\x00e",
    "/team members add_admin:\ud800",
    "/assignment add t\ud800 due:fri 23:59",
    "/\ud800",
]


@pytest.fixture
async def team(backend: Backend) -> Harness:
    clock = FakeClock(datetime(2021, 8, 9, 13, 0, tzinfo=SEOUL))
    harness = Harness(PeerBot(backend.uow, clock, default_language=Language.EN), clock, backend.uow)
    await harness.ok("kim", "/team setup start:2021-08-02 lang:en")
    await harness.ok("kim", "/ask first")
    await harness.ok("lee", "/answer 1 an answer")
    return harness


@pytest.mark.parametrize("line", UNSTORABLE, ids=[repr(line)[:30] for line in UNSTORABLE])
async def test_unstorable_text_gets_one_sentence_and_changes_nothing(team: Harness, line: str):
    before = await snapshot(team.uow_factory)
    text = await team.rejected("kim", line)
    assert "cannot store" in text and "went wrong" not in text
    assert await snapshot(team.uow_factory) == before


async def test_an_unstorable_option_value_from_the_platform_is_refused(team: Harness):
    before = await snapshot(team.uow_factory)
    text = await team.rejected("kim", "/ask", text="why \ud800", category="lecture")
    assert "cannot store" in text
    assert await snapshot(team.uow_factory) == before


@pytest.mark.parametrize("name", ["park\ud800", "pa\x00rk", "\udc00"])
async def test_a_member_whose_name_cannot_be_stored_can_still_run_commands(
    team: Harness, name: str, caplog: pytest.LogCaptureFixture
):
    invocation = call("park", "/ask is my name fine?")
    reply = await team.bot.handle(invocation.__class__(**{**vars(invocation), "user_name": name}))
    assert reply.ok, plain_text(reply.message)
    assert "repaired" in caplog.text  # not silently
    async with team.uow_factory() as uow:
        teams = await uow.teams.list()
        member = await uow.members.get(teams[0].id, "park")
    assert member is not None
    assert "\x00" not in member.display_name and member.display_name.isprintable()
    assert member.display_name.encode("utf-8")


async def test_an_unstorable_form_value_is_refused_and_saves_nothing(team: Harness):
    before = await snapshot(team.uow_factory)
    reply = await submit(
        team.bot, call("kim", "/retro"), "2021-08-09", {"fact": "x\ud800", "feeling": "fine"}
    )
    assert not reply.ok and "cannot store" in plain_text(reply.message)
    assert await snapshot(team.uow_factory) == before


@pytest.mark.parametrize("scope", ["all", "today", "open"])
async def test_a_search_for_a_thousand_words_uses_the_first_twenty_and_says_so(
    team: Harness, scope: str
):
    words = " ".join(["first"] + [f"w{i}" for i in range(999)] + ["first"])
    text = await team.ok("kim", f"/questions {scope} {words}")
    assert "first 20 of your 1000 different words" in text
    if scope != "today":  # the title names the words searched for
        assert "w18" in text and "w19" not in text
    text = await team.ok("kim", "/questions all first first")
    assert "#1" in text and "different words" not in text
