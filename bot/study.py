"""Retrospectives, assignments and days away: what members write and owe between sessions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from bot.model import RetroTemplate


class AssignmentKind(StrEnum):
    BASIC = "basic"  # 기본과제
    ADVANCED = "advanced"  # 심화과제
    OPTIONAL = "optional"  # 선택과제
    QUIZ = "quiz"


# The fields of each retrospective template, in the order the seeds write them.
TEMPLATE_FIELDS: dict[RetroTemplate, tuple[str, ...]] = {
    RetroTemplate.FFF: ("fact", "feeling", "plan"),
    RetroTemplate.TIL: ("done", "not_done", "learned", "tomorrow", "impressions"),
}


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
