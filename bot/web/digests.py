"""The weekly digests on the web: the team's files of every week, and a member's own files
only for the members who chose to share them (`bot.web.pages.sharing_members`)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.digest import MEMBER_FORMATS, Digest, available_formats, render_week
from bot.model.teams import Member
from bot.web.pages import Reading, sharing_members


@dataclass(frozen=True)
class DigestEntry:
    """One digest file the team can open: a week, a format, and whose (None: the team's)."""

    week: int
    fmt: str
    member_id: int | None = None
    member_name: str = ""


async def digest_list(reading: Reading) -> list[DigestEntry]:
    """Every week's team formats (newest week first), then the sharing members' own files."""
    members = await reading.uow.members.list(reading.team_id, with_removed=True)
    sharing = [m for m in members if m.id in sharing_members(reading, members)]
    formats = [f for f in available_formats(reading.templates) if f not in MEMBER_FORMATS]
    entries: list[DigestEntry] = []
    for week in range(reading.this_week(), 0, -1):
        entries += [DigestEntry(week, fmt) for fmt in formats]
        for member in sharing:
            assert member.id is not None
            entries += [
                DigestEntry(week, fmt, member.id, member.display_name) for fmt in MEMBER_FORMATS
            ]
    return entries


async def digest_of(reading: Reading, week: int, fmt: str, member_id: int | None) -> Digest | None:
    """The digest file, rendered as `/digest` renders it (the week so far); None when it is
    not one the team may open (unknown format or week, a member who does not share)."""
    if not 1 <= week <= reading.this_week():
        return None
    if fmt not in available_formats(reading.templates):
        return None
    member: Member | None = None
    if fmt in MEMBER_FORMATS:
        members = await reading.uow.members.list(reading.team_id, with_removed=True)
        shared = sharing_members(reading, members)
        member = next((m for m in members if m.id == member_id and m.id in shared), None)
        if member is None:
            return None
    elif member_id is not None:
        return None
    return await render_week(
        reading.uow,
        reading.team,
        week,
        fmt,
        member=member,
        templates=reading.templates,
        until=reading.today,
    )
