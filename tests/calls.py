"""Invocations for tests that call the core directly: `call("kim", "/ask why?")`."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from bot.core import PeerBot
from bot.forms import Form
from bot.ports import Invocation, Reply

_ids = itertools.count()


def call(
    user: str, line: str, channel: str = "c1", platform: str = "console", **options: str
) -> Invocation:
    """`line` typed by `user` in `channel`, as an adapter would hand it over (the console by
    default); `options` as Discord sends them, apart from the line."""
    name, _, args = line.strip().lstrip("/").partition(" ")
    return Invocation(
        id=f"r{next(_ids)}",
        platform=platform,
        channel_id=channel,
        channel_name=channel,
        user_id=user,
        user_name=user,
        command=name,
        args=args,
        options=options,
    )


async def open_form(bot: PeerBot, invocation: Invocation) -> Form | Reply:
    """The form `invocation` opens, routed as an adapter routes it."""
    return await bot.open_form(bot.route(invocation))


async def submit(
    bot: PeerBot, invocation: Invocation, state: str, values: Mapping[str, str]
) -> Reply:
    """A form of `invocation`'s command submitted with `values`, routed as an adapter does."""
    return await bot.submit(bot.route(invocation), state, values)
