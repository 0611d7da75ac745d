"""THE command table. Help, the Slack manifest and the Discord command tree come from here."""

from __future__ import annotations

from bot.commands.spec import Command, Group, Param, ParamKind
from bot.errors import PeerbotError
from bot.handlers import assignments, away, digest, notes, questions, retros, stats, team
from bot.handlers import help as help_
from bot.handlers.team_settings import schedule_params
from bot.model.study import KIND_ALIASES

CATEGORY = Param(
    "category",
    ParamKind.CHOICE,
    choices=("lecture", "assignment", "general"),
    aliases=(("강의", "lecture"), ("과제", "assignment"), ("일반", "general")),
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
    aliases=KIND_ALIASES,
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
        example="/ask Why call zero_grad() every step? category:lecture",
    ),
    Command(
        "answer",
        questions.answer,
        (NUMBER, Param("text", ParamKind.TEXT, required=True, positional=True)),
        example="/answer 12 PyTorch accumulates gradients, so reset them each step.",
    ),
    Command(
        "accept",
        questions.accept,
        (NUMBER, Param("answer", ParamKind.INDEX, positional=True)),
        example="/accept 12",
    ),
    Command("defer", questions.defer, (NUMBER,), example="/defer 12"),
    Command("escalate", questions.escalate, (NUMBER,), example="/escalate 12"),
    Command("reopen", questions.reopen, (NUMBER,), example="/reopen 12"),
    Command(
        "questions",
        questions.list_questions,
        (
            Param(
                "scope",
                ParamKind.CHOICE,
                positional=True,
                choices=("open", "today", "week", "mentor", "all"),
                aliases=(
                    ("오늘", "today"),
                    ("이번주", "week"),
                    ("멘토", "mentor"),
                    ("전체", "all"),
                ),
            ),
            Param("words", ParamKind.WORDS, positional=True),
            Param("page", ParamKind.INDEX),
        ),
        example="/questions week attention",
        ephemeral=True,
    ),
    Command(
        "note",
        notes.note,
        (Param("text", ParamKind.TEXT, required=True, positional=True),),
        example="/note transformer encoder code walkthrough",
    ),
    Command(
        "retro",
        retros.retro,
        (Param("fields", ParamKind.TEXT, positional=True), Param("day", ParamKind.NAME)),
        example="/retro fact: 1~3강 수강 feeling: 힘들었다 plan: 복습",
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
                example="/assignment add 선택과제 1 ViT kind:optional due:fri 23:59",
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
                        aliases=(("예정", "upcoming"), ("전체", "all")),
                    ),
                ),
                example="/assignment list all",
                ephemeral=True,
            ),
            Command("assignment done", assignments.done, (WHICH,), example="/assignment done 2"),
            Command("assignment undo", assignments.undo, (WHICH,), example="/assignment undo 2"),
            Command(
                "assignment remove", assignments.remove, (WHICH,), example="/assignment remove 2"
            ),
        ),
    ),
    Command("away", away.away, (DAYS,), example="/away 8/12-8/13"),
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
                example="/team setup zone:Asia/Seoul country:KR lang:ko",
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
                example="/team settings lang:en session:16:00 retro_time:21:00",
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
                        aliases=(("추가", "add"), ("삭제", "remove"), ("목록", "list")),
                    ),
                    DAYS,
                ),
                example="/team holiday add 2021-08-16",
            ),
            Command(
                "team members",
                team.members,
                (Param("add_admin", ParamKind.NAME), Param("remove_admin", ParamKind.NAME)),
                example="/team members add_admin:lee",
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
        example="/digest week:2 format:peer-minutes",
    ),
    Command(
        "stats",
        stats.stats,
        (Param("week", ParamKind.INDEX),),
        example="/stats week:2",
        ephemeral=True,
    ),
    Command("help", help_.show_help, example="/help", needs_team=False, ephemeral=True),
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
