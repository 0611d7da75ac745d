"""The records of roles, removals and endorsements in a team's export (`bot.transfer`).

Each is written only where set (a mentor's `"mentor": true`, a removed member's `removed_at`,
`"publish": true` for a member who publishes their own files, an endorsed answer's
`endorsed_at` / `endorsed_by`), so a team without them exports as before and older files import
unchanged.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.model.questions import Answer
from bot.model.teams import Member


def role_record(member: Member) -> dict[str, Any]:
    record: dict[str, Any] = {}
    if member.is_mentor:
        record["mentor"] = True
    if member.removed_at is not None:
        record["removed_at"] = member.removed_at.isoformat()
    if member.publish:
        record["publish"] = True  # their own files go to the repository and the web view
    return record


def role_fields(record: dict[str, Any]) -> dict[str, Any]:
    """`Member` fields of `role_record`."""
    removed = record.get("removed_at")
    return {
        "is_mentor": bool(record.get("mentor")),
        "removed_at": datetime.fromisoformat(removed) if removed else None,
        "publish": bool(record.get("publish")),
    }


def endorsement_record(answer: Answer, user_of: dict[int | None, str]) -> dict[str, Any]:
    if answer.endorsed_at is None:
        return {}
    return {
        "endorsed_at": answer.endorsed_at.isoformat(),
        "endorsed_by": user_of.get(answer.endorsed_by),
    }


def endorsement_fields(record: dict[str, Any], member_of: dict[str, int]) -> dict[str, Any]:
    """`Answer` fields of `endorsement_record` (none: not endorsed)."""
    if not record.get("endorsed_at"):
        return {}
    return {
        "endorsed_at": datetime.fromisoformat(record["endorsed_at"]),
        "endorsed_by": member_of.get(record.get("endorsed_by") or ""),
    }
