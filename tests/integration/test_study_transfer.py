"""Export and import carry retrospectives, assignments with done marks, and days away."""

from __future__ import annotations

import json
from datetime import date, timedelta

from bot.model.study import Assignment, AssignmentKind, Away, Retro
from bot.model.teams import Member, RetroTemplate
from bot.transfer import export_team, import_team
from tests.integration.builders import DAY1, T0, add_team_with_member, at
from tests.integration.conftest import Backend


async def test_export_then_import_round_trips_study_records_exactly(backend: Backend) -> None:
    team, kim = await add_team_with_member(backend.uow, "A", "kim")
    assert team.id is not None and kim.id is not None
    async with backend.uow() as uow:
        lee = await uow.members.add(Member(team.id, "lee", "Lee", joined_at=T0))
        assert lee.id is not None
        for member_id, day in ((lee.id, DAY1), (kim.id, DAY1), (kim.id, DAY1 + timedelta(1))):
            await uow.retros.add(
                Retro(
                    team.id,
                    member_id,
                    day,
                    RetroTemplate.FFF,
                    {"plan": "복습", "fact": "1~3강 @everyone", "peer": "- a\n    - *b* `c`"},
                    at(1),
                    at(2),
                )
            )
        for title in ("a", "removed", "b", "removed too"):
            stored = await uow.assignments.add(
                Assignment(
                    team.id,
                    0,
                    title,
                    AssignmentKind.QUIZ,
                    at(600),
                    kim.id,
                    at(3),
                    link="https://x.org" if title == "a" else None,
                )
            )
            if title.startswith("removed"):
                await uow.assignments.remove(stored)
            else:
                await uow.assignments.set_done(stored, lee.id, at(4))
                await uow.assignments.set_done(stored, kim.id, at(5))
        await uow.away.add(Away(team.id, lee.id, date(2021, 8, 12), date(2021, 8, 13)))
        await uow.away.add(Away(team.id, kim.id, date(2021, 8, 10), date(2021, 8, 10)))
        await uow.commit()
        first = await export_team(uow, team)
    assert [a["number"] for a in first["assignments"]] == [1, 3]
    assert [d["by"] for d in first["assignments"][0]["done"]] == ["kim", "lee"]
    assert len(first["retros"]) == 3 and len(first["away"]) == 2

    async with backend.uow() as uow:
        copy = await import_team(uow, first, name="copy", channel_id="c-copy")
        await uow.commit()
    async with backend.uow() as uow:
        second = await export_team(uow, copy)
        # Numbering goes on where the original team's would: after the removed #4 too.
        assert copy.id is not None
        kim_copy = await uow.members.get(copy.id, "kim")
        assert kim_copy is not None and kim_copy.id is not None
        following = await uow.assignments.add(
            Assignment(copy.id, 0, "next", AssignmentKind.BASIC, at(700), kim_copy.id, at(6))
        )
    assert following.number == 5
    second["team"]["name"], second["team"]["channel_id"] = "A", "c-A"
    assert json.dumps(second, ensure_ascii=False, indent=2) == json.dumps(
        first, ensure_ascii=False, indent=2
    )


async def test_an_export_without_study_records_still_imports(backend: Backend) -> None:
    team, _ = await add_team_with_member(backend.uow, "A")
    async with backend.uow() as uow:
        data = await export_team(uow, team)
    for key in ("retros", "assignments", "away"):
        del data[key]
    async with backend.uow() as uow:
        copy = await import_team(uow, data, name="old", channel_id="c-old")
        assert copy.id is not None
        assert await uow.assignments.list(copy.id) == []
