"""Retrospectives: inline fields, the edit window, show, and the template's fields."""

from datetime import UTC, date, datetime

import pytest

from bot.errors import PeerbotError
from bot.model.study import parse_retro_text
from bot.model.teams import RetroTemplate
from bot.outbox import OutboxMessage, PostKind, State
from bot.text import Message

FFF, TIL = RetroTemplate.FFF, RetroTemplate.TIL


# --- the inline text ---------------------------------------------------------------------------


def test_inline_text_is_split_at_field_labels_and_keeps_its_spaces():
    given = parse_retro_text(FFF, "fact: 1~3강 수강 feeling: 힘들었다. 어렵다 plan: 복습")
    assert given.fields == {"fact": "1~3강 수강", "feeling": "힘들었다. 어렵다", "plan": "복습"}
    assert given.day is None


def test_korean_and_english_aliases_and_the_seed_headings_name_fields():
    given = parse_retro_text(FFF, "사실:강의 느낀점: 좋음 Future Plan & Finding: 복습")
    assert given.fields == {"fact": "강의", "feeling": "좋음", "plan": "복습"}
    assert parse_retro_text(FFF, "FUTURE: x").fields == {"plan": "x"}
    til = parse_retro_text(
        TIL, "완료한 사항: numpy 미완료: pandas 배운점: copy 내일 목표: 과제 소감: 굿"
    )
    assert til.fields == {
        "done": "numpy",
        "not_done": "pandas",
        "learned": "copy",
        "tomorrow": "과제",
        "impressions": "굿",
    }


def test_a_word_with_a_colon_inside_a_field_stays_text():
    given = parse_retro_text(FFF, "fact: ratio 16:9 and note: see https://x.org/a")
    assert given.fields == {"fact": "ratio 16:9 and note: see https://x.org/a"}


def test_day_label_selects_the_day_anywhere_but_a_days_word_in_text_stays_text():
    assert parse_retro_text(FFF, "day:yesterday fact: x").day == "yesterday"
    assert parse_retro_text(FFF, "fact: x day:2021-08-06").day == "2021-08-06"
    given = parse_retro_text(FFF, "feeling: a good day: really")
    assert given.fields == {"feeling": "a good day: really"} and given.day is None


@pytest.mark.parametrize(
    ("template", "text", "key"),
    [
        (FFF, "오늘은 좋았다", "retro.no_label"),
        (FFF, "intro fact: x", "retro.no_label"),
        (FFF, "done: x", "retro.unknown_field"),
        (FFF, "mood: x", "retro.unknown_field"),
        (TIL, "fact: x", "retro.unknown_field"),
        (FFF, "fact: a fact: b", "retro.field_twice"),
        (FFF, "fact: a 사실: b", "retro.field_twice"),
        (FFF, "day:2021-08-06 day:2021-08-05 fact: x", "args.duplicate_option"),
    ],
)
def test_text_that_is_not_the_templates_fields_is_refused(template, text, key):
    with pytest.raises(PeerbotError) as caught:
        parse_retro_text(template, text)
    assert caught.value.key == key


def test_an_unknown_field_sentence_lists_the_templates_fields():
    with pytest.raises(PeerbotError) as caught:
        parse_retro_text(TIL, "fact: x")
    assert caught.value.params["fields"] == "done:, not_done:, learned:, tomorrow:, impressions:"


# --- through the bot ---------------------------------------------------------------------------


async def test_writing_twice_on_a_day_merges_the_fields(team):
    await team.ok("kim", "/retro fact: 1~3강 feeling: 힘들었다")
    text = await team.ok("kim", "/retro plan: 복습 fact: 1~4강")
    assert "updated" in text
    shown = await team.ok("kim", "/retro show")
    assert "Fact: 1~4강" in shown and "Feeling: 힘들었다" in shown
    assert "Future Plan & Finding: 복습" in shown


async def test_the_reply_names_the_fields_still_empty(team):
    text = await team.ok("kim", "/retro fact: x")
    assert "Still empty: feeling:, plan:" in text


async def test_a_til_team_writes_its_own_fields(harness):
    await harness.ok("kim", "/team setup start:2021-08-02 template:til lang:ko")
    text = await harness.ok("kim", "/retro 완료: numpy 소감: 좋았다")
    assert "완료한 사항: numpy" in text and "소감: 좋았다" in text
    assert "fact:" not in text
    refused = await harness.rejected("kim", "/retro fact: x")
    assert "done:, not_done:, learned:, tomorrow:, impressions:" in refused


async def test_bare_retro_says_how_to_write_it_inline_and_writes_nothing(team):
    reply = await team.say("kim", "/retro")
    assert reply.ok and reply.ephemeral
    assert "/retro peer: … fact: … feeling: … plan: …" in (await team.text("kim", "/retro"))
    assert await team.ok("kim", "/retro show") == (
        "kim has no retrospective of Mon 2021-08-09 (Day 6) yet."
    )
    async with team.uow_factory() as uow:
        (stored,) = await uow.teams.list()
        assert await uow.retros.list(stored.id, date.min, date.max) == []


