"""THE command table. Help, the Slack manifest, the Discord command tree, which form a call
opens, what is private or slow and what each button runs: all of it comes from here."""

from __future__ import annotations

from bot import i18n
from bot.commands.spec import Args, Command, FormSpec, Group, Param, ParamKind, ThreadEvent
from bot.commands.table_cohort import COHORT
from bot.commands.table_team import DAYS, LANG, ME, TEAM
from bot.context import Context
from bot.errors import PeerbotError
from bot.handlers import (
    accepting,
    assignments,
    away,
    digest,
    edits,
    endorse,
    notes,
    questions,
    retros,
    saved,
    stats,
    suggest,
    threads,
)
from bot.handlers import help as help_
from bot.handlers.history import UNDO
from bot.model.questions import NotePlace
from bot.ports import Reply

CATEGORY = Param(
    "category",
    ParamKind.CHOICE,
    choices=("lecture", "assignment", "general"),
    aliases=i18n.aliases("category"),
)
NUMBER = Param(
    "number", ParamKind.NUMBER, required=True, positional=True, suggest=suggest.questions
)
ANSWER = Param("answer", ParamKind.INDEX, required=True, positional=True)  # as the page numbers
TEXT = Param("text", ParamKind.TEXT, required=True, positional=True)
NOTE = Param("note", ParamKind.INDEX, required=True, positional=True)  # as `/note` numbered it
NOTE_ACTIONS = ("edit note", "delete note")
KIND = Param(
    "kind",
    ParamKind.CHOICE,
    choices=("basic", "advanced", "optional", "quiz"),
    aliases=i18n.aliases("kind"),
)
WHICH = Param(
    "which", ParamKind.TEXT, required=True, positional=True, suggest=suggest.assignment_numbers
)
TOPIC = Param("topic", ParamKind.NAME, suggest=suggest.topics)  # what the minutes group by
# A question card's buttons (`question`: Accept with several answers, `question N view:accept`)
CARD_ACTIONS = ("answer", "accept", "question", "defer", "escalate", "reopen")


async def _help(ctx: Context, args: Args) -> Reply:
    """`/help`: the help module lists the table it is part of."""
    return help_.show_help(ctx, all_commands())


TABLE: tuple[Command | Group, ...] = (
    Command(
        "ask",
        questions.ask,
        (
            Param("question", ParamKind.TEXT, required=True, positional=True),
            CATEGORY,
            Param("assignment", ParamKind.NAME, suggest=suggest.assignment_titles),
            TOPIC,
            Param("anyway", ParamKind.CHOICE, choices=("yes",)),
        ),
        actions=(*CARD_ACTIONS, "post"),  # the card, or "asked before?" (Post anyway, #12)
    ),
    Command(
        "post",
        questions.post,
        (Param("draft", ParamKind.NUMBER, required=True, positional=True),),
        actions=CARD_ACTIONS,  # the reply is the question's card
    ),
    Command(
        "answer",
        questions.answer,
        (NUMBER, Param("text", ParamKind.TEXT, required=True, positional=True)),
        form=FormSpec(questions.answer_form, questions.submit_answer, keeps=("number",)),
    ),
    Command(
        "accept",
        questions.accept,
        (NUMBER, Param("answer", ParamKind.INDEX, positional=True)),
    ),
    Command(
        "endorse",
        endorse.endorse,
        (
            NUMBER,
            Param("answer", ParamKind.INDEX, positional=True),
            Param(
                "undo",
                ParamKind.CHOICE,
                positional=True,
                choices=(UNDO,),
                aliases=i18n.aliases("undo"),
            ),
        ),
    ),
    Command("defer", questions.defer, (NUMBER,)),
    Command("escalate", questions.escalate, (NUMBER,)),
    Command("reopen", questions.reopen, (NUMBER,)),
    Command(
        "question",
        accepting.show,  # the page, the card, (view:accept) the answers to accept, or mine
        (NUMBER, Param("view", ParamKind.CHOICE, choices=("page", "card", "accept", "mine"))),
        private=True,
        form=FormSpec(
            accepting.form, accepting.submit, keeps=("number", "view"), when=accepting.picks
        ),
        actions=(
            *CARD_ACTIONS,
            *(f"{verb} {what}" for verb in ("edit", "delete") for what in ("question", "answer")),
            "endorse",  # a mentor's page: Endorse on each peer's answer
        ),
    ),
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
        private=True,
        actions=("question",),  # each entry's `#12`: its page
    ),
    Group(
        "edit",
        (
            Command(
                "edit question",
                edits.edit_question,
                (NUMBER, TEXT, TOPIC),
                form=FormSpec(edits.question_form, edits.submit_question_form, keeps=("number",)),
            ),
            Command(
                "edit answer",
                edits.edit_answer,
                (NUMBER, ANSWER, TEXT),
                form=FormSpec(
                    edits.answer_form, edits.submit_answer_form, keeps=("number", "answer")
                ),
            ),
            Command(
                "edit note",
                notes.edit_note,
                (NOTE, TEXT),
                form=FormSpec(notes.note_form, notes.submit_note_form, keeps=("note",)),
            ),
        ),
    ),
    Group(
        "delete",
        (
            Command("delete question", edits.delete_question, (NUMBER,)),
            Command("delete answer", edits.delete_answer, (NUMBER, ANSWER)),
            Command("delete note", notes.delete_note, (NOTE,)),
        ),
    ),
    Command(
        "note",
        notes.note,
        (
            Param("text", ParamKind.TEXT, required=True, positional=True),
            Param(
                "place",
                ParamKind.CHOICE,
                choices=tuple(p.value for p in NotePlace),
                aliases=i18n.aliases("place"),
            ),
        ),
        actions=NOTE_ACTIONS,  # the reply's Edit and Delete of the new note
    ),
    Command(
        "retro",
        retros.retro,
        (Param("fields", ParamKind.TEXT, positional=True), Param("day", ParamKind.NAME)),
        private=True,
        form=FormSpec(retros.form, retros.submit_form, keeps=("day",)),
    ),
    Group(
        "assignment",
        (
            Command(
                "assignment add",
                assignments.add,
                (
                    Param("title", ParamKind.TEXT, required=True, positional=True),
                    Param("due", ParamKind.DUE),
                    KIND,
                    Param("link", ParamKind.NAME),
                ),
                form=FormSpec(assignments.form, assignments.submit_form),
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
                private=True,
            ),
            Command("assignment done", assignments.done, (WHICH,)),
            Command("assignment undo", assignments.undo, (WHICH,)),
            Command("assignment remove", assignments.remove, (WHICH,)),
        ),
    ),
    Command("away", away.away, (DAYS,)),
    TEAM,
    ME,
    COHORT,
    Command(
        "digest",
        digest.digest,
        (
            Param("week", ParamKind.WEEK),
            Param("format", ParamKind.FORMAT),
            Param("member", ParamKind.NAME),
            LANG,
        ),
        private_when=digest.is_members_own,  # a member's own file: even "thinking…" is private
        slow=True,
    ),
    Command(
        "stats",
        stats.stats,
        (Param("week", ParamKind.WEEK),),
        private=True,
    ),
    Command("help", _help, needs_team=False, private=True),
)


