"""The read-only web view of each team's knowledge (`app`), served on its own port."""

from __future__ import annotations

import logging

from aiohttp import web

from adapters.web.app import web_app
from bot.web.pages import WebPages

__all__ = ["WebServer", "web_app"]

log = logging.getLogger(__name__)


class WebServer:
    """The web view on `host:port` until `close`."""

    def __init__(self, pages: WebPages, host: str, port: int) -> None:
        self._runner = web.AppRunner(web_app(pages), access_log=None)
        self.host, self.port = host, port

    async def start(self) -> None:
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        log.info("the web view is serving on http://%s:%s", self.host, self.port)

    async def close(self) -> None:
        await self._runner.cleanup()
