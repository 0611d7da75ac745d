"""`peerbot run` stops cleanly on SIGTERM or SIGINT at any moment of its start-up.

A real `python -m bot run` process against the fake Slack (Socket Mode) gets the signal as
soon as a given start-up line appears on its log: it must exit with status 0 and log "stopped".
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from tests.slack.fake import APP_TOKEN, BOT_TOKEN, FakeSlack

# Lines of the start-up, in order: the first thing `run` logs, the migration, the engine, the
# Slack sign-in (Socket Mode not yet open), and the end of the start-up.
MOMENTS = [
    "starting on slack",
    "Context impl SQLiteImpl",
    "database: sqlite",
    "slack: signed in as",
    "peerbot is running",
]


async def start_bot(tmp_path: Path, slack: FakeSlack) -> asyncio.subprocess.Process:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PEERBOT_", "SLACK_", "DISCORD_", "DATABASE_URL"))
    }
    env.update(
        PEERBOT_DATA_DIR=str(tmp_path),
        PEERBOT_LOG_LEVEL="DEBUG",
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_API_URL=slack.api_url,
    )
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def read_until(stream: asyncio.StreamReader, marker: str, seen: list[str]) -> None:
    while line := (await stream.readline()).decode():
        seen.append(line)
        if marker in line:
            return
    raise AssertionError(f"the bot ended before logging {marker!r}: {''.join(seen)[-2000:]}")


CASES = [(moment, signal.SIGTERM) for moment in MOMENTS] + [(MOMENTS[3], signal.SIGINT)]


@pytest.mark.parametrize(("moment", "sig"), CASES, ids=[f"{s.name}-{m}" for m, s in CASES])
async def test_a_stop_signal_at_any_moment_of_start_up_is_a_clean_stop(
    tmp_path: Path, moment: str, sig: signal.Signals
):
    slack = FakeSlack()
    await slack.start()
    bot = await start_bot(tmp_path, slack)
    seen: list[str] = []
    try:
        assert bot.stderr is not None
        await asyncio.wait_for(read_until(bot.stderr, moment, seen), 60)
        bot.send_signal(sig)
        _, err = await asyncio.wait_for(bot.communicate(), 30)
    finally:
        if bot.returncode is None:
            bot.kill()
            await bot.wait()
        await slack.close()
    logs = "".join(seen) + err.decode()
    assert bot.returncode == 0, logs[-3000:]
    assert f"stopping ({sig.name})" in logs
    assert logs.rstrip().endswith("peerbot: stopped"), logs[-1000:]
    assert "Traceback" not in logs
