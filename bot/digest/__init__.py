"""The weekly digest: a team's week as the Markdown its members already keep.

`render_week` loads the week through the repositories (a fixed number of queries), slices it
into study days (`days`) and office hours (`office_hours`: what the mentors answered, for the
`office-hours` format), and renders one format's Jinja2 template (`render`), user text always
through the `|md` escaping filter (`markdown`). The slicing and rendering, which grow with the
team, run in a worker thread, so a big team's digest does not hold up the loop every team shares.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot import i18n
from bot.digest.days import build_days, count
from bot.digest.office_hours import office_hours
from bot.digest.render import format_names, render_template
from bot.digest.roles import with_roles
from bot.digest.views import Typed
from bot.digest.week import Timeline, WeekData, load_week
from bot.errors import PeerbotError
from bot.model.teams import Language, Member, Team
from bot.ports import UnitOfWork
from bot.text import Message, Plain, UserText

__all__ = [
    "FORMATS",
    "MEMBER_FORMATS",
    "Digest",
    "available_formats",
    "render_loaded",
    "render_week",
]

FORMATS: tuple[str, ...] = ("peer-minutes", "retro-log", "til-review", "office-hours")
MEMBER_FORMATS = ("retro-log", "til-review")  # a member's own file
TEAM_FORMATS = ("peer-minutes", "office-hours")  # the team's file, whoever asks for it


@dataclass(frozen=True)
class Digest:
    """One rendered digest file and the short message that goes with it."""

    markdown: str
    filename: str  # TIL-repository layout: "week04/peer-minutes.md", "week04/retro-log-kim.md"
    summary: Message


def available_formats(templates: Path | None = None) -> tuple[str, ...]:
    """The built-in formats, then those a custom template directory adds."""
    extra = [name for name in format_names(templates) if name not in FORMATS]
    return (*FORMATS, *extra)


async def render_week(
    uow: UnitOfWork,
    team: Team,
    week: int,
    fmt: str = "peer-minutes",
    *,
    member: Member | None = None,
    lang: Language | None = None,
    templates: Path | None = None,
    until: date | None = None,
) -> Digest:
    """The digest of Week N in format `fmt` (a member's own file for the member formats),
    without the study days after `until` (the week so far, for a digest asked mid-week)."""
    choices = available_formats(templates)
    if fmt not in choices:
        raise PeerbotError("digest.unknown_format", name=fmt, choices=", ".join(choices))
    if fmt in MEMBER_FORMATS and member is None:
        raise PeerbotError("digest.member_needed", format=fmt)
    data = await load_week(uow, team, week, until)
    # Slicing and rendering grow with the team and touch no database: off the shared loop.
    return await asyncio.to_thread(render_loaded, data, fmt, member, lang, templates)


def render_loaded(
    data: WeekData,
    fmt: str = "peer-minutes",
    member: Member | None = None,
    lang: Language | None = None,
    templates: Path | None = None,
) -> Digest:
    """The digest of a week already loaded: pure work, safe to run in a worker thread."""
    team, week = data.team, data.week
    lang = lang or team.language
    timeline = Timeline(data.calendar)  # one for every part: each instant's day found once
    days = with_roles(build_days(data, member, timeline), data, timeline)  # a rotation's roles
    figures = count(data, timeline)
    context = {
        "format": fmt,
        "lang": lang.value,
        "team_name": Typed(team.name),
        "week": week,
        "monday": data.monday,
        "sunday": data.sunday,
        "days": days,
        "member": Typed(member.display_name) if member is not None else None,
        "template": team.retro_template.value,
        "counts": figures,
        "office_hours": office_hours(data, timeline),
    }
    markdown = render_template(fmt, lang, templates, context)
    summary = i18n.say(
        lang,
        "digest.summary",
        week=week,
        format=Plain(fmt),
        first=data.days[0] if data.days else data.monday,
        last=data.days[-1] if data.days else data.sunday,
        days=len(data.days),
        asked=figures.asked,
        resolved=figures.resolved,
        answered=figures.answered,
        mentor=figures.mentor,
        notes=figures.notes,
        retros=figures.retros,
    )
    if data.later_days:
        summary += i18n.say(lang, "digest.summary.so_far", later=data.later_days)
    if member is not None and fmt not in TEAM_FORMATS:
        whose = i18n.line(lang, "digest.summary.member", who=UserText(member.display_name))
        summary = Message((*summary.lines[:1], whose, *summary.lines[1:]))
    return Digest(markdown=markdown, filename=filename(week, fmt, member), summary=summary)


def filename(week: int, fmt: str, member: Member | None) -> str:
    """`week04/peer-minutes.md`, `week04/retro-log-kim.md`: safe as a path on any system."""
    name = fmt
    if member is not None and fmt not in TEAM_FORMATS:
        name += "-" + (_slug(member.display_name) or _slug(member.user_id) or str(member.id))
    return f"week{week:02d}/{name}.md"


def language_filename(filename: str, lang: Language | None, team_language: Language) -> str:
    """`week02/peer-minutes.md` in the team's language, `week02/peer-minutes.en.md` in another,
    so a digest in one language never overwrites the other's file."""
    if lang is None or lang is team_language:
        return filename
    stem, dot, ext = filename.rpartition(".")
    return f"{stem}.{lang.value}.{ext}" if dot else f"{filename}.{lang.value}"


def _slug(text: str) -> str:
    return re.sub(r"[^\w-]+", "-", text.strip().lower()).strip("-_")[:40]
