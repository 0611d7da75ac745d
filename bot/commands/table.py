"""THE command table. Help, the Slack manifest and the Discord command tree come from here."""

from __future__ import annotations

from bot.commands.spec import Command, Group, Kind, Param
from bot.errors import PeerbotError
from bot.handlers import assignments, away, digest, notes, questions, retros, stats, team
from bot.handlers import help as help_
from bot.study import KIND_ALIASES

CATEGORY = Param(
    "category",
    Kind.CHOICE,
    choices=("lecture", "assignment", "general"),
    aliases=(("강의", "lecture"), ("과제", "assignment"), ("일반", "general")),
)
NUMBER = Param("number", Kind.NUMBER, required=True, positional=True)
LANG = Param("lang", Kind.CHOICE, choices=("ko", "en"))
TEMPLATE = Param("template", Kind.CHOICE, choices=("fff", "til"))
ZONE = Param("zone", Kind.ZONE)
COUNTRY = Param("country", Kind.COUNTRY)
KIND = Param(
    "kind", Kind.CHOICE, choices=("basic", "advanced", "optional", "quiz"), aliases=KIND_ALIASES
)
WHICH = Param("which", Kind.TEXT, required=True, positional=True)
DAYS = Param("days", Kind.TEXT, positional=True)
SCHEDULE = (
    Param("session", Kind.TIME),
    Param("session_remind", Kind.MINUTES),
    Param("retro_time", Kind.TIME),
    Param("assignment_remind", Kind.NAME),
    Param("digest", Kind.NAME),
    Param("office_hours", Kind.NAME),
    Param("grace", Kind.MINUTES),
)

TABLE: tuple[Command | Group, ...] = (
    Command(
        "ask",
        questions.ask,
        (
            Param("question", Kind.TEXT, required=True, positional=True),
            CATEGORY,
            Param("assignment", Kind.NAME),
        ),
        example="/ask Why call zero_grad() every step? category:lecture",
    ),
    Command(
        "answer",
        questions.answer,
        (NUMBER, Param("text", Kind.TEXT, required=True, positional=True)),
        example="/answer 12 PyTorch accumulates gradients, so reset them each step.",
    ),
    Command(
        "accept",
        questions.accept,
        (NUMBER, Param("answer", Kind.INDEX, positional=True)),
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
                Kind.CHOICE,
                positional=True,
                choices=("open", "today", "week", "mentor", "all"),
                aliases=(
                    ("오늘", "today"),
                    ("이번주", "week"),
                    ("멘토", "mentor"),
                    ("전체", "all"),
                ),
            ),
            Param("words", Kind.WORDS, positional=True),
            Param("page", Kind.INDEX),
        ),
        example="/questions week attention",
        ephemeral=True,
    ),
    Command(
        "note",
        notes.note,
        (Param("text", Kind.TEXT, required=True, positional=True),),
        example="/note transformer encoder code walkthrough",
    ),
    Command(
        "retro",
        retros.retro,
        (Param("fields", Kind.TEXT, positional=True), Param("day", Kind.NAME)),
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
                    Param("title", Kind.TEXT, required=True, positional=True),
                    Param("due", Kind.NAME),
                    KIND,
                    Param("link", Kind.NAME),
                ),
                example="/assignment add 선택과제 1 ViT kind:optional due:fri 23:59",
            ),
            Command(
                "assignment list",
                assignments.list_assignments,
                (
                    Param(
                        "period",
                        Kind.CHOICE,
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
                    Param("start", Kind.DATE),
                    ZONE,
                    COUNTRY,
                    LANG,
                    TEMPLATE,
                    Param("name", Kind.NAME),
                ),
                example="/team setup zone:Asia/Seoul country:KR lang:ko",
                needs_team=False,
            ),
            Command(
                "team settings",
                team.settings,
                (
                    Param("start", Kind.DATE),
                    ZONE,
                    COUNTRY,
                    LANG,
                    TEMPLATE,
                    Param("name", Kind.NAME),
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
                        Kind.CHOICE,
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
                (Param("add_admin", Kind.NAME), Param("remove_admin", Kind.NAME)),
                example="/team members add_admin:lee",
            ),
        ),
    ),
    Command(
        "digest",
        digest.digest,
        (Param("week", Kind.INDEX), Param("format", Kind.NAME), Param("member", Kind.NAME), LANG),
        example="/digest week:2 format:peer-minutes",
    ),
    Command(
        "stats", stats.stats, (Param("week", Kind.INDEX),), example="/stats week:2", ephemeral=True
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
