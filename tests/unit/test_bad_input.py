"""Bad input gets one clear sentence and leaves the store exactly as it was."""

import pytest

from tests.conftest import snapshot

LONG = "가" * 4001

BAD = [
    ("kim", "/ask"),
    ("kim", "/ask    "),
    ("kim", f"/ask {LONG}"),
    ("kim", "/ask fine question category:maths"),
    ("kim", "/ask fine question categroy:lecture"),
    ("kim", f'/ask q assignment:"{"x" * 101}"'),
    ("kim", "/answer 1"),
    ("kim", f"/answer 1 {LONG}"),
    ("kim", "/answer 99 who?"),
    ("kim", "/answer abc text"),
    ("kim", "/accept 99"),
    ("lee", "/accept 1"),
    ("kim", "/accept 1 7"),
    ("kim", "/defer 99"),
    ("kim", "/escalate"),
    ("kim", "/reopen 1"),
    ("kim", "/note"),
    ("kim", f"/note {LONG}"),
    ("kim", "/accept 1 #2"),
    ("kim", "/team setup start:2021-08-02"),
    ("kim", "/team settings zone:Nowhere/Land"),
    ("kim", "/team settings start:2021-02-30"),
    ("kim", "/team settings country:ZZ"),
    ("lee", "/team settings lang:ko"),
    ("lee", "/team members add_admin:lee"),
    ("kim", "/team members remove_admin:kim"),
    ("kim", "/team members add_admin:nobody"),
    ("kim", "/team"),
    ("kim", "/team explode"),
    ("kim", "/frobnicate"),
    ("kim", "/"),
    ("kim", "/ask \x00"),
    # retrospectives, assignments, days away, days off and the schedule
    ("kim", f"/retro fact: {LONG}"),
    ("kim", f"/retro fact: edited feeling: {LONG}"),
    ("kim", "/retro mood: great"),
    ("kim", "/retro just some text"),
    ("kim", "/retro fact: x day:2021-08-07"),
    ("kim", "/retro fact: x day:2021-08-16"),
    ("kim", "/retro fact: x day:2021-08-02"),
    ("kim", "/retro fact: x day:2021-08-10"),
    ("kim", "/retro fact: x day:2021-02-30"),
    ("kim", "/assignment add late due:2021-08-01 10:00"),
    ("kim", "/assignment add late due:today 09:00"),
    ("kim", "/assignment add bad due:fri 25:00"),
    ("kim", "/assignment add bad due:someday"),
    ("kim", "/assignment add no due time"),
    ("kim", f"/assignment add {'x' * 101} due:fri 23:59"),
    ("kim", "/assignment add x due:fri link:javascript:alert(1)"),
    ("kim", "/assignment done 9"),
    ("kim", "/assignment done 1"),
    ("lee", "/assignment undo 1"),
    ("lee", "/assignment remove 1"),
    ("kim", "/away 8/13-8/12"),
    ("kim", "/away 2021-08-01"),
    ("kim", "/away 2021-08-10 2021-12-31"),
    ("kim", "/team settings retro_time:25:00"),
    ("kim", "/team settings session:12:61"),
    ("kim", "/team settings session:15:00 zone:Mars/Base"),
    ("kim", "/team settings session:15:00 digest:nope"),
    ("kim", "/team settings session_remind:-10"),
    ("kim", "/team settings assignment_remind:1,2,3,4,5,6"),
    ("kim", "/team settings assignment_remind:500"),
    ("lee", "/team settings grace:10"),
    ("lee", "/team holiday add 2021-08-20"),
    ("kim", "/team holiday add 2021-08-01"),
    ("kim", "/team holiday remove 2021-08-20"),
    ("kim", "/team holiday add 8/20 9/30-10/30"),
]


@pytest.mark.parametrize(("user", "line"), BAD, ids=[b[1][:40] for b in BAD])
async def test_bad_input_gets_one_sentence_and_changes_nothing(team, user, line):
    await team.ok("kim", "/ask first")
    await team.ok("lee", "/answer 1 an answer")  # lee joins, not an admin
    await team.ok("kim", "/retro fact: first")
    await team.ok("kim", "/assignment add first due:fri 23:59")
    await team.ok("kim", "/assignment done 1")
    await team.ok("kim", "/away 2021-08-20")
    before = await snapshot(team.uow_factory)
    text = await team.rejected(user, line)
    assert "\n" not in text.strip()
    assert "Traceback" not in text and "Error" not in text
    assert text.strip().endswith((".", "?")) or "e.g." in text or "example" in text.lower()
    assert await snapshot(team.uow_factory) == before


async def test_a_newcomers_rejected_command_does_not_even_add_them_as_member(team):
    before = await snapshot(team.uow_factory)
    await team.rejected("stranger", "/answer 99 hi")
    assert await snapshot(team.uow_factory) == before


async def test_second_team_setup_in_a_channel_is_refused(team):
    text = await team.rejected("lee", "/team setup start:2021-09-01")
    assert "already has a team" in text and "/team settings" in text


async def test_a_team_name_says_nothing_of_teams_elsewhere_in_the_deployment(team):
    # The team of c1 is named "c1"; another workspace's or server's channel may use that name.
    await team.ok("park", "/team setup start:2021-08-02 name:c1", channel="c2", platform="slack")
    await team.ok("choi", "/team setup start:2021-08-02 name:c1", channel="c3")
    await team.ok("choi", "/team settings name:c1", channel="c3")
    await team.ok("han", "/team setup start:2021-08-02", channel="c1", platform="discord")
    async with team.uow_factory() as uow:
        names = [(t.platform, t.channel_id, t.name) for t in await uow.teams.list()]
    assert names == [
        ("console", "c1", "c1"),
        ("slack", "c2", "c1"),
        ("console", "c3", "c1"),
        ("discord", "c1", "c1"),  # named after its channel, not "c1-2"
    ]


async def test_an_unexpected_failure_is_one_sentence_with_a_reference_and_saves_nothing(
    team, monkeypatch, caplog
):
    from bot.handlers import cards

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    # Fails after the question row is written: the rollback must take it away again.
    monkeypatch.setattr(cards, "label_spans", broken)  # the card is drawn last
    before = await snapshot(team.uow_factory)
    text = await team.rejected("kim", "/ask hello")
    assert "went wrong" in text and "ref" in text and "boom" not in text
    assert await snapshot(team.uow_factory) == before
    assert "boom" in caplog.text
