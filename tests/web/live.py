"""The web view on a real port, in a thread of its own, for a browser to open (Selenium is
synchronous); and the headless Chromium of Debian's packages, never a downloaded one."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from aiohttp import web

from adapters.web import web_app
from bot.web.pages import WebPages

T = TypeVar("T")
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


class LiveSite:
    """An event loop in a thread: run coroutines on it (`run`), serve pages on it (`serve`)."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self._runner: web.AppRunner | None = None
        self.port = 0

    def run(self, work: Callable[[], Awaitable[T]], timeout: float = 60) -> T:
        async def wrapped() -> T:
            return await work()

        future: Future[T] = asyncio.run_coroutine_threadsafe(wrapped(), self.loop)
        return future.result(timeout)

    def serve(self, pages: WebPages) -> str:
        """Serve `pages` on a free port of 127.0.0.1; the base URL."""

        async def start() -> int:
            self._runner = web.AppRunner(web_app(pages), access_log=None)
            await self._runner.setup()
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            await site.start()
            server: Any = site._server  # the one listening socket's port
            return int(server.sockets[0].getsockname()[1])

        self.port = self.run(start)
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        if self._runner is not None:
            self.run(self._runner.cleanup)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)


def browser_missing() -> str | None:
    """Why no browser test can run here, or None."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            return f"{path} is not installed (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


def chromium(width: int = 1280, height: int = 900) -> Any:
    """Headless Chromium through Debian's chromedriver; Selenium Manager never downloads."""
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        f"--window-size={width},{height}",
        "--lang=en-US",
    ):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
