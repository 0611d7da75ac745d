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


# --- turns on the calendar ------------------------------------------------------------------


def rotation(every: Period, since: date, order: tuple[int, ...] = (1, 2, 3)) -> Rotation:
    return Rotation(1, order, every, True, since, SET_AT)


def moderators(r: Rotation, calendar: StudyCalendar, first: date, last: date) -> list[str]:
    out = []
    for day in calendar.study_days_between(first, last):
        turn = turn_on(r, calendar, day, set())
        assert turn is not None
        out.append(f"{day:%m-%d} {turn.moderator}")
    return out


def test_chuseok_takes_no_turn_day_by_day_or_week_by_week():
    since = date(2021, 9, 17)  # Friday; Chuseok is Monday 20 to Wednesday 22 September 2021
    daily = rotation(Period.DAY, since)
    assert [turn_index(daily, KR, date(2021, 9, d)) for d in range(20, 23)] == [None] * 3
    assert moderators(daily, KR, since, date(2021, 9, 28)) == [
        "09-17 1",
        "09-23 2",
        "09-24 3",
        "09-27 1",
        "09-28 2",
    ]
    weekly = rotation(Period.WEEK, since)
    assert moderators(weekly, KR, since, date(2021, 9, 27)) == [
        "09-17 1",
        "09-23 2",
        "09-24 2",
        "09-27 3",
    ]
    assert next_turn_days(weekly, KR, since, 3) == [
        date(2021, 9, 17),
        date(2021, 9, 23),
        date(2021, 9, 27),
    ]


def test_a_week_wholly_off_takes_no_weekly_turn():
    off = frozenset(date(2021, 8, d) for d in range(23, 28))  # the team's whole week off
    calendar = StudyCalendar(start=date(2021, 8, 2), country="KR", days_off=off)
    weekly = rotation(Period.WEEK, date(2021, 8, 17))
    assert moderators(weekly, calendar, date(2021, 8, 20), date(2021, 8, 30)) == [
        "08-20 1",
        "08-30 2",
    ]


def test_a_course_started_years_ago_counts_its_turns_without_walking_the_days():
    calendar = StudyCalendar(start=date(2016, 3, 2), country="KR")
    r = rotation(Period.DAY, date(2016, 3, 2), order=(1, 2, 3, 4, 5, 6, 7))
    day = date(2021, 8, 9)
    walked = sum(1 for _ in calendar.study_days_between(date(2016, 3, 2), day))
    assert turn_index(r, calendar, day) == walked - 1
    weekly = rotation(Period.WEEK, date(2016, 3, 2))
    weeks = {
        d.toordinal() - d.weekday() for d in calendar.study_days_between(date(2016, 3, 2), day)
    }
    assert turn_index(weekly, calendar, day) == len(weeks) - 1
    assert turn_on(r, calendar, day, set()) is not None


def test_a_course_set_far_in_the_future_starts_its_turns_on_its_first_day():
    calendar = StudyCalendar(start=date(2030, 1, 7), country="KR")
    r = rotation(Period.DAY, date(2021, 8, 9))  # set today, years before the course
    assert turn_index(r, calendar, date(2026, 1, 5)) is None  # before the course
    assert turn_index(r, calendar, date(2030, 1, 7)) == 0
    assert turn_index(r, calendar, date(2030, 1, 8)) == 1
    assert next_turn_days(r, calendar, date(2021, 8, 9), 2) == [date(2030, 1, 7), date(2030, 1, 8)]


def test_count_study_weeks_matches_a_walk_over_the_days():
    off = frozenset({date(2021, 8, 23), date(2021, 8, 24), date(2021, 8, 25)})
    calendar = StudyCalendar(start=date(2021, 1, 4), country="KR", days_off=off)
    first = date(2021, 1, 1)
    for span in range(0, 400, 7):
        for shift in range(0, 7):
            a = date.fromordinal(first.toordinal() + shift)
            b = date.fromordinal(a.toordinal() + span + shift)
            walked = {d.toordinal() - d.weekday() for d in calendar.study_days_between(a, b)}
            assert calendar.count_study_weeks(a, b) == len(walked), (a, b)


