"""Interactions: slash commands, autocomplete, the retrospective button and modal submits.

Every interaction arrives through `on_interaction` (no discord.py command tree or view store):
each becomes an `Invocation` from the interaction itself (`data.name`, a button's or modal's
`custom_id`), routed once by the core, so a modal opened before a restart and a button on an
old post still work. The route says what to do: open a form, defer at once, answer privately.

A button whose action says `refresh` (a question card's) edits the message it is on to that
command's reply and sends its own reply as a follow-up; a public reply that is a card
(`Reply.shows`) is reported to the core with its message id, so the core keeps it current.

Discord wants an answer within 3 seconds. A command runs in the core at once; if its reply is
not ready after `defer_after` seconds (and for a slow command always) the interaction is
deferred, ephemeral as the reply will be, and the reply follows as an edit of that message.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import discord

from adapters.discord.actions import action_of, view_of
from adapters.discord.commands import focused_option, invocation_parts
from adapters.discord.render import file_of, pieces
from adapters.discord.saved import MESSAGE, action_named, from_ref, saved_message
from adapters.discord.threads import remember_card, to_thread
from bot import forms, i18n
from bot.commands.route import Route
from bot.core import PeerBot
from bot.forms import Form
from bot.model.teams import Language
from bot.ports import Invocation, Reply

log = logging.getLogger(__name__)

PLATFORM = "discord"
MAX_OPTIONS = 25  # a string select's options
FORM_PREFIX = "pbform:"  # a modal's custom_id: pbform:<command>:<state> (≤ 100 characters)


class Interactions:
    """Turns Discord interactions into core calls and the core's answers into responses."""

    def __init__(
        self, bot: PeerBot, *, default_language: Language = Language.KO, defer_after: float = 2.0
    ) -> None:
        self._bot = bot
        self._lang = default_language
        self._defer_after = defer_after

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Answer one interaction; never raises (a failure is logged and told to the user)."""
        try:
            if interaction.type is discord.InteractionType.application_command:
                await self._command(interaction)
            elif interaction.type is discord.InteractionType.autocomplete:
                await self._autocomplete(interaction)
            elif interaction.type is discord.InteractionType.component:
                await self._component(interaction)
            elif interaction.type is discord.InteractionType.modal_submit:
                await self._modal_submit(interaction)
        except Exception:
            log.exception(
                "discord interaction %s (%s) failed", interaction.id, interaction.type.name
            )
            await self._tell_failure(interaction)

    # --- the four kinds --------------------------------------------------------------------

    async def _command(self, interaction: discord.Interaction) -> None:
        data = _data(interaction)
        command, args, options = invocation_parts(data)
        invocation = self._invocation(interaction, command, args, options)
        if interaction.guild_id is None:  # a DM: teams live in a server's channels
            await self._send(interaction, _no_team(self._lang))
            return
        action = action_named(command) if data.get("type") == MESSAGE else None
        if action is not None:  # a message's context menu: the command runs on that message
            bot_id = str(interaction.client.user.id) if interaction.client.user else ""
            saved = saved_message(data, str(interaction.guild_id), bot_id)
            invocation = replace(invocation, command=action.name, message=saved)
        await self._go(interaction, self._bot.route(invocation))

    async def _autocomplete(self, interaction: discord.Interaction) -> None:
        data = _data(interaction)
        focused = focused_option(data)
        choices: list[tuple[str, str]] = []
        if focused is not None and interaction.channel_id is not None:
            command, sub, _ = invocation_parts(data)
            name, typed = focused
            choices = await self._bot.suggest(
                PLATFORM, str(interaction.channel_id), f"{command} {sub}".strip(), name, typed
            )
        await interaction.response.autocomplete(
            [
                discord.app_commands.Choice(name=label[:100] or value, value=value[:100])
                for label, value in choices[:25]
            ]
        )

    async def _component(self, interaction: discord.Interaction) -> None:
        custom_id = str(_data(interaction).get("custom_id", ""))
        action = action_of(custom_id)
        if action is None:
            log.info("discord interaction %s: unknown button %r", interaction.id, custom_id[:40])
            await interaction.response.defer()  # acknowledge; nothing to do
            return
        invocation = self._invocation(interaction, action.command, action.args, {})
        routed = self._bot.route(invocation)
        if action.refresh and routed.form is None:
            await self._press_and_refresh(interaction, routed, action.refresh)
            return
        await self._go(interaction, routed)

    async def _press_and_refresh(
        self, interaction: discord.Interaction, routed: Route, refresh: str
    ) -> None:
        """A button that refreshes the message it is on: run it, then edit that message to
        the `refresh` command's reply (the interaction's response) and send the button's own
        reply as a follow-up. When the refresh cannot be shown (the question is gone, or it
        needs more than one message) the reply is the response, as for any button. Not ready
        after `defer_after` seconds, the interaction is deferred (an update of the message)."""

        async def both() -> tuple[Reply, Reply]:
            reply = await self._bot.run(routed)
            again = self._bot.route(self._invocation(interaction, refresh, "", {}))
            return reply, await self._bot.run(again)

        loop = asyncio.get_running_loop()
        deferring: asyncio.Task[Any] | None = None

        def defer() -> None:
            nonlocal deferring
            deferring = loop.create_task(interaction.response.defer())

        timer = loop.call_later(self._defer_after, defer)
        try:
            reply, shown = await both()
        finally:
            timer.cancel()
        if deferring is not None:
            await deferring
        reply = await to_thread(interaction, reply)
        texts = pieces(shown.message)
        fits = shown.ok and len(texts) == 1
        if deferring is None and not fits:
            await self._send(interaction, reply)
            return
        if fits:
            edit = interaction.response.edit_message
            if deferring is not None:
                edit = interaction.edit_original_response  # type: ignore[assignment]
            view = view_of(shown.message.actions)
            await edit(content=texts[0].text, view=view, allowed_mentions=texts[0].allowed_mentions)
        ephemeral = reply.ephemeral or not reply.ok
        for piece in pieces(reply.message):
            await interaction.followup.send(
                piece.text, ephemeral=ephemeral, allowed_mentions=piece.allowed_mentions
            )

    async def _modal_submit(self, interaction: discord.Interaction) -> None:
        data = _data(interaction)
        custom_id = str(data.get("custom_id", ""))
        stored, _, state = custom_id.removeprefix(FORM_PREFIX).partition(":")
        invocation = self._invocation(interaction, forms.command_of(stored), "", {})
        routed = self._bot.route(invocation)
        if routed.command is not None and routed.command.on_message:  # state: the message's ref
            saved = from_ref(state, str(interaction.guild_id), invocation.channel_id)
            routed = self._bot.route(replace(invocation, message=saved))
        values = submitted_values(data.get("components") or [])
        await self._answer(
            interaction,
            self._bot.submit(routed, state, values),
            ephemeral=routed.private,
            defer_now=False,
        )

    async def _go(self, interaction: discord.Interaction, routed: Route) -> None:
        """A routed command or button: its form, or its reply (deferred at once when slow)."""
        if routed.form is not None:
            opened = await self._bot.open_form(routed)
            if isinstance(opened, Reply):
                await self._send(interaction, opened)
            else:
                await interaction.response.send_modal(modal_of(opened))
            return
        await self._answer(
            interaction, self._bot.run(routed), ephemeral=routed.private, defer_now=routed.slow
        )

    # --- answering -------------------------------------------------------------------------

    async def _answer(
        self,
        interaction: discord.Interaction,
        work: Awaitable[Reply],
        *,
        ephemeral: bool,
        defer_now: bool,
    ) -> None:
        """Run `work`; defer first when it is slow (or `defer_now`), then send its reply.

        The deferral starts from a timer beside the work (not a task per command), so a fast
        command costs nothing extra; a slow one is deferred while the core goes on.
        """
        loop = asyncio.get_running_loop()
        deferring: asyncio.Task[Any] | None = None

        def defer() -> None:
            nonlocal deferring
            deferring = loop.create_task(
                interaction.response.defer(ephemeral=ephemeral, thinking=True)
            )

        timer = None if defer_now else loop.call_later(self._defer_after, defer)
        if defer_now:
            defer()
        try:
            reply = await work
        finally:
            if timer is not None:
                timer.cancel()
        if deferring is None:
            await self._send(interaction, reply)
            return
        await deferring
        await self._send(interaction, reply, deferred_ephemeral=ephemeral)

    async def _send(
        self,
        interaction: discord.Interaction,
        reply: Reply,
        *,
        deferred_ephemeral: bool | None = None,
    ) -> None:
        """The reply as the interaction's response (or the deferred message) plus follow-ups;
        its buttons go under the last piece. A reply about a card goes in its thread."""
        reply = await to_thread(interaction, reply)
        texts = pieces(reply.message)
        files = [file_of(a) for a in reply.files]
        ephemeral = reply.ephemeral or not reply.ok
        view = view_of(reply.message.actions)
        first, rest = texts[0], texts[1:]
        first_extra: dict[str, Any] = {"view": view} if view is not None and not rest else {}
        posted = ""  # the id of the first piece's message, where Discord gave it
        if deferred_ephemeral is None:
            sent = await interaction.response.send_message(
                first.text,
                ephemeral=ephemeral,
                allowed_mentions=first.allowed_mentions,
                files=files,
                **first_extra,
            )
            posted = str(getattr(sent, "message_id", None) or "")
        elif deferred_ephemeral == ephemeral:
            edited = await interaction.edit_original_response(
                content=first.text,
                attachments=files,
                allowed_mentions=first.allowed_mentions,
                **first_extra,
            )
            posted = str(edited.id)
        else:
            # A public "thinking…" cannot turn private: remove it and answer in follow-ups.
            await interaction.delete_original_response()
            await interaction.followup.send(
                first.text,
                ephemeral=ephemeral,
                allowed_mentions=first.allowed_mentions,
                files=files,
                **first_extra,
            )
        for index, piece in enumerate(rest, start=1):
            extra: dict[str, Any] = (
                {"view": view} if view is not None and index == len(rest) else {}
            )
            await interaction.followup.send(
                piece.text, ephemeral=ephemeral, allowed_mentions=piece.allowed_mentions, **extra
            )
        if reply.shows and posted and not rest and not ephemeral:
            # A card in the channel: its thread, and the core keeps it current from now on.
            await remember_card(self._bot, interaction, reply, posted)

    async def _tell_failure(self, interaction: discord.Interaction) -> None:
        if interaction.type is discord.InteractionType.autocomplete:
            return
        sentence = i18n.say(self._lang, "error.internal", ref=str(interaction.id)[-6:])
        try:
            if interaction.response.is_done():
                first = pieces(sentence)[0]
                await interaction.followup.send(
                    first.text, ephemeral=True, allowed_mentions=first.allowed_mentions
                )
            else:
                await self._send(interaction, Reply(sentence, ephemeral=True, ok=False))
        except Exception as error:  # the connection itself may be what failed
            log.warning(
                "discord interaction %s: could not tell the user (%s)",
                interaction.id,
                type(error).__name__,
            )

    def _invocation(
        self, interaction: discord.Interaction, command: str, args: str, options: dict[str, str]
    ) -> Invocation:
        user = interaction.user
        channel = interaction.channel
        return Invocation(
            id=str(interaction.id),
            platform=PLATFORM,
            channel_id=str(interaction.channel_id or ""),
            user_id=str(user.id),
            user_name=user.display_name,  # server nickname, else global name, else username
            command=command,
            args=args,
            options=options,
            channel_name=str(getattr(channel, "name", "") or ""),
        )


def modal_of(form: Form) -> discord.ui.Modal:
    """A core form as a Discord modal; its `state` travels in the modal's custom_id."""
    modal = discord.ui.Modal(
        title=forms.clip(form.title), custom_id=f"{FORM_PREFIX}{form.command}:{form.state}"[:100]
    )
    for field in form.fields[: forms.MAX_FIELDS]:
        if field.choices:
            modal.add_item(_select(field))
            continue
        modal.add_item(
            discord.ui.TextInput(
                label=forms.clip(field.label),
                custom_id=field.name,
                style=discord.TextStyle.paragraph if field.multiline else discord.TextStyle.short,
                default=field.value or None,
                placeholder=field.placeholder[:100] or None,
                required=field.required,
                max_length=max(1, min(field.max_length, 4000)),
            )
        )
    # Answered by its custom_id in `on_interaction` (also after a restart), not kept in memory.
    modal.stop()
    return modal


