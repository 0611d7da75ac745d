"""The console's files and private replies: where a digest is saved, and who it is for."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from adapters.console import Console, ConsoleClock
from tests.conftest import Harness


@pytest.fixture
def console(team: Harness, tmp_path: Path) -> Console:
    return Console(team.bot, ConsoleClock(frozen=True), io.StringIO(), files_dir=tmp_path)


def printed(console: Console) -> str:
    out = console.out
    assert isinstance(out, io.StringIO)
    return out.getvalue()


@pytest.mark.parametrize(
    "line", ["/digest format:retro-log", "/digest format:til-review", "/retro show"]
)
async def test_a_members_own_output_is_printed_to_the_caller_only(console: Console, line: str):
    await console.say("kim", "/retro fact: read the paper feeling: good plan: code it", "c1")
    console.out = io.StringIO()
    reply = await console.say("kim", line, "c1")
    assert reply.ok and reply.ephemeral
    assert printed(console).startswith("peerbot (to kim only):")


async def test_the_teams_digest_is_printed_for_everyone(console: Console):
    reply = await console.say("kim", "/digest", "c1")
    assert not reply.ephemeral and printed(console).startswith("peerbot:")


async def test_digests_in_two_languages_are_saved_side_by_side(console: Console, tmp_path: Path):
    await console.say("kim", "/ask What is attention?", "c1")
    await console.say("kim", "/digest week:2", "c1")  # the team's language (English)
    await console.say("kim", "/digest week:2 lang:ko", "c1")
    week = tmp_path / "c1" / "week02"
    assert sorted(p.name for p in week.iterdir()) == ["peer-minutes.ko.md", "peer-minutes.md"]
    assert "피어세션" in (week / "peer-minutes.ko.md").read_text(encoding="utf-8")
    assert "피어세션" not in (week / "peer-minutes.md").read_text(encoding="utf-8")


async def test_a_file_asked_for_in_another_channel_is_saved_under_that_channel(
    team: Harness, console: Console, tmp_path: Path
):
    await team.ok("lee", "/team setup start:2021-08-02 zone:Asia/Seoul lang:en", channel="c2")
    await console.say("lee", "/digest week:2", "c2")
    assert (tmp_path / "c2" / "week02" / "peer-minutes.md").exists()
    assert not (tmp_path / "c1").exists()


async def test_the_consoles_retro_log_file_has_the_members_own_peer_session(
    console: Console, tmp_path: Path
):
    await console.say("lee", "/note the team's note", "c1")
    await console.say("kim", "/retro peer: **gather** 개념 fact: read the paper", "c1")
    await console.say("kim", "/digest format:retro-log", "c1")
    [saved] = (tmp_path / "c1" / "week02").iterdir()
    text = saved.read_text(encoding="utf-8")
    assert "- **Peer-Session**  \n    - **gather** 개념\n- **Fact**  \n: read the paper\n" in text
    assert "the team's note" not in text  # the member wrote their own