def test_the_note_taker_is_the_next_present_member_never_the_moderator():
    r = rotation(Period.DAY, date(2021, 8, 9))
    turn = turn_on(r, KR, date(2021, 8, 9), {2})
    assert turn is not None
    assert (turn.moderator, turn.note_taker, turn.passed) == (1, 3, ())
    turn = turn_on(r, KR, date(2021, 8, 10), {2, 3})  # 2's turn; only 1 is there
    assert turn is not None
    assert (turn.moderator, turn.note_taker, turn.passed, turn.alone) == (1, None, (2, 3), True)
    alone = turn_on(rotation(Period.DAY, date(2021, 8, 9), order=(1,)), KR, date(2021, 8, 9), set())
    assert alone is not None and (alone.moderator, alone.note_taker, alone.alone) == (1, None, True)


# --- /team rotation -----------------------------------------------------------------------------


async def test_team_rotation_shows_how_to_set_one_then_the_next_five_turns_privately(team):
    await members(team, "lee", "park")
    none = await team.say("lee", "/team rotation")
    assert none.ephemeral
    assert (
        await team.text("lee", "/team rotation")
        == "This team has no rotation yet; an admin sets one like this: "
        "/team rotation order:@kim,@lee,@park every:week notes:on"
    )
    await team.ok("park", "/away 2021-08-12")
    said = await team.say("kim", "/team rotation order:'<@park> @kim, lee' notes:on")
    assert said.ok and not said.ephemeral  # the team sees who set it
    team.at("2021-08-10 09:00")
    shown = await team.say("lee", "/team rotation")
    assert shown.ephemeral
    assert (await team.text("lee", "/team rotation")).split("\n") == [
        "🎙 Rotation: a new moderator each study day since Mon 2021-08-09 (Day 6), with a "
        "note-taker. Order: park → kim → lee.",
        "Next turns:",
        "  - Tue 2021-08-10 (Day 7): kim; notes: lee",
        "  - Wed 2021-08-11 (Day 8): lee; notes: park",
        "  - Thu 2021-08-12 (Day 9): kim (the turn of park, away); notes: lee",
        "  - Fri 2021-08-13 (Day 10): kim; notes: lee",
        "  - Tue 2021-08-17 (Day 11): lee; notes: park",
    ]


async def test_a_weekly_rotation_in_korean_lists_weeks(harness):
    await harness.ok("지훈", "/team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:ko")
    await members(harness, "하나")
    text = await harness.ok("지훈", "/team rotation order:하나,지훈 every:매주")
    assert text.split("\n") == [
        "🔁 지훈이 세션 순서를 정했습니다.",
        "🎙 사회자 순서: 2021-08-09(월) Day 6부터 학습 주마다 바뀜, 기록자 없음. 순서: 하나 → 지훈.",
        "다음 차례:",
        "  - Week 2 (2021-08-09(월) Day 6부터): 하나",
        "  - Week 3 (2021-08-17(화) Day 11부터): 지훈",
        "  - Week 4 (2021-08-23(월) Day 15부터): 하나",
        "  - Week 5 (2021-08-30(월) Day 20부터): 지훈",
        "  - Week 6 (2021-09-06(월) Day 25부터): 하나",
    ]


async def test_changing_only_the_note_taker_keeps_the_turns_and_off_clears_it(team):
    await members(team, "lee")
    await team.ok("kim", "/team rotation order:lee,kim")
    team.at("2021-08-11 09:00")
    await team.ok("kim", "/team rotation notes:on")
    async with team.uow_factory() as uow:
        kept = await uow.rotations.get(1)
    assert kept is not None and kept.since == date(2021, 8, 9) and kept.notes
    await team.ok("kim", "/team rotation every:week")  # a new period starts the turns again
    async with team.uow_factory() as uow:
        moved = await uow.rotations.get(1)
    assert moved is not None and moved.since == date(2021, 8, 11) and moved.every is Period.WEEK
    assert (
        await team.ok("kim", "/team rotation 끄기") == "🔁 kim turned the session's rotation off."
    )
    async with team.uow_factory() as uow:
        assert await uow.rotations.get(1) is None


