"""`/help`: every command with its usage, what it does, and an example, from the one table."""

from __future__ import annotations

from collections.abc import Iterable

from bot.commands.spec import Command
from bot.context import Context
from bot.ports import Reply
from bot.text import Line, Message


def show_help(ctx: Context, commands: Iterable[Command]) -> Reply:
    """Every command of the table (the table hands itself in), in the team's language."""
    lines: list[Line] = list(ctx.say("help.title").lines)
    for command in commands:
        # Usage and examples hold `<`, `:` and the like: rendered literally, as user text is.
        lines.append(
            ctx.line("help.entry", usage=command.usage(), summary=ctx.say_plain(command.help_key))
        )
        lines.append(ctx.line("help.example", example=command.example))  # in the team's language
    return Reply(Message(tuple(lines)), ephemeral=True)
