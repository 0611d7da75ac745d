"""The one route from a platform's event to the core: which command, with which arguments.

`route(invocation)` is pure (no I/O, microseconds): it resolves the command, parses its
arguments and says everything an adapter must decide before the reply exists: whether the reply
is private, whether it is slow, and whether the call opens a form. An adapter asks once, then hands
the route to `PeerBot.run`, `PeerBot.open_form` or `PeerBot.submit`; nothing is resolved twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bot.commands.parsing import check_required, parse_arguments
from bot.commands.spec import Args, Command, FormSpec
from bot.commands.table import resolve
from bot.errors import PeerbotError
from bot.ports import Invocation


@dataclass(frozen=True)
class Route:
    """A routed invocation: its command and arguments, or the reason it cannot run.

    `command` is set whenever the name resolved, even if the arguments were refused (the core
    still checks the caller's team first, so a newcomer hears "set up a team" before a typo).
    """

    invocation: Invocation
    command: Command | None
    args: Args = field(default_factory=dict)
    error: PeerbotError | None = None
    opens_form: bool = False

    def named(self, user_name: str) -> Route:
        """The same route for the caller known by this display name (Slack looks it up after
        deciding whether a form opens, which must not wait)."""
        return replace(self, invocation=replace(self.invocation, user_name=user_name))

    @property
    def private(self) -> bool:
        """The reply is for the caller alone (every refusal is)."""
        if self.error is not None or self.command is None:
            return True
        return self.command.is_private(self.args)

    @property
    def slow(self) -> bool:
        """The reply may take longer than a platform waits: acknowledge (defer) at once."""
        return self.error is None and self.command is not None and self.command.slow

    @property
    def form(self) -> FormSpec | None:
        """The form this call opens on a platform that has forms, if it opens one."""
        if self.opens_form and self.command is not None:
            return self.command.form
        return None


def route(invocation: Invocation) -> Route:
    """Where `invocation` goes; never raises (a refusal is the route's `error`)."""
    try:
        command, rest = resolve(invocation.command, invocation.args)
    except PeerbotError as error:
        return Route(invocation, None, error=error)
    try:
        args = parse_arguments(command, rest, invocation.options, complete=False)
    except PeerbotError as error:
        return Route(invocation, command, error=error)
    if command.form is not None and command.form.opens(args):
        return Route(invocation, command, args, opens_form=True)
    try:
        check_required(command, args)
    except PeerbotError as error:
        return Route(invocation, command, args, error=error)
    return Route(invocation, command, args)
