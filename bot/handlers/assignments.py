"""Assignments: add one with its due time, list who is done, mark done or undo, remove."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from bot import i18n
from bot.commands.spec import Args
from bot.commands.when import date_window, parse_due
from bot.context import Context
from bot.errors import PeerbotError
from bot.forms import Form, FormField, clip
from bot.model.questions import MAX_ASSIGNMENT_NAME, clean_text
from bot.model.study import KIND_ALIASES, MAX_LINK, Assignment, AssignmentKind, clean_link, is_away
from bot.model.teams import Member
from bot.ports import Reply
from bot.text import Line, Message, Plain

LIST_LIMIT = 30
_NUMBER = re.compile(r"#?(\d{1,9})")
T = TypeVar("T")


async def add(ctx: Context, args: Args) -> Reply:
    """`/assignment add <title> due:<when> [kind:] [link:]`: a new team-numbered assignment."""
    if "due" not in args:
        raise PeerbotError("assignment.due_missing")
    title = args["title"].strip()
    if len(title) >= 2 and title[0] == title[-1] == '"':
        title = title[1:-1]  # `/assignment add "ViT 구현" due:…`
    title = clean_text(title, what="assignment", limit=MAX_ASSIGNMENT_NAME)
    due = _future_due(ctx, args["due"])
    link = clean_link(args["link"]) if args.get("link") else None
    return await _store(ctx, title, due, parse_kind(args.get("kind", "basic")), link)


def _future_due(ctx: Context, raw: str) -> datetime:
    window = date_window(ctx.the_team.start_date, ctx.today())
    due = parse_due(raw, ctx.now, ctx.the_team.zone, window)
    if due <= ctx.now:
        raise PeerbotError("assignment.due_past", due=Plain(due_text(ctx, due)))
    return due


async def _store(
    ctx: Context, title: str, due: datetime, kind: AssignmentKind, link: str | None
) -> Reply:
    team, member = ctx.the_team, ctx.the_member
    assert team.id is not None and member.id is not None
    stored = await ctx.uow.assignments.add(
        Assignment(
            team_id=team.id,
            number=0,  # the repository gives the team's next number
            title=title,
            kind=kind,
            due_at=due,
            created_by=member.id,
            created_at=ctx.now,
            link=link,
        )
    )
    message = ctx.say(
        "assignment.added",
        number=stored.number,
        kind=ctx.say_plain(f"kind.{stored.kind.value}"),
        title=stored.title,
        due=Plain(due_text(ctx, stored.due_at)),
        who=member.display_name,
    )
    if stored.link:
        message += ctx.say("assignment.link", link=stored.link)
    return Reply(message)


# --- the form (Slack and Discord modals) ---------------------------------------------------------


async def form(ctx: Context, args: Args) -> Form:
    """A new assignment as a form: title, due time, kind and link."""
    _ = ctx.the_member  # a team is needed
    kinds = " / ".join(kind.value for kind in AssignmentKind)

    def field(name: str, **more: Any) -> FormField:
        label = clip(ctx.say_plain(f"form.assignment.{name}").text)
        return FormField(name, label=label, **more)

    fields = (
        field("title", required=True, max_length=MAX_ASSIGNMENT_NAME),
        field(
            "due",
            required=True,
            max_length=40,
            placeholder=ctx.say_plain("form.assignment.due_hint").text,
        ),
        field("kind", max_length=20, placeholder=kinds),
        field("link", max_length=MAX_LINK, placeholder="https://…"),
    )
    title = clip(ctx.say_plain("form.assignment.title_text").text)
    submit = ctx.say_plain("form.assignment.submit").text
    return Form("assignment add", title, "new", fields, submit)


async def submit_form(ctx: Context, state: str, values: Mapping[str, str]) -> Reply:
    """Add the assignment the form describes; a wrong field is named with its sentence."""

    def on_field(name: str, check: Callable[[], T]) -> T:
        try:
            return check()
        except PeerbotError as error:
            error.field = name
            raise

    title = on_field(
        "title",
        lambda: clean_text(values.get("title", ""), what="assignment", limit=MAX_ASSIGNMENT_NAME),
    )
    due_raw = values.get("due", "").strip()
    if not due_raw:
        on_field("due", _due_missing)
    due = on_field("due", lambda: _future_due(ctx, due_raw))
    kind = on_field("kind", lambda: parse_kind(values.get("kind", "").strip() or "basic"))
    link_raw = values.get("link", "").strip()
    link = on_field("link", lambda: clean_link(link_raw)) if link_raw else None
    return await _store(ctx, title, due, kind, link)


def _due_missing() -> None:
    raise PeerbotError("assignment.due_missing")


def parse_kind(raw: str) -> AssignmentKind:
    value = raw.strip().lower()
    value = dict(KIND_ALIASES).get(value, value)
    try:
        return AssignmentKind(value)
    except ValueError:
        choices = ", ".join(kind.value for kind in AssignmentKind)
        raise PeerbotError(
            "args.bad_choice", value=raw[:40], param="kind", choices=choices
        ) from None


async def list_assignments(ctx: Context, args: Args) -> Reply:
    """Upcoming assignments (all with `all`), with who is done, not yet, or away that day."""
    team = ctx.the_team
    assert team.id is not None
    everything = args.get("period") == "all"
    found = list(await ctx.uow.assignments.list(team.id, due_after=None if everything else ctx.now))
    title_key = "assignment.list_all" if everything else "assignment.list_upcoming"
    lines: list[Line] = list(ctx.say(title_key, count=len(found)).lines)
    if not found:
        lines.append(ctx.line("assignment.list_empty"))
        return Reply(Message(tuple(lines)), ephemeral=True)
    members = [m for m in await ctx.uow.members.list(team.id) if not m.is_mentor]
    calendar = ctx.calendar
    due_days = [calendar.local_date(a.due_at) for a in found]
    absences = list(await ctx.uow.away.list(team.id, min(due_days), max(due_days)))
    for assignment, due_day in list(zip(found, due_days, strict=True))[:LIST_LIMIT]:
        lines.append(_item(ctx, assignment))
        if assignment.link:
            lines += ctx.say("assignment.link", link=assignment.link).lines
        done = [m for m in members if m.id in assignment.done_by]
        rest = [m for m in members if m.id not in assignment.done_by]
        away = [m for m in rest if m.id is not None and is_away(absences, m.id, due_day)]
        todo = [m for m in rest if m not in away]
        lines.append(
            ctx.line(
                "assignment.who",
                done=_names(ctx, done),
                todo=_names(ctx, todo),
                away=_names(ctx, away),
            )
        )
    if len(found) > LIST_LIMIT:
        lines.append(ctx.line("assignment.list_more"))
    return Reply(Message(tuple(lines)), ephemeral=True)


def _item(ctx: Context, assignment: Assignment) -> Line:
    return ctx.line(
        "assignment.item",
        number=assignment.number,
        kind=ctx.say_plain(f"kind.{assignment.kind.value}"),
        title=assignment.title,
        due=Plain(due_text(ctx, assignment.due_at)),
    )


def _names(ctx: Context, members: list[Member]) -> str | Plain:
    if not members:
        return ctx.say_plain("none")
    return ", ".join(m.display_name for m in members)


async def done(ctx: Context, args: Args) -> Reply:
    """Mark an assignment done for the caller."""
    member = ctx.the_member
    assert member.id is not None
    assignment = await find_assignment(ctx, args["which"])
    if member.id in assignment.done_by:
        raise PeerbotError("assignment.already_done", number=assignment.number)
    await ctx.uow.assignments.set_done(assignment, member.id, ctx.now)
    # Of the members it is expected of: mentors are never counted (a mentor may still mark it).
    expected = [m for m in await ctx.uow.members.list(assignment.team_id) if not m.is_mentor]
    done_by = {*assignment.done_by, member.id}
    return ctx.reply(
        "assignment.marked_done",
        who=member.display_name,
        number=assignment.number,
        title=assignment.title,
        done=sum(m.id in done_by for m in expected),
        count=len(expected),
    )


async def undo(ctx: Context, args: Args) -> Reply:
    """Take back the caller's done mark."""
    member = ctx.the_member
    assert member.id is not None
    assignment = await find_assignment(ctx, args["which"])
    if member.id not in assignment.done_by:
        raise PeerbotError("assignment.not_done", number=assignment.number)
    await ctx.uow.assignments.set_done(assignment, member.id, None)
    return ctx.reply(
        "assignment.undone", ephemeral=True, number=assignment.number, title=assignment.title
    )


