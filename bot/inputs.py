"""What the core accepts at its entry: text a database can store, names it can always show.

Slack's JSON can carry a lone surrogate (`\\ud800`) and any platform a NUL; neither can be
encoded for the database (PostgreSQL refuses NUL in text, UTF-8 has no surrogates). Typed text
with one is refused with a sentence; a display name, which the user cannot change from inside
the bot, is repaired instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from bot.errors import PeerbotError
from bot.ports import Invocation

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSTORABLE = re.compile("[\ud800-\udfff\x00]")


def storable(text: str) -> bool:
    """Whether `text` holds neither a lone surrogate nor a NUL."""
    return _UNSTORABLE.search(text) is None


def repaired(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD and each NUL removed."""
    return _SURROGATE.sub(REPLACEMENT, text).replace("\x00", "")


def refuse_unstorable(texts: Iterable[str]) -> None:
    """Raise the one-sentence rejection when any of `texts` cannot be stored."""
    if not storable("".join(texts)):  # one search over them all: every command checks
        raise PeerbotError("input.bad_characters")


def typed_texts(invocation: Invocation) -> list[str]:
    """Everything the caller typed: the command, its arguments, each option name and value,
    and the text of a message they save (someone typed that too)."""
    saved = [invocation.message.text] if invocation.message is not None else []
    return [
        invocation.command,
        invocation.args,
        *invocation.options,
        *invocation.options.values(),
        *saved,
    ]


def with_repaired_names(invocation: Invocation) -> Invocation:
    """The invocation with the platform-given names and ids made storable."""
    fields = ("platform", "channel_id", "user_id", "user_name", "channel_name")
    saved = invocation.message
    if saved is not None and not storable(saved.author_id + saved.author_name + saved.link):
        saved = replace(
            saved,
            author_id=repaired(saved.author_id),
            author_name=repaired(saved.author_name),
            link=repaired(saved.link),
        )
        invocation = replace(invocation, message=saved)
    if storable("".join([getattr(invocation, name) for name in fields])):
        return invocation
    return replace(
        invocation,
        platform=repaired(invocation.platform),
        channel_id=repaired(invocation.channel_id),
        user_id=repaired(invocation.user_id),
        user_name=repaired(invocation.user_name),
        channel_name=repaired(invocation.channel_name),
    )