async def test_anyone_in_the_team_can_read_a_members_retro(team):
    await team.ok("lee", "/retro fact: lee's fact")
    shown = await team.ok("kim", "/retro show lee")
    assert "lee's retrospective of Mon 2021-08-09 (Day 6)" in shown and "lee's fact" in shown
    assert "no member" in await team.rejected("kim", "/retro show nobody")


async def test_another_teams_member_retro_is_not_shown(team):
    await team.ok("park", "/team setup start:2021-08-02", channel="c2")
    await team.ok("park", "/retro fact: secret", channel="c2")
    assert "no member park" in await team.rejected("kim", "/retro show park")


async def test_yesterdays_retro_can_be_written_the_next_study_day_even_after_a_weekend(team):
    # Monday: Friday's is "yesterday" (the previous study day).
    text = await team.ok("kim", "/retro fact: 금요일 day:yesterday")
    assert "Fri 2021-08-06 (Day 5)" in text
    assert "Fri 2021-08-06" in await team.ok("kim", "/retro show day:어제")


async def test_a_fridays_retro_stays_open_over_a_holiday_until_the_next_study_day_ends(team):
    # 2021-08-16 is a substitute holiday in Korea: the next study day after Fri 13th is Tue 17th.
    team.at("2021-08-17 22:00")
    await team.ok("kim", "/retro fact: late day:2021-08-13")
    team.at("2021-08-18 09:00")
    await team.ok("lee", "/retro fact: tuesday's, written wednesday morning day:2021-08-17")
    assert "closed" in await team.rejected("lee", "/retro fact: x day:2021-08-13")


async def test_past_the_next_study_day_a_retro_is_closed_for_writing(team):
    team.at("2021-08-11 09:00")
    text = await team.rejected("kim", "/retro fact: x day:2021-08-09")
    assert "Mon 2021-08-09 (Day 6)" in text and "closed" in text
    assert "until the end of Tue 2021-08-10 (Day 7)" in text


async def test_an_existing_retro_of_this_week_stays_editable_until_the_digest_is_posted(team):
    await team.ok("kim", "/retro fact: monday")
    team.at("2021-08-12 09:00")
    await team.ok("kim", "/retro feeling: edited thursday day:2021-08-09")
    await _post_digest(team, "week2")
    assert "closed" in await team.rejected("kim", "/retro plan: again day:2021-08-09")


async def test_last_weeks_retro_is_not_editable_this_week(team):
    await team.ok("kim", "/retro fact: friday day:yesterday")
    team.at("2021-08-10 09:00")
    assert "closed" in await team.rejected("kim", "/retro feeling: x day:2021-08-06")


async def test_a_pending_digest_does_not_close_the_week(team):
    await team.ok("kim", "/retro fact: monday")
    await _post_digest(team, "week2", State.PENDING)
    team.at("2021-08-12 09:00")
    await team.ok("kim", "/retro feeling: still open day:2021-08-09")


async def test_the_future_and_days_off_have_no_retro(team):
    assert "has not come yet" in await team.rejected("kim", "/retro fact: x day:2021-08-10")
    assert "not a study day" in await team.rejected("kim", "/retro fact: x day:2021-08-07")
    assert "not a study day" in await team.rejected("kim", "/retro fact: x day:2021-08-16")


async def test_on_a_weekend_retro_means_fridays(team):
    team.at("2021-08-14 10:00")
    assert "Fri 2021-08-13 (Day 10)" in await team.ok("kim", "/retro fact: weekend writing")


async def test_a_field_over_the_limit_is_refused_naming_the_field(team):
    text = await team.rejected("kim", "/retro fact: ok feeling: " + "가" * 4001)
    assert "Feeling" in text and "4000" in text


async def test_retro_replies_are_only_for_the_writer(team):
    reply = await team.say("kim", "/retro fact: x")
    assert reply.ok and reply.ephemeral


async def _post_digest(team, occurrence: str, state: State = State.SENT) -> None:
    async with team.uow_factory() as uow:
        (stored,) = await uow.teams.list()
        await uow.outbox.add(
            OutboxMessage(
                team_id=stored.id,
                kind=PostKind.DIGEST,
                occurrence=occurrence,
                due_at=datetime(2021, 8, 13, 9, 0, tzinfo=UTC),
                message=Message(()),
                created_at=datetime(2021, 8, 13, 9, 0, tzinfo=UTC),
                state=state,
            )
        )
        await uow.commit()


def test_the_command_parser_leaves_field_labels_in_the_text_and_takes_a_trailing_day():
    from bot.commands.parsing import parse_arguments
    from bot.commands.table import resolve

    command, rest = resolve("retro", "fact: x feeling:좋음 plan:복습")
    assert parse_arguments(command, rest) == {"fields": "fact: x feeling:좋음 plan:복습"}
    command, rest = resolve("retro", "fact: x day:yesterday")
    assert parse_arguments(command, rest) == {"fields": "fact: x", "day": "yesterday"}


async def test_a_day_given_twice_is_refused(team):
    assert "twice" in await team.rejected("kim", "/retro day:2021-08-06 fact: x day:yesterday")
