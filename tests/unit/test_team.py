"""Team set-up, settings, members and help."""

from bot import i18n
from bot.commands.table import all_commands
from bot.model.teams import Language


async def test_setup_makes_the_caller_admin_and_answers_in_the_chosen_language(harness):
    text = await harness.ok("kim", "/team setup start:2021-08-02 lang:ko")
    assert "팀을 만들었습니다" in text and "kim" in text
    assert "(관리자)" in await harness.ok("kim", "/team members")


async def test_settings_show_today_with_its_day_number(team):
    text = await team.ok("lee", "/team settings")
    assert "Day 6" in text and "Asia/Seoul" in text


async def test_admin_changes_settings_and_the_reply_names_the_change(team):
    text = await team.ok("kim", "/team settings zone:America/New_York lang:ko")
    assert "Asia/Seoul → America/New_York" in text and "en → ko" in text
    assert "Only team admins" not in text


async def test_non_admins_cannot_change_settings_and_are_told_whom_to_ask(team):
    await team.ok("lee", "/ask hi")
    assert "ask kim" in await team.rejected("lee", "/team settings lang:ko")


async def test_admins_can_be_added_and_removed_but_not_the_last(team):
    await team.ok("lee", "/ask hi")
    await team.ok("kim", "/team members add_admin:lee")
    await team.ok("lee", "/team settings lang:ko")
    await team.ok("lee", "/team members remove_admin:kim")
    assert "마지막" in await team.rejected("lee", "/team members remove_admin:lee")


async def test_a_member_can_be_named_by_platform_mention(team):
    await team.ok("U42", "/ask hi")
    assert "U42" in await team.ok("kim", "/team members add_admin:<@U42>")


async def test_help_lists_every_command_of_the_table_with_an_example(harness):
    text = await harness.ok("kim", "/help")
    for command in all_commands():
        assert command.usage() in text
        assert i18n.text_of(Language.EN, command.example.key) in text


async def test_display_names_follow_the_platform(team):
    from bot.ports import Invocation
    from bot.text import plain_text

    reply = await team.bot.handle(
        Invocation("x", "console", "c1", "kim", "Kim Minji", "team", "members")
    )
    assert "Kim Minji (admin)" in plain_text(reply.message)
