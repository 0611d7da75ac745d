"""A team's weeks run by themselves: every reminder once, at local time, only on study days."""

import asyncio
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.delivery import Delivery
from bot.model.teams import Team
from bot.outbox import OutboxMessage, State
from bot.scheduled.drivers import DueReminders, Stepper
from bot.text import plain_text
from tests.conftest import SEOUL, Harness

NEW_YORK = ZoneInfo("America/New_York")


class Channel:
    """Records what the bot posts: (local time, channel, text)."""

    def __init__(self, zone: ZoneInfo = SEOUL) -> None:
        self.zone = zone
        self.posts: list[tuple[str, str, str]] = []

    async def post(self, team: Team, row: OutboxMessage, *, uncertain: bool) -> None:
        when = row.due_at.astimezone(self.zone).strftime("%a %m-%d %H:%M")
        self.posts.append((when, team.channel_id, plain_text(row.message)))

    def firsts(self) -> list[tuple[str, str]]:
        return [(when, text.split("\n")[0][:24]) for when, _, text in self.posts]


def stepper_for(harness: Harness, channel: Channel) -> Stepper:
    scheduler = DueReminders(harness.uow_factory, harness.clock)
    delivery = Delivery(harness.uow_factory, harness.clock, {"console": channel})
    return Stepper(scheduler, delivery, harness.clock)


def local(text: str, zone: ZoneInfo = SEOUL) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=zone)


async def test_two_weeks_of_reminders_skip_weekends_and_the_substitute_holiday(team):
    channel = Channel()
    stepper = stepper_for(team, channel)
    await stepper.advance(local("2021-08-09 13:00"))
    await stepper.advance(local("2021-08-21 00:00"))
    days = [
        "Mon 08-09",
        "Tue 08-10",
        "Wed 08-11",
        "Thu 08-12",
        "Fri 08-13",
        "Tue 08-17",
        "Wed 08-18",
        "Thu 08-19",
        "Fri 08-20",
    ]
    expected = []
    for day in days:
        expected.append((f"{day} 15:50", "⏰ Peer session at 16:00,"))
        if day.startswith("Fri"):
            week = "2" if day == "Fri 08-13" else "3"
            expected.append((f"{day} 18:00", f"📚 Week {week} in numbers: 0 q"))
        expected.append((f"{day} 21:00", "📝 Time for the retrospec"))
    assert channel.firsts() == expected
    assert {c for _, c, _ in channel.posts} == {"c1"}


async def test_the_retro_nudge_names_only_members_who_neither_wrote_nor_are_away(team):
    await team.ok("lee", "/ask a question so lee is a member")
    await team.ok("park", "/ask another")
    await team.ok("lee", "/retro fact: lectures 1-3 feeling: fine plan: review")
    await team.ok("park", "/away 2021-08-09")
    channel = Channel()
    stepper = stepper_for(team, channel)
    await stepper.advance(local("2021-08-09 13:00"))
    await stepper.advance(local("2021-08-09 22:00"))
    nudges = [text for _, _, text in channel.posts if text.startswith("📝")]
    assert nudges == [
        "📝 Time for the retrospective of Mon 2021-08-09 (Day 6): @kim. Write it with /retro."
    ]


async def test_the_session_reminder_lists_deferred_and_carried_questions_first(team):
    team.at("2021-08-06 13:00")
    await team.ok("kim", "/ask carried over from Friday")
    await team.ok("kim", "/ask deferred one")
    await team.ok("lee", "/answer 2 tomorrow")
    await team.ok("kim", "/defer 2")
    team.at("2021-08-09 13:00")
    await team.ok("kim", "/ask today's question")
    channel = Channel()
    stepper = stepper_for(team, channel)
    await stepper.advance(local("2021-08-09 13:00"))
    await stepper.advance(local("2021-08-09 16:00"))
    ((when, _, text),) = channel.posts
    assert when == "Mon 08-09 15:50"
    lines = text.split("\n")
    assert lines[1].startswith("🔍 Earlier questions")
    assert "deferred one" in lines[2] and "carried over" in lines[3]
    assert lines[4] == "Today's open questions" and "today's question" in lines[5]


