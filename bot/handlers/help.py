"""`/help`: every command with its usage, what it does, and an example, from the one table."""

from __future__ import annotations

from bot.commands.spec import Args
from bot.context import Context
from bot.ports import Reply
from bot.text import Line, Message


async def show_help(ctx: Context, args: Args) -> Reply:
    """Every command of the table, in the team's language."""
    from bot.commands.table import all_commands  # the table imports this module

    lines: list[Line] = list(ctx.say("help.title").lines)
    for command in all_commands():
        # Usage and examples hold `<`, `:` and the like: rendered literally, as user text is.
        lines.append(
            ctx.line("help.entry", usage=command.usage(), summary=ctx.say_plain(command.help_key))
        )
        lines.append(ctx.line("help.example", example=command.example))  # in the team's language
    return Reply(Message(tuple(lines)), ephemeral=True)
