"""The real-time driver: APScheduler cron jobs per team, in the team's zone."""

from dataclasses import replace
from datetime import time

from bot.delivery import Delivery
from bot.model.teams import TeamSchedule
from bot.ports import ScheduleChanged
from bot.scheduled.drivers import DueReminders, LiveScheduler
from tests.conftest import SEOUL


class Nowhere:
    async def post(self, team, row, *, uncertain):  # pragma: no cover - nothing is due
        raise AssertionError("nothing should be posted")


async def test_each_team_gets_cron_jobs_at_local_time_and_changes_reschedule_at_once(team):
    scheduler = DueReminders(team.uow_factory, team.clock)
    delivery = Delivery(team.uow_factory, team.clock, {"console": Nowhere()})
    live = LiveScheduler(team.uow_factory, scheduler, delivery, team.clock)
    await live.start()
    try:
        jobs = {job.id: job for job in live._aps.get_jobs()}
        session = jobs["team1:session"]
        assert str(session.trigger.timezone) == "Asia/Seoul"
        assert "hour='15', minute='50'" in str(session.trigger)
        assert "day_of_week='0,1,2,3,4'" in str(session.trigger)
        assert "sweep" in jobs
        async with team.uow_factory() as uow:
            stored = await uow.teams.get(1)
            await uow.teams.update(replace(stored, schedule=TeamSchedule(session_time=time(17, 0))))
            await uow.commit()
        await live.on_event(ScheduleChanged(1))
        moved = {job.id: job for job in live._aps.get_jobs()}["team1:session"]
        assert "hour='16', minute='50'" in str(moved.trigger)
        assert moved.next_run_time.astimezone(SEOUL).strftime("%H:%M") == "16:50"
    finally:
        await live.stop()


async def test_a_settings_command_reschedules_the_live_jobs_through_the_bots_events(team):
    scheduler = DueReminders(team.uow_factory, team.clock)
    delivery = Delivery(team.uow_factory, team.clock, {"console": Nowhere()})
    live = LiveScheduler(team.uow_factory, scheduler, delivery, team.clock)
    team.bot.listen(live.on_event)
    await live.start()
    try:
        await team.ok("kim", "/team settings retro_time:22:30")
        retro = {job.id: job for job in live._aps.get_jobs()}["team1:retro"]
        assert "hour='22', minute='30'" in str(retro.trigger)
    finally:
        await live.stop()


async def test_a_sunday_digest_gets_a_cron_job_on_sunday_though_sunday_is_no_study_day(team):
    scheduler = DueReminders(team.uow_factory, team.clock)
    delivery = Delivery(team.uow_factory, team.clock, {"console": Nowhere()})
    live = LiveScheduler(team.uow_factory, scheduler, delivery, team.clock)
    team.bot.listen(live.on_event)
    await live.start()
    try:
        await team.ok("kim", '/team settings digest:"sun 18:00"')
        jobs = {job.id: job for job in live._aps.get_jobs()}
        assert "day_of_week='0,1,2,3,4,6'" in str(jobs["team1:digest"].trigger)
        assert "day_of_week='0,1,2,3,4'" in str(jobs["team1:session"].trigger)
    finally:
        await live.stop()
