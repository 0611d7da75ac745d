"""Autocomplete: the choices a platform offers while a member types a question number, an
assignment or a member (Discord shows them under the option as it is typed).

Each function here is a `bot.commands.spec.Suggester`; the table names which parameter uses
which (`Param.suggest`).
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta

from bot.model.teams import Team
from bot.ports import QuestionQuery, UnitOfWork

MAX_CHOICES = 25  # Discord's cap
MAX_LABEL = 100  # Discord's cap on a choice's name
RECENT = timedelta(days=14)  # assignments due this long ago are still offered
Choices = list[tuple[str, str]]  # (label, value)


def _typed(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().lstrip("#").lower()


async def questions(uow: UnitOfWork, team: Team, typed: str, now: datetime) -> Choices:
    """The team's questions (open ones first) whose number or text matches `typed`."""
    assert team.id is not None
    typed = _typed(typed)
    found = await uow.questions.find(team.id, QuestionQuery(limit=1000))
    matching = [q for q in found if _matches(typed, str(q.number), q.text)]
    # Open questions first (what people answer and accept), the newest first within each.
    matching.sort(key=lambda q: (q.is_resolved, -q.number))
    return [(_label(f"#{q.number} {q.text}"), str(q.number)) for q in matching[:MAX_CHOICES]]


async def topics(uow: UnitOfWork, team: Team, typed: str, now: datetime) -> Choices:
    """The topics the team's questions already carry (the newest first) that match `typed`."""
    assert team.id is not None
    typed = _typed(typed)
    found = await uow.questions.find(team.id, QuestionQuery(limit=1000))
    seen: dict[str, None] = {}
    for q in sorted(found, key=lambda q: -q.number):
        if q.topic and _matches(typed, "", q.topic):
            seen.setdefault(q.topic[:MAX_LABEL], None)
    return [(_label(topic), topic) for topic in list(seen)[:MAX_CHOICES]]


async def assignment_numbers(uow: UnitOfWork, team: Team, typed: str, now: datetime) -> Choices:
    """The team's assignments (due from two weeks ago on) by number or title; the number."""
    return await _assignments(uow, team, typed, now, by_title=False)


async def assignment_titles(uow: UnitOfWork, team: Team, typed: str, now: datetime) -> Choices:
    """As `assignment_numbers`, but the value is the title (`/ask … assignment:`)."""
    return await _assignments(uow, team, typed, now, by_title=True)


async def _assignments(
    uow: UnitOfWork, team: Team, typed: str, now: datetime, *, by_title: bool
) -> Choices:
    assert team.id is not None
    typed = _typed(typed)
    found = await uow.assignments.list(team.id, due_after=now - RECENT)
    matching = [a for a in found if _matches(typed, str(a.number), a.title)]
    return [
        (_label(f"#{a.number} {a.title}"), a.title[:MAX_LABEL] if by_title else str(a.number))
        for a in matching[:MAX_CHOICES]
    ]


async def members(uow: UnitOfWork, team: Team, typed: str, now: datetime) -> Choices:
    """The team's current members (a removed one is never offered) whose name or user id
    matches `typed`; the value is the user id, which `/team members` reads as the member."""
    assert team.id is not None
    typed = _typed(typed).lstrip("@")
    found = await uow.members.list(team.id)
    matching = [m for m in found if _matches(typed, m.user_id.lower(), m.display_name)]
    return [(_label(m.display_name), m.user_id) for m in matching[:MAX_CHOICES]]


def _matches(typed: str, number: str, text: str) -> bool:
    if not typed:
        return True
    return number.startswith(typed) or typed in unicodedata.normalize("NFC", text).lower()


def _label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"
