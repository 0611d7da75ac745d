"""Two publishers at once (the lease), a crashed holder, the weekly schedule, bad input, /me."""

from __future__ import annotations

import asyncio
import threading
from datetime import datetime, timedelta

from bot.publish.model import PubState
from bot.publish.ports import PushOutcome, PushRequest
from bot.publish.service import LEASE
from bot.publish.weekly import NO_STUDY_DAY, schedule_weekly
from tests.conftest import SEOUL, snapshot
from tests.publish.conftest import World, a_week
from tests.publish.remotes import bare, files, head


class SlowRemote:
    """A remote whose push waits until the test lets it go, counting pushes."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.go = threading.Event()
        self.pushes = 0

    def publish(self, request: PushRequest) -> PushOutcome:
        self.pushes += 1
        self.entered.set()
        assert self.go.wait(10)
        return PushOutcome(True, "f" * 40)


async def test_two_concurrent_publishers_push_a_team_once(world: World):
    await a_week(world.h)
    url, _ = bare(world.tmp)
    await world.h.ok("kim", f"/team settings repo:{url}")
    team = await world.team_id()
    remote = SlowRemote()
    first = asyncio.create_task(world.publisher(remote=remote, holder="a").publish(team, 2))
    assert await asyncio.to_thread(remote.entered.wait, 10)  # a holds the lease, pushing
    second = await world.publisher(remote=remote, holder="b").publish(team, 2)
    assert second.busy and remote.pushes == 1
    remote.go.set()
    assert (await first).state is PubState.PUBLISHED
    third = await world.publisher(remote=remote, holder="b").publish(team, 2)  # released
    assert third.state is PubState.PUBLISHED and remote.pushes == 2


async def test_a_crashed_holders_lease_expires(world: World):
    await a_week(world.h)
    url, remote = bare(world.tmp)
    await world.h.ok("kim", f"/team settings repo:{url}")
    team = await world.team_id()
    now = world.h.clock.now()
    async with world.backend.uow() as uow:  # a holder that claimed and died
        assert await uow.publishing.claim(team, "dead", now, now + LEASE)
        await uow.commit()
    world.h.clock.set(now + LEASE - timedelta(seconds=1))
    assert (await world.publisher(holder="live").publish(team, 2)).busy
    assert head(remote) is None
    world.h.clock.set(now + LEASE)
    assert (await world.publisher(holder="live").publish(team, 2)).state is PubState.PUBLISHED


async def test_the_weekly_schedule_fires_once_per_week_and_records_a_holiday_week(world: World):
    h = world.h
    url, remote = bare(world.tmp)
    await a_week(h)  # Week 2, Monday 2021-08-09; the weekly post: the last study day, 18:00
    await h.ok("kim", "/team holiday add 2021-08-23-2021-08-27")  # Week 4: no study day
    await h.ok("kim", f"/team settings repo:{url} push:weekly")
    team = await world.team_id()
    publisher = world.publisher()
    commits = []
    start = datetime(2021, 8, 9, 14, 0, tzinfo=SEOUL)
    for hours in range(0, 24 * 28, 6):  # four weeks, a look every six hours
        h.clock.set(start + timedelta(hours=hours))
        await schedule_weekly(world.backend.uow, h.clock.now())
        await schedule_weekly(world.backend.uow, h.clock.now())  # asked twice: still once
        for result in await publisher.run_due():
            commits.append((result.week, result.state))
        if hours == 24 * 3:  # Thursday of Week 2: someone writes before the post
            await h.ok("park", "/answer 1 late answer")
    assert commits == [
        (2, PubState.PUBLISHED),
        (3, PubState.PUBLISHED),
        (5, PubState.PUBLISHED),
    ]
    rows = {r.week: r for r in await _rows(world)}
    assert rows[4].state is PubState.SKIPPED and rows[4].last_error == NO_STUDY_DAY
    assert "late answer" in files(remote)["peer-session/Week 02/peer-minutes.md"]
    log = [e.commit.message.decode().strip() for e in remote.get_walker([head(remote).id])]
    assert len(log) == 3 and log[0].startswith("peerbot: Week 05")
    assert team in {r.team_id for r in rows.values()}


async def test_a_publish_mid_week_is_published_again_after_the_weekly_post(world: World):
    h = world.h
    url, remote = bare(world.tmp)
    await a_week(h)
    await h.ok("kim", f"/team settings repo:{url} push:weekly")
    team = await world.team_id()
    await world.publisher().publish(team, 2)  # Monday, by hand
    await h.ok("lee", "/answer 1 Friday's answer")
    h.at("2021-08-13 18:30")  # after Friday's weekly post
    assert await schedule_weekly(world.backend.uow, h.clock.now()) == 1
    assert await schedule_weekly(world.backend.uow, h.clock.now()) == 0
    [result] = await world.publisher().run_due()
    assert result.state is PubState.PUBLISHED
    assert "Friday's answer" in files(remote)["peer-session/Week 02/peer-minutes.md"]


BAD = [
    ("repo:not-a-url", "not a repository address"),
    ("repo:https://kim:ghp_secret123@github.com/t/til.git", "must not hold a password"),
    ("repo:ftp://host/x.git", "not a repository address"),
    ('layout:"../{name}.md"', "leave the repository"),
    ('layout:"/abs/{name}.md"', "leave the repository"),
    ('layout:"a\\\\b/{name}.md"', "leave the repository"),
    ('layout:".git/hooks/{name}"', "leave the repository"),
    ('layout:"{week_dir}/notes.md"', "same path"),
    ('layout:"{week_dir}/{nope}.md"', "unknown or malformed placeholder"),
    ('layout:"{week_dir/{name}.md"', "braces do not match"),
    ('layout:"{name!r}.md"', "unknown or malformed placeholder"),
    ("branch:../main", "not a branch name"),
]


async def test_bad_input_is_one_sentence_and_the_database_as_it_was(world: World):
    h = world.h
    await a_week(h)
    url, _ = bare(world.tmp)
    await h.ok("kim", f"/team settings repo:{url}")
    before = await snapshot(world.backend.uow)
    settings_before = await _settings(world)
    for option, words in BAD:
        said = await h.rejected("kim", f"/team settings name:renamed {option}")
        assert words in said, (option, said)
        assert "\n" not in said.strip() and len(said) < 300, said
        assert "ghp_secret123" not in said
    assert await snapshot(world.backend.uow) == before
    assert await _settings(world) == settings_before


async def test_me_shows_and_changes_only_the_callers_choice(world: World):
    h = world.h
    await a_week(h)
    shown = await h.ok("lee", "/me")
    assert "publish: off" in shown and "no repository yet" in shown
    assert "publish:on" in await h.ok("lee", "/me publish:on") or True
    assert "publish: on" in await h.ok("lee", "/me")
    assert "publish: off" in await h.ok("kim", "/me")
    await h.ok("lee", "/me publish:끄기")  # Korean words work too
    assert "publish: off" in await h.ok("lee", "/me")
    assert "Only team admins" in await h.rejected("lee", "/team settings repo:file:///x.git")


async def _rows(world: World) -> list:
    async with world.backend.uow() as uow:
        return list(await uow.publishing.list(None, None))


async def _settings(world: World):
    team = await world.team_id()
    async with world.backend.uow() as uow:
        return await uow.publishing.get_settings(team)


async def test_the_running_bots_round_makes_the_weekly_publish_due_and_pushes_it(world: World):
    from bot.publish.loop import PublishLoop

    h = world.h
    url, remote = bare(world.tmp)
    await a_week(h)
    await h.ok("kim", f"/team settings repo:{url} push:weekly")
    loop = PublishLoop(world.publisher(), interval=3600)
    assert await loop.round() == 0  # Monday: the week's post has not gone out
    h.at("2021-08-13 18:01")
    assert await loop.round() == 1 and head(remote) is not None
    assert await loop.round() == 0
    await loop.start()
    await loop.stop()
