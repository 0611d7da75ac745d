"""The core: a routed `Invocation` in, a `Reply` (or a `Form`) out.

An adapter routes each event once (`PeerBot.route`, pure: see `bot.commands.route`), decides what
its platform needs before the reply exists (private? slow? a form?), then hands the route to
`run`, `open_form` or `submit`. `handle` does both steps for callers with nothing to decide.

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

from bot import i18n
from bot.clock import Clock
from bot.commands.parsing import check_required
from bot.commands.route import Route, route
from bot.commands.spec import Command
from bot.commands.table import find_param
from bot.context import Context
from bot.errors import Conflict, PeerbotError, TryAgainLater
from bot.forms import Form
from bot.inputs import refuse_unstorable, repaired, typed_texts, with_repaired_names
from bot.model.cohort import Cohort
from bot.model.teams import Language, Member, Team
from bot.ports import Card, Invocation, Reply, UnitOfWork, UnitOfWorkFactory
from bot.web.access import WebAccess

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
        web: WebAccess | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._default_language = default_language
        self._templates = templates
        self._web = web
        self._listeners: list[Callable[[object], Awaitable[None]]] = []

    def listen(self, listener: Callable[[object], Awaitable[None]]) -> None:
        """Be told of each event a committed command raised (e.g. a changed team schedule)."""
        self._listeners.append(listener)

    @property
    def clock(self) -> Clock:
        return self._clock

    @staticmethod
    def route(invocation: Invocation) -> Route:
        """Where `invocation` goes (pure, never raises): see `bot.commands.route`."""
        return route(invocation)

    async def handle(self, invocation: Invocation) -> Reply:
        """Route and run one command (as typed; a form it would open is not opened)."""
        return await self.run(route(invocation))

    async def run(self, routed: Route) -> Reply:
        """Run a routed command; always returns a reply, never raises."""

        async def work(context: Context) -> Reply:
            command = _runnable(routed, context)
            if routed.opens_form:  # no form here: the inline form of the command
                check_required(command, routed.args)
            reply = await command.handler(context, routed.args)
            return await _in_thread(
                context, _labelled(context.lang, _checked(reply, command, routed))
            )

        joins = routed.command is None or routed.command.joins
        what = f"/{routed.invocation.command}"
        return await self._run(routed.invocation, work, what=what, joins=joins)

    async def open_form(self, routed: Route) -> Form | Reply:
        """The form a routed call opens (`routed.form`), or why it cannot open."""

        async def work(context: Context) -> Form:
            command = _runnable(routed, context)
            if routed.form is None:
                raise PeerbotError("form.expired")
            form = await routed.form.build(context, routed.args)
            assert form.command == command.name, "a form names the command it belongs to"
            return form

        return await self._run(routed.invocation, work, what=f"/{routed.invocation.command} form")

    async def submit(self, routed: Route, state: str, values: Mapping[str, str]) -> Reply:
        """Save a submitted form of the routed command (the form's `command`, as the adapter
        kept it); a rejection names the field it is about (`Reply.field`)."""

        async def work(context: Context) -> Reply:
            refuse_unstorable([state, *values, *values.values()])
            command = _runnable(routed, context, form_submit=True)
            if command.form is None:
                raise PeerbotError("form.expired")
            reply = await command.form.submit(context, state, values)
            return await _in_thread(
                context, _labelled(context.lang, _checked(reply, command, routed))
            )

        return await self._run(routed.invocation, work, what=f"{routed.invocation.command} submit")

    async def suggest(
        self, platform: str, channel_id: str, command: str, param: str, typed: str
    ) -> list[tuple[str, str]]:
        """Up to 25 autocomplete choices, (label, value), for a parameter of this channel's team.

        `command` is the table's name (`assignment done`); the parameter's `suggest` in the
        table says where its choices come from. Never raises.
        """
        found = find_param(command, param)
        if found is None or found.suggest is None:
            return []
        try:
            async with self._uow_factory() as uow:
                team = await uow.teams.get_by_channel(platform, channel_id)
                if team is None or team.id is None:
                    return []
                return await found.suggest(uow, team, repaired(typed), self._clock.now())
        except Exception:
            log.warning("autocomplete of %s %s failed", command, param, exc_info=True)
            return []

    async def card_posted(
        self,
        platform: str,
        channel_id: str,
        shows: str,
        message_ref: str,
        *,
        thread_ref: str = "",
        link: str = "",
    ) -> None:
        """An adapter posted a reply that `shows` a command's reply (`Reply.shows`) as this
        message: remember it, so the core keeps it current (`bot.handlers.cards`) and replies
        about it go in its thread (`thread_of`). An adapter reports it at once and again when it
        knows its thread and link (one more platform call), so no change in between is missed.
        Never raises."""
        try:
            async with self._uow_factory() as uow:
                team = await uow.teams.get_by_channel(platform, channel_id)
                if team is None or team.id is None or not message_ref:
                    return
                card = Card(team.id, shows, platform, channel_id, message_ref, self._clock.now())
                stored = await uow.cards.add(replace(card, thread_ref=thread_ref, link=link))
                known = (thread_ref or stored.thread_ref, link or stored.link)
                if stored.id is not None and known != (stored.thread_ref, stored.link):
                    await uow.cards.set_thread(stored.id, *known)  # reported again, with them
                await uow.commit()
        except Exception:
            log.warning("could not remember the card %s in %s", shows, channel_id, exc_info=True)

    async def admins(self, team_id: int) -> list[Member]:
        """The team's admins: whom to tell when its channel cannot be posted to."""
        async with self._uow_factory() as uow:
            return [m for m in await uow.members.list(team_id) if m.is_admin]

    async def _run(
        self,
        invocation: Invocation,
        work: Callable[[Context], Awaitable[T]],
        *,
        what: str,
        joins: bool = True,
    ) -> T | Reply:
        """One unit of work around `work`: committed unless it returns a rejection. The caller
        joins the channel's team unless the command says it makes no one a member (`joins`).

        Every failure becomes a one-sentence reply: a refused command its reason, a database
        outage "try again", anything unexpected a reference to the logged traceback.
        """
        lang = self._default_language
        invocation = _repaired(invocation)
        try:
            async with self._uow_factory() as uow:
                team, caller, parked_here = await uow.teams.get_with_caller(
                    invocation.platform, invocation.channel_id, invocation.user_id
                )
                cohort = await _cohort_here(uow, invocation, team)
                lang = team.language if team else Language(cohort.language) if cohort else lang
                refuse_unstorable(typed_texts(invocation))
                context = Context(
                    uow, invocation, self._clock.now(), lang, team, templates=self._templates
                )
                context.cohort = cohort
                context.web = self._web
                if team is not None and joins:
                    context.member = await _member_of(uow, team, caller, invocation, context)
                result = await work(context)
                if not isinstance(result, Reply) or result.ok:
                    if parked_here or team is None:  # (no team: no first read asked)
                        where = (invocation.platform, invocation.channel_id)
                        await _unpark(uow, team, *where, context.now, "a command from the channel")
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
        """The bot can post in these channels again (it joined them): un-park the rows to them,
        their teams' own and other teams' rows destined to them."""
        unparked = 0
        async with self._uow_factory() as uow:
            for channel_id in channel_ids:
                team = await uow.teams.get_by_channel(platform, channel_id)
                now = self._clock.now()
                unparked += await _unpark(uow, team, platform, channel_id, now, why)
            await uow.commit()
        return unparked

    async def team_for_channel(self, platform: str, channel_id: str) -> Team | None:
        """The team bound to a channel, if any (adapters use it for the zone and language)."""
        async with self._uow_factory() as uow:
            return await uow.teams.get_by_channel(platform, channel_id)


