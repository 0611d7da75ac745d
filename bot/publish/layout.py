"""Where each file goes in the team's repository, and which repositories and branches we take.

A layout is a path with placeholders, `peer-session/{week_dir}/{name}.md` by default:

- `{week_dir}` `Week 04`; `{week}` `04`; `{week_number}` `4`; `{monday}` `2021-08-09`
- `{name}` the file's own name as `/digest` names it: `peer-minutes`, `office-hours`,
  `retro-log-kim`, `til-review-lee`
- `{format}` `peer-minutes`, `office-hours`, `retro-log` or `til-review`
- `{member}` the member's name as in a file name (`kim`), `team` for the team's files

A layout is refused (one sentence) when a placeholder is unknown or malformed, when two files of
one week would land on the same path (it needs `{name}`, or `{format}` with `{member}`), or when
a path could leave the repository or touch git's own files: `..`, `.`, an empty part, an absolute
path, `.git`, a backslash or a NUL. Each path written is checked again the same way.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from bot.errors import PeerbotError

DEFAULT_LAYOUT = "peer-session/{week_dir}/{name}.md"
PLACEHOLDERS = ("week_dir", "week", "week_number", "monday", "name", "format", "member")
MAX_LAYOUT = 200
MAX_URL = 500
TEAM_MEMBER = "team"  # `{member}` in the team's own files


@dataclass(frozen=True)
class FileSlot:
    """What one file's path is made of."""

    week: int
    monday: date
    fmt: str
    name: str  # `retro-log-kim`
    member: str = TEAM_MEMBER


def path_for(layout: str, slot: FileSlot) -> str:
    """The file's path in the repository (PeerbotError if the result is not a safe path)."""
    path = layout.format(
        week_dir=f"Week {slot.week:02d}",
        week=f"{slot.week:02d}",
        week_number=str(slot.week),
        monday=slot.monday.isoformat(),
        name=slot.name,
        format=slot.fmt,
        member=slot.member,
    )
    check_path(path)
    return path


def check_layout(layout: str) -> str:
    """The layout, stripped, if it is usable; else the sentence saying why not."""
    layout = layout.strip()
    if not layout or len(layout) > MAX_LAYOUT:
        raise PeerbotError("publish.layout_length", limit=MAX_LAYOUT)
    try:
        fields = [f for _, f, spec, conv in string.Formatter().parse(layout) if f is not None]
        specs = [(spec, conv) for _, f, spec, conv in string.Formatter().parse(layout) if f]
    except ValueError:
        raise PeerbotError("publish.layout_braces") from None
    unknown = [f for f in fields if f not in PLACEHOLDERS]
    if unknown or any(spec or conv for spec, conv in specs):
        name = unknown[0] if unknown else next(f for f in fields if f)
        raise PeerbotError("publish.layout_placeholder", name=name[:40], choices=_choices())
    if "name" not in fields and not {"format", "member"} <= set(fields):
        raise PeerbotError("publish.layout_collides")
    monday = date(2021, 8, 9)
    samples = [
        FileSlot(4, monday, "peer-minutes", "peer-minutes"),
        FileSlot(4, monday, "office-hours", "office-hours"),
        FileSlot(4, monday, "retro-log", "retro-log-kim", "kim"),
        FileSlot(4, monday, "retro-log", "retro-log-lee", "lee"),
    ]
    paths = [path_for(layout, slot) for slot in samples]
    if len(set(paths)) != len(paths):
        raise PeerbotError("publish.layout_collides")
    return layout


def check_path(path: str) -> None:
    """Refuse a path that could leave the repository or write into git's own files."""
    parts = path.split("/")
    bad = (
        not path
        or "\x00" in path
        or "\\" in path
        or path.startswith("/")
        or re.match(r"^[A-Za-z]:", path) is not None
        or any(part in ("", ".", "..") or part.lower() == ".git" for part in parts)
        or any(len(part.encode()) > 255 for part in parts)
    )
    if bad:
        raise PeerbotError("publish.layout_unsafe", path=path[:80])


def _choices() -> str:
    return ", ".join("{" + p + "}" for p in PLACEHOLDERS)


_SCP = re.compile(r"^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]+$")  # git@github.com:team/til.git


def check_url(url: str) -> str:
    """A repository URL we can push to, holding no credentials; else one sentence."""
    url = url.strip()
    if not url or len(url) > MAX_URL or any(c.isspace() or c == "\x00" for c in url):
        raise PeerbotError("publish.bad_url")
    if _SCP.match(url):
        return url
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises on a malformed port)
    except ValueError:
        raise PeerbotError("publish.bad_url") from None
    if parts.password is not None:
        raise PeerbotError("publish.url_credentials")
    if parts.scheme in ("https", "http", "ssh") and parts.hostname and parts.path.strip("/"):
        return url
    if parts.scheme == "file" and not parts.netloc and parts.path.startswith("/"):
        return url
    raise PeerbotError("publish.bad_url")


def shown_url(url: str) -> str:
    """The URL as shown to people: never anything before an `@` of an http(s) URL."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and "@" in parts.netloc:
        return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
    return url


def url_username(url: str) -> str | None:
    """The user name an http(s) URL gives (`https://kim@host/…`), used with the token."""
    parts = urlsplit(url)
    return parts.username if parts.scheme in ("http", "https") else None


_BRANCH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$")


def check_branch(branch: str) -> str:
    branch = branch.strip()
    if (
        not _BRANCH.match(branch)
        or ".." in branch
        or "//" in branch
        or branch.endswith(("/", ".lock", "."))
    ):
        raise PeerbotError("publish.bad_branch", branch=branch[:60])
    return branch
