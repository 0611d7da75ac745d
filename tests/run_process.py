"""A real `python -m peerbot run` process, configured by environment only, for the e2e tests."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path


def clean_environment(tmp_path: Path, **settings: str) -> dict[str, str]:
    """This process's environment without any peerbot, Slack, Discord or database setting, then
    `PEERBOT_DATA_DIR=tmp_path`, `PEERBOT_LOG_LEVEL=DEBUG` and `settings`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PEERBOT_", "SLACK_", "DISCORD_", "DATABASE_URL"))
    }
    env.update(PEERBOT_DATA_DIR=str(tmp_path), PEERBOT_LOG_LEVEL="DEBUG", **settings)
    return env


async def start_peerbot_run(tmp_path: Path, **settings: str) -> asyncio.subprocess.Process:
    """`python -m peerbot run` in `tmp_path` with `clean_environment(tmp_path, **settings)`, its
    standard output and error piped."""
    return await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "peerbot", "run"),
        cwd=tmp_path,
        env=clean_environment(tmp_path, **settings),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