def _repaired(given: Invocation) -> Invocation:
    """The invocation with the names the platform gave repaired (NUL, lone surrogates)."""
    invocation = with_repaired_names(given)
    if invocation is not given:
        log.info(
            "invocation %s: a name the platform gave had a NUL or lone surrogate; repaired",
            invocation.id,
        )
    return invocation


async def _in_thread(context: Context, reply: Reply) -> Reply:
    """A public reply about a card (`Reply.thread_of`) with the thread it goes in: the oldest
    card of the caller's channel showing it that has a thread (none: as it was)."""
    team = context.team
    if not reply.thread_of or reply.ephemeral or not reply.ok or team is None or team.id is None:
        return reply
    here = (context.invocation.platform, context.invocation.channel_id)
    for card in await context.uow.cards.showing(team.id, reply.thread_of):
        if card.thread_ref and (card.platform, card.channel_id) == here:
            return replace(reply, thread_ref=card.thread_ref)
    return reply


async def _cohort_here(uow: UnitOfWork, invocation: Invocation, team: Team | None) -> Cohort | None:
    """The cohort whose mentors' channel this is: one more query, only in a channel that is no
    team's (a mentors' channel never is one)."""
    if team is not None:
        return None
    return await uow.cohorts.get_by_channel(invocation.platform, invocation.channel_id)


