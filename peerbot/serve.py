"""`peerbot run` on the platforms: the adapters, the live reminders and the delivery loop on one
event loop, until SIGINT or SIGTERM; the web view beside them when PEERBOT_WEB_PORT is set."""

from __future__ import annotations

import logging

from adapters.base import Adapter
from bot.publish.loop import PublishLoop
from bot.scheduled.drivers import LiveScheduler
from peerbot.bootstrap import Runtime, platform_adapter, settle_heap, web_server
from peerbot.config import Settings
from peerbot.publish_cli import publisher
from peerbot.shutdown import StopRequest

log = logging.getLogger("peerbot")


async def serve(
    runtime: Runtime, settings: Settings, platforms: list[str], stop: StopRequest
) -> None:
    """Run the chat adapters and the live reminders until SIGINT or SIGTERM, which may come at
    any moment: an adapter still starting is cancelled, every started one closed.

    An adapter that cannot start raises `AdapterError` once every started one is closed.
    """
    running: list[Adapter] = []
    live: LiveScheduler | None = None
    web = web_server(runtime, settings)
    publishing: PublishLoop | None = None
    try:
        if web is not None:
            await stop.unless_stopped(web.start())
        for platform in platforms:
            if stop.requested is not None:
                break
            adapter = platform_adapter(platform, settings, runtime.bot)
            running.append(adapter)
            await stop.unless_stopped(adapter.start())
        if stop.requested is None:
            live = runtime.live_scheduler({a.platform: a.poster for a in running})
            await live.start()
            publishing = PublishLoop(publisher(runtime, settings))  # weekly pushes, retries
            await publishing.start()
            settle_heap()  # start-up objects live as long as the process: never scan them again
            log.info("peerbot is running on %s; stop it with Ctrl-C", " and ".join(platforms))
            await stop.wait()
        log.info("stopping (%s)", stop.requested.name if stop.requested else "?")
    finally:
        if publishing is not None:
            await publishing.stop()
        if live is not None:
            await live.stop()
        await _close(running)
        if web is not None:
            await web.close()
    log.info("stopped")


async def _close(running: list[Adapter]) -> None:
    """Close the started adapters, last first; one that fails to close is logged, not raised."""
    for adapter in reversed(running):
        try:
            await adapter.close()
        except Exception:
            log.exception("closing the %s adapter failed", adapter.platform)
