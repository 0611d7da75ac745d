"""Big outputs fit the platform: a digest file over what a message can carry, a huge /stats."""

from __future__ import annotations

import re

import pytest

from adapters.discord.render import pieces as discord_pieces
from adapters.slack.render import pieces as slack_pieces
from bot.handlers import files
from bot.model.teams import Member, Team
from bot.outbox import OutboxMessage
from bot.text import Attachment, plain_text
from tests.conftest import Harness
from tests.unit.test_reminders import local, stepper_for

HOW_TO_GET_IT = re.compile(r"peerbot digest --team \S+ --week 2 --format (\S+)( .*)? --out DIR")


async def the_team(harness: Harness) -> Team:
    found = await harness.bot.team_for_channel("console", "c1")
    assert found is not None
    return found


async def test_a_file_over_8_mib_is_not_attached_and_one_under_is(team: Harness):
    found = await the_team(team)
    big = Attachment("week02/peer-minutes.md", "가" * 3_000_000)  # 9 MB in UTF-8
    small = Attachment("week02/peer-minutes.md", "가" * 2_500_000)  # 7.5 MB
    kept, note = files.fit(found, 2, "peer-minutes", big)
    assert kept is None and HOW_TO_GET_IT.search(plain_text(note))
    assert "8.6 MiB" in plain_text(note)  # how big it is, in the sentence
    assert files.fit(found, 2, "peer-minutes", small) == (small, note.__class__())


async def test_a_digest_too_big_for_a_message_says_how_to_get_it(
    team: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    monkeypatch.setattr(files, "FILE_LIMIT", 2000)
    await team.ok("kim", "/ask " + "why " * 600)
    reply = await team.say("kim", "/digest week:2 lang:ko")
    assert reply.ok and reply.files == ()
    text = plain_text(reply.message)
    found = HOW_TO_GET_IT.search(text)
    assert found and found.group(1) == "peer-minutes" and "--lang ko" in text
    assert "다이제스트" in text  # the summary in the language asked for, the sentence too
    assert any("not attached" in r.message for r in caplog.records)


async def test_a_members_own_file_too_big_names_the_member(
    team: Harness, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(files, "FILE_LIMIT", 10)
    await team.ok("kim", "/retro fact: read feeling: good plan: code")
    reply = await team.say("kim", "/digest format:retro-log member:kim")
    assert reply.ephemeral and reply.files == ()
    assert "--format retro-log --member kim --out DIR" in plain_text(reply.message)


class Recorder:
    def __init__(self) -> None:
        self.rows: list[OutboxMessage] = []

    async def post(self, team: Team, row: OutboxMessage, *, uncertain: bool) -> None:
        self.rows.append(row)


async def test_the_weekly_post_of_a_too_big_week_says_how_to_get_the_file(
    team: Harness, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(files, "FILE_LIMIT", 2000)
    await team.ok("kim", "/ask " + "why " * 600)
    recorder = Recorder()
    stepper = stepper_for(team, recorder)  # type: ignore[arg-type]
    await stepper.advance(local("2021-08-09 13:00"))
    await stepper.advance(local("2021-08-13 19:00"))
    (weekly,) = [row for row in recorder.rows if row.kind.value == "digest"]
    assert weekly.attachment is None
    assert HOW_TO_GET_IT.search(plain_text(weekly.message))


async def test_stats_of_a_team_of_961_lists_the_top_members_then_a_count(team: Harness):
    found = await the_team(team)
    async with team.uow_factory() as uow:
        for n in range(960):
            await uow.members.add(Member(found.id or 0, f"member{n:03}", f"member{n:03}"))
        await uow.commit()
    reply = await team.say("member500", "/stats")  # a member not among the busiest
    assert reply.ok
    lines = plain_text(reply.message).splitlines()
    assert len(lines) == 1 + 20 + 1 + 1  # title, the top 20, the caller's own, the count
    assert lines[-2].startswith("member500:")
    assert "940 more" in lines[-1]
    assert len(discord_pieces(reply.message)) <= 2 and len(slack_pieces(reply.message)) == 1
