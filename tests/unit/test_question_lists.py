"""The agenda, the mentor list and `/questions` are complete: ordered over all, counted, paged."""

import re
from datetime import date, datetime

from adapters.discord.render import pieces as discord_pieces
from adapters.slack.render import pieces as slack_pieces
from bot.handlers.listing import AGENDA_CHARS, AGENDA_LIMIT
from bot.outbox import PostKind
from bot.scheduled.occurrences import Occurrence
from bot.scheduled.writer import compose
from bot.text import Message, plain_text
from tests.conftest import SEOUL, Harness


async def _ask_many(team: Harness, count: int, prefix: str = "question") -> None:
    for n in range(1, count + 1):  # alike on purpose: past "asked before?"
        await team.ok("kim", f"/ask {prefix} {n} anyway:yes")


async def _compose(team: Harness, kind: PostKind, day: date) -> Message | None:
    async with team.uow_factory() as uow:
        stored = (await uow.teams.list())[0]
        assert stored.id is not None
        at = datetime(day.year, day.month, day.day, 15, 50, tzinfo=SEOUL)
        return await compose(uow, stored, Occurrence(at, stored.id, kind, day.isoformat(), day))


def _numbers(text: str) -> list[int]:
    return [int(found) for found in re.findall(r"#(\d+)", text)]


async def test_a_question_deferred_as_55_of_60_comes_first_on_the_next_agenda(team):
    await _ask_many(team, 60)
    await team.ok("kim", "/defer 55")
    team.at("2021-08-10 13:00")
    text = await team.ok("lee", "/questions today")
    shown = _numbers(text)
    assert shown[0] == 55
    assert shown[1:] == list(range(1, AGENDA_LIMIT))
    assert f"and {60 - AGENDA_LIMIT} more questions" in text and "/questions open" in text


async def test_the_session_reminder_puts_deferred_then_carried_then_todays_and_counts_the_rest(
    team,
):
    await _ask_many(team, 30)
    await team.ok("kim", "/defer 30")
    team.at("2021-08-10 09:00")
    await _ask_many(team, 10, prefix="today's")
    message = await _compose(team, PostKind.SESSION, date(2021, 8, 10))
    assert message is not None
    text = plain_text(message)
    assert _numbers(text) == [30, *range(1, AGENDA_LIMIT)]
    assert f"and {40 - AGENDA_LIMIT} more questions" in text and "/questions open" in text


async def test_long_questions_cut_the_agenda_to_a_few_messages_and_say_how_many_more(team):
    for n in range(1, 11):
        await team.ok("kim", f"/ask long {n} " + "word " * 300 + "anyway:yes")
    team.at("2021-08-10 13:00")
    text = await team.ok("lee", "/questions today")
    shown = _numbers(text)
    assert shown == list(range(1, len(shown) + 1)) and 1 < len(shown) < 10
    assert len(text) < AGENDA_CHARS + 1000
    assert f"and {10 - len(shown)} more questions" in text
    reminder = await _compose(team, PostKind.SESSION, date(2021, 8, 10))
    assert reminder is not None and len(discord_pieces(reminder)) <= 4


async def test_an_agenda_that_fits_says_nothing_more(team):
    await _ask_many(team, 3)
    team.at("2021-08-10 13:00")
    text = await team.ok("lee", "/questions today")
    assert _numbers(text) == [1, 2, 3] and "more question" not in text


async def test_the_mentor_list_of_54_escalated_says_54_and_carries_all_across_pieces(team):
    await _ask_many(team, 54, prefix="a longer question about attention shapes and masks, number")
    for n in range(1, 55):
        await team.ok("kim", f"/escalate {n}")
    await team.ok("kim", "/team settings office_hours:14:00")
    message = await _compose(team, PostKind.MENTOR, date(2021, 8, 9))
    assert message is not None
    assert "54 questions" in plain_text(message).split("\n")[0]
    discord = [piece.text for piece in discord_pieces(message)]
    slack = [piece.text for piece in slack_pieces(message)]
    assert len(discord) > 1
    for rendered in (discord, slack):
        assert sorted(_numbers("\n".join(rendered))) == list(range(1, 55))


async def test_questions_open_pages_through_all_of_them(team):
    await _ask_many(team, 70)
    first = await team.ok("lee", "/questions open")
    assert "(70)" in first and _numbers(first)[:30] == list(range(1, 31))
    assert "Page 1 of 3" in first and "/questions open page:2" in first
    third = await team.ok("lee", "/questions open page:3")
    assert _numbers(third)[:10] == list(range(61, 71)) and "Page 3 of 3" in third


async def test_an_out_of_range_page_gets_one_sentence(team):
    await _ask_many(team, 3)
    text = await team.rejected("lee", "/questions open page:4")
    assert "no page 4" in text and "page:1" in text
    assert "There is no page" in await team.rejected("lee", "/questions all page:2")
    assert "The agenda has no pages" in await team.rejected("lee", "/questions today page:2")


async def test_a_search_pages_with_its_words(team):
    await _ask_many(team, 35, prefix="attention")
    text = await team.ok("lee", "/questions all attention")
    assert "Page 1 of 2" in text and "/questions all attention page:2" in text
