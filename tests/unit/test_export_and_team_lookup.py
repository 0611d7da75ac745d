"""The operator's use cases outside the chat: finding a team by name or channel, and planning,
rendering and writing `peerbot digest`'s files (bot/teams.py, bot/digest/export.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.digest.export import (
    DigestFile,
    ExportJob,
    ExportRequest,
    NoSuchMember,
    plan_export,
    render_file,
    write_file,
)
from bot.errors import PeerbotError
from bot.model.teams import Language
from bot.teams import AmbiguousTeam, find_team, last_active_day, team_roster

NOW = datetime(2021, 8, 18, 4, 0, tzinfo=UTC)  # Wednesday of Week 3 in Seoul


async def _the_team(h):
    async with h.uow_factory() as uow:
        return (await uow.teams.list())[0]


async def test_a_team_is_found_by_name_or_by_its_channel(team):
    await team.ok("kim", "/ask Why call zero_grad() every step?")
    async with team.uow_factory() as uow:
        by_channel = await find_team(uow, "console:c1")
        assert by_channel is not None
        assert await find_team(uow, by_channel.name) == by_channel
        assert await find_team(uow, "console:nowhere") is None
        assert await find_team(uow, "no such team") is None


async def test_a_name_two_teams_carry_is_refused_naming_both_channels(team):
    await team.ok("lee", "/team setup start:2021-08-02 name:twin", channel="c2")
    await team.ok("park", "/team setup start:2021-08-02 name:twin", channel="c3")
    async with team.uow_factory() as uow:
        with pytest.raises(AmbiguousTeam) as raised:
            await find_team(uow, "twin")
        assert sorted(raised.value.channels) == ["console:c2", "console:c3"]
        found = await find_team(uow, "console:c3")
        assert found is not None and found.name == "twin"


async def test_the_roster_counts_each_teams_members(team):
    await team.ok("lee", "/ask A second member joins by asking?")
    async with team.uow_factory() as uow:
        [(found, count)] = await team_roster(uow)
    assert found.channel_id == "c1" and count == 2


async def test_the_last_active_day_is_the_latest_question_note_or_retro(team):
    t = await _the_team(team)
    async with team.uow_factory() as uow:
        assert await last_active_day(uow, t.id) is None
    team.at("2021-08-10 13:00")
    await team.ok("kim", "/ask Why call zero_grad() every step?")
    async with team.uow_factory() as uow:
        assert await last_active_day(uow, t.id) == date(2021, 8, 10)


async def test_the_plan_is_this_week_or_every_week_up_to_it(team):
    t = await _the_team(team)
    team.at("2021-08-10 13:00")  # Week 2: the last day anything happened
    await team.ok("kim", "/ask Why call zero_grad() every step?")
    async with team.uow_factory() as uow:
        this = await plan_export(uow, t, ExportRequest(), NOW)
        every = await plan_export(uow, t, ExportRequest(all_weeks=True), NOW)
        chosen = await plan_export(uow, t, ExportRequest(week=5), NOW)
    assert this == [ExportJob(2, None)]
    assert [job.week for job in every] == [1, 2]
    assert chosen == [ExportJob(5, None)]


async def test_a_member_format_plans_one_file_per_member_or_the_one_named(team):
    await team.ok("lee", "/ask A second member joins by asking?")
    t = await _the_team(team)
    async with team.uow_factory() as uow:
        everyone = await plan_export(uow, t, ExportRequest(fmt="retro-log", week=1), NOW)
        lee = await plan_export(uow, t, ExportRequest(fmt="retro-log", member="lee", week=1), NOW)
        with pytest.raises(NoSuchMember) as raised:
            await plan_export(uow, t, ExportRequest(fmt="til-review", member="nobody"), NOW)
    assert sorted(job.member.user_id for job in everyone if job.member) == ["kim", "lee"]
    assert [job.member.user_id for job in lee if job.member] == ["lee"]
    assert raised.value.member == "nobody"


async def test_a_file_in_another_language_gets_its_own_name(team):
    t = await _the_team(team)
    async with team.uow_factory() as uow:
        same = await render_file(uow, t, ExportJob(1, None), ExportRequest())
        other = await render_file(uow, t, ExportJob(1, None), ExportRequest(lang=Language.KO))
        with pytest.raises(PeerbotError) as raised:
            await render_file(uow, t, ExportJob(1, None), ExportRequest(fmt="minutes"))
    assert same.path == "week01/peer-minutes.md" and same.markdown
    assert other.path == "week01/peer-minutes.ko.md" and other.markdown != same.markdown
    assert raised.value.key == "digest.unknown_format"


def test_a_file_is_written_under_the_output_directory(tmp_path):
    path = write_file(tmp_path / "til", DigestFile("week04/retro-log-kim.md", "# 학습 회고\n"))
    assert path == tmp_path / "til" / "week04" / "retro-log-kim.md"
    assert path.read_text(encoding="utf-8") == "# 학습 회고\n"
