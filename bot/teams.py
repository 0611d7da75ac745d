"""Finding teams from outside their channels: the operator's command line (`peerbot teams`,
`export`, `digest`) names a team by name, or by `PLATFORM:CHANNEL` when names repeat across
workspaces and servers."""

from __future__ import annotations

from datetime import date

from bot.model.teams import Team
from bot.ports import QuestionQuery, UnitOfWork


class AmbiguousTeam(LookupError):
    """Several teams carry the name: `channels` are the `PLATFORM:CHANNEL`s to choose from."""

    def __init__(self, name: str, channels: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.channels = channels


async def find_team(uow: UnitOfWork, ref: str) -> Team | None:
    """The team named `ref`, or bound to the channel `PLATFORM:CHANNEL`; `AmbiguousTeam` for a
    name several teams carry, so an operator never exports the wrong team's data."""
    named = await uow.teams.list_by_name(ref)
    if len(named) > 1:
        raise AmbiguousTeam(ref, [f"{t.platform}:{t.channel_id}" for t in named])
    if named:
        return named[0]
    platform, sep, channel_id = ref.partition(":")
    return await uow.teams.get_by_channel(platform, channel_id) if sep else None


async def team_roster(uow: UnitOfWork) -> list[tuple[Team, int]]:
    """Every team with its number of members."""
    roster: list[tuple[Team, int]] = []
    for team in await uow.teams.list():
        assert team.id is not None
        roster.append((team, len(await uow.members.list(team.id))))
    return roster


async def last_active_day(uow: UnitOfWork, team_id: int) -> date | None:
    """The last study day anything was asked, noted or reflected on."""
    days = [q.study_date for q in await uow.questions.find(team_id, QuestionQuery(limit=10**9))]
    days += [n.study_date for n in await uow.notes.list(team_id, date.min, date.max)]
    days += [r.study_date for r in await uow.retros.list(team_id, date.min, date.max)]
    return max(days, default=None)
