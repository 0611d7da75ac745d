"""Invocations for tests that call the core directly: `call("kim", "/ask why?")`."""

from __future__ import annotations

import itertools

from bot.ports import Invocation

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