async def test_assignment_reminders_at_the_offsets_name_who_has_not_finished(team):
    await team.ok("lee", "/ask lee joins")
    await team.ok("kim", '/assignment add ViT attention due:"2021-08-12 10:00" kind:optional')
    await team.ok("lee", "/assignment done 1")
    channel = Channel()
    stepper = stepper_for(team, channel)
    await stepper.advance(local("2021-08-09 13:00"))
    await stepper.advance(local("2021-08-12 12:00"))
    due = [(when, text) for when, _, text in channel.posts if text.startswith("📌")]
    assert [when for when, _ in due] == ["Wed 08-11 10:00", "Thu 08-12 09:00"]
    assert all("@kim" in text and "@lee" not in text for _, text in due)
    assert "in 24 h" in due[0][1] and "in 1 h" in due[1][1]


async def test_a_new_york_team_gets_its_reminders_at_local_time_across_dst(harness):
    harness.at("2021-03-11 09:00", NEW_YORK)
    await harness.ok("kim", "/team setup start:2021-03-01 zone:America/New_York country:US lang:en")
    channel = Channel(NEW_YORK)
    stepper = stepper_for(harness, channel)
    await stepper.advance(local("2021-03-11 09:00", NEW_YORK))
    await stepper.advance(local("2021-03-16 23:00", NEW_YORK))
    sessions = [when for when, _, text in channel.posts if text.startswith("⏰")]
    assert sessions == ["Thu 03-11 15:50", "Fri 03-12 15:50", "Mon 03-15 15:50", "Tue 03-16 15:50"]


async def test_after_downtime_recent_reminders_are_late_and_older_ones_skipped_once(team, caplog):
    channel = Channel()
    # The bot was down from Monday 13:00 until Tuesday 16:30: a fresh start catches up.
    stepper = stepper_for(team, channel)
    await stepper.advance(local("2021-08-10 16:30"))
    assert channel.firsts() == [("Tue 08-10 15:50", "⏰ Peer session at 16:00,")]
    assert "skipped 2 reminder(s)" in caplog.text
    assert "team c1: 1 session (2021-08-09), 1 retro (2021-08-09)" in caplog.text
    caplog.clear()
    again = stepper_for(team, channel)  # another restart: nothing twice, nothing logged twice
    await again.advance(local("2021-08-10 16:40"))
    assert len(channel.posts) == 1 and "skipped" not in caplog.text
    async with team.uow_factory() as uow:
        skipped = await uow.outbox.list(state=State.SKIPPED.value)
    assert {m.occurrence for m in skipped} == {"2021-08-09"}


async def test_a_crash_between_writing_and_posting_loses_nothing(team):
    scheduler = DueReminders(team.uow_factory, team.clock)
    team.at("2021-08-09 15:50")
    assert await scheduler.write_due(local("2021-08-09 15:00"), local("2021-08-09 15:50")) == 1
    # ...the process dies here; a new one starts and delivers what is waiting.
    channel = Channel()
    await stepper_for(team, channel).advance(local("2021-08-09 15:51"))
    assert channel.firsts() == [("Mon 08-09 15:50", "⏰ Peer session at 16:00,")]


async def test_two_schedulers_on_one_store_write_each_reminder_once(team):
    channel = Channel()
    team.at("2021-08-13 23:00")
    schedulers = [DueReminders(team.uow_factory, team.clock) for _ in range(2)]
    window = (local("2021-08-09 13:00"), local("2021-08-13 23:00"))
    written = await asyncio.gather(*(s.write_due(*window) for s in schedulers))
    async with team.uow_factory() as uow:
        rows = await uow.outbox.list()
    assert sum(written) == len(rows) == len({(r.kind, r.occurrence) for r in rows})
    assert channel.posts == []


@pytest.mark.parametrize("minutes", [0, 119])
async def test_a_reminder_noticed_within_the_grace_period_is_posted_late(team, minutes):
    channel = Channel()
    stepper = stepper_for(team, channel)
    await stepper.advance(local("2021-08-09 15:50") + timedelta(minutes=minutes))
    assert [text[:10] for _, _, text in channel.posts] == ["⏰ Peer ses"]
