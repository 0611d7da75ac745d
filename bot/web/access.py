"""Links to a team's web pages: a token signed with HMAC over the team's id and its link
generation, revocable by bumping the generation (`/team web revoke`).

A token is `<team id>.<generation>.<mac>`: the MAC (HMAC-SHA256, base64url) covers both
numbers, so a changed id, an old generation or another secret's token is refused. The secret
is PEERBOT_WEB_SECRET when set, else one made on first use and kept in the database (so every
process of one deployment signs alike).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

MAC_DOMAIN = b"peerbot-web-link"  # keeps these MACs apart from anything else the secret signs


class WebRepository(Protocol):
    """The web view's access rows (`storage.web_repository`)."""

    async def secret(self, candidate: str, at: datetime) -> str:
        """The stored signing secret; `candidate` is stored (and returned) when there is none."""
        ...

    async def generation(self, team_id: int) -> int:
        """The team's link generation (0 until its first revoke)."""
        ...

    async def revoke(self, team_id: int, by: str, at: datetime) -> int:
        """Bump the team's generation (every earlier link is refused); the new one."""
        ...


class Secrets(Protocol):
    """What the token functions need of a unit of work."""

    web: WebRepository


@dataclass(frozen=True)
class WebAccess:
    """Where the web view is published and what signs its links."""

    base_url: str  # PEERBOT_WEB_URL, e.g. https://peerbot.example.org (no trailing slash)
    secret: str | None = None  # PEERBOT_WEB_SECRET; None: the database's


@dataclass(frozen=True)
class TokenClaim:
    """What a token says before it is checked: a team and a generation."""

    team_id: int
    generation: int
    mac: str


async def signing_secret(uow: Secrets, access: WebAccess, now: datetime) -> str:
    """The configured secret, or the database's (made on first use)."""
    if access.secret:
        return access.secret
    return await uow.web.secret(secrets.token_urlsafe(32), now)


def sign(secret: str, team_id: int, generation: int) -> str:
    """The token of a team's links at `generation`."""
    return f"{team_id}.{generation}.{_mac(secret, team_id, generation)}"


def _mac(secret: str, team_id: int, generation: int) -> str:
    message = MAC_DOMAIN + f":{team_id}:{generation}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def parse(token: str) -> TokenClaim | None:
    """What `token` claims, or None when it is not shaped like one."""
    parts = token.split(".")
    if len(parts) != 3 or not all(p.isascii() and p.isdecimal() for p in parts[:2]):
        return None
    if len(parts[0]) > 18 or len(parts[1]) > 18:
        return None
    return TokenClaim(int(parts[0]), int(parts[1]), parts[2])


async def verified_team_id(uow: Secrets, secret: str, token: str) -> int | None:
    """The team id a token opens: signed with `secret`, at the team's current generation."""
    claim = parse(token)
    if claim is None:
        return None
    expected = _mac(secret, claim.team_id, claim.generation)
    if not hmac.compare_digest(expected.encode(), claim.mac.encode()):
        return None
    if claim.generation != await uow.web.generation(claim.team_id):
        return None  # revoked
    return claim.team_id


async def team_link(uow: Secrets, access: WebAccess, team_id: int, now: datetime) -> str:
    """The URL of a team's web pages, signed at its current generation."""
    secret = await signing_secret(uow, access, now)
    token = sign(secret, team_id, await uow.web.generation(team_id))
    return f"{access.base_url.rstrip('/')}/t/{token}/"
