"""Retrospectives, assignments and days away: what members write and owe between sessions."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from bot import i18n
from bot.calendar import StudyCalendar
from bot.errors import PeerbotError
from bot.model.teams import RetroTemplate


class AssignmentKind(StrEnum):
    BASIC = "basic"  # 기본과제
    ADVANCED = "advanced"  # 심화과제
    OPTIONAL = "optional"  # 선택과제
    QUIZ = "quiz"


# The fields of each retrospective template, in the order the seeds write them. fff's `peer` is
# the member's own Peer-Session bullets of the retro-log; without it the log shows the team's
# session notes instead, so it is the one field never reported as still empty.
TEMPLATE_FIELDS: dict[RetroTemplate, tuple[str, ...]] = {
    RetroTemplate.FFF: ("peer", "fact", "feeling", "plan"),
    RetroTemplate.TIL: ("done", "not_done", "learned", "tomorrow", "impressions"),
}

OPTIONAL_FIELDS = frozenset({"peer"})


@dataclass
class Retro:
    """One member's retrospective of one study day, in the team's template."""

    team_id: int
    member_id: int
    study_date: date
    template: RetroTemplate
    fields: dict[str, str]
    created_at: datetime
    updated_at: datetime
    id: int | None = None


@dataclass
class Assignment:
    """Something due: a title, a kind, an aware due time, and who has marked it done."""

    team_id: int
    number: int
    title: str
    kind: AssignmentKind
    due_at: datetime
    created_by: int
    created_at: datetime
    link: str | None = None
    done_by: dict[int, datetime] = field(default_factory=dict)  # member id -> when
    id: int | None = None


@dataclass
class Away:
    """A member's days away (both ends included): not nudged, not counted as missing."""

    team_id: int
    member_id: int
    first: date
    last: date
    id: int | None = None


# --- retrospective text ------------------------------------------------------------------------

# Labels a member may type before a field's text (`사실: …`): the field's own name and its words
# in the word catalogs (`retro.fff.fact`). Matched without regard to case; several words allowed
# (the seeds' own headings).
FIELD_ALIASES: dict[RetroTemplate, dict[str, tuple[str, ...]]] = {
    template: {
        name: tuple(dict.fromkeys((name, *i18n.words(f"retro.{template.value}.{name}"))))
        for name in names
    }
    for template, names in TEMPLATE_FIELDS.items()
}
DAY_LABELS = i18n.words("day.label")
YESTERDAY_WORDS = i18n.words("day.yesterday")

_ALL_LABELS = sorted(
    {alias for aliases in FIELD_ALIASES.values() for names in aliases.values() for alias in names}
    | set(DAY_LABELS),
    key=len,
    reverse=True,
)
_LABEL = re.compile(
    r"(?:^|(?<=\s))(?P<label>"
    + "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in _ALL_LABELS)
    + r")\s*[:：]",
    re.IGNORECASE,
)
_LEADING_WORD_LABEL = re.compile(r"(?P<label>[^\s:：]{1,30})\s*[:：]")


@dataclass(frozen=True)
class RetroInput:
    """What `/retro` inline text said: field texts by field name, and the day if named."""

    fields: dict[str, str]
    day: str | None = None


def field_of(template: RetroTemplate, label: str) -> str | None:
    """The template's field a typed label names, or None."""
    wanted = " ".join(label.lower().split())
    for name, aliases in FIELD_ALIASES[template].items():
        if wanted in aliases:
            return name
    return None


def parse_retro_text(template: RetroTemplate, text: str) -> RetroInput:
    """`fact: 1~3강 수강 feeling: 힘들었다 plan: 복습 day:yesterday` read into fields.

    A label is a field name or alias followed by `:`, at the start or after a space; its text
    runs to the next label. `word:` that is no label stays part of the text, but the text must
    start with a label, and a label of the other template is refused naming this one's fields.
    Field texts are returned trimmed but not yet checked for length (see `clean_text`).
    """
    text = text.strip()
    labels = [found for found in _LABEL.finditer(text) if _is_label(found, text)]
    if not labels or labels[0].start() != 0:
        leading = _LEADING_WORD_LABEL.match(text)
        if leading is not None:
            raise _unknown_field(template, leading.group("label"))
        raise PeerbotError("retro.no_label", fields=field_list(template))
    fields: dict[str, str] = {}
    day: str | None = None
    for index, found in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        value = text[found.end() : end].strip()
        label = " ".join(found.group("label").lower().split())
        if label in DAY_LABELS:
            day_text, _, rest = value.partition(" ")
            if day is not None:
                raise PeerbotError("args.duplicate_option", option="day")
            day = day_text
            if rest.strip():
                raise PeerbotError("retro.text_after_day", extra=rest.strip()[:40])
            continue
        name = field_of(template, label)
        if name is None:
            raise _unknown_field(template, found.group("label"))
        if name in fields:
            raise PeerbotError("retro.field_twice", field=name)
        fields[name] = value
    return RetroInput(fields, day)