# Message actions: used on a chat message (Discord's message context menu, Slack's message
# shortcut) under their catalog name (`message_action.save_question`: "Save as question"), never
# typed, so they are no slash command, not in /help and not in the command list of a platform.
MESSAGE_ACTIONS: tuple[Command, ...] = (
    Command("save_question", saved.save_question, on_message=True),
    Command(
        "save_answer",
        saved.save_answer,
        (Param("number", ParamKind.NUMBER, required=True, positional=True),),
        form=FormSpec(saved.answer_form, saved.submit_answer),
        on_message=True,
    ),
)


# Replies in a question card's thread (`bot.handlers.threads`): run by an adapter's message
# events, one command per event (`thread_command`); never typed, listed nowhere.
THREAD = Param("thread", ParamKind.NAME, required=True, positional=True)
THREAD_EVENTS: tuple[Command, ...] = (
    Command(
        "thread_reply", threads.posted, (THREAD,), needs_team=False, on_thread=ThreadEvent.POSTED
    ),
    Command(
        "thread_reply_edited",
        threads.edited,
        (THREAD,),
        needs_team=False,
        on_thread=ThreadEvent.EDITED,
    ),
    Command(
        "thread_reply_deleted",
        threads.deleted,
        (THREAD,),
        needs_team=False,
        on_thread=ThreadEvent.DELETED,
        joins=False,
    ),
)


def thread_command(event: ThreadEvent) -> Command:
    """The command an adapter runs for this event of a reply in a card's thread."""
    return next(c for c in THREAD_EVENTS if c.on_thread is event)


def message_actions() -> tuple[Command, ...]:
    """The commands offered on a message, in table order."""
    return MESSAGE_ACTIONS


def all_commands() -> list[Command]:
    """Every command, subcommands spelled out (`team setup`), in table order."""
    out: list[Command] = []
    for entry in TABLE:
        out.extend(entry.subcommands if isinstance(entry, Group) else (entry,))
    return out


def find(name: str) -> Command | None:
    """The command of that full name (`ask`, `assignment done`), if the table has it."""
    everything = (*all_commands(), *MESSAGE_ACTIONS, *THREAD_EVENTS)
    return next((c for c in everything if c.name == name), None)


def find_param(command: str, param: str) -> Param | None:
    """A parameter of a command by their names (`assignment done`, `which`)."""
    found = find(command)
    return next((p for p in found.params if p.name == param), None) if found else None


def top_level_names() -> list[str]:
    """The names a platform registers: `ask`, …, `team`, `help`."""
    return [entry.name for entry in TABLE]


def resolve(name: str, args: str) -> tuple[Command, str]:
    """The command named `name` (reading a group's subcommand off `args`) and the rest of args.

    `name` may be a subcommand's full name (`assignment add`, as forms and buttons name it).
    """
    wanted, _, sub = name.strip().lstrip("/").lower().partition(" ")
    if sub.strip():
        args = f"{sub.strip()} {args}"
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
    for action in (*MESSAGE_ACTIONS, *THREAD_EVENTS):
        if action.name == wanted:
            return action, args
    raise PeerbotError("error.unknown_command", name=wanted[:40] or "?")
