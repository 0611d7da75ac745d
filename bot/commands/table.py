"""THE command table. Help, the Slack manifest and the Discord command tree come from here."""

from __future__ import annotations

from bot import i18n
from bot.commands.spec import Command, Group, Param, ParamKind
from bot.errors import PeerbotError
from bot.handlers import assignments, away, digest, notes, questions, retros, stats, team
from bot.handlers import help as help_
from bot.handlers.team_settings import schedule_params

CATEGORY = Param(
    "category",
    ParamKind.CHOICE,
    choices=("lecture", "assignment", "general"),
    aliases=i18n.aliases("category"),
)
NUMBER = Param("number", ParamKind.NUMBER, required=True, positional=True)
LANG = Param("lang", ParamKind.CHOICE, choices=("ko", "en"))
TEMPLATE = Param("template", ParamKind.CHOICE, choices=("fff", "til"))
ZONE = Param("zone", ParamKind.ZONE)
COUNTRY = Param("country", ParamKind.COUNTRY)
KIND = Param(
    "kind",
    ParamKind.CHOICE,
    choices=("basic", "advanced", "optional", "quiz"),
    aliases=i18n.aliases("kind"),
)
WHICH = Param("which", ParamKind.TEXT, required=True, positional=True)
DAYS = Param("days", ParamKind.TEXT, positional=True)
SCHEDULE = schedule_params()

TABLE: tuple[Command | Group, ...] = (
    Command(
        "ask",
        questions.ask,
        (
            Param("question", ParamKind.TEXT, required=True, positional=True),
            CATEGORY,
            Param("assignment", ParamKind.NAME),
        ),
    ),
    Command(
        "answer",
        questions.answer,
        (NUMBER, Param("text", ParamKind.TEXT, required=True, positional=True)),
    ),
    Command(
        "accept",
        questions.accept,
        (NUMBER, Param("answer", ParamKind.INDEX, positional=True)),
    ),
    Command("defer", questions.defer, (NUMBER,)),
    Command("escalate", questions.escalate, (NUMBER,)),
    Command("reopen", questions.reopen, (NUMBER,)),
    Command(
        "questions",
        questions.list_questions,
        (
            Param(
                "scope",
                ParamKind.CHOICE,
                positional=True,
                choices=("open", "today", "week", "mentor", "all"),
                aliases=i18n.aliases("scope"),
            ),
            Param("words", ParamKind.WORDS, positional=True),
            Param("page", ParamKind.INDEX),
        ),
        ephemeral=True,
    ),
    Command(
        "note",
        notes.note,
        (Param("text", ParamKind.TEXT, required=True, positional=True),),
    ),
    Command(
        "retro",
        retros.retro,
        (Param("fields", ParamKind.TEXT, positional=True), Param("day", ParamKind.NAME)),
        ephemeral=True,
    ),
    Group(
        "assignment",
        (
            Command(
                "assignment add",
                assignments.add,
                (
                    Param("title", ParamKind.TEXT, required=True, positional=True),
                    Param("due", ParamKind.NAME),
                    KIND,
                    Param("link", ParamKind.NAME),
                ),
            ),
            Command(
                "assignment list",
                assignments.list_assignments,
                (
                    Param(
                        "period",
                        ParamKind.CHOICE,
                        positional=True,
                        choices=("upcoming", "all"),
                        aliases=i18n.aliases("period"),
                    ),
                ),
                ephemeral=True,
            ),
            Command("assignment done", assignments.done, (WHICH,)),
            Command("assignment undo", assignments.undo, (WHICH,)),
            Command("assignment remove", assignments.remove, (WHICH,)),
        ),
    ),
    Command("away", away.away, (DAYS,)),
    Group(
        "team",
        (
            Command(
                "team setup",
                team.setup,
                (
                    Param("start", ParamKind.DATE),
                    ZONE,
                    COUNTRY,
                    LANG,
                    TEMPLATE,
                    Param("name", ParamKind.NAME),
                ),
                needs_team=False,
            ),
            Command(
                "team settings",
                team.settings,
                (
                    Param("start", ParamKind.DATE),
                    ZONE,
                    COUNTRY,
                    LANG,
                    TEMPLATE,
                    Param("name", ParamKind.NAME),
                    *SCHEDULE,
                ),
            ),
            Command(
                "team holiday",
                away.holiday,
                (
                    Param(
                        "action",
                        ParamKind.CHOICE,
                        positional=True,
                        choices=("add", "remove", "list"),
                        aliases=i18n.aliases("action"),
                    ),
                    DAYS,
                ),
            ),
            Command(
                "team members",
                team.members,
                (Param("add_admin", ParamKind.NAME), Param("remove_admin", ParamKind.NAME)),
            ),
        ),
    ),
    Command(
        "digest",
        digest.digest,
        (
            Param("week", ParamKind.INDEX),
            Param("format", ParamKind.NAME),
            Param("member", ParamKind.NAME),
            LANG,
        ),
    ),
    Command(
        "stats",
        stats.stats,
        (Param("week", ParamKind.INDEX),),
        ephemeral=True,
    ),
    Command("help", help_.show_help, needs_team=False, ephemeral=True),
)


def all_commands() -> list[Command]:
    """Every command, subcommands spelled out (`team setup`), in table order."""
    out: list[Command] = []
    for entry in TABLE:
        out.extend(entry.subcommands if isinstance(entry, Group) else (entry,))
    return out


def top_level_names() -> list[str]:
    """The names a platform registers: `ask`, …, `team`, `help`."""
    return [entry.name for entry in TABLE]


def resolve(name: str, args: str) -> tuple[Command, str]:
    """The command named `name` (reading a group's subcommand off `args`) and the rest of args."""
    wanted = name.strip().lstrip("/").lower()
    for entry in TABLE:
        if entry.name != wanted:
            continue
        if isinstance(entry, Command):
            return entry, args
        sub, _, rest = args.strip().partition(" ")
        choices = ", ".join(entry.sub_names())
        if not sub:
            example = entry.subcommands[0].example
            raise PeerbotError(
                "error.missing_subcommand", group=entry.name, choices=choices, example=example
            )
        command = entry.get(sub.lower())
        if command is None:
            raise PeerbotError(
                "error.unknown_subcommand", group=entry.name, name=sub[:40], choices=choices
            )
        return command, rest
    raise PeerbotError("error.unknown_command", name=wanted[:40] or "?")
