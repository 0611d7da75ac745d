"""The minutes name each day's moderator (and note-taker) and who attended, for a team with a
rotation: golden in Korean, exact and escaped in English; without a rotation, as before."""

from __future__ import annotations

import os
from pathlib import Path

from bot.digest import render_week
from tests.conftest import Harness
from tests.digest import builders

EXPECTED = Path(__file__).parent.parent / "digest"


async def _minutes(h: Harness, week: int) -> str:
    async with h.uow_factory() as uow:
        team = (await uow.teams.list())[0]
        return (await render_week(uow, team, week, "peer-minutes")).markdown


async def test_peer_minutes_of_week_2_with_a_rotation_match_the_expected_file(harness):
    await builders.peer_minutes_week2(harness)
    without = await _minutes(harness, 2)
    await harness.ok("kim", "/team rotation order:kim,lee,park,choi notes:on")
    await harness.ok("park", "/away 2021-08-09")  # away, yet answered: present
    await harness.ok("choi", "/away 2021-08-10")  # away on a day not their turn: listed as away
    await harness.ok("lee", "/away 2021-08-11")
    markdown = await _minutes(harness, 2)
    path = EXPECTED / "peer-minutes.week2.rotation.ko.md"
    if os.environ.get("PEERBOT_REGOLD"):
        path.write_text(markdown, encoding="utf-8")
    assert markdown == path.read_text(encoding="utf-8")
    # Only the roles' lines are new: without them the file is the one without a rotation.
    roles = ("- 사회자: ", "- 참석: ")
    kept = [line for line in markdown.split("\n") if not line.startswith(roles)]
    assert "\n".join(kept).replace("피어세션\n\n\n\n\n", "피어세션\n\n\n\n") == without


async def test_the_roles_line_escapes_names_and_says_who_was_away(team):
    await team.ok("*lee*", "/ask why [this]?")
    await team.ok("park", "/note park wrote the notes")
    await team.ok("kim", "/team rotation order:*lee*,park,kim notes:on")
    await team.ok("*lee*", "/away 2021-08-10")
    markdown = await _minutes(team, 2)
    monday = markdown.split("20210809 peer session\n\n", 1)[1]
    assert monday.split("\n")[:3] == [
        "- Moderator: \\*lee\\* · Notes: park",
        "- Present: \\*lee\\*, park",
        "",
    ]
    tuesday = markdown.split("20210810 peer session\n\n", 1)[1]
    assert tuesday.split("\n")[:3] == [
        "- Moderator: park · Notes: kim",
        "- Present: no one asked, answered or wrote a note · Away: \\*lee\\*",
        "",
    ]


async def test_a_member_removed_later_kept_their_turns_in_the_weeks_before(team):
    await team.ok("lee", "/ask lee joins")
    await team.ok("park", "/ask park joins")
    await team.ok("kim", "/team rotation order:kim,lee,park")
    team.at("2021-08-11 00:30")  # Wednesday 00:30 in Seoul, Tuesday in UTC
    await team.ok("kim", "/team members remove:lee")
    markdown = await _minutes(team, 2)
    moderators = [line for line in markdown.split("\n") if line.startswith("- Moderator: ")]
    # Mon kim, Tue lee (removed only on Wednesday, Seoul time), then round kim and park.
    assert [line.removeprefix("- Moderator: ") for line in moderators] == [
        "kim",
        "lee",
        "kim",
        "park",
        "kim",
    ]
