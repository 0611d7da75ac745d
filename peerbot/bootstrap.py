"""The one place that picks concrete classes and wires them together: storage, the core, the
reminder machinery and each adapter.

Platform libraries are imported only when their adapter is built, so `peerbot console` or
`peerbot teams` never loads slack-bolt or discord.py.
"""

from __future__ import annotations

import asyncio
import gc
import sys
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from adapters.base import Adapter
from bot.clock import Clock, SystemClock
from bot.core import PeerBot
from bot.delivery import Delivery, Doorbell, Poster
from bot.ports import UnitOfWorkFactory
from bot.scheduled.drivers import DueReminders, LiveScheduler
from bot.search.analyser import warm
from peerbot.config import Settings

if TYPE_CHECKING:
    from adapters.console import Console, ConsoleClock
    from adapters.web import WebServer


@dataclass
class Runtime:
    """A wired bot, its reminder machinery, and how to shut it down."""

    bot: PeerBot
    uow_factory: UnitOfWorkFactory
    clock: Clock
    reminders: DueReminders
    close: Callable[[], Awaitable[None]]
    doorbell: Doorbell = field(default_factory=Doorbell)  # rung by commits that queue posts

    def delivery(self, posters: Mapping[str, Poster]) -> Delivery:
        """The delivery loop posting through these platforms' adapters."""
        return Delivery(self.uow_factory, self.clock, posters, doorbell=self.doorbell)

    def live_scheduler(self, posters: Mapping[str, Poster]) -> LiveScheduler:
        """Real-time reminders through these adapters; settings changes reschedule at once."""
        live = LiveScheduler(self.uow_factory, self.reminders, self.delivery(posters), self.clock)
        self.bot.listen(live.on_event)
        return live


async def build(settings: Settings, clock: Clock | None = None) -> Runtime:
    """Migrate the database to the newest schema, then wire the core to it."""
    from storage import SqlUnitOfWorkFactory, create_engine, upgrade_async

    url = settings.effective_database_url
    await upgrade_async(url)
    await asyncio.to_thread(warm)  # the search analyser's first load, off the event loop
    engine = create_engine(url)
    doorbell = Doorbell()
    uow_factory = SqlUnitOfWorkFactory(engine, on_queued=doorbell.ring)
    clock = clock or SystemClock()
    templates = settings.templates_dir
    bot = PeerBot(
        uow_factory,
        clock,
        default_language=settings.default_language,
        templates=templates,
        web=settings.web_access(),
    )
    reminders = DueReminders(uow_factory, clock, templates)
    return Runtime(bot, uow_factory, clock, reminders, close=engine.dispose, doorbell=doorbell)


def web_server(runtime: Runtime, settings: Settings) -> WebServer | None:
    """The web view's server when PEERBOT_WEB_PORT is set (aiohttp loaded only then)."""
    access = settings.web_access()
    if access is None or settings.web_port is None:
        return None
    from adapters.web import WebServer
    from bot.web.pages import WebPages

    pages = WebPages(
        runtime.uow_factory,
        runtime.clock,
        access,
        default_language=settings.default_language,
        templates=settings.templates_dir,
    )
    return WebServer(pages, settings.web_host, settings.web_port)


def platform_adapter(platform: str, settings: Settings, bot: PeerBot) -> Adapter:
    """The adapter of `platform` ("slack" or "discord", from `Settings.platforms`)."""
    if platform == "slack":
        from adapters.slack import SlackAdapter

        return SlackAdapter(settings, bot)
    if platform == "discord":
        from adapters.discord import DiscordAdapter

        return DiscordAdapter(settings, bot)
    raise ValueError(f"no adapter for platform {platform!r}")


def console_chat(
    runtime: Runtime, settings: Settings, clock: ConsoleClock, channel: str
) -> Console:
    """The terminal chat in `channel`, posting reminders as its clock steps past them."""
    from adapters.console import Console, ConsolePoster
    from bot.scheduled.drivers import Stepper

    files = settings.data_dir / "files"
    delivery = runtime.delivery({"console": ConsolePoster(sys.stdout, files)})
    stepper = Stepper(runtime.reminders, delivery, clock)
    return Console(
        runtime.bot, clock, sys.stdout, channel=channel, stepper=stepper, files_dir=files
    )


def settle_heap() -> None:
    """Once started: collect, then freeze every object alive out of the collector's scans.

    The collector stops every thread, the event loop's too, for as long as a full scan takes,
    and a scan visits every tracked object: modules, wiring and caches are most of a started
    process and live as long as it does. Frozen, they are never scanned again, so a pause grows
    with the work in flight only (tests/reliability/test_loop_stall.py, bench/discord.py).
    """
    gc.collect()
    gc.freeze()
