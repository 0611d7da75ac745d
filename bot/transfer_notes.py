"""Pieces of a team's export (`bot.transfer`): instants, the record of an edit or a deletion,
and the notes, numbered as the team numbered them (since migration 0011).

A note's `number`, its changes and the team's `next_note_number` are written only where they
exist, and read only where present: an older file imports as before (its notes numbered 1, 2, …
in the order written), and a note deleted before the export keeps its number after the import.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.model.questions import Answer, Note, Question
from bot.ports import UnitOfWork

_CHANGES = ("edited", "deleted")


def when(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def parse_when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def change_record(item: Question | Answer | Note, user_of: dict[int | None, str]) -> dict[str, Any]:
    """`edited_at`/`edited_by` and `deleted_at`/`deleted_by`, only where set (so a file of a team
    that never edited anything reads as before, and older files import unchanged)."""
    record: dict[str, Any] = {}
    for change in _CHANGES:
        at = getattr(item, f"{change}_at")
        if at is not None:
            record[f"{change}_at"] = when(at)
            record[f"{change}_by"] = user_of.get(getattr(item, f"{change}_by"))
    return record


def parse_changes(record: dict[str, Any], member_of: dict[str, int]) -> dict[str, Any]:
    """The fields of `change_record` for a question, an answer or a note (none: never changed)."""
    values: dict[str, Any] = {}
    for change in _CHANGES:
        if record.get(f"{change}_at"):
            values[f"{change}_at"] = parse_when(record[f"{change}_at"])
            values[f"{change}_by"] = member_of.get(record.get(f"{change}_by") or "")
    return values


async def export_notes(
    uow: UnitOfWork, team_id: int, user_of: dict[int | None, str]
) -> dict[str, Any]:
    """Every note, the deleted ones too (their numbers stay taken), and the next number."""
    notes = await uow.notes.list(team_id, date.min, date.max, with_deleted=True)
    return {
        "notes": [
            {
                "number": n.number,
                "by": user_of[n.member_id],
                "study_date": n.study_date.isoformat(),
                "text": n.text,
                "created_at": when(n.created_at),
                **change_record(n, user_of),
            }
            for n in notes
        ],
        "next_note_number": await uow.notes.next_number(team_id),
    }


async def import_notes(
    uow: UnitOfWork, team_id: int, data: dict[str, Any], member_of: dict[str, int]
) -> None:
    """The notes of an export, in the file's order, each under its number where it has one."""
    for n in data["notes"]:
        if "number" in n:  # the repository numbers notes itself: give it this one next
            await uow.notes.set_next_number(team_id, int(n["number"]))
        await uow.notes.add(
            Note(
                team_id,
                member_of[n["by"]],
                date.fromisoformat(n["study_date"]),
                n["text"],
                datetime.fromisoformat(n["created_at"]),
                **parse_changes(n, member_of),
            )
        )
    if "next_note_number" in data:  # deleted last ones stay skipped too
        await uow.notes.set_next_number(team_id, int(data["next_note_number"]))
