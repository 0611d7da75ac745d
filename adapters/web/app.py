"""The web view: read-only pages of one team per link, on aiohttp, rendered with Jinja2.

Every page is under `/t/<token>/` (the token of `/team web`, checked on each request by
`bot.web.pages.WebPages.read`), so a link opened fresh on a phone works with no cookie; links
between pages are relative, so the view also works behind a proxy under a path. Every response
carries a strict Content-Security-Policy (no script at all, styles only from the one stylesheet)
and `Referrer-Policy: no-referrer`, since the token is in the address.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aiohttp import web
from jinja2 import Environment, FileSystemLoader, select_autoescape

from adapters.web.html import markdown_html, message_html
from adapters.web.views import chart_context
from bot import i18n
from bot.model.teams import Language
from bot.web.charts import stats_view
from bot.web.digests import digest_list, digest_of
from bot.web.pages import (
    SEARCH_LIMIT,
    Reading,
    Refused,
    WebPages,
    calendar_view,
    day_view,
    mentors_view,
    question_view,
    search_view,
)

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
PAGES = web.AppKey("pages", WebPages)
TEMPLATES = web.AppKey("templates", Environment)
STYLESHEET = web.AppKey("stylesheet", bytes)
MAX_SEARCH = 200  # characters of a search
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def web_app(pages: WebPages) -> web.Application:
    """The application serving every team's pages (each link opens one team's)."""
    app = web.Application(middlewares=[_guard])
    app[PAGES] = pages
    app[TEMPLATES] = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    app[STYLESHEET] = (HERE / "static" / "style.css").read_bytes()
    app.router.add_get("/static/style.css", _stylesheet)
    team = "/t/{token}"
    app.router.add_get(team + "/", _calendar)
    app.router.add_get(team + "/day/{day}", _day)
    app.router.add_get(team + "/question/{number:[0-9]{1,9}}", _question)
    app.router.add_get(team + "/search", _search)
    app.router.add_get(team + "/digests", _digests)
    app.router.add_get(team + "/digest/{week:[0-9]{1,4}}/{fmt}.md", _download)
    app.router.add_get(team + "/digest/{week:[0-9]{1,4}}/{fmt}", _digest)
    app.router.add_get(team + "/mentors", _mentors)
    app.router.add_get(team + "/stats", _stats)
    return app


@web.middleware
async def _guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The security headers on every response; a refused token a 403 page, a missing page 404."""
    try:
        response = await handler(request)
    except Refused:
        log.info("web: a refused link (%s)", request.path[:12])
        response = _sentence(request, "web.forbidden", 403)
    except web.HTTPNotFound:
        response = _sentence(request, "web.not_found", 404)
    except web.HTTPException as error:  # a wrong method, say: no page, but the same headers
        error.headers.update(HEADERS)
        raise
    response.headers.update(HEADERS)
    if request.path.startswith("/t/"):
        response.headers["Cache-Control"] = "private, no-store"
    return response


def _sentence(request: web.Request, key: str, status: int) -> web.Response:
    """A page of one sentence, in the deployment's language (the link says no team's)."""
    lang = request.app[PAGES].default_language
    body = _render(request, lang, "sentence.html.j2", sentence=i18n.format_text(lang, key))
    return web.Response(text=body, status=status, content_type="text/html")


async def _stylesheet(request: web.Request) -> web.Response:
    response = web.Response(body=request.app[STYLESHEET], content_type="text/css")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


def _prefix(request: web.Request) -> tuple[str, str]:
    """Relative paths to the team's first page and to the stylesheet from this page."""
    depth = request.path.count("/")
    return "../" * (depth - 3) or "./", "../" * (depth - 1) + "static/style.css"


def _render(request: web.Request, lang: Language, name: str, **values: Any) -> str:
    base, stylesheet = _prefix(request)

    def t(key: str, /, **params: Any) -> str:
        return i18n.format_text(lang, key, **params)

    template = request.app[TEMPLATES].get_template(name)
    return template.render(
        lang=lang.value,
        t=t,
        base=base,
        stylesheet=stylesheet,
        message_html=message_html,
        markdown_html=markdown_html,
        **values,
    )