def _is_label(found: re.Match[str], text: str) -> bool:
    """A field label always; `day:` only before something like a day (`a good day: yes` is
    text)."""
    if " ".join(found.group("label").lower().split()) not in DAY_LABELS:
        return True
    following = text[found.end() :].split(maxsplit=1)
    return bool(following) and bool(DAYLIKE.fullmatch(following[0].lower()))


# What may follow `day:` (a date, or a word for yesterday or today).
DAYLIKE = re.compile(
    r"\d[\d./-]*|"
    + "|".join(re.escape(word) for word in (*YESTERDAY_WORDS, *i18n.words("day.today")))
)


def field_list(template: RetroTemplate) -> str:
    """`fact:, feeling:, plan:`: how the template's fields are typed."""
    return ", ".join(f"{name}:" for name in TEMPLATE_FIELDS[template])


def _unknown_field(template: RetroTemplate, label: str) -> PeerbotError:
    return PeerbotError(
        "retro.unknown_field", field=label.strip()[:30], fields=field_list(template)
    )


def ordered_fields(template: RetroTemplate, fields: dict[str, str]) -> dict[str, str]:
    """The fields in the template's order (the seeds' order)."""
    order = TEMPLATE_FIELDS[template]
    return {name: fields[name] for name in sorted(fields, key=_position(order))}


def _position(order: tuple[str, ...]) -> Callable[[str], int]:
    return lambda name: order.index(name) if name in order else len(order)


# --- retrospective edit window --------------------------------------------------------------------


def check_retro_window(
    calendar: StudyCalendar,
    day: date,
    today: date,
    *,
    exists: bool,
    digest_posted: bool,
) -> None:
    """Refuse writing the retrospective of `day` on `today` unless the window is open.

    Open for writing or editing from the day itself until the next study day ends (people write
    it the next morning); after that, an existing one may still be edited during the same week
    until that week's digest has been posted.
    """
    if not calendar.is_study_day(day):
        raise PeerbotError("retro.not_study_day", day=day)
    if day > today:
        raise PeerbotError("retro.future", day=day)
    next_day = calendar.next_study_day(day)
    if next_day is None or today <= next_day:
        return
    same_week = calendar.week_number(day) == calendar.week_number(today)
    if exists and same_week and not digest_posted:
        return
    raise PeerbotError("retro.closed", day=day, until=next_day)


def default_retro_day(calendar: StudyCalendar, today: date) -> date:
    """Today on a study day; on a weekend or holiday, the study day before (Friday's, say)."""
    if calendar.is_study_day(today):
        return today
    return (
        calendar.previous_study_day(today) or calendar.next_study_day(today, include=True) or today
    )


def digest_occurrence(week: int) -> str:
    """The outbox occurrence of Week N's digest post (its kind is `bot.outbox.PostKind.DIGEST`)."""
    return f"week{week}"


# --- assignments ---------------------------------------------------------------------------------

MAX_LINK = 500
KIND_ALIASES = i18n.aliases("kind")  # (word, kind) from the word catalogs: `선택과제`, `optional`


def clean_link(raw: str) -> str:
    """An http(s) URL of at most `MAX_LINK` characters."""
    link = raw.strip()
    if not re.fullmatch(r"https?://\S+", link) or len(link) > MAX_LINK:
        raise PeerbotError("assignment.bad_link", value=link[:40])
    return link


# --- days away -----------------------------------------------------------------------------------

MAX_AWAY_DAYS = 60


def check_away(first: date, last: date, today: date) -> None:
    """A range of days away: in order, not in the past, at most `MAX_AWAY_DAYS` long."""
    if last < first:
        raise PeerbotError("away.inverted", first=first, last=last)
    if first < today:
        raise PeerbotError("away.past", day=first)
    if (last - first).days + 1 > MAX_AWAY_DAYS:
        raise PeerbotError("away.too_long", limit=MAX_AWAY_DAYS)


def is_away(absences: list[Away], member_id: int, day: date) -> bool:
    """Whether any of `absences` has the member away on `day`."""
    return any(a.member_id == member_id and a.first <= day <= a.last for a in absences)
