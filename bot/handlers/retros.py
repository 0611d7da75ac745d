"""Retrospectives: `/retro field: text …` writes or edits one, `/retro show` reads one."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from bot import i18n
from bot.commands.spec import Args
from bot.commands.when import date_window, parse_day
from bot.context import Context
from bot.errors import PeerbotError
from bot.forms import Form, FormField, clip
from bot.handlers.team import find_member
from bot.model.questions import MAX_TEXT, clean_text
from bot.model.study import (
    DAY_LABELS,
    DAYLIKE,
    OPTIONAL_FIELDS,
    TEMPLATE_FIELDS,
    YESTERDAY_WORDS,
    Retro,
    check_retro_window,
    default_retro_day,
    digest_occurrence,
    ordered_fields,
    parse_retro_text,
)
from bot.model.teams import Member, RetroTemplate
from bot.outbox import PostKind, State
from bot.ports import Reply
from bot.text import Line, Message, Plain

SHOW_WORDS = i18n.words("retro.show")
_DAY_PREFIXES = tuple(f"{label}:" for label in DAY_LABELS)  # `day:`, `날짜:`


async def retro(ctx: Context, args: Args) -> Reply:
    """Write (or edit) the caller's retrospective inline; `show` reads one; bare: how to."""
    text = (args.get("fields") or "").strip()
    first, _, rest = text.partition(" ")
    if first.lower() in SHOW_WORDS:
        return await _show(ctx, rest, args.get("day"))
    if not text:
        return _how_to(ctx)
    return await _write(ctx, text, args.get("day"))


async def _write(ctx: Context, text: str, day_option: str | None) -> Reply:
    team = ctx.the_team
    given = parse_retro_text(team.retro_template, text)
    if given.day is not None and day_option is not None:
        raise PeerbotError("args.duplicate_option", option="day")
    day = retro_day(ctx, given.day or day_option)
    existing = await _open_retro(ctx, day)
    template = team.retro_template if existing is None else existing.template
    if template is not team.retro_template:  # written before the team changed its template
        given = parse_retro_text(template, text)
    fields = {name: clean_text(value, what=name) for name, value in given.fields.items()}
    if existing is not None:
        fields = {**existing.fields, **fields}
    return await _save(ctx, day, template, fields, existing)


async def _open_retro(ctx: Context, day: date) -> Retro | None:
    """The caller's retrospective of `day` (None if none yet), once its window is known open."""
    team, member = ctx.the_team, ctx.the_member
    assert team.id is not None and member.id is not None
    existing = await ctx.uow.retros.get(team.id, member.id, day)
    try:
        check_retro_window(
            ctx.calendar,
            day,
            ctx.today(),
            exists=existing is not None,
            digest_posted=await _digest_posted(ctx, day),
        )
    except PeerbotError as error:  # the same sentence, with days as the team reads them
        params = {
            k: ctx.day_label(v) if isinstance(v, date) else v for k, v in error.params.items()
        }
        raise PeerbotError(error.key, **params) from None
    return existing


async def _save(
    ctx: Context,
    day: date,
    template: RetroTemplate,
    fields: dict[str, str],
    existing: Retro | None,
) -> Reply:
    """Store the retrospective of `day` with exactly `fields`, and say what it now holds."""
    team, member = ctx.the_team, ctx.the_member
    assert team.id is not None and member.id is not None
    if existing is None:
        stored = await ctx.uow.retros.add(
            Retro(
                team_id=team.id,
                member_id=member.id,
                study_date=day,
                template=template,
                fields=ordered_fields(template, fields),
                created_at=ctx.now,
                updated_at=ctx.now,
            )
        )
        key = "retro.saved"
    else:
        existing.fields = ordered_fields(template, fields)
        existing.updated_at = ctx.now
        await ctx.uow.retros.update(existing)
        stored, key = existing, "retro.updated"
    lines = list(ctx.say(key, day=ctx.day_label(day)).lines)
    lines += _field_lines(ctx, stored)
    missing = [
        name
        for name in TEMPLATE_FIELDS[template]
        if name not in stored.fields and name not in OPTIONAL_FIELDS
    ]
    if missing:
        lines += ctx.say("retro.still_missing", fields=Plain(_labels(missing))).lines
    return Reply(Message(tuple(lines)), ephemeral=True)


# --- the form (Slack and Discord modals) ---------------------------------------------------------


