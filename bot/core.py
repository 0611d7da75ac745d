"""The core: one entry point that turns an `Invocation` into a `Reply`.

Every command runs inside one unit of work: the team and member are loaded, the arguments parsed,
the handler called, and the transaction committed before the reply goes back, so nothing the bot
confirms can be lost, and nothing a rejected command touched is kept.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from bot import forms, i18n
from bot.commands.parsing import parse_arguments
from bot.commands.spec import Command
from bot.commands.table import resolve
from bot.context import Context
from bot.errors import Conflict, PeerbotError, TryAgainLater
from bot.forms import Form
from bot.handlers import assignments, retros
from bot.handlers.suggest import suggestions
from bot.inputs import refuse_unstorable, repaired, typed_texts, with_repaired_names
from bot.model.teams import Language, Member, Team
from bot.ports import Clock, Invocation, Reply, UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)
T = TypeVar("T")


class PeerBot:
    """Handles slash commands for every team, on every platform."""

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        *,
        default_language: Language = Language.KO,
        templates: Path | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._default_language = default_language
        self._templates = templates
        self._listeners: list[Callable[[object], Awaitable[None]]] = []

    def listen(self, listener: Callable[[object], Awaitable[None]]) -> None:
        """Be told of each event a committed command raised (e.g. a changed team schedule)."""
        self._listeners.append(listener)

    @property
    def clock(self) -> Clock:
        return self._clock

    async def handle(self, invocation: Invocation) -> Reply:
        """Run one command; always returns a reply, never raises."""

        async def work(context: Context) -> Reply:
            command, rest = resolve(invocation.command, invocation.args)
            if command.needs_team and context.team is None:
                raise PeerbotError("error.no_team")
            args = parse_arguments(command, rest, invocation.options)
            return _with_visibility(await command.handler(context, args), command)

        return await self._run(invocation, work, what=f"/{invocation.command}")

    async def open_form(self, invocation: Invocation, kind: str) -> Form | Reply:
        """The form `kind` for the caller (see `bot.forms.wants_form`), or why it cannot open."""

        async def work(context: Context) -> Form:
            if kind == forms.RETRO:
                command, rest = resolve(invocation.command, invocation.args)
                args = parse_arguments(command, rest, invocation.options)
                return await retros.form(context, args.get("day"))
            if kind == forms.ASSIGNMENT:
                return assignments.form(context)
            raise PeerbotError("form.expired")

        return await self._run(invocation, work, what=f"{kind} form")

    async def submit_form(
        self, invocation: Invocation, kind: str, state: str, values: Mapping[str, str]
    ) -> Reply:
        """Save a submitted form; a rejection names the field it is about (`Reply.field`)."""

        async def work(context: Context) -> Reply:
            refuse_unstorable([state, *values, *values.values()])
            if kind == forms.RETRO:
                return await retros.submit_form(context, state, values)
            if kind == forms.ASSIGNMENT:
                return await assignments.submit_form(context, values)
            raise PeerbotError("form.expired")

        return await self._run(invocation, work, what=f"{kind} form submit")

    async def suggest(
        self, platform: str, channel_id: str, param: str, typed: str
    ) -> list[tuple[str, str]]:
        """Up to 25 autocomplete choices, (label, value), for a parameter of this channel's team.

        `number`: the team's questions (open ones first) whose number or text matches `typed`;
        `which` and `assignment`: the team's assignments by number or title. Never raises.
        """
        try:
            async with self._uow_factory() as uow:
                team = await uow.teams.get_by_channel(platform, channel_id)
                if team is None or team.id is None:
                    return []
                return await suggestions(uow, team, param, repaired(typed), self._clock.now())
        except Exception:
            log.warning("autocomplete of %s failed", param, exc_info=True)
            return []

    async def admins(self, team_id: int) -> list[Member]:
        """The team's admins: whom to tell when its channel cannot be posted to."""
        async with self._uow_factory() as uow:
            return [m for m in await uow.members.list(team_id) if m.is_admin]

    async def _run(
        self, invocation: Invocation, work: Callable[[Context], Awaitable[T]], *, what: str
    ) -> T | Reply:
        """One unit of work around `work`: committed unless it returns a rejection.

        Every failure becomes a one-sentence reply: a refused command its reason, a database
        outage "try again", anything unexpected a reference to the logged traceback.
        """
        lang = self._default_language
        given, invocation = invocation, with_repaired_names(invocation)
        if invocation is not given:
            log.info(
                "invocation %s: a name the platform gave had a NUL or lone surrogate; repaired",
                invocation.id,
            )
        try:
            async with self._uow_factory() as uow:
                team = await uow.teams.get_by_channel(invocation.platform, invocation.channel_id)
                if team is not None:
                    lang = team.language
                refuse_unstorable(typed_texts(invocation))
                context = Context(
                    uow, invocation, self._clock.now(), lang, team, templates=self._templates
                )
                if team is not None:
                    context.member = await _member_of(uow, team, invocation, context)
                result = await work(context)
                if not isinstance(result, Reply) or result.ok:
                    if team is not None and team.id is not None:
                        await _unpark(uow, team.id, context.now, "a command from its channel")
                    await uow.commit()
            if not isinstance(result, Reply) or result.ok:
                await self._tell(context.events)
            return result
        except PeerbotError as error:
            return _error_reply(lang, error)
        except TryAgainLater:
            log.warning("invocation %s: database unavailable", invocation.id)
            return Reply(i18n.say(lang, "error.try_again"), ephemeral=True, ok=False)
        except Conflict:
            log.warning("invocation %s: conflicting concurrent change", invocation.id)
            return Reply(i18n.say(lang, "error.conflict"), ephemeral=True, ok=False)
        except Exception:
            ref = secrets.token_hex(3)
            log.exception(
                "invocation %s (ref %s, %s on %s) failed",
                invocation.id,
                ref,
                what,
                invocation.platform,
            )
            return Reply(i18n.say(lang, "error.internal", ref=ref), ephemeral=True, ok=False)

    async def _tell(self, events: list[object]) -> None:
        for event in events:
            for listener in self._listeners:
                try:
                    await listener(event)
                except Exception:
                    log.exception("a listener failed on %r", event)

    async def channels_back(self, platform: str, channel_ids: Collection[str], why: str) -> int:
        """The bot can post in these channels again (it joined them): un-park their teams' rows."""
        unparked = 0
        async with self._uow_factory() as uow:
            for channel_id in channel_ids:
                team = await uow.teams.get_by_channel(platform, channel_id)
                if team is not None and team.id is not None:
                    unparked += await _unpark(uow, team.id, self._clock.now(), why)
            await uow.commit()
        return unparked

    async def team_for_channel(self, platform: str, channel_id: str) -> Team | None:
        """The team bound to a channel, if any (adapters use it for the zone and language)."""
        async with self._uow_factory() as uow:
            return await uow.teams.get_by_channel(platform, channel_id)


