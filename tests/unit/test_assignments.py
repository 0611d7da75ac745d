"""Assignments: due times as typed, team numbers, who is done, and who may remove."""

from zoneinfo import ZoneInfo

import pytest

from bot.commands.parsing import parse_arguments
from bot.commands.table import resolve
from bot.errors import PeerbotError


def split(text: str, **given: str) -> tuple[str, dict[str, str]]:
    """The title and options of `/assignment add`, as the table's parser reads them."""
    command, _ = resolve("assignment", "add")
    args = parse_arguments(command, text, given)
    return args.pop("title"), args


def test_an_unquoted_due_time_at_the_end_of_the_line_is_read_off_the_title():
    assert split("ViT 구현 due:fri 23:59") == ("ViT 구현", {"due": "fri 23:59"})
    assert split("ViT kind:optional link:https://x.org due:2021-08-13 10:00") == (
        "ViT",
        {"due": "2021-08-13 10:00", "kind": "optional", "link": "https://x.org"},
    )


def test_a_quoted_due_time_comes_from_the_parser_and_the_title_is_left_alone():
    assert split("read due: notes", due="fri 23:59") == ("read due: notes", {"due": "fri 23:59"})


def test_an_option_given_before_and_after_an_unquoted_due_is_refused():
    with pytest.raises(PeerbotError) as caught:
        split("x kind:basic due:fri 23:59", kind="quiz")
    assert caught.value.key == "args.duplicate_option"


async def test_add_replies_with_the_teams_next_number_and_the_due_time_in_its_zone(team):
    text = await team.ok("kim", "/assignment add 선택과제 1 ViT kind:optional due:fri 23:59")
    assert "#1" in text and "[optional] 선택과제 1 ViT" in text
    assert "due Fri 2021-08-13 23:59" in text
    text = await team.ok("lee", '/assignment add 기본과제 2 due:"내일 10:00" kind:기본')
    assert "#2" in text and "[basic]" in text and "Tue 2021-08-10 10:00" in text


async def test_a_quoted_title_loses_its_quotes(team):
    text = await team.ok("kim", '/assignment add "ViT 구현" due:"fri 23:59"')
    assert "[basic] ViT 구현, due" in text


async def test_numbers_are_counted_per_team_and_not_reused_after_a_removal(team):
    await team.ok("kim", "/assignment add a due:fri 23:59")
    await team.ok("kim", "/assignment add b due:fri 23:59")
    await team.ok("kim", "/assignment remove 2")
    assert "#3" in await team.ok("kim", "/assignment add c due:fri 23:59")
    await team.ok("park", "/team setup start:2021-08-02", channel="c2")
    assert "#1" in await team.ok("park", "/assignment add d due:fri 23:59", channel="c2")


async def test_korean_teams_see_korean_kind_labels_and_dates(harness):
    await harness.ok("kim", "/team setup start:2021-08-02 lang:ko")
    text = await harness.ok("kim", "/assignment add ViT due:금 23:59 kind:심화")
    assert "[심화과제] ViT" in text and "2021-08-13(금) 23:59" in text


async def test_a_new_york_team_types_local_times_across_daylight_saving(harness):
    harness.at("2021-03-12 09:00", ZoneInfo("America/New_York"))
    await harness.ok("kim", "/team setup start:2021-03-01 zone:America/New_York country:US")
    text = await harness.ok("kim", "/assignment add a due:2021-03-14 10:00")
    assert "Sun 2021-03-14 10:00" in text
    async with harness.uow_factory() as uow:
        (stored,) = await uow.teams.list()
        assignment = await uow.assignments.get(stored.id, 1)
    assert assignment.due_at.hour == 14  # 10:00 EDT is 14:00 UTC
    refused = await harness.rejected("kim", "/assignment add b due:2021-03-14 02:30")
    assert "does not exist in America/New_York" in refused


async def test_a_due_time_in_the_past_or_malformed_is_one_sentence(team):
    assert "already passed" in await team.rejected("kim", "/assignment add a due:2021-08-09 09:00")
    assert "already passed" in await team.rejected("kim", "/assignment add a due:today 12:59")
    assert "not a due time" in await team.rejected("kim", "/assignment add a due:someday")
    assert "not a time" in await team.rejected("kim", "/assignment add a due:fri 25:00")
    assert "Give the due time" in await team.rejected("kim", "/assignment add a")
    assert "not a link" in await team.rejected("kim", "/assignment add a due:fri link:ftp://x")
    assert "not a valid kind" in await team.rejected("kim", "/assignment add a due:fri kind:x")