def _page(request: web.Request, reading: Reading, name: str, **values: Any) -> web.Response:
    body = _render(request, reading.lang, name, team=reading.team.name, **values)
    return web.Response(text=body, content_type="text/html")


def _token(request: web.Request) -> str:
    return request.match_info["token"]


async def _calendar(request: web.Request) -> web.Response:
    async with request.app[PAGES].read(_token(request)) as reading:
        weeks = await calendar_view(reading)
    return _page(request, reading, "calendar.html.j2", weeks=weeks, page="calendar")


async def _day(request: web.Request) -> web.Response:
    try:
        day = date.fromisoformat(request.match_info["day"])
    except ValueError:
        raise web.HTTPNotFound() from None
    async with request.app[PAGES].read(_token(request)) as reading:
        label, cards = await day_view(reading, day)
    return _page(request, reading, "day.html.j2", label=label, cards=cards, page="calendar")


async def _question(request: web.Request) -> web.Response:
    number = int(request.match_info["number"])
    async with request.app[PAGES].read(_token(request)) as reading:
        card = await question_view(reading, number)
        if card is None:
            raise web.HTTPNotFound()
    return _page(request, reading, "question.html.j2", card=card, page="calendar")


async def _search(request: web.Request) -> web.Response:
    text = request.query.get("q", "").replace("\x00", "")[:MAX_SEARCH].strip()
    async with request.app[PAGES].read(_token(request)) as reading:
        cards = await search_view(reading, text) if text else []
    return _page(
        request,
        reading,
        "search.html.j2",
        q=text,
        cards=cards,
        limit=SEARCH_LIMIT,
        page="search",
    )


async def _digests(request: web.Request) -> web.Response:
    async with request.app[PAGES].read(_token(request)) as reading:
        entries = await digest_list(reading)
    return _page(request, reading, "digests.html.j2", entries=entries, page="digests")


def _digest_args(request: web.Request) -> tuple[int, str, int | None]:
    member = request.query.get("member", "")
    if member and not (member.isascii() and member.isdecimal() and len(member) < 10):
        raise web.HTTPNotFound()
    return int(request.match_info["week"]), request.match_info["fmt"], int(member or 0) or None


async def _digest(request: web.Request) -> web.Response:
    week, fmt, member = _digest_args(request)
    async with request.app[PAGES].read(_token(request)) as reading:
        digest = await digest_of(reading, week, fmt, member)
        if digest is None:
            raise web.HTTPNotFound()
        download = f"{fmt}.md" + (f"?member={member}" if member else "")
    # A big week's Markdown takes a while to render: off the loop the chat adapters share.
    html = await asyncio.to_thread(markdown_html, digest.markdown)
    return _page(
        request,
        reading,
        "digest.html.j2",
        html=html,
        week=week,
        fmt=fmt,
        download=download,
        page="digests",
    )


async def _download(request: web.Request) -> web.Response:
    week, fmt, member = _digest_args(request)
    async with request.app[PAGES].read(_token(request)) as reading:
        digest = await digest_of(reading, week, fmt, member)
        if digest is None:
            raise web.HTTPNotFound()
    name = digest.filename.replace("/", "-")
    fallback = "".join(c if c.isascii() and (c.isalnum() or c in "-._") else "_" for c in name)
    response = web.Response(text=digest.markdown, content_type="text/markdown", charset="utf-8")
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    )
    return response


async def _mentors(request: web.Request) -> web.Response:
    async with request.app[PAGES].read(_token(request)) as reading:
        view = await mentors_view(reading)
    return _page(request, reading, "mentors.html.j2", view=view, page="mentors")


async def _stats(request: web.Request) -> web.Response:
    raw = request.query.get("week", "")
    if raw and not (raw.isascii() and raw.isdecimal() and len(raw) < 5):
        raise web.HTTPNotFound()
    async with request.app[PAGES].read(_token(request)) as reading:
        view = await stats_view(reading, int(raw) if raw else None)
        if view is None:
            raise web.HTTPNotFound()
    charts = chart_context(reading.lang, view)
    return _page(request, reading, "stats.html.j2", view=view, page="stats", **charts)