async def _unpark(uow: UnitOfWork, team_id: int, now: datetime, why: str) -> int:
    """The team's parked posts go out again (one indexed UPDATE, touching nothing if none)."""
    unparked = await uow.outbox.unpark(team_id, now)
    if unparked:
        log.info("un-parked %s outbox row(s) of team %s after %s", unparked, team_id, why)
    return unparked


async def _member_of(
    uow: UnitOfWork, team: Team, invocation: Invocation, context: Context
) -> Member:
    """The caller as a member of the team, joining them on their first command."""
    assert team.id is not None
    member = await uow.members.get(team.id, invocation.user_id)
    name = invocation.display_name
    if member is None:
        try:
            return await uow.members.add(
                Member(team.id, invocation.user_id, name, joined_at=context.now)
            )
        except Conflict:
            # Another command of the same newcomer joined them a moment ago (PostgreSQL runs
            # both at once). The insert ran in a savepoint and that row is committed, so read
            # it and go on; if it is still not visible, the caller gets the conflict sentence.
            member = await uow.members.get(team.id, invocation.user_id)
            if member is None:
                raise
    if member.display_name != name:
        member.display_name = name
        await uow.members.update(member)
    return member


def _with_visibility(reply: Reply, command: Command) -> Reply:
    if command.ephemeral and not reply.ephemeral:
        return replace(reply, ephemeral=True)
    return reply


def _error_reply(lang: Language, error: PeerbotError) -> Reply:
    return Reply(i18n.error_message(lang, error), ephemeral=True, ok=False, field=error.field)
