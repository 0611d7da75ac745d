"""What a command is: its name, typed parameters, handler, and who may run it.

Positional parameters come first in the order given (a TEXT or WORDS parameter takes the rest of
the line); the others are `name:value` options, the same names Discord shows as command options.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from bot.i18n import Example

if TYPE_CHECKING:
    from bot.context import Context
    from bot.ports import Reply

Args = dict[str, Any]
Handler = Callable[["Context", Args], Awaitable["Reply"]]


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


@dataclass(frozen=True)
class Param:
    """One typed parameter of a command."""

    name: str
    kind: ParamKind
    required: bool = False
    positional: bool = False
    choices: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()

    @property
    def help_key(self) -> str:
        return f"param.{self.name}"

    def usage(self) -> str:
        if self.positional:
            return f"<{self.name}>" if self.required else f"[{self.name}]"
        return f"{self.name}:…" if self.required else f"[{self.name}:…]"


@dataclass(frozen=True)
class Command:
    """A slash command: `name` is `ask` or, inside a group, `team setup`."""

    name: str
    handler: Handler
    params: tuple[Param, ...] = ()
    needs_team: bool = True
    ephemeral: bool = False

    @property
    def help_key(self) -> str:
        return "help." + self.name.replace(" ", ".")

    @property
    def example(self) -> Example:
        """Its example, from the catalogs (`example.team.setup`), in the reader's language."""
        return Example(self.name)

    @property
    def positional(self) -> tuple[Param, ...]:
        return tuple(p for p in self.params if p.positional)

    @property
    def options(self) -> dict[str, Param]:
        return {p.name: p for p in self.params if not p.positional}

    @property
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
