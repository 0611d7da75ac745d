"""The team settings table: one row per option of `/team settings`, walked in table order."""

from datetime import date, time

from bot.commands.table import all_commands
from bot.handlers.publish import PUBLISH_OPTIONS
from bot.handlers.team_settings import SETTINGS, apply_all, schedule_params
from bot.model.teams import Team


def _team() -> Team:
    return Team("console", "c1", "study", date(2021, 8, 2), country="KR")


def test_every_option_of_team_settings_is_a_row_and_every_row_an_option():
    settings = next(c for c in all_commands() if c.name == "team settings")
    publishing = set(PUBLISH_OPTIONS)  # the repository's options: bot.handlers.publish
    assert {p.name for p in settings.params} == {s.name for s in SETTINGS} | publishing
    assert len({s.name for s in SETTINGS}) == len(SETTINGS)
    declared = {p.name: p for p in settings.params}
    assert all(declared[s.name] == s.param for s in SETTINGS)
    assert not publishing & {s.name for s in SETTINGS}  # kinds and choices agree
    assert [p.name for p in schedule_params()] == [s.name for s in SETTINGS if s.schedule]


def test_changes_are_told_in_table_order_and_unchanged_values_are_left_out():
    team = _team()
    changes, reschedule = apply_all(
        team, {"grace": 30, "lang": "en", "name": "ml", "zone": team.zone, "digest": "fri 19:00"}
    )
    assert changes == [
        "name: study → ml",
        "lang: ko → en",
        "digest: last 18:00 → fri 19:00",
        "grace: 120 → 30",
    ]
    assert reschedule
    assert team.schedule.grace_minutes == 30 and team.schedule.digest_time == time(19, 0)


def test_only_a_setting_that_moves_reminders_asks_for_a_reschedule():
    team = _team()
    assert apply_all(team, {"lang": "en", "template": "til", "name": "ml"})[1] is False
    assert apply_all(team, {"country": None}) == (["country: KR → none"], True)
    assert apply_all(team, {"country": None}) == ([], False)  # no change, nothing to move
    assert apply_all(team, {"office_hours": "14:00"}) == (["office_hours: none → 14:00"], True)
