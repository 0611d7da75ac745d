"""After a restart, the reminders skipped while the bot was off are one log line."""

import logging

from tests.conftest import Harness
from tests.unit.test_reminders import Channel, local, stepper_for


async def test_a_restart_after_days_off_logs_the_skipped_reminders_as_one_line(team, caplog):
    await team.ok("lee", "/team setup start:2021-08-02 lang:en", channel="c2")
    await team.ok("kim", "/team settings office_hours:17:00")
    caplog.set_level(logging.WARNING)
    # Down from Monday 13:00 until Friday 23:00: five days of two teams' reminders are missed.
    await stepper_for(team, Channel()).advance(local("2021-08-13 23:00"))
    lines = [r.getMessage() for r in caplog.records if "skipped" in r.getMessage()]
    assert len(lines) == 1
    (line,) = lines
    assert line.startswith("skipped 25 reminder(s) missed while the bot was not running")
    assert "team c1: 5 session (2021-08-09, 2021-08-10, 2021-08-11, ...), 5 mentor" in line
    assert "team c2: 5 session" in line and "1 digest (week2)" in line


async def test_a_restart_with_nothing_missed_logs_no_skipped_line(harness: Harness, caplog):
    await harness.ok("kim", "/team setup start:2021-08-02 lang:en")
    caplog.set_level(logging.WARNING)
    await stepper_for(harness, Channel()).advance(local("2021-08-09 13:10"))
    assert "skipped" not in caplog.text