async def test_list_shows_who_is_done_not_yet_and_away_on_the_due_day(team):
    await team.ok("lee", "/ask hi")
    await team.ok("park", "/ask hi")
    await team.ok("kim", "/assignment add ViT due:fri 23:59 link:https://boostcamp.example/vit")
    await team.ok("kim", "/assignment add Quiz due:tomorrow 10:00 kind:quiz")
    await team.ok("lee", "/assignment done vit")
    await team.ok("park", "/away 8/13")
    text = await team.ok("kim", "/assignment list")
    quiz, vit = text.index("#2 [quiz] Quiz"), text.index("#1 [basic] ViT")
    assert quiz < vit  # by due time
    vit_part = text[vit:]
    assert "🔗 https://boostcamp.example/vit" in vit_part
    assert "done: lee · ⏳ not yet: kim · 🏖️ away: park" in vit_part
    assert "done: none · ⏳ not yet: kim, lee, park · 🏖️ away: none" in text[quiz:vit]


async def test_list_hides_past_assignments_unless_all(team):
    await team.ok("kim", "/assignment add old due:today 14:00")
    await team.ok("kim", "/assignment add new due:fri 23:59")
    team.at("2021-08-09 15:00")
    upcoming = await team.ok("kim", "/assignment list")
    assert "new" in upcoming and "old" not in upcoming
    everything = await team.ok("kim", "/assignment list all")
    assert "old" in everything and "new" in everything


async def test_an_empty_list_says_how_to_add_one(team):
    assert "No assignments here; add one with /assignment add" in await team.ok(
        "kim", "/assignment list"
    )


async def test_done_and_undo_by_number_title_or_unique_prefix(team):
    await team.ok("kim", "/assignment add 기본과제 1 due:fri 23:59")
    await team.ok("kim", "/assignment add 기본과제 2 due:fri 23:59")
    await team.ok("kim", "/assignment add 심화과제 due:fri 23:59")
    assert "#3" in await team.ok("lee", "/assignment done 심화")
    assert "#2" in await team.ok("lee", "/assignment done 기본과제 2")
    assert "#1" in await team.ok("lee", "/assignment done #1")
    assert "(2 of 2 done)" in await team.ok("kim", "/assignment done 1")
    assert "Several assignments" in await team.rejected("lee", "/assignment undo 기본")
    assert "already marked" in await team.rejected("lee", "/assignment done 1")
    await team.ok("lee", "/assignment undo 1")
    assert "nothing to undo" in await team.rejected("lee", "/assignment undo 1")
    assert "no assignment #9" in (await team.rejected("lee", "/assignment done 9")).lower()
    assert "No assignment's title" in await team.rejected("lee", "/assignment done quiz")


async def test_only_the_creator_or_an_admin_removes_an_assignment(team):
    await team.ok("lee", "/assignment add lee's due:fri 23:59")
    await team.ok("kim", "/assignment add kim's due:fri 23:59")
    assert "(kim) or a team admin" in await team.rejected("lee", "/assignment remove 2")
    await team.ok("lee", "/assignment remove 1")
    await team.ok("kim", "/assignment remove 2")  # kim is the admin
    assert "(0)" in await team.ok("kim", "/assignment list all")


async def test_another_teams_assignment_cannot_be_marked_or_removed(team):
    await team.ok("park", "/team setup start:2021-08-02", channel="c2")
    await team.ok("park", "/assignment add theirs due:fri 23:59", channel="c2")
    await team.rejected("kim", "/assignment done 1")
    await team.rejected("kim", "/assignment remove theirs")


async def test_assignment_add_is_posted_to_the_channel_and_done_marks_too(team):
    assert not (await team.say("kim", "/assignment add a due:fri 23:59")).ephemeral
    assert not (await team.say("lee", "/assignment done 1")).ephemeral
    assert (await team.say("lee", "/assignment list")).ephemeral
