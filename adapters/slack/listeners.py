"""Slash commands, buttons and modal submissions, as slack-bolt listeners.

Each request becomes an `Invocation`, routed once by the core (`PeerBot.route`, pure); the
route says whether a form opens, and the adapter hands it to `run`, `open_form` or `submit`.

Slack wants every request acknowledged within 3 seconds, so a command is acknowledged first
(an empty 200, or the Socket Mode envelope's id) and answered afterwards: the core runs, then
the reply goes out as described in `replies.py`. The work after the acknowledgement waits for
its turn (`pace.py`): only when no request is waiting for its acknowledgement, so a burst of
commands is acknowledged first and answered right after.

A modal's submission is the exception: its rejection must be *in* the acknowledgement
(`response_action: errors`), so the core is asked first; if it has not answered within
`submit_wait` seconds the modal is closed and the answer follows as a message.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.actions import ACTION_PREFIX, EARLIER_RETRO_BUTTON, action_of
from adapters.slack.api import DisplayNames, error_code
from adapters.slack.modals import (
    CALLBACK_ID,
    field_errors,
    metadata_of,
    modal_of,
    submitted_values,
    too_long_to_edit,
)
from adapters.slack.pace import Pace
from adapters.slack.replies import Caller, Replies
from adapters.slack.saved import from_ref, saved_message
from bot import i18n
from bot.commands.route import Route
from bot.commands.table import message_actions
from bot.core import PeerBot
from bot.model.teams import Language
from bot.ports import Invocation, Reply

log = logging.getLogger(__name__)

PLATFORM = "slack"
QUICK = 0.3  # seconds a display name may take where Slack's 3-second clock is running


class Listeners:
    """What the Slack app does with each request; `register` adds it to a bolt app."""

    def __init__(
        self,
        bot: PeerBot,
        client: AsyncWebClient,
        replies: Replies,
        names: DisplayNames,
        *,
        prefix: str = "",
        default_language: Language = Language.KO,
        pace: Pace | None = None,
        submit_wait: float = 2.0,
    ) -> None:
        self._bot = bot
        self._client = client
        self._replies = replies
        self._names = names
        self._prefix = prefix
        self._lang = default_language
        self.pace = pace or Pace()
        self._submit_wait = submit_wait
        self._running: set[asyncio.Task[Any]] = set()
        self.bot_user_id = ""  # set from auth.test at start: "the bot joined" is this user

    def register(self, app: AsyncApp) -> None:
        """Every table command (`/{prefix}{name}`), every button, and form submissions."""
        # One listener for every command, first in bolt's list: bolt tries its listeners in
        # turn, building each matcher's arguments anew, and that (not the work, which waits
        # for the acknowledgement) was most of what peerbot added before acknowledging.
        # The core routes the name: a command of an older manifest (renamed, or before a
        # prefix) is told so.
        app.command(re.compile(r"^/.+"))(self.on_command)
        ours = f"^({re.escape(ACTION_PREFIX)}|{re.escape(EARLIER_RETRO_BUTTON)}$)"
        app.action(re.compile(ours))(self.on_button)
        app.action(re.compile(r".*"))(self.on_other_action)
        app.view_submission(CALLBACK_ID)(self.on_submission)
        for action in message_actions():  # message shortcuts: their callback id is the command
            app.shortcut(action.name)(self.on_message_action)
        app.event("member_joined_channel")(self.on_member_joined)
        app.event("channel_unarchive")(self.on_channel_unarchive)

    def command_name(self, slash: str) -> str:
        """`/pb-ask` → `ask`."""
        name = slash.strip().lstrip("/").lower()
        return name.removeprefix(self._prefix) if self._prefix else name

    # --- listeners -------------------------------------------------------------------------

    async def on_member_joined(self, event: dict[str, Any]) -> None:
        """The bot was invited (back) into a channel: the parked posts to it go out again (its
        team's, and other teams' posts destined to it)."""
        if self.bot_user_id and str(event.get("user", "")) == self.bot_user_id:
            await self._channel_back(str(event.get("channel", "")), "the bot joined the channel")

    async def on_channel_unarchive(self, event: dict[str, Any]) -> None:
        """An archived channel is back: the parked posts to it go out again."""
        await self._channel_back(str(event.get("channel", "")), "the channel was unarchived")

    async def _channel_back(self, channel_id: str, why: str) -> None:
        try:
            await self._bot.channels_back(PLATFORM, [channel_id], why)
        except Exception:  # the next command from the channel un-parks them too
            log.exception("slack: could not un-park the posts of channel %s", channel_id)

    async def on_command(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        caller = Caller(
            invocation_id=str(body.get("trigger_id") or secrets.token_hex(6)),
            channel_id=str(body.get("channel_id", "")),
            user_id=str(body.get("user_id", "")),
            response_url=str(body.get("response_url") or ""),
        )
        name = self.command_name(str(body.get("command", "")))
        text = str(body.get("text") or "").strip()
        typed = self._invocation(caller, name, text, str(body.get("channel_name", "")))
        try:
            await self._go(caller, self._bot.route(typed), body, str(body.get("user_name", "")))
        except Exception:
            await self._failed(caller, "command")

    async def on_button(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """A button of ours: run its route for the presser (a form opens, as for a command)."""
        await ack()
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
            "channel_id", ""
        )
        user = body.get("user") or {}
        caller = Caller(
            invocation_id=str(body.get("trigger_id") or secrets.token_hex(6)),
            channel_id=str(channel),
            user_id=str(user.get("id", "")),
            response_url=str(body.get("response_url") or ""),
        )
        pressed: Mapping[str, Any] = next(iter(body.get("actions") or []), {})
        action = action_of(pressed)
        try:
            if action is None:
                log.info("slack: button %r of no route", str(pressed.get("action_id"))[:40])
                return
            routed = self._bot.route(self._invocation(caller, action.command, action.args))
            await self._go(caller, routed, body, _payload_name(user), refresh=action.refresh)
        except Exception:
            await self._failed(caller, "button")

    async def on_message_action(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """A message shortcut (*Save as question*): its command runs on the message, for the
        presser; a form opens at once, as for a command (the trigger id expires in 3 s)."""
        await ack()
        user = body.get("user") or {}
        caller = Caller(
            invocation_id=str(body.get("trigger_id") or secrets.token_hex(6)),
            channel_id=str((body.get("channel") or {}).get("id", "")),
            user_id=str(user.get("id", "")),
            response_url=str(body.get("response_url") or ""),
        )
        try:
            saved = await saved_message(
                body, self._client, self._names, bot_user_id=self.bot_user_id
            )
            typed = self._invocation(caller, str(body.get("callback_id", "")), "")
            routed = self._bot.route(replace(typed, message=saved))
            await self._go(caller, routed, body, _payload_name(user))
        except Exception:
            await self._failed(caller, "message shortcut")

    async def on_other_action(self, ack: AsyncAck) -> None:
        await ack()  # an element of an older post: nothing to do

    async def on_submission(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        view: Mapping[str, Any] = body.get("view") or {}
        command, state, channel = metadata_of(view)
        user = body.get("user") or {}
        caller = Caller(
            invocation_id=str(view.get("id") or secrets.token_hex(6)),
            channel_id=channel,
            user_id=str(user.get("id", "")),
        )
        acked = False
        try:
            typed = self._invocation(caller, command, "")
            routed = self._bot.route(typed)
            if routed.command is not None and routed.command.on_message:
                routed = self._bot.route(replace(typed, message=from_ref(state, channel)))
            routed = await self._named(routed, caller, _payload_name(user), wait=QUICK)
            task = asyncio.ensure_future(self._bot.submit(routed, state, submitted_values(view)))
            self._keep(task)  # never cancelled: the core commits what it accepts
            done, _ = await asyncio.wait({task}, timeout=self._submit_wait)
            if task in done:
                errors = field_errors(task.result(), view)
                if errors is not None:
                    await ack(response_action="errors", errors=errors)
                    return
            await ack()
            acked = True
            reply = await task
            await self._replies.send(caller, _visible(reply, reply.ephemeral or not reply.ok))
        except Exception:
            if not acked:
                await ack()
            await self._failed(caller, f"{command or 'unknown'} form submission")

    async def _go(
        self,
        caller: Caller,
        routed: Route,
        body: Mapping[str, Any],
        payload_name: str,
        *,
        refresh: str = "",
    ) -> None:
        """A routed command or button: its form (at once: the trigger id expires in 3 s), or
        its reply, in turn with the other requests (`pace.py`); then, for a button that says
        so (`refresh`), the message it is on shows that command's reply in place."""
        if routed.form is not None:
            named = await self._named(routed, caller, payload_name, wait=QUICK)
            await self._open_form(named, str(body.get("trigger_id", "")), caller)
            return
        async with self.pace.turn():
            named = await self._named(routed, caller, payload_name)
            await self._replies.send(caller, await self._bot.run(named))
            if refresh:
                again = self._bot.route(self._invocation(caller, refresh, "")).named(
                    named.invocation.user_name
                )
                shown = await self._bot.run(again)
                if shown.ok:  # a question gone since: the old card stays as it is
                    await self._replies.update(caller, body.get("container") or {}, shown)

    # --- helpers ---------------------------------------------------------------------------

    def _invocation(
        self, caller: Caller, command: str, args: str, channel_name: str = ""
    ) -> Invocation:
        """The call as the platform gave it; the caller's name comes with `_named`."""
        return Invocation(
            id=caller.invocation_id,
            platform=PLATFORM,
            channel_id=caller.channel_id,
            user_id=caller.user_id,
            user_name="",
            command=command,
            args=args,
            channel_name=channel_name,
        )

    async def _named(
        self, routed: Route, caller: Caller, payload_name: str, *, wait: float | None = None
    ) -> Route:
        """The route with the caller's display name (cached, else asked of Slack)."""
        name = await self._names.get(caller.user_id, fallback=payload_name, wait=wait)
        return routed.named(name)

    async def _open_form(self, routed: Route, trigger_id: str, caller: Caller) -> None:
        opened = await self._bot.open_form(routed)
        if isinstance(opened, Reply):
            await self._replies.send(caller, opened)
            return
        if too_long_to_edit(opened):
            lang = await self._language(caller.channel_id)
            too_long = i18n.say(lang, "slack.form_too_long")
            await self._replies.send(caller, Reply(too_long, ephemeral=True, ok=False))
            return
        try:
            await self._client.views_open(
                trigger_id=trigger_id, view=modal_of(opened, caller.channel_id)
            )
        except Exception as error:
            log.warning(
                "slack: could not open the %s form for invocation %s (%s)",
                opened.command,
                caller.invocation_id,
                error_code(error),
            )
            lang = await self._language(caller.channel_id)
            expired = i18n.say(lang, "form.expired")
            await self._replies.send(caller, Reply(expired, ephemeral=True, ok=False))

    async def _failed(self, caller: Caller, what: str) -> None:
        ref = secrets.token_hex(3)
        log.exception("slack: %s %s (ref %s) failed", what, caller.invocation_id, ref)
        lang = await self._language(caller.channel_id)
        sorry = i18n.say(lang, "error.internal", ref=ref)
        await self._replies.send(caller, Reply(sorry, ephemeral=True, ok=False))

    async def _language(self, channel_id: str) -> Language:
        try:
            team = await self._bot.team_for_channel(PLATFORM, channel_id)
        except Exception:
            return self._lang
        return team.language if team is not None else self._lang

    def _keep(self, task: asyncio.Task[Any]) -> None:
        self._running.add(task)
        task.add_done_callback(self._running.discard)


def _payload_name(user: Mapping[str, Any]) -> str:
    return str(user.get("name") or user.get("username") or "")


def _visible(reply: Reply, ephemeral: bool) -> Reply:
    if reply.ephemeral == ephemeral:
        return reply
    return Reply(reply.message, ephemeral, reply.ok, reply.files, reply.field)
