"""Notes of the study days: numbered per team (never reused), edited and deleted in place.

A deleted note keeps its row, so its number stays taken: `get` still returns it (marked) so the
core can say it was deleted, and `list` leaves it out unless asked (`with_deleted`: export).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import Row, insert, select, update

from bot.model.questions import Note, NotePlace
from storage import statements as sql
from storage.repositories import SqlRepository
from storage.tables import notes, teams

NEXT_NOTE_NUMBER = (
    update(teams)
    .values(next_note_number=teams.c.next_note_number + 1)
    .returning(teams.c.next_note_number - 1)
)


class SqlNoteRepository(SqlRepository):
    """Free notes of the study days."""

    async def add(self, note: Note) -> Note:
        """Store a new note under the team's next number (the team row is the lock)."""
        async with self._savepoint():
            result = await self._execute(NEXT_NOTE_NUMBER.where(teams.c.id == note.team_id))
            number = result.scalar_one_or_none()
            if number is None:
                raise LookupError(f"no team {note.team_id}")
            statement = (
                insert(notes)
                .values(
                    team_id=note.team_id,
                    member_id=note.member_id,
                    study_date=note.study_date,
                    text=note.text,
                    created_at=note.created_at,
                    number=number,
                    place=note.place.value,
                    **_changes(note),
                )
                .returning(notes.c.id)
            )
            note_id = (await self._execute(statement)).scalar_one()
        return replace(note, id=note_id, number=int(number))

    async def get(self, team_id: int, number: int) -> Note | None:
        """The team's note of that number, deleted or not (None: never given, or another's)."""
        statement = select(notes).where(notes.c.team_id == team_id, notes.c.number == number)
        row = (await self._execute(statement)).one_or_none()
        return None if row is None else _note(row)

    async def update(self, note: Note) -> None:
        """Store the note's text and its edit and deletion (LookupError if the team has none)."""
        statement = (
            update(notes)
            .where(notes.c.team_id == note.team_id, notes.c.number == note.number)
            .values(text=note.text, **_changes(note))
        )
        if (await self._execute(statement)).rowcount == 0:
            raise LookupError(f"no note {note.number} in team {note.team_id}")

    async def list(
        self, team_id: int, first: date, last: date, *, with_deleted: bool = False
    ) -> Sequence[Note]:
        """Notes of study days `first`..`last` (both included), in the order written."""
        parameters = {"team_id": team_id, "first": first, "last": last}
        return await self._mapped(sql.NOTES_OF_DAYS[with_deleted], _note, parameters)

    async def next_number(self, team_id: int) -> int:
        """The number the next note gets, reserving none (LookupError if no team)."""
        statement = select(teams.c.next_note_number).where(teams.c.id == team_id)
        number = (await self._execute(statement)).scalar_one_or_none()
        if number is None:
            raise LookupError(f"no team {team_id}")
        return int(number)

    async def set_next_number(self, team_id: int, number: int) -> None:
        """Set the number the next note gets (import; ValueError below 1, LookupError if no
        team)."""
        if number < 1:
            raise ValueError(f"note numbers start at 1, not {number}")
        statement = update(teams).where(teams.c.id == team_id).values(next_note_number=number)
        if (await self._execute(statement)).rowcount == 0:
            raise LookupError(f"no team {team_id}")


def _changes(note: Note) -> dict[str, Any]:
    return {
        "edited_at": note.edited_at,
        "edited_by": note.edited_by,
        "deleted_at": note.deleted_at,
        "deleted_by": note.deleted_by,
    }


def _note(row: Row[Any]) -> Note:
    return Note(
        team_id=row.team_id,
        member_id=row.member_id,
        study_date=row.study_date,
        text=row.text,
        created_at=row.created_at,
        id=row.id,
        number=row.number,
        edited_at=row.edited_at,
        edited_by=row.edited_by,
        deleted_at=row.deleted_at,
        deleted_by=row.deleted_by,
        place=NotePlace(row.place),
    )
