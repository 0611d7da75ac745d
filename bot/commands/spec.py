"""What a command is: its whole life, from the platform's event to the reply.

A `Command` names its handler and typed parameters, and also everything an adapter needs to
know before the reply exists: whether the reply is private, whether it is slow (Discord defers
at once), which form a bare call opens, where each parameter's suggestions come from, and which
commands its replies' buttons may run, and whether it is a message action (`on_message`:
*Save as question* on a message, not `/save_question`). Adapters read these fields; none decides
by a name.

Positional parameters come first in the order given (a TEXT or WORDS parameter takes the rest of
the line); the others are `name:value` options, the same names Discord shows as command options.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from bot.i18n import Example

if TYPE_CHECKING:
    from bot.context import Context
    from bot.forms import Form
    from bot.model.teams import Team
    from bot.ports import Reply, UnitOfWork

Args = dict[str, Any]
Handler = Callable[["Context", Args], Awaitable["Reply"]]
# (unit of work, team, typed so far, now) -> up to 25 (label, value) choices
Suggester = Callable[["UnitOfWork", "Team", str, datetime], Awaitable[list[tuple[str, str]]]]


class ParamKind(StrEnum):
    """How a parameter's text is read."""

    NUMBER = "number"  # a question number: 12 or #12
    INDEX = "index"  # a small positive whole number
    TEXT = "text"  # the rest of the line, as typed
    WORDS = "words"  # the rest of the line, split into search words
    CHOICE = "choice"  # one of `choices` (aliases allowed)
    DATE = "date"  # 2021-08-02
    ZONE = "zone"  # an IANA time zone
    COUNTRY = "country"  # a holidays country code, or none
    NAME = "name"  # a short single value (member or team name)
    TIME = "time"  # a clock time, HH:MM (24 hours)
    MINUTES = "minutes"  # a whole number of minutes, 0 to a day
    WEEK = "week"  # a week of the course: 1, 2, ...
    DUE = "due"  # a date and time in the team's zone (`fri 23:59`): may hold spaces unquoted
    FORMAT = "format"  # a digest format: a built-in one or an operator's template

    @property
    def takes_spaces(self) -> bool:
        """An option of this kind runs to the end of the line (or the next option) unquoted."""
        return self is ParamKind.DUE


class ThreadEvent(StrEnum):
    """What happened to a member's reply in a question card's thread (a platform's message
    event): an adapter runs the command of the table for that event (`Command.on_thread`)."""

    POSTED = "posted"
    EDITED = "edited"
    DELETED = "deleted"


@dataclass(frozen=True)
class Param:
    """One typed parameter of a command."""

    name: str
    kind: ParamKind
    required: bool = False
    positional: bool = False
    choices: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()
    suggest: Suggester | None = None  # offered while typed (Discord autocomplete)

    @property
    def help_key(self) -> str:
        return f"param.{self.name}"

    def usage(self) -> str:
        if self.positional:
            return f"<{self.name}>" if self.required else f"[{self.name}]"
        return f"{self.name}:…" if self.required else f"[{self.name}:…]"


@dataclass(frozen=True)
class FormSpec:
    """The dialog a command opens where the platform has one (Slack and Discord modals).

    A call with no argument but those in `keeps` opens it (`/retro`, `/retro day:yesterday`,
    `/assignment add`); `build` makes it for the caller, `submit` saves what comes back. The
    form names its command, so a submission (even after a restart) routes like a command.
    `when`, if given, must also hold for the arguments: a form that only one view of a
    command opens (`/question 12 view:accept`, the answers to pick from), so the command's
    other calls keep their reply.
    """

    build: Callable[[Context, Args], Awaitable[Form]]
    submit: Callable[[Context, str, Mapping[str, str]], Awaitable[Reply]]
    keeps: tuple[str, ...] = ()
    when: Callable[[Args], bool] | None = None

    def opens(self, args: Args) -> bool:
        if self.when is not None and not self.when(args):
            return False
        return all(name in self.keeps for name, value in args.items() if value not in ("", None))


@dataclass(frozen=True)
class Command:
    """A slash command: `name` is `ask` or, inside a group, `team setup`."""

    name: str
    handler: Handler
    params: tuple[Param, ...] = ()
    needs_team: bool = True
    # Runs only in a cohort's mentors' channel (`/cohort queue`): refused elsewhere.
    needs_cohort: bool = False
    private: bool = False  # the reply is for the caller alone
    private_when: Callable[[Args], bool] | None = None  # private for some arguments only
    slow: bool = False  # may take longer than a platform's 3 seconds: defer at once
    form: FormSpec | None = None
    actions: tuple[str, ...] = ()  # the commands its replies' buttons may run
    # A message action, not a slash command: offered on a chat message (Discord's message
    # context menu, Slack's message shortcut) under the catalog's `message_action.<name>`;
    # the adapter fills `Invocation.message` with that message, and with it the state of the
    # command's form on submission (the form's `state` is the message's `ref`).
    on_message: bool = False
    # Run on a reply in a card's thread, not typed: the adapter fills `Invocation.message` with
    # the reply (its author is the caller) and passes the thread's ref (`Card.thread_ref`) as
    # the argument; only for the platforms that let the bot read thread messages.
    on_thread: ThreadEvent | None = None
    # The caller joins the team as a member (on their first command). False for a platform's
    # event that is a fact rather than someone's act (a reply deleted: by its author or a
    # moderator, and after a restart Discord does not say who wrote it): no member is loaded
    # or joined, and the handler credits the change to whom it concerns.
    joins: bool = True

    @property
    def help_key(self) -> str:
        return "help." + self.name.replace(" ", ".")

    def is_private(self, args: Args) -> bool:
        return self.private or (self.private_when is not None and self.private_when(args))

    @property
    def example(self) -> Example:
        """Its example, from the catalogs (`example.team.setup`), in the reader's language."""
        return Example(self.name)

    # Worked out once per command (it is frozen): every command typed reads them.
    @cached_property
    def positional(self) -> tuple[Param, ...]:
        return tuple(p for p in self.params if p.positional)

    @cached_property
    def options(self) -> Mapping[str, Param]:
        return MappingProxyType({p.name: p for p in self.params if not p.positional})

    @cached_property
    def param_names(self) -> frozenset[str]:
        return frozenset(p.name for p in self.params)

    @cached_property
    def spaced_options(self) -> tuple[str, ...]:
        """The options whose value runs to the end of the text (`due:fri 23:59`)."""
        return tuple(p.name for p in self.options.values() if p.kind.takes_spaces)

    @cached_property
    def takes_rest(self) -> bool:
        return any(p.kind in (ParamKind.TEXT, ParamKind.WORDS) for p in self.positional)

    def usage(self) -> str:
        return " ".join(["/" + self.name, *(p.usage() for p in self.params)])


@dataclass(frozen=True)
class Group:
    """A command with subcommands, like `/team setup|settings|members`."""

    name: str
    subcommands: tuple[Command, ...]

    @property
    def help_key(self) -> str:
        return f"help.{self.name}"

    def get(self, sub: str) -> Command | None:
        for command in self.subcommands:
            if command.name.split(" ", 1)[1] == sub:
                return command
        return None

    def sub_names(self) -> list[str]:
        return [c.name.split(" ", 1)[1] for c in self.subcommands]