REFUSALS = [
    ("lee", "/team rotation order:kim,lee", "Only team admins can change settings; ask kim."),
    ("lee", "/team rotation off", "Only team admins can change settings; ask kim."),
    (
        "kim",
        "/team rotation notes:on",
        "Give the order of the rotation first, like order:@kim,@lee,@park.",
    ),
    ("kim", "/team rotation order:kim,nobody", "There is no member nobody in this team;"),
    ("kim", "/team rotation order:kim,@kim", "kim is in the order twice; name each member once."),
    (
        "kim",
        "/team rotation order:,",
        "The order names no member; write them like order:@kim,@lee,@park.",
    ),
    ("kim", "/team rotation off", "This team has no rotation to turn off."),
    ("kim", "/team rotation every:fortnight", ""),
]


async def test_every_refusal_is_one_sentence_and_changes_nothing(team):
    await members(team, "lee")
    for user, line, sentence in REFUSALS:
        before = await snapshot(team.uow_factory)
        text = await team.rejected(user, line)
        assert text.startswith(sentence) and "\n" not in text, (line, text)
        assert await snapshot(team.uow_factory) == before, line
    await team.ok("kim", "/team rotation order:kim,lee")
    for user, line, sentence in [
        ("kim", "/team rotation order:kim,lee", "The rotation is already set that way;"),
        ("kim", "/team rotation off notes:on", "`/team rotation off` takes no other option;"),
        ("lee", "/team rotation notes:on", "Only team admins can change settings; ask kim."),
    ]:
        before = await snapshot(team.uow_factory)
        text = await team.rejected(user, line)
        assert text.startswith(sentence) and "\n" not in text, (line, text)
        assert await snapshot(team.uow_factory) == before, line


async def test_a_member_removed_from_the_team_leaves_the_rotation(team):
    await members(team, "lee", "park")
    await team.ok("kim", "/team rotation order:@kim,@lee,@park notes:on")
    await team.ok("kim", "/team members remove:lee")
    team.at("2021-08-09 09:00")
    shown = (await team.text("kim", "/team rotation")).split("\n")
    assert shown[0].endswith("Order: kim → park.")
    assert shown[2] == "  (no longer taking turns: lee; removed from the team or mentors now)"
    assert shown[3:5] == [
        "  - Mon 2021-08-09 (Day 6): kim; notes: park",
        "  - Tue 2021-08-10 (Day 7): park; notes: kim",
    ]
    posted = await sessions(team, "2021-08-11 00:00")
    assert posted == [
        ("Mon 08-09 15:50", ["🎙 Moderator today: @kim", "📝 Notes today: @park"]),
        ("Tue 08-10 15:50", ["🎙 Moderator today: @park", "📝 Notes today: @kim"]),
    ]


async def test_a_mentor_takes_no_turn_and_cannot_be_put_in_the_order(team):
    await members(team, "lee", "park")
    await team.ok("kim", "/team members set:@park role:mentor")
    before = await snapshot(team.uow_factory)
    text = await team.rejected("kim", "/team rotation order:@kim,@park,@lee")
    assert text == (
        "park is a mentor of the team, and the session's roles go round its members; "
        "leave them out of order:."
    )
    assert await snapshot(team.uow_factory) == before


async def test_a_member_made_a_mentor_leaves_the_turns_in_the_reminder_and_the_list(team):
    await members(team, "lee", "park")
    await team.ok("kim", "/team rotation order:@kim,@lee,@park")
    await team.ok("kim", "/team members set:@lee role:mentor")
    team.at("2021-08-09 09:00")
    shown = (await team.text("kim", "/team rotation")).split("\n")
    assert shown[0].endswith("Order: kim → park.")
    assert "no longer taking turns: lee" in shown[2]
    posted = await sessions(team, "2021-08-11 00:00")
    assert [lines[0] for _, lines in posted] == [
        "🎙 Moderator today: @kim",
        "🎙 Moderator today: @park",
    ]


async def test_with_no_one_left_to_take_turns_the_list_says_so(team):
    await members(team, "lee")
    await team.ok("kim", "/team rotation order:@lee")
    await team.ok("kim", "/team members set:@lee role:mentor")
    shown = (await team.text("kim", "/team rotation")).split("\n")
    assert shown[-1] == "  (no one in the order takes turns any more; set a new order:)"
    [(_, lines)] = await sessions(team, "2021-08-10 00:00")
    assert not any("🎙" in line for line in lines)