def _select(field: forms.FormField) -> discord.ui.Label[Any]:
    """A choice field as a string select in a label (Discord shows 25 options: the newest)."""
    options = [
        discord.SelectOption(label=forms.clip(label, 100), value=value[:100])
        for label, value in field.choices[:MAX_OPTIONS]
    ]
    select: discord.ui.Select[Any] = discord.ui.Select(
        custom_id=field.name, options=options, required=field.required
    )
    return discord.ui.Label(text=forms.clip(field.label), component=select)


def submitted_values(components: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """{custom_id: value} of a modal submit's text inputs (in action rows or labels)."""
    values: dict[str, str] = {}
    for component in components:
        inner = list(component.get("components") or [])
        if "component" in component:
            inner.append(component["component"])
        values.update(submitted_values(inner))
        if "custom_id" in component and "value" in component:
            values[str(component["custom_id"])] = str(component["value"] or "")
        elif "custom_id" in component and "values" in component:  # a select: its one choice
            values[str(component["custom_id"])] = str(next(iter(component["values"] or []), ""))
    return values


def _data(interaction: discord.Interaction) -> Mapping[str, Any]:
    return interaction.data or {}


def _no_team(lang: Language) -> Reply:
    return Reply(i18n.say(lang, "error.no_team"), ephemeral=True, ok=False)
