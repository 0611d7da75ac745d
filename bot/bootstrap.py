"""The one place that picks concrete classes and wires them together."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.config import Settings
from bot.core import PeerBot
from bot.ports import Clock, SystemClock, UnitOfWorkFactory


@dataclass
class Runtime:
    """A wired bot and how to shut it down."""

    bot: PeerBot
    uow_factory: UnitOfWorkFactory
    close: Callable[[], Awaitable[None]]


async def build(settings: Settings, clock: Clock | None = None) -> Runtime:
    """Migrate the database to the newest schema, then wire the core to it."""
    from storage import SqlUnitOfWorkFactory, create_engine, upgrade_async

    url = settings.effective_database_url
    await upgrade_async(url)
    engine = create_engine(url)
    uow_factory = SqlUnitOfWorkFactory(engine)
    bot = PeerBot(uow_factory, clock or SystemClock(), default_language=settings.default_language)
    return Runtime(bot=bot, uow_factory=uow_factory, close=engine.dispose)