async def form(ctx: Context, args: Args) -> Form:
    """The caller's retrospective of the day (`day:` as typed) as a form, pre-filled."""
    day = retro_day(ctx, args.get("day"))
    existing = await _open_retro(ctx, day)
    template = ctx.the_team.retro_template if existing is None else existing.template
    values = existing.fields if existing is not None else {}
    fields = tuple(
        FormField(
            name,
            label=clip(ctx.say_plain(f"what.{name}").text),
            value=values.get(name, ""),
            multiline=True,
            max_length=MAX_TEXT,
        )
        for name in TEMPLATE_FIELDS[template]
    )
    title = ctx.say_plain("form.retro.title").text.format(day=ctx.day_label(day).text)
    return Form(
        "retro", clip(title), day.isoformat(), fields, ctx.say_plain("form.retro.submit").text
    )


async def submit_form(ctx: Context, state: str, values: Mapping[str, str]) -> Reply:
    """Save what the form holds: its fields replace the retrospective's (an emptied one goes)."""
    try:
        day = date.fromisoformat(state)
    except ValueError:
        raise PeerbotError("form.expired") from None
    existing = await _open_retro(ctx, day)
    template = ctx.the_team.retro_template if existing is None else existing.template
    names = TEMPLATE_FIELDS[template]
    fields: dict[str, str] = {}
    for name in names:
        raw = values.get(name, "")
        if not raw.strip():
            continue
        try:
            fields[name] = clean_text(raw, what=name)
        except PeerbotError as error:
            error.field = name
            raise
    if not fields:
        empty = PeerbotError("form.retro.empty")
        empty.field = next(name for name in names if name not in OPTIONAL_FIELDS)
        raise empty
    return await _save(ctx, day, template, fields, existing)


def retro_day(ctx: Context, raw: str | None) -> date:
    """The study day a `/retro` means: `day:` as typed (`yesterday` is the previous study
    day), else today's (on a day off, the study day before)."""
    today = ctx.today()
    calendar = ctx.calendar
    if raw is None:
        return default_retro_day(calendar, today)
    if raw.strip().lower() in YESTERDAY_WORDS:
        previous = calendar.previous_study_day(today)
        if previous is None:
            raise PeerbotError("retro.no_yesterday")
        return previous
    return parse_day(raw, today, date_window(calendar.start, today))


async def _digest_posted(ctx: Context, day: date) -> bool:
    """Whether the digest of `day`'s week has been posted (an outbox row, sent)."""
    team = ctx.the_team
    week = ctx.calendar.week_number(day)
    if week is None:
        return False
    occurrence = digest_occurrence(week)
    return any(
        message.kind is PostKind.DIGEST and message.occurrence == occurrence
        for message in await ctx.uow.outbox.list(team.id, State.SENT.value)
    )


async def _show(ctx: Context, rest: str, day_option: str | None) -> Reply:
    """`/retro show [member] [day:DATE]`: anyone's in the team; yourself and today by default."""
    words: list[str] = []
    day_text = day_option
    for word in rest.split():
        labelled = word.lower().startswith(_DAY_PREFIXES)
        if labelled or DAYLIKE.fullmatch(word.lower()):
            if day_text is not None:
                raise PeerbotError("args.duplicate_option", option="day")
            day_text = word.split(":", 1)[1] if labelled else word
        else:
            words.append(word)
    who: Member = await find_member(ctx, " ".join(words)) if words else ctx.the_member
    day = retro_day(ctx, day_text)
    team = ctx.the_team
    assert team.id is not None and who.id is not None
    found = await ctx.uow.retros.get(team.id, who.id, day)
    if found is None:
        return ctx.reply("retro.none", ephemeral=True, who=who.display_name, day=ctx.day_label(day))
    lines = list(ctx.say("retro.title", who=who.display_name, day=ctx.day_label(day)).lines)
    lines += _field_lines(ctx, found)
    return Reply(Message(tuple(lines)), ephemeral=True)


def _field_lines(ctx: Context, retro: Retro) -> list[Line]:
    lines: list[Line] = []
    for name in TEMPLATE_FIELDS[retro.template]:
        value = retro.fields.get(name)
        empty = "retro.peer_empty" if name in OPTIONAL_FIELDS else "retro.empty"
        shown: str | Plain = value if value is not None else ctx.say_plain(empty)
        lines += ctx.say("retro.field", label=ctx.say_plain(f"what.{name}"), text=shown).lines
    return lines


def _labels(names: list[str]) -> str:
    return ", ".join(f"{name}:" for name in names)


def _how_to(ctx: Context) -> Reply:
    template: RetroTemplate = ctx.the_team.retro_template
    example = " ".join(f"{name}: …" for name in TEMPLATE_FIELDS[template])
    day = default_retro_day(ctx.calendar, ctx.today())
    return ctx.reply(
        "retro.how", ephemeral=True, day=ctx.day_label(day), example=Plain(f"/retro {example}")
    )
