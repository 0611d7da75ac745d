"""The web view as an operator starts it: `peerbot web` alone, and `peerbot run` beside a chat
adapter when PEERBOT_WEB_PORT is set. A link that `/team web` gave in another process (the
secret made once and kept in the database) opens the team's pages; SIGTERM stops it cleanly."""

from __future__ import annotations

import asyncio
import re
import signal
import socket
import sys
from datetime import date, timedelta
from pathlib import Path

import aiohttp

from peerbot.bootstrap import build
from peerbot.config import Settings
from tests.calls import call
from tests.discord.fake import TOKEN, FakeDiscord
from tests.run_process import clean_environment, start_peerbot_run


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def team_link(url: str, data_dir: Path, port: int) -> str:
    """Set a team up and ask for its link, in this process, as the chat would."""
    settings = Settings(database_url=url, data_dir=data_dir, web_port=port, PEERBOT_LANG="en")
    runtime = await build(settings)
    try:
        start = date.today() - timedelta(days=30)
        line = f"/team setup start:{start} zone:Asia/Seoul lang:en name:Webteam"
        assert (await runtime.bot.handle(call("kim", line, "c1"))).ok
        reply = await runtime.bot.handle(call("kim", "/team web", "c1"))
        assert reply.ok and reply.ephemeral
        found = re.search(r"http://127\.0\.0\.1:\d+/t/\S+/", str(reply.message))
        assert found is not None, reply.message
        return found.group(0)
    finally:
        await runtime.close()


async def wait_for_page(url: str, timeout: float = 60) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            try:
                async with session.get(url) as response:
                    return response.status, await response.text()
            except aiohttp.ClientConnectionError:
                if loop.time() > deadline:
                    raise
                await asyncio.sleep(0.2)


async def stop(process: asyncio.subprocess.Process) -> tuple[int, str]:
    process.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(process.communicate(), 30)
    return process.returncode or 0, err.decode()


async def test_peerbot_web_serves_a_link_given_in_another_process(tmp_path: Path):
    url, port = f"sqlite:///{tmp_path / 'peerbot.db'}", free_port()
    link = await team_link(url, tmp_path, port)
    process = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "peerbot", "web"),
        cwd=tmp_path,
        env=clean_environment(tmp_path, DATABASE_URL=url, PEERBOT_WEB_PORT=str(port)),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        status, text = await wait_for_page(link)
        assert status == 200 and "Webteam" in text
        status, _ = await wait_for_page(f"http://127.0.0.1:{port}/t/1.0.forged/")
        assert status == 403
    finally:
        code, err = await stop(process)
    assert code == 0, err


async def test_peerbot_run_serves_the_web_view_beside_discord(tmp_path: Path):
    url, port = f"sqlite:///{tmp_path / 'peerbot.db'}", free_port()
    link = await team_link(url, tmp_path, port)
    discord = FakeDiscord()
    await discord.start()
    bot = await start_peerbot_run(
        tmp_path,
        DATABASE_URL=url,
        DISCORD_TOKEN=TOKEN,
        DISCORD_API_URL=discord.api_url,
        DISCORD_GATEWAY_URL=discord.gateway_url,
        PEERBOT_WEB_PORT=str(port),
    )
    try:
        status, text = await wait_for_page(link + "stats")
        assert status == 200 and "<svg" in text
    finally:
        code, err = await stop(bot)
        await discord.close()
    assert code == 0, err
    assert "the web view is serving" in err
