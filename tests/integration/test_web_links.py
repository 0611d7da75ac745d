"""Contract: the web view's signing secret and each team's link generation (fake, SQLite,
PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.web.access import WebAccess, sign, signing_secret, team_link, verified_team_id
from tests.integration.builders import add_team_with_member
from tests.integration.conftest import Backend

AT = datetime(2021, 8, 9, 4, 0, tzinfo=UTC)


async def test_the_secret_is_stored_once_and_kept(backend: Backend) -> None:
    async with backend.uow() as uow:
        assert await uow.web.secret("first", AT) == "first"
        assert await uow.web.secret("second", AT) == "first"
        await uow.commit()
    async with backend.uow() as uow:
        assert await uow.web.secret("third", AT) == "first"


async def test_a_revoke_bumps_only_that_teams_generation(backend: Backend) -> None:
    team, _ = await add_team_with_member(backend.uow, "A", "kim")
    other, _ = await add_team_with_member(backend.uow, "B", "park")
    assert team.id is not None and other.id is not None
    async with backend.uow() as uow:
        assert await uow.web.generation(team.id) == 0
        assert await uow.web.revoke(team.id, "kim", AT) == 1
        assert await uow.web.revoke(team.id, "kim", AT) == 2
        await uow.commit()
    async with backend.uow() as uow:
        assert await uow.web.generation(team.id) == 2
        assert await uow.web.generation(other.id) == 0


async def test_a_link_opens_its_team_until_revoked(backend: Backend) -> None:
    team, _ = await add_team_with_member(backend.uow, "A", "kim")
    assert team.id is not None
    access = WebAccess("https://peerbot.example")
    async with backend.uow() as uow:
        link = await team_link(uow, access, team.id, AT)
        token = link.split("/")[-2]
        assert link == f"https://peerbot.example/t/{token}/"
        secret = await signing_secret(uow, access, AT)
        assert await verified_team_id(uow, secret, token) == team.id
        await uow.web.revoke(team.id, "kim", AT)
        assert await verified_team_id(uow, secret, token) is None
        configured = WebAccess("https://x", secret="set by the operator")
        assert await signing_secret(uow, configured, AT) == "set by the operator"
        assert await verified_team_id(uow, "set by the operator", token) is None
        fresh = sign("set by the operator", team.id, 1)
        assert await verified_team_id(uow, "set by the operator", fresh) == team.id
