"""`peerbot run` itself, as a user starts it: Slack (Socket Mode) and Discord in one process.

The fake Slack and the fake Discord run here on 127.0.0.1; the bot is a real `python -m peerbot run`
process configured only by environment variables, on the real clock. It must connect to both,
answer a command on each, post on its own (the start-up catch-up delivers an assignment reminder
that fell due twenty minutes before it started), stop cleanly on SIGTERM, and never print a
token.
"""

from __future__ import annotations

import asyncio
import signal
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.clock import FakeClock
from peerbot.bootstrap import build
from peerbot.config import Settings
from tests.calls import call
from tests.discord.conftest import command, content, flags, set_up_team
from tests.discord.fake import TOKEN, FakeDiscord
from tests.run_process import start_peerbot_run
from tests.slack.fake import APP_TOKEN, BOT_TOKEN, CHANNEL, Call, FakeSlack, slash_payload

SEOUL = ZoneInfo("Asia/Seoul")
ROOT = Path(__file__).parents[2]


async def seed_slack_team(url: str, data_dir: Path) -> None:
    """Half an hour ago, a Slack team added an assignment whose 1-hour reminder fell due 20
    minutes ago: the bot was not running then, so it is due at start-up (within the grace)."""
    now = datetime.now(SEOUL).replace(second=0, microsecond=0)
    runtime = await build(
        Settings(database_url=url, data_dir=data_dir), FakeClock(now - timedelta(minutes=30))
    )
    due = (now + timedelta(minutes=40)).strftime("%Y-%m-%d %H:%M")
    try:
        for line in (
            f"/team setup start:{now.date() - timedelta(days=30)} zone:Asia/Seoul lang:en",
            "/team settings assignment_remind:1",
            f"/assignment add Paper review due:{due}",
        ):
            reply = await runtime.bot.handle(call("U0KIM", line, CHANNEL, platform="slack"))
            assert reply.ok, reply
    finally:
        await runtime.close()


async def test_peerbot_run_serves_slack_and_discord_and_posts_on_its_own(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'peerbot.db'}"
    await seed_slack_team(url, tmp_path)
    slack, discord = FakeSlack(), FakeDiscord()
    await slack.start()
    await discord.start()
    slack.add_user("U0KIM", "Kim Real", display_name="kim")
    bot = await start_peerbot_run(
        tmp_path,
        DATABASE_URL=url,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_API_URL=slack.api_url,
        DISCORD_TOKEN=TOKEN,
        DISCORD_API_URL=discord.api_url,
        DISCORD_GATEWAY_URL=discord.gateway_url,
    )
    try:
        # Posting on its own: the reminder missed while it was down, in the Slack channel. On
        # the real clock another of the team's reminders (at 15:50 Seoul time, the session's)
        # may be due as well, so the assignment's is picked out rather than assumed first.
        def about_the_paper(call: Call) -> bool:
            return "Paper review" in str(call.args.get("text", ""))

        reminder = (await slack.wait_for("chat.postMessage", about_the_paper, timeout=60))[0]
        assert reminder.args["channel"] == CHANNEL

        # A command on Slack, over Socket Mode.
        payload = slash_payload("/questions", "", response_url=slack.response_url("run"))
        assert set(await slack.deliver("slash_commands", payload)) == {"envelope_id"}
        [listed] = await slack.wait_for("response_url", timeout=10)
        assert listed.args["response_type"] == "ephemeral"

        # Commands on Discord, through the gateway, in the same process.
        await discord.wait_connected(timeout=30)
        await set_up_team(discord, start=str(datetime.now(SEOUL).date() - timedelta(days=30)))
        asked = await command(discord, "ask", question="Why scale attention?")
        assert "#1" in content(asked) and not flags(asked) & 64
    finally:
        if bot.returncode is None:
            bot.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(bot.communicate(), 30)
        await slack.close()
        await discord.close()
    logs = (out + err).decode()
    assert bot.returncode == 0, logs[-3000:]
    assert "running on slack and discord" in logs and "stopping" in logs
    for secret in (BOT_TOKEN, APP_TOKEN, TOKEN):
        assert secret not in logs  # DEBUG level, both libraries' own logging included
