"""Message context-menu commands (*Save as question*, *Save as answer*): the message a menu was
used on as the core's `SavedMessage`, and back from a modal's state.

Discord puts the message in the interaction (`data.resolved.messages[target_id]`: author,
content, channel), with its content even without the privileged Message Content intent, since
the interaction is the app's. Its link is the jump URL, built from the server, channel and
message ids. `<@id>` and `<#id>` become `@name` and `#channel`; `@everyone` stays text, which
the core keeps as user text (sent with no allowed mentions, so it pings no one).

The message's `ref` (author id, message id, author name) is the modal's state, in its custom_id
(100 characters), so *Save as answer*'s submission finds the message again after a restart: the
link is rebuilt from the ids, the text comes back in the modal's own field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot import i18n
from bot.commands.spec import Command
from bot.commands.table import message_actions
from bot.model.teams import Language
from bot.ports import SavedMessage

MESSAGE = 3  # application command type: a message's context menu
NAME_LIMIT = 32  # an application command's name, and a member's display name
_MENTION = re.compile(r"<(@[!&]?|#)(\d+)>")


def menu_name(action: Command, lang: Language = Language.EN) -> str:
    """What the menu shows (`Save as question`), from the catalog."""
    return i18n.text_of(lang, f"message_action.{action.name}")[:NAME_LIMIT]


def action_named(name: str) -> Command | None:
    """The message action a context-menu interaction's `data.name` (the English name) runs."""
    return next((a for a in message_actions() if menu_name(a) == name), None)


def saved_message(data: Mapping[str, Any], guild_id: str, bot_user_id: str) -> SavedMessage:
    """The message a context menu was used on, in the core's terms."""
    target = str(data.get("target_id", ""))
    message: Mapping[str, Any] = ((data.get("resolved") or {}).get("messages") or {}).get(
        target
    ) or {}
    author: Mapping[str, Any] = message.get("author") or {}
    author_id = str(author.get("id", ""))
    member: Mapping[str, Any] = message.get("member") or {}
    name = str(member.get("nick") or author.get("global_name") or author.get("username") or "")
    channel = str(message.get("channel_id", ""))
    from_bot = bool(
        author.get("bot") or message.get("webhook_id") or (bot_user_id and author_id == bot_user_id)
    )
    text = _plain(str(message.get("content") or ""), message)
    link = f"https://discord.com/channels/{guild_id}/{channel}/{target}" if channel else ""
    ref = f"{author_id}:{target}:{name[:NAME_LIMIT]}"
    return SavedMessage(author_id, name, text, link, from_bot, channel, ref=ref)


def from_ref(ref: str, guild_id: str, channel_id: str) -> SavedMessage | None:
    """The message a modal's state names (its text is the modal's to give), or None."""
    author, _, rest = ref.partition(":")
    message_id, _, name = rest.partition(":")
    if not (author.isdecimal() and message_id.isdecimal()):
        return None
    link = f"https://discord.com/channels/{guild_id}/{channel_id}/{message_id}"
    return SavedMessage(author, name, "", link, False, channel_id, ref=ref)


def _plain(content: str, message: Mapping[str, Any]) -> str:
    """Mentions as the names they show (the message's `mentions` name the users)."""
    users = {
        str(u.get("id")): str(u.get("global_name") or u.get("username") or "")
        for u in message.get("mentions") or []
    }

    def word(found: re.Match[str]) -> str:
        kind, snowflake = found.group(1), found.group(2)
        if kind.startswith("#"):
            return "#" + snowflake
        if kind == "@&":
            return "@role"
        return "@" + (users.get(snowflake) or snowflake)

    return _MENTION.sub(word, content)
