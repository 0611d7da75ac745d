"""When reminders fall due: study days only, in the team's zone, DST included."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.model.study import Assignment, AssignmentKind
from bot.model.teams import Team, TeamSchedule
from bot.outbox import PostKind
from bot.scheduled.occurrences import assignment_occurrences, fixed_occurrences

SEOUL = ZoneInfo("Asia/Seoul")
NEW_YORK = ZoneInfo("America/New_York")


def team(**schedule) -> Team:
    return Team("console", "c1", "t", date(2021, 8, 2), schedule=TeamSchedule(**schedule), id=1)


def between(t: Team, first: str, last: str, zone=SEOUL):
    start = datetime.fromisoformat(first).replace(tzinfo=zone)
    end = datetime.fromisoformat(last).replace(tzinfo=zone)
    return [
        (o.at.astimezone(zone).strftime("%a %m-%d %H:%M"), o.kind.value, o.key)
        for o in fixed_occurrences(t, start, end)
    ]


def test_a_study_day_has_a_session_and_a_retro_reminder_in_the_team_zone():
    assert between(team(), "2021-08-09 00:00", "2021-08-09 23:59") == [
        ("Mon 08-09 15:50", "session", "2021-08-09"),
        ("Mon 08-09 21:00", "retro", "2021-08-09"),
    ]


def test_weekends_and_the_substitute_holiday_have_no_reminders_and_friday_has_the_digest():
    found = between(team(), "2021-08-13 00:00", "2021-08-17 00:00")
    assert found == [
        ("Fri 08-13 15:50", "session", "2021-08-13"),
        ("Fri 08-13 18:00", "digest", "week2"),
        ("Fri 08-13 21:00", "retro", "2021-08-13"),
    ]


def test_the_digest_goes_on_the_last_study_day_or_the_chosen_weekday():
    holiday_week = between(team(), "2021-08-16 00:00", "2021-08-22 23:59")
    assert ("Fri 08-20 18:00", "digest", "week3") in holiday_week
    wednesday = between(
        team(digest_weekday=2, digest_time=time(17, 0)), "2021-08-16 00:00", "2021-08-22 23:59"
    )
    assert [o for o in wednesday if o[1] == "digest"] == [("Wed 08-18 17:00", "digest", "week3")]


def test_the_mentor_list_goes_out_half_an_hour_before_office_hours():
    found = between(team(office_hours=time(17, 0)), "2021-08-09 00:00", "2021-08-09 23:59")
    assert ("Mon 08-09 16:30", "mentor", "2021-08-09") in found
    assert not [
        o for o in between(team(), "2021-08-09 00:00", "2021-08-09 23:59") if o[1] == "mentor"
    ]


def test_the_window_is_open_at_the_start_and_closed_at_the_end():
    assert between(team(), "2021-08-09 15:50", "2021-08-09 21:00") == [
        ("Mon 08-09 21:00", "retro", "2021-08-09")
    ]


def test_a_new_york_team_keeps_its_local_times_across_the_dst_change():
    ny = replace(team(), zone="America/New_York", country="US", start_date=date(2021, 3, 1))
    found = [
        o
        for o in fixed_occurrences(
            ny, datetime(2021, 3, 12, tzinfo=UTC), datetime(2021, 3, 17, tzinfo=UTC)
        )
        if o.kind is PostKind.SESSION
    ]
    assert [o.at.astimezone(NEW_YORK).strftime("%a %H:%M") for o in found] == [
        "Fri 15:50",
        "Mon 15:50",
        "Tue 15:50",
    ]
    assert [o.at.astimezone(UTC).hour for o in found] == [20, 19, 19]  # EST, then EDT


def test_assignment_reminders_fall_at_their_offsets_weekends_included():
    due = datetime(2021, 8, 16, 10, 0, tzinfo=SEOUL)  # a holiday Monday
    added = due - timedelta(days=5)
    assignment = Assignment(1, 3, "ViT", AssignmentKind.OPTIONAL, due, 1, added)
    found = list(assignment_occurrences(team(), [assignment], due - timedelta(days=2), due))
    assert [(o.at.astimezone(SEOUL).strftime("%a %H:%M"), o.key) for o in found] == [
        ("Sun 10:00", "a3@24h"),
        ("Mon 09:00", "a3@1h"),
    ]


def test_team_set_offsets_are_used():
    due = datetime(2021, 8, 13, 10, 0, tzinfo=SEOUL)
    assignment = Assignment(1, 1, "x", AssignmentKind.BASIC, due, 1, due - timedelta(days=5))
    found = assignment_occurrences(
        team(assignment_reminder_hours=(48, 2)), [assignment], due - timedelta(days=3), due
    )
    assert [o.key for o in found] == ["a1@48h", "a1@2h"]


def test_a_reminder_already_past_when_the_assignment_was_added_never_falls_due():
    # Added Tuesday 14:10, due Wednesday 10:00: "24 h before" was Tuesday 10:00, already gone.
    # A restart's catch-up must not find it "missed" (and post it late, or log it skipped).
    due = datetime(2021, 8, 11, 10, 0, tzinfo=SEOUL)
    added = datetime(2021, 8, 10, 14, 10, tzinfo=SEOUL)
    assignment = Assignment(1, 2, "quiz", AssignmentKind.QUIZ, due, 1, added)
    found = assignment_occurrences(team(), [assignment], due - timedelta(days=7), due)
    assert [o.key for o in found] == ["a2@1h"]
