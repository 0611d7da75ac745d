"""The Slack app manifest, generated from the command table: install peerbot with one paste.

`python -m adapters.slack.manifest [PREFIX]` prints it as JSON (Slack's "Create an app > From
an app manifest" takes JSON or YAML). Socket Mode is on, so no public URL is needed; for HTTP
mode, give `request_url` (…/slack/events) and Socket Mode is turned off.

Bot scopes, and why each (nothing else is asked for):

- `commands`: the slash commands, and the message shortcuts *Save as question* and *Save as
  answer* (`features.shortcuts`, type `message`; they need no other scope: the message comes
  in the payload, its link from `chat.getPermalink`).
- `chat:write`: replies, scheduled posts, ephemeral answers, direct messages to admins.
- `users:read`: members' display names (users.info).
- `im:write`: open a direct message (conversations.open) to tell a team's admins that their
  channel cannot be posted to, and to hand a private file (a member's own digest) to its owner.
- `files:write`: the weekly digest's Markdown file (files.getUploadURLExternal /
  files.completeUploadExternal).
- `channels:history`, `groups:history`: read back the bot's recent posts in a public or private
  team channel after a crash, so a reminder that may have gone out is not posted twice; and
  the `message.channels` / `message.groups` events, the replies in a question card's thread
  (recorded as answers where the team turned it on: `/team settings capture:threads`).
- `channels:read`, `groups:read`: the `member_joined_channel` and `channel_unarchive` events,
  so the posts parked while the bot could not post in a team's channel go out once it is
  invited back or the channel is unarchived.

Not asked for: `chat:write.public` (the bot posts only in channels it was invited to, which the
history check needs anyway), any `*:read` of messages beyond history, and no user scopes.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from adapters.slack.settings import SlackSettings
from bot import i18n
from bot.commands.spec import Command, Group
from bot.commands.table import TABLE, message_actions
from bot.model.teams import Language

BOT_SCOPES = (
    "commands",
    "chat:write",
    "users:read",
    "im:write",
    "files:write",
    "channels:history",
    "groups:history",
    "channels:read",
    "groups:read",
)
BOT_EVENTS = (
    "member_joined_channel",  # un-park a team's posts
    "channel_unarchive",
    "message.channels",  # replies in a question card's thread (public and private channels)
    "message.groups",
)
DESCRIPTION_LIMIT = 140  # keeps Slack's command picker readable (Slack allows 2,000)
USAGE_LIMIT = 1000
NAME_LIMIT = 24  # a shortcut's name
SHORTCUT_LIMIT = 150  # a shortcut's description
APP_DESCRIPTION = (
    "Runs a study group's peer sessions: questions and answers, notes, retrospectives, "
    "assignments, reminders and the weekly log."
)


def manifest(
    settings_or_prefix: SlackSettings | str = "", *, request_url: str | None = None
) -> dict[str, Any]:
    """The app manifest for commands named `/{prefix}{name}`."""
    prefix = (
        settings_or_prefix.strip().lower()
        if isinstance(settings_or_prefix, str)
        else settings_or_prefix.slack_command_prefix
    )
    commands = []
    for entry in TABLE:
        command: dict[str, Any] = {
            "command": f"/{prefix}{entry.name}",
            "description": _clip(i18n.text_of(Language.EN, entry.help_key), DESCRIPTION_LIMIT),
            "usage_hint": _clip(usage_hint(entry), USAGE_LIMIT),
            "should_escape": False,
        }
        if request_url:
            command["url"] = request_url
        commands.append(command)
    interactivity: dict[str, Any] = {"is_enabled": True}
    if request_url:
        interactivity["request_url"] = request_url
    events: dict[str, Any] = {"bot_events": list(BOT_EVENTS)}
    if request_url:
        events["request_url"] = request_url
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": "peerbot",
            "description": _clip(APP_DESCRIPTION, 140),
            "background_color": "#2c3e50",
        },
        "features": {
            "bot_user": {"display_name": "peerbot", "always_online": True},
            # Admin notices and private files arrive as direct messages from the app.
            "app_home": {
                "home_tab_enabled": False,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": True,
            },
            "slash_commands": commands,
            "shortcuts": shortcuts(),
        },
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}},
        "settings": {
            "event_subscriptions": events,
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": not request_url,
            "token_rotation_enabled": False,
        },
    }


def shortcuts() -> list[dict[str, Any]]:
    """The table's message actions as message shortcuts; the callback id is the command."""
    return [
        {
            "name": _clip(i18n.text_of(Language.EN, f"message_action.{action.name}"), NAME_LIMIT),
            "type": "message",
            "callback_id": action.name,
            "description": _clip(i18n.text_of(Language.EN, action.help_key), SHORTCUT_LIMIT),
        }
        for action in message_actions()
    ]


def manifest_json(prefix: str = "", *, request_url: str | None = None) -> str:
    """The manifest as indented JSON, ready to paste (what `peerbot slack manifest` prints)."""
    return json.dumps(manifest(prefix, request_url=request_url), ensure_ascii=False, indent=2)


def usage_hint(entry: Command | Group) -> str:
    """What follows the command: `<question> [category:…] [assignment:…]`, or a group's."""
    if isinstance(entry, Group):
        return " | ".join(_arguments(sub) for sub in entry.subcommands)
    return _arguments(entry)


def _arguments(command: Command) -> str:
    # `/ask <question> …` → `<question> …`; `/team setup start:…` → `setup start:…`
    return command.usage().partition(" ")[2].strip()


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    sys.stdout.write(manifest_json(args[0] if args else "") + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