async def _unpark(
    uow: UnitOfWork, team: Team | None, platform: str, channel_id: str, now: datetime, why: str
) -> int:
    """The parked posts to this channel go out again: its team's own, and any team's destined
    to it (a channel that is no team's, such as a mentors' channel). One indexed read, and
    nothing touched if none is parked."""
    team_id = team.id if team is not None else None
    unparked = await uow.outbox.unpark(team_id, now, platform=platform, channel_id=channel_id)
    if unparked:
        log.info(
            "un-parked %s outbox row(s) to %s channel %s after %s",
            unparked,
            platform,
            channel_id,
            why,
        )
    return unparked


async def _member_of(
    uow: UnitOfWork, team: Team, member: Member | None, invocation: Invocation, context: Context
) -> Member:
    """The caller as a member of the team (`member` as read with the team, None if they are
    none yet), joining them on their first command."""
    assert team.id is not None
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
    if member.is_removed:
        # Back after an admin removed them: a fresh, plain member again; what they wrote before
        # is still theirs (`bot.handlers.roles`).
        log.info("member %s of team %s was removed; joined again as a member", member.id, team.id)
        member.rejoin(context.now)
        member.display_name = name
        await uow.members.update(member)
    elif member.display_name != name:
        member.display_name = name
        await uow.members.update(member)
    return member


def _runnable(routed: Route, context: Context, *, form_submit: bool = False) -> Command:
    """The routed command, once the caller may run it: a team where it needs one, arguments
    that parsed (a form's submission brings its own values instead)."""
    if routed.command is None:
        assert routed.error is not None
        raise routed.error
    if routed.command.needs_team and context.team is None:
        raise PeerbotError("error.no_team")
    if routed.command.needs_cohort and context.cohort is None:
        raise PeerbotError("cohort.not_here")
    if routed.error is not None and not form_submit:
        raise routed.error
    return routed.command


def _checked(reply: Reply, command: Command, routed: Route) -> Reply:
    """The reply as private as the route said, carrying only buttons the table allows."""
    for action in reply.message.actions:
        assert action.command in command.actions, f"/{command.name} may not offer {action}"
    if routed.private and not reply.ephemeral:
        return replace(reply, ephemeral=True)
    return reply


def _labelled(lang: Language, reply: Reply) -> Reply:
    """Buttons without a label get their command's (`button.<command>` in the catalog)."""
    if not reply.message.actions:
        return reply
    return replace(reply, message=i18n.labelled(lang, reply.message))


def _error_reply(lang: Language, error: PeerbotError) -> Reply:
    return Reply(i18n.error_message(lang, error), ephemeral=True, ok=False, field=error.field)
