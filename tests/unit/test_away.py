"""Days away, the team's days off, and the schedule settings (which reschedule the team)."""

from datetime import date, time

from bot.ports import ScheduleChanged


def heard(team) -> list[object]:
    events: list[object] = []

    async def listener(event: object) -> None:
        events.append(event)

    team.bot.listen(listener)
    return events


async def stored_team(team):
    async with team.uow_factory() as uow:
        (stored,) = await uow.teams.list()
        return stored


async def test_away_marks_a_range_and_lists_the_callers_upcoming_days(team):
    text = await team.ok("lee", "/away 8/12-8/13")
    assert "lee is away from Thu 2021-08-12 (Day 9) to Fri 2021-08-13 (Day 10)" in text
    assert "(2 study days)" in text
    await team.ok("lee", "/away 2021-08-20 2021-08-23")
    await team.ok("kim", "/away 2021-08-11")
    listing = await team.ok("lee", "/away")
    assert "(2)" in listing and "2021-08-12" in listing and "2021-08-23" in listing
    assert "2021-08-11" not in listing  # kim's
    team.at("2021-08-14 09:00")
    assert "(1)" in await team.ok("lee", "/away")


async def test_away_days_are_stored_for_the_member(team):
    await team.ok("lee", "/away 2021-08-12")
    stored = await stored_team(team)
    async with team.uow_factory() as uow:
        (away,) = await uow.away.list(stored.id, date(2021, 8, 1), date(2021, 8, 31))
        lee = await uow.members.get(stored.id, "lee")
    assert (away.member_id, away.first, away.last) == (lee.id, date(2021, 8, 12), date(2021, 8, 12))


async def test_away_refuses_inverted_past_and_overlong_ranges(team):
    assert "ends (2021-08-12) before it starts" in await team.rejected("kim", "/away 8/13-8/12")
    assert "in the past" in await team.rejected("kim", "/away 2021-08-06")
    assert "more than 60 days" in await team.rejected("kim", "/away 2021-08-10 2021-10-10")
    assert "not a day or a range" in await team.rejected("kim", "/away next week")
    await team.ok("kim", "/away today")


async def test_admins_add_and_remove_team_days_off_and_the_team_is_rescheduled(team):
    events = heard(team)
    text = await team.ok("kim", "/team holiday add 2021-08-20 8/23-8/24")
    assert "2021-08-20, 2021-08-23, 2021-08-24" in text
    assert (await stored_team(team)).days_off == {
        date(2021, 8, 20),
        date(2021, 8, 23),
        date(2021, 8, 24),
    }
    team_id = (await stored_team(team)).id
    assert events == [ScheduleChanged(team_id)]
    await team.ok("kim", "/team holiday remove 2021-08-23")
    assert date(2021, 8, 23) not in (await stored_team(team)).days_off
    listing = await team.ok("lee", "/team holiday list")
    assert "Fri 2021-08-20" in listing and "Public holidays of KR" in listing
    assert "2021-08-23" not in listing
    assert len(events) == 2


async def test_a_team_day_off_has_no_day_number_and_no_retro(team):
    await team.ok("kim", "/team holiday add 2021-08-10")
    team.at("2021-08-10 10:00")
    assert "(today is Tue 2021-08-10)" in await team.ok("kim", "/team settings")  # no Day N
    assert "not a study day" in await team.rejected("kim", "/retro fact: x day:2021-08-10")


async def test_holiday_changes_are_for_admins_and_refuse_past_or_unknown_days(team):
    await team.ok("lee", "/ask hi")
    assert "Only team admins" in await team.rejected("lee", "/team holiday add 2021-08-20")
    assert "in the past" in await team.rejected("kim", "/team holiday add 2021-08-06")
    assert "not one of the team's days off" in await team.rejected(
        "kim", "/team holiday remove 2021-08-20"
    )
    assert "Give the days" in await team.rejected("kim", "/team holiday add")
    await team.ok("kim", "/team holiday add 2021-08-20")
    assert "nothing changed" in await team.ok("kim", "/team holiday add 8/20")


async def test_schedule_settings_are_stored_shown_and_reschedule(team):
    events = heard(team)
    text = await team.ok(
        "kim",
        "/team settings session:15:30 session_remind:15 retro_time:22:00 "
        'assignment_remind:1,48 digest:"fri 17:00" office_hours:14:00 grace:30',
    )
    assert "session: 16:00 → 15:30" in text and "digest: last 18:00 → fri 17:00" in text
    schedule = (await stored_team(team)).schedule
    assert schedule.session_time == time(15, 30)
    assert schedule.session_reminder_minutes == 15
    assert schedule.retro_time == time(22, 0)
    assert schedule.assignment_reminder_hours == (48, 1)
    assert (schedule.digest_weekday, schedule.digest_time) == (4, time(17, 0))
    assert schedule.office_hours == time(14, 0)
    assert schedule.grace_minutes == 30
    assert events == [ScheduleChanged((await stored_team(team)).id)]
    shown = await team.ok("lee", "/team settings")
    assert "session: 15:30" in shown and "office_hours: 14:00" in shown
    assert shown.rstrip().endswith("zone:Asia/Seoul.")
    await team.ok("kim", "/team settings digest:last office_hours:none")
    schedule = (await stored_team(team)).schedule
    assert schedule.digest_weekday is None and schedule.office_hours is None


async def test_changing_the_zone_or_start_reschedules_but_the_language_does_not(team):
    events = heard(team)
    await team.ok("kim", "/team settings lang:ko")
    assert events == []
    await team.ok("kim", "/team settings zone:America/New_York")
    assert len(events) == 1


async def test_team_setup_tells_the_scheduler(harness):
    events = heard(harness)
    await harness.ok("kim", "/team setup start:2021-08-02")
    assert events == [ScheduleChanged(1)]


async def test_bad_schedule_values_are_one_sentence_and_change_nothing(team):
    before = await stored_team(team)
    for line, says in [
        ("/team settings session:25:00", "not a time"),
        ("/team settings retro_time:12:61", "not a time"),
        ("/team settings session_remind:-5", "not a number of minutes"),
        ("/team settings grace:lots", "not a number of minutes"),
        ("/team settings assignment_remind:1,2,3,4,5,6", "too many reminders"),
        ("/team settings assignment_remind:400", "from 1 to 336"),
        ("/team settings digest:someday", "not a digest time"),
        ("/team settings office_hours:noon", "not a time"),
        ("/team settings session:15:00 digest:nope", "not a digest time"),
    ]:
        assert says in await team.rejected("kim", line), line
    assert await stored_team(team) == before