async def remove(ctx: Context, args: Args) -> Reply:
    """Remove an assignment: its creator or an admin."""
    member = ctx.the_member
    assignment = await find_assignment(ctx, args["which"])
    if member.id != assignment.created_by and not member.is_admin:
        creator = await ctx.uow.members.get_by_id(assignment.team_id, assignment.created_by)
        raise PeerbotError(
            "assignment.remove_not_allowed",
            number=assignment.number,
            creator=creator.display_name if creator else "?",
        )
    await ctx.uow.assignments.remove(assignment)
    return ctx.reply(
        "assignment.removed",
        number=assignment.number,
        title=assignment.title,
        who=member.display_name,
    )


async def find_assignment(ctx: Context, reference: str) -> Assignment:
    """By number (`2`, `#2`), exact title (any case), or a prefix of only one title."""
    team = ctx.the_team
    assert team.id is not None
    ref = unicodedata.normalize("NFC", reference).strip()
    number = _NUMBER.fullmatch(ref)
    if number is not None:
        found = await ctx.uow.assignments.get(team.id, int(number.group(1)))
        if found is None:
            raise PeerbotError("assignment.not_found", number=int(number.group(1)))
        return found
    wanted = ref.casefold()
    everything = list(await ctx.uow.assignments.list(team.id))
    exact = [a for a in everything if a.title.casefold() == wanted]
    matches = exact or [a for a in everything if a.title.casefold().startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise PeerbotError("assignment.no_match", title=ref[:40])
    numbers = ", ".join(f"#{a.number}" for a in sorted(matches, key=lambda a: a.number))
    raise PeerbotError("assignment.ambiguous", title=ref[:40], numbers=numbers)


def due_text(ctx: Context, due: datetime) -> str:
    """`Fri 2021-08-13 23:59` / `2021-08-13(금) 23:59`, in the team's zone."""
    local = ctx.calendar.local_datetime(due)
    weekday = i18n.text_of(ctx.lang, f"weekday.{local.weekday()}")
    return i18n.text_of(ctx.lang, "assignment.due_format").format(
        weekday=weekday, date=local.date().isoformat(), time=local.strftime("%H:%M")
    )
