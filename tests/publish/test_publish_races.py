"""A remote that moves on between our fetch and our push: fetched again and put on top; one that
keeps moving is a refused push, recorded as a row like any other."""

from __future__ import annotations

from typing import Any

import pytest

import storage.git_remote as git_remote
from bot.publish.model import PubState
from tests.publish.conftest import World, a_week
from tests.publish.remotes import bare, files, head, someone_elses_commit


def _racing(monkeypatch: pytest.MonkeyPatch, remote: Any, times: int) -> list[bytes]:
    """After each of our first `times` fetches, someone else pushes a commit."""
    real = git_remote._fetch
    theirs: list[bytes] = []

    def fetch_then_someone_pushes(*args: Any) -> Any:
        found = real(*args)
        if len(theirs) < times:
            theirs.append(someone_elses_commit(remote, f"by-hand-{len(theirs)}.md", "x\n"))
        return found

    monkeypatch.setattr(git_remote, "_fetch", fetch_then_someone_pushes)
    return theirs


async def test_a_push_that_lost_a_race_is_fetched_again_and_put_on_top(
    world: World, monkeypatch: pytest.MonkeyPatch
):
    url, remote = bare(world.tmp)
    await a_week(world.h)
    await world.h.ok("kim", f"/team settings repo:{url}")
    theirs = _racing(monkeypatch, remote, times=1)
    result = await world.publisher().publish(await world.team_id(), 2)
    assert result.state is PubState.PUBLISHED
    assert head(remote).parents == theirs  # on top of the commit that won the race
    assert {"by-hand-0.md", "peer-session/Week 02/peer-minutes.md"} <= set(files(remote))


async def test_a_remote_that_keeps_moving_is_a_refused_push_kept_as_a_row(
    world: World, monkeypatch: pytest.MonkeyPatch
):
    url, remote = bare(world.tmp)
    await a_week(world.h)
    await world.h.ok("kim", f"/team settings repo:{url}")
    _racing(monkeypatch, remote, times=git_remote.ATTEMPTS)
    result = await world.publisher().publish(await world.team_id(), 2)
    assert result.state is PubState.PENDING and "moved on" in (result.error or "")
    assert "peer-session/Week 02/peer-minutes.md" not in files(remote)
    monkeypatch.undo()
    world.h.clock.set(world.h.clock.now().replace(hour=23))
    [retried] = await world.publisher().run_due()
    assert retried.state is PubState.PUBLISHED


async def test_an_unreachable_remote_is_a_row_to_retry(world: World):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    await a_week(world.h)
    await world.h.ok("kim", f"/team settings repo:http://127.0.0.1:{port}/team/til.git")
    result = await world.publisher(token="tok-never-shown-9").publish(await world.team_id(), 2)
    assert result.state is PubState.PENDING and result.error
    assert "tok-never-shown-9" not in result.error


async def test_a_week_out_of_range_is_refused_and_the_lease_given_back(world: World):
    from bot.errors import PeerbotError

    url, _ = bare(world.tmp)
    await a_week(world.h)
    await world.h.ok("kim", f"/team settings repo:{url}")
    team = await world.team_id()
    with pytest.raises(PeerbotError):
        await world.publisher(holder="a").publish(team, 100_000)
    assert (await world.publisher(holder="b").publish(team, 2)).state is PubState.PUBLISHED
