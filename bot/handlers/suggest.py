"""Autocomplete: the choices a platform offers while a member types a question number or an
assignment (Discord shows them under the option as it is typed)."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta

from bot.model.teams import Team
from bot.ports import QuestionQuery, UnitOfWork

MAX_CHOICES = 25  # Discord's cap
MAX_LABEL = 100  # Discord's cap on a choice's name
RECENT = timedelta(days=14)  # assignments due this long ago are still offered


async def suggestions(
    uow: UnitOfWork, team: Team, param: str, typed: str, now: datetime
) -> list[tuple[str, str]]:
    """(label, value) choices for `param` of `team` matching what was typed so far."""
    assert team.id is not None
    typed = unicodedata.normalize("NFC", typed).strip().lstrip("#").lower()
    if param == "number":
        return await _questions(uow, team.id, typed)
    if param in ("which", "assignment"):
        return await _assignments(uow, team.id, typed, now, by_title=param == "assignment")
    return []


async def _questions(uow: UnitOfWork, team_id: int, typed: str) -> list[tuple[str, str]]:
    found = await uow.questions.find(team_id, QuestionQuery(limit=1000))
    matching = [q for q in found if _matches(typed, str(q.number), q.text)]
    # Open questions first (what people answer and accept), the newest first within each.
    matching.sort(key=lambda q: (q.is_resolved, -q.number))
    return [(_label(f"#{q.number} {q.text}"), str(q.number)) for q in matching[:MAX_CHOICES]]


async def _assignments(
    uow: UnitOfWork, team_id: int, typed: str, now: datetime, *, by_title: bool
) -> list[tuple[str, str]]:
    found = await uow.assignments.list(team_id, due_after=now - RECENT)
    matching = [a for a in found if _matches(typed, str(a.number), a.title)]
    return [
        (_label(f"#{a.number} {a.title}"), a.title[:MAX_LABEL] if by_title else str(a.number))
        for a in matching[:MAX_CHOICES]
    ]


def _matches(typed: str, number: str, text: str) -> bool:
    if not typed:
        return True
    return number.startswith(typed) or typed in unicodedata.normalize("NFC", text).lower()


def _label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"
