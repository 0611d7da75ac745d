"""`peerbot outbox list|retry` through the real command line, on SQLite."""

import asyncio
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from bot.outbox import OutboxMessage, PostKind
from bot.text import Message, Plain
from storage import SqlUnitOfWorkFactory, create_engine
from tests.e2e.test_console_cli import peerbot

SETUP = "@ 2021-08-09 13:00\nkim: /team setup start:2021-08-02 name:study lang:en\n"


async def park_two_rows(data_dir: Path) -> dict[str, int]:
    """A session reminder and a weekly post (to another channel's thread) the channels refused,
    as the poster leaves them."""
    engine = create_engine(f"sqlite:///{data_dir / 'peerbot.db'}")
    uow_factory = SqlUnitOfWorkFactory(engine)
    try:
        async with uow_factory() as uow:
            team = await uow.teams.get_by_name("study")
            assert team is not None and team.id is not None
            for kind, key, due in (
                (PostKind.SESSION, "2021-08-09", datetime(2021, 8, 9, 6, 50, tzinfo=UTC)),
                (PostKind.DIGEST, "week2", datetime(2021, 8, 13, 9, 0, tzinfo=UTC)),
            ):
                text = Message.of((Plain(f"{kind.value} post"),))
                row = OutboxMessage(team.id, kind, key, due, text, due)
                if kind is PostKind.DIGEST:  # to another channel, into a thread there
                    row = replace(row, channel_id="mentors", thread_ref="card-3")
                await uow.outbox.add(row)
            ids = {m.occurrence: m.id or 0 for m in await uow.outbox.list(team.id)}
            for message_id in ids.values():
                await uow.outbox.mark_parked(message_id, "not_in_channel")
            await uow.commit()
        return ids
    finally:
        await engine.dispose()


def test_outbox_list_shows_parked_rows_and_retry_sends_them_in_order(tmp_path: Path):
    assert peerbot(tmp_path, "console", "--strict", stdin=SETUP).returncode == 0
    ids = asyncio.run(park_two_rows(tmp_path))
    listed = peerbot(tmp_path, "outbox", "list", "--state", "parked")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert [line.split("\t")[2:6] for line in lines[:-1]] == [
        ["session", "2021-08-09", "2021-08-09T06:50:00+00:00", "parked"],
        ["digest", "week2", "2021-08-13T09:00:00+00:00", "parked"],
    ]
    assert lines[-1] == "2 row(s)" and "not_in_channel" in lines[0]
    assert [line.split("\t")[7] for line in lines[:-1]] == ["", "to mentors thread card-3"]

    unknown = peerbot(tmp_path, "outbox", "retry", "--team", "nope")
    assert unknown.returncode != 0 and "peerbot teams" in unknown.stderr
    retried = peerbot(tmp_path, "outbox", "retry", "--team", "study")
    assert retried.stdout.startswith("2 parked or failed row(s) are pending again")
    assert retried.stdout.splitlines()[1:] == [f"row {ids['week2']} goes to mentors thread card-3"]
    assert peerbot(tmp_path, "outbox", "list", "--state", "parked").stdout == "0 row(s)\n"

    # The bot runs again a week later: the weekly post goes out late, the session reminder of
    # a day long over expires with a log line instead of being posted stale.
    later = peerbot(tmp_path, "console", stdin="@ 2021-08-16 09:00\n")
    assert "digest post" in later.stdout and "session post" not in later.stdout
    assert "peerbot posts in #mentors, in the thread card-3" in later.stdout
    assert f"outbox row {ids['2021-08-09']}" in later.stderr and "expired" in later.stderr
    states = peerbot(tmp_path, "outbox", "list", "--team", "study").stdout
    assert "\tsession\t2021-08-09\t" in states and "\texpired\t" in states
    assert "\tdigest\t" not in states  # sent: not among the unsettled rows
