"""`peerbot publish` end to end: slash commands on SQLite and PostgreSQL, dulwich pushing to a
local bare repository and to a local smart-HTTP remote (dulwich.web on 127.0.0.1)."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from bot.publish.model import PubState
from bot.publish.service import MAX_ATTEMPTS
from tests.publish.conftest import World, a_week
from tests.publish.remotes import (
    bare,
    files,
    head,
    http_remote,
    someone_elses_commit,
    ssh_remote,
)

MINUTES = "peer-session/Week 02/peer-minutes.md"
KIM = "peer-session/Week 02/retro-log-kim.md"
LEE = "peer-session/Week 02/retro-log-lee.md"


async def test_first_publish_then_unchanged_then_an_edit_on_a_bare_repository(world: World):
    h = world.h
    url, remote = bare(world.tmp)
    await a_week(h)
    await h.ok("kim", f"/team settings repo:{url}")
    await h.ok("kim", "/me publish:on")
    team = await world.team_id()

    first = await world.publisher().publish(team, 2)
    assert first.state is PubState.PUBLISHED and first.files == 2
    published = files(remote)
    assert set(published) == {MINUTES, KIM}  # lee did not opt in: no file of lee's
    assert "zero_grad" in published[MINUTES] and "lectures 1-3" in published[KIM]
    commit = head(remote)
    assert commit is not None and commit.id.decode() == first.sha
    assert commit.message.decode().strip() == "peerbot: Week 02 (2021-08-09 – 2021-08-13) of cv"
    assert commit.author == b"peerbot <peerbot@localhost>"

    again = await world.publisher().publish(team, 2)
    assert again.state is PubState.UNCHANGED and again.sha == first.sha
    assert head(remote).id == commit.id  # no new commit

    await h.ok("park", "/answer 1 It sums them up across backward calls.")
    edited = await world.publisher().publish(team, 2)
    assert edited.state is PubState.PUBLISHED and edited.sha != first.sha
    new = head(remote)
    assert new.parents == [commit.id] and "sums them up" in files(remote)[MINUTES]


async def test_an_http_remote_with_a_token_and_a_refused_push_retried_later(
    world: World, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.DEBUG)
    h = world.h
    await a_week(h)
    with http_remote(world.tmp) as remote:
        reply = await h.ok("kim", f"/team settings repo:{remote.url} push:off")
        team = await world.team_id()
        remote.refuse_push = True
        refused = await world.publisher(token=remote.token).publish(team, 2)
        assert refused.state is PubState.PENDING and refused.attempts == 1
        assert "403" in (refused.error or "") and head(remote.repo) is None
        listed = await _rows(world)
        assert [(r.week, r.state, r.attempts) for r in listed] == [(2, PubState.PENDING, 1)]
        assert listed[0].next_try_at == h.clock.now() + timedelta(minutes=1)

        assert await world.publisher(token=remote.token).run_due() == []  # not due yet
        remote.refuse_push = False
        h.clock.set(h.clock.now() + timedelta(minutes=2))
        [retried] = await world.publisher(token=remote.token).run_due()
        assert retried.state is PubState.PUBLISHED
        assert set(files(remote.repo)) == {MINUTES}  # nobody opted in: the minutes alone
        assert (await _rows(world))[0].commit_sha == retried.sha

        wrong = await world.publisher(token="wrong-token-5678").publish(team, 2)
        assert wrong.state is PubState.PENDING and "credentials" in (wrong.error or "")
    secrets = (remote.token, "wrong-token-5678")
    seen = [caplog.text, reply, *(str(r) for r in await _rows(world)), str(refused), str(wrong)]
    seen += [await h.ok("kim", "/team settings"), await _dump(world)]
    assert not [s for s in secrets for text in seen if s in text]


async def test_a_push_refused_every_time_fails_for_good_and_retry_brings_it_back(world: World):
    h = world.h
    await a_week(h)
    with http_remote(world.tmp) as remote:
        await h.ok("kim", f"/team settings repo:{remote.url}")
        team = await world.team_id()
        remote.refuse_push = True
        publisher = world.publisher(token=remote.token)
        await publisher.publish(team, 2)
        for _ in range(MAX_ATTEMPTS - 1):
            h.clock.set(h.clock.now() + timedelta(hours=3))
            await publisher.run_due()
        [row] = await _rows(world)
        assert row.state is PubState.FAILED and row.attempts == MAX_ATTEMPTS
        assert "403" in (row.last_error or "")
        h.clock.set(h.clock.now() + timedelta(days=1))
        assert await publisher.run_due() == []  # failed: kept and listed, not tried on its own
        remote.refuse_push = False
        async with world.backend.uow() as uow:
            assert await uow.publishing.retry(team, [], h.clock.now()) == 1
            await uow.commit()
        [done] = await publisher.run_due()
        assert done.state is PubState.PUBLISHED and head(remote.repo) is not None


async def test_a_remote_that_moved_on_keeps_their_commit_under_ours(world: World):
    h = world.h
    url, remote = bare(world.tmp)
    await a_week(h)
    await h.ok("kim", f"/team settings repo:{url}")
    team = await world.team_id()
    first = await world.publisher().publish(team, 2)
    theirs = someone_elses_commit(remote, "README.md", "# our TIL\n")
    await h.ok("lee", "/answer 1 And zero_grad(set_to_none=True) is faster.")
    ours = await world.publisher().publish(team, 2)
    assert ours.state is PubState.PUBLISHED
    commit = head(remote)
    assert commit.parents == [theirs] and remote[theirs].parents == [first.sha.encode()]
    published = files(remote)
    assert published["README.md"] == "# our TIL\n" and "set_to_none" in published[MINUTES]

    someone_elses_commit(remote, "NOTES.md", "x\n")  # moved on, but our files are there still
    assert (await world.publisher().publish(team, 2)).state is PubState.UNCHANGED


async def test_a_deleted_or_corrupt_working_copy_is_made_again(world: World):
    h = world.h
    url, remote = bare(world.tmp)
    await a_week(h)
    await h.ok("kim", f"/team settings repo:{url}")
    team = await world.team_id()
    await world.publisher().publish(team, 2)
    copy = world.tmp / "work" / f"team-{team}.git"
    assert copy.is_dir()
    for path in copy.rglob("*"):
        if path.is_file():
            path.write_bytes(b"garbage")
    await h.ok("kim", "/me publish:on")
    again = await world.publisher().publish(team, 2)
    assert again.state is PubState.PUBLISHED and KIM in files(remote)
    import shutil

    shutil.rmtree(copy)
    assert (await world.publisher().publish(team, 2)).state is PubState.UNCHANGED


async def test_a_custom_layout_and_the_minutes_turned_off(world: World):
    h = world.h
    url, remote = bare(world.tmp)
    await a_week(h)
    await h.ok(
        "kim",
        f'/team settings repo:{url} branch:til layout:"{{member}}/{{week_dir}}/{{format}}.md" '
        "publish_minutes:off",
    )
    await h.ok("lee", "/me publish:on")
    team = await world.team_id()
    result = await world.publisher().publish(team, 2)
    assert result.state is PubState.PUBLISHED
    assert set(files(remote, "til")) == {"lee/Week 02/retro-log.md"}


async def _rows(world: World) -> list:
    async with world.backend.uow() as uow:
        return list(await uow.publishing.list(None, None))


async def _dump(world: World) -> str:
    """Every row of every table, as text: a stored secret would show here."""
    from sqlalchemy import select

    from storage.tables import metadata

    assert world.backend.engine is not None or world.backend.kind == "sqlite"
    from storage import create_engine

    engine = create_engine(world.backend.url, connect_args=world.backend.connect_args)
    out = []
    try:
        async with engine.connect() as connection:
            for table in metadata.sorted_tables:
                out += [repr(tuple(row)) for row in await connection.execute(select(table))]
    finally:
        await engine.dispose()
    return "\n".join(out)


async def test_a_token_never_goes_over_plain_http_to_another_machine(world: World):
    h = world.h
    await a_week(h)
    await h.ok("kim", "/team settings repo:http://git.example.org/cv/til.git")
    team = await world.team_id()
    refused = await world.publisher(token="s3cret-token-1234").publish(team, 2)
    assert refused.state is PubState.PENDING and refused.attempts == 1
    assert "only over https://" in (refused.error or "")
    assert "s3cret" not in (refused.error or "")


@pytest.mark.parametrize("form", ["ssh://git@{host}{path}", "git@{host}:{path}"])
async def test_an_ssh_remote_through_the_ssh_command_git_ssh_command_names(
    world: World, monkeypatch: pytest.MonkeyPatch, form: str
):
    """The ssh path end to end but for the network: dulwich runs the command GIT_SSH_COMMAND
    names (here a stand-in that runs git-upload-pack / git-receive-pack locally, as sshd would),
    with the address's user and host; a token set for HTTPS remotes is never handed to it."""
    remote = ssh_remote(world.tmp)
    monkeypatch.setenv("GIT_SSH_COMMAND", remote.command)
    h = world.h
    await a_week(h)
    await h.ok("kim", f"/team settings repo:{form.format(host='git.example', path=remote.path)}")
    team = await world.team_id()
    first = await world.publisher(token="https-only-token-42").publish(team, 2)
    assert first.state is PubState.PUBLISHED, first.error
    assert set(files(remote.repo)) == {MINUTES} and head(remote.repo).id.decode() == first.sha
    again = await world.publisher(token="https-only-token-42").publish(team, 2)
    assert again.state is PubState.UNCHANGED
    runs = remote.runs()
    commands = [run[-1].split()[0] for run in runs]
    assert "git-receive-pack" in commands and "git-upload-pack" in commands
    assert all(run[0] == "-o" and "git@git.example" in run for run in runs)
    assert "https-only-token-42" not in remote.log.read_text("utf-8")
