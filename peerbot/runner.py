"""What every `peerbot` command does first and last: read the settings, build the runtime, run
one piece of work on it, close it; and what an operator is told when any of that fails."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import click
from pydantic import ValidationError

from bot.clock import Clock
from bot.errors import DatabaseUnusable, TryAgainLater
from peerbot.bootstrap import Runtime, build
from peerbot.config import Settings
from peerbot.logs import configure_logging

T = TypeVar("T")
UNREACHABLE = "cannot reach the database; check DATABASE_URL and that the server is running"


def load_settings() -> Settings:
    """The settings from the environment, with logging set up to redact their secrets."""
    try:
        settings = Settings()
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise click.ClickException(f"the configuration is not valid: {problems}") from None
    configure_logging(settings.log_level, settings.secrets())
    return settings


def run_with_runtime(
    work: Callable[[Runtime], Awaitable[T]], settings: Settings, clock: Clock | None = None
) -> T:
    """`work` on a freshly built runtime (the database migrated first), closed afterwards."""

    async def main() -> T:
        try:
            runtime = await build(settings, clock)
        except TryAgainLater:
            raise click.ClickException(UNREACHABLE) from None
        except DatabaseUnusable as error:
            raise click.ClickException(str(error)) from None
        try:
            return await work(runtime)
        finally:
            await runtime.close()

    return asyncio.run(main())
