"""`peerbot run` stops cleanly on SIGTERM or SIGINT at any moment of its start-up.

A real `python -m peerbot run` process against the fake Slack (Socket Mode) gets the signal as
soon as a given start-up line appears on its log: it must exit with status 0 and log "stopped".
"""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest

from tests.run_process import start_peerbot_run
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
    bot = await start_peerbot_run(
        tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN, SLACK_API_URL=slack.api_url
    )
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
