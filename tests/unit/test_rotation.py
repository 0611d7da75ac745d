"""The session's roles (`/team rotation`): turns on the study calendar, passed over days away,
named in the session reminder, listed ahead, refused with one sentence and nothing changed."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.calendar import StudyCalendar
from bot.model.rotation import Period, Rotation, next_turn_days, turn_index, turn_on
from bot.text import Mention, Plain
from tests.conftest import Harness, snapshot
from tests.unit.test_reminders import Channel, local, stepper_for

SET_AT = datetime(2021, 8, 9, 4, 0, tzinfo=UTC)
KR = StudyCalendar(start=date(2021, 8, 2), zone="Asia/Seoul", country="KR")


async def members(team: Harness, *names: str) -> None:
    for name in names:
        await team.ok(name, f"/ask {name} joins")


async def sessions(team: Harness, until: str) -> list[tuple[str, list[str]]]:
    """The session reminders posted until `until`, each with its lines after the first."""
    channel = Channel()
    stepper = stepper_for(team, channel)
    await stepper.advance(local("2021-08-09 13:00"))
    await stepper.advance(local(until))
    return [
        (when, text.split("\n")[1:3]) for when, _, text in channel.posts if text.startswith("⏰")
    ]


async def test_a_week_of_reminders_names_each_day_s_moderator_and_says_when_the_turn_passed(team):
    await members(team, "lee", "park")
    await team.ok("kim", "/team rotation order:@kim,@lee,@park notes:on")
    await team.ok("lee", "/away 2021-08-10")  # lee's turn on Tuesday
    posted = await sessions(team, "2021-08-14 00:00")
    assert posted == [
        ("Mon 08-09 15:50", ["🎙 Moderator today: @kim", "📝 Notes today: @lee"]),
        ("Tue 08-10 15:50", ["🎙 lee is away: @park moderates today", "📝 Notes today: @kim"]),
        ("Wed 08-11 15:50", ["🎙 Moderator today: @park", "📝 Notes today: @kim"]),
        ("Thu 08-12 15:50", ["🎙 Moderator today: @kim", "📝 Notes today: @lee"]),
        ("Fri 08-13 15:50", ["🎙 Moderator today: @lee", "📝 Notes today: @park"]),
    ]
    for _, lines in posted:
        assert sum("Moderator" in line or "moderates" in line for line in lines) == 1


async def test_the_moderator_is_a_mention_so_they_are_notified(team):
    await members(team, "lee")
    await team.ok("kim", "/team rotation order:lee,kim")
    channel = Channel()
    stepper = stepper_for(team, channel)
    await stepper.advance(local("2021-08-09 13:00"))
    await stepper.advance(local("2021-08-09 16:00"))
    async with team.uow_factory() as uow:
        [row] = [r for r in await uow.outbox.list() if r.kind.value == "session"]
    assert row.message.lines[1] == (Plain("🎙 Moderator today: "), Mention("lee", "lee"))


async def test_a_weekly_rotation_keeps_one_moderator_for_the_week(team):
    await members(team, "lee")
    await team.ok("kim", "/team rotation order:lee,kim every:week")
    posted = await sessions(team, "2021-08-18 00:00")
    assert [(when, lines[0]) for when, lines in posted] == [
        ("Mon 08-09 15:50", "🎙 Moderator today: @lee"),
        ("Tue 08-10 15:50", "🎙 Moderator today: @lee"),
        ("Wed 08-11 15:50", "🎙 Moderator today: @lee"),
        ("Thu 08-12 15:50", "🎙 Moderator today: @lee"),
        ("Fri 08-13 15:50", "🎙 Moderator today: @lee"),
        ("Tue 08-17 15:50", "🎙 Moderator today: @kim"),  # Monday the 16th: substitute holiday
    ]


async def test_everyone_away_and_no_one_left_to_take_notes_are_said(team):
    await members(team, "lee")
    await team.ok("kim", "/team rotation order:kim,lee notes:on")
    await team.ok("lee", "/away 2021-08-09")
    await team.ok("kim", "/away 2021-08-10")
    await team.ok("lee", "/away 2021-08-10")
    posted = await sessions(team, "2021-08-10 17:00")
    assert posted[0][1] == [
        "🎙 Moderator today: @kim",
        "📝 No note-taker today: no one else in the rotation is here.",
    ]
    assert posted[1][1][0] == "🎙 Everyone in the rotation is away today: no moderator."


async def test_the_korean_reminder_says_the_pass_with_the_right_particles(harness):
    await harness.ok("지훈", "/team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:ko")
    await members(harness, "하나", "민수")
    await harness.ok("지훈", "/team rotation order:지훈,하나,민수 every:매일 notes:켜기")
    await harness.ok("지훈", "/away 2021-08-09")
    posted = await sessions(harness, "2021-08-09 17:00")
    assert posted == [
        (
            "Mon 08-09 15:50",
            ["🎙 지훈이 부재라 오늘은 @하나가 사회를 봅니다", "📝 오늘의 기록자: @민수"],
        )
    ]


async def test_without_a_rotation_the_reminder_is_as_before(team):
    posted = await sessions(team, "2021-08-09 17:00")
    assert posted == [("Mon 08-09 15:50", ["No open questions yet: bring yours with /ask."])]
