"""The web view through aiohttp's test client: every page, the access rules, the headers, and
hostile text shown as text. Two teams share the store, and neither's pages show the other's."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.web import web_app
from bot.web.access import parse, sign
from tests.conftest import SEOUL
from tests.web.seed import HOSTILE, Seeded, seeded

PAGES = [
    "",
    "day/2021-08-09",
    "day/2021-08-05",
    "question/1",
    "question/2",
    "search?q=SVD",
    "search",
    "digests",
    "digest/2/peer-minutes",
    "digest/2/office-hours",
    "mentors",
    "stats",
    "stats?week=1",
]


@pytest.fixture
async def site() -> AsyncIterator[tuple[Seeded, TestClient, str]]:
    s = await seeded()
    path = await s.link()
    async with TestClient(TestServer(web_app(s.pages))) as client:
        yield s, client, path


async def page(client: TestClient, path: str, status: int = 200) -> str:
    response = await client.get(path)
    text = await response.text()
    assert response.status == status, text[:500]
    return text


@pytest.mark.parametrize("where", PAGES)
async def test_every_page_loads_with_the_strict_headers(site, where):
    _, client, path = site
    response = await client.get(path + where)
    assert response.status == 200, where
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert "script" not in csp  # no script source at all: default-src 'none' forbids them
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "private, no-store"
    body = await response.text()
    assert "<script" not in body and " style=" not in body and "<img" not in body


async def test_the_refusals_carry_the_headers_too(site):
    _, client, path = site
    for where, status in (("/t/1.0.forged/", 403), (path + "nowhere", 404), ("/x", 404)):
        response = await client.get(where)
        assert response.status == status
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]


async def test_the_stylesheet_is_served_and_every_page_links_it_relatively(site):
    _, client, path = site
    response = await client.get("/static/style.css")
    assert response.status == 200 and response.content_type == "text/css"
    assert 'href="../../../static/style.css"' in await page(client, path + "question/1")
    assert 'href="../../static/style.css"' in await page(client, path)


async def test_the_calendar_shows_weeks_and_days_with_their_questions(site):
    _, client, path = site
    text = await page(client, path)
    assert "Week 2" in text and "Week 1" in text
    assert 'href="./day/2021-08-09"' in text and "2 questions" in text
    assert "Sun 2021-08-15" not in text  # weekends without a session are left out


async def test_a_day_shows_its_questions_with_answers_and_state(site):
    _, client, path = site
    text = await page(client, path + "day/2021-08-05")
    assert "Why does SVD sort the singular values?" in text
    assert "Because the decomposition orders them by size." in text
    assert "resolved" in text
    assert 'href="../question/1"' in text


async def test_a_question_page_is_the_cores_question_page(site):
    s, client, path = site
    text = await page(client, path + "question/1")
    reply = await s.ok("kim", "/question 1")
    for line in ("Why does SVD sort the singular values?", "asked on", "accepted"):
        assert line in reply
        assert line in text


async def test_an_unknown_or_deleted_question_is_not_found(site):
    s, client, path = site
    await page(client, path + "question/99", 404)
    await s.ok("park", "/delete question 2")
    await page(client, path + "question/2", 404)


async def test_search_finds_questions_and_answers_newest_first(site):
    _, client, path = site
    text = await page(client, path + "search?q=zero_grad")
    assert "1 question found" in text and "nn.Linear" in text
    text = await page(client, path + "search?q=singular+values")
    assert "Why does SVD sort" in text
    text = await page(client, path + "search?q=nothing-like-this")
    assert "Nothing found" in text
    text = await page(client, path + "search?q=%00script")  # NUL in the query: dropped
    assert "\x00" not in text


async def test_the_digests_render_as_html_and_download_as_markdown(site):
    _, client, path = site
    listing = await page(client, path + "digests")
    assert 'href="./digest/2/peer-minutes"' in listing
    assert 'href="./digest/2/peer-minutes.md"' in listing
    assert "retro-log" not in listing  # nobody shares their own files yet
    html = await page(client, path + "digest/2/peer-minutes")
    assert "<h3>Peer sessions (WEEK2)</h3>" in html
    assert "<li>A mentor will look at it. (mentor)</li>" in html  # Markdown, not text
    response = await client.get(path + "digest/2/peer-minutes.md")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/markdown")
    assert 'filename="week02-peer-minutes.md"' in response.headers["Content-Disposition"]
    markdown = await response.text()
    assert "zero_grad" in markdown


async def test_a_members_own_digest_is_refused_while_nobody_shares(site):
    s, client, path = site
    async with s.factory() as uow:
        lee = await uow.members.get(1, "lee")
    await page(client, path + f"digest/2/retro-log?member={lee.id}", 404)
    await page(client, path + f"digest/2/retro-log.md?member={lee.id}", 404)
    await page(client, path + "digest/2/retro-log", 404)
    await page(client, path + "digest/9/peer-minutes", 404)  # a week not yet
    await page(client, path + "digest/2/no-such-format", 404)


async def test_the_mentor_list(site):
    _, client, path = site
    text = await page(client, path + "mentors")
    assert "choi" in text and "Left for the mentor" in text
    assert 'href="../question/3"' in text or 'href="./question/3"' in text


async def test_stats_are_pictures(site):
    _, client, path = site
    text = await page(client, path + "stats")
    assert text.count("<svg") == 3
    assert "Retrospective streaks" in text and "Lecture" in text
    await page(client, path + "stats?week=7", 404)
    await page(client, path + "stats?week=x", 404)


async def test_hostile_text_is_escaped_everywhere(site):
    _, client, path = site
    for where in ("question/2", "question/3", "day/2021-08-09", "search?q=script", "mentors"):
        text = await page(client, path + where)
        assert "<script>" not in text and "<img" not in text
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in text
        assert 'href="javascript' not in text
        assert "\u2068" in text  # the bidi override is isolated


async def test_a_hostile_team_name_is_escaped_in_every_page(site):
    s, client, path = site
    await s.ok("kim", '/team settings name:"<b>x</b>"')
    text = await page(client, path)
    assert "<b>x</b>" not in text and "&lt;b&gt;x&lt;/b&gt;" in text


# --- access -------------------------------------------------------------------------------


async def test_team_web_is_private_and_refused_when_not_served():
    s = await seeded()
    from tests.calls import call

    reply = await s.bot.handle(call("lee", "/team web", "c1", "console"))
    assert reply.ok and reply.ephemeral
    from bot.core import PeerBot

    bare = PeerBot(s.factory, s.clock)
    reply = await bare.handle(call("lee", "/team web", "c1", "console"))
    assert not reply.ok and "PEERBOT_WEB_PORT" in str(reply.message)


async def test_another_teams_link_shows_only_that_team(site):
    s, client, path = site
    beta = await s.link("ko", "c2")
    assert beta != path
    text = await page(client, beta + "search?q=%EB%B9%84%EB%B0%80")
    assert "베타 팀만의 비밀 질문입니다" in text
    for where in ("", "search?q=SVD", "mentors", "day/2021-08-09", "day/2021-08-05"):
        assert "singular" not in await page(client, beta + where)
    for where in ("search?q=%EB%B9%84%EB%B0%80", "day/2021-08-09", "mentors"):
        assert "베타 팀만의" not in await page(client, path + where)
    await page(client, beta + "question/2", 404)  # Alpha's #2 is not Beta's


async def test_a_changed_team_id_or_forged_mac_is_refused(site):
    _, client, path = site
    token = path.split("/")[2]
    claim = parse(token)
    assert claim is not None
    for forged in (
        f"2.{claim.generation}.{claim.mac}",  # the other team's id with Alpha's MAC
        f"{claim.team_id}.{claim.generation}.{claim.mac[:-2]}xx",
        sign("another secret", claim.team_id, claim.generation),
        "garbage",
        "1.0",
    ):
        text = await page(client, f"/t/{forged}/", 403)
        assert "opens no team" in text and "Alpha" not in text


async def test_revoke_ends_every_link_and_a_new_one_works(site):
    s, client, path = site
    await page(client, path)
    refused = await s.bot.handle(
        __import__("tests.calls", fromlist=["call"]).call(
            "lee", "/team web revoke", "c1", "console"
        )
    )
    assert not refused.ok  # admins only
    said = await s.ok("kim", "/team web revoke")
    assert "no longer works" in said
    for where in ("", "question/1", "digest/2/peer-minutes.md"):
        await page(client, path + where, 403)
    fresh = await s.link()
    assert fresh != path
    await page(client, fresh)


async def test_the_pages_follow_the_teams_language(site):
    s, client, path = site
    beta = await s.link("ko", "c2")
    text = await page(client, beta)
    assert '<html lang="ko">' in text and "학습 달력" in text and "1주차" in text
    assert '<html lang="en">' in await page(client, path)


async def test_the_secret_is_made_once_and_kept():
    s = await seeded()
    first = await s.link()
    s.clock.set(datetime(2021, 8, 10, 9, 0, tzinfo=SEOUL))
    assert await s.link() == first  # the same secret, the same generation
    assert s.factory.committed.web_secret is not None
    assert HOSTILE  # the seed's hostile text is in the store (used above)


async def test_a_member_who_publishes_is_shown_and_the_others_are_not(site):
    s, client, path = site
    await s.ok("lee", "/retro peer: paired on SVD fact: sorted values feeling: calm plan: more")
    await s.ok("park", "/retro peer: alone fact: zero_grad feeling: tired plan: sleep")
    await s.ok("lee", "/me publish:on")
    async with s.factory() as uow:
        lee = await uow.members.get(1, "lee")
        park = await uow.members.get(1, "park")
    listing = await page(client, path + "digests")
    assert f"retro-log?member={lee.id}" in listing
    assert f"member={park.id}" not in listing
    text = await page(client, path + f"digest/2/retro-log?member={lee.id}")
    assert "paired on SVD" in text and "zero_grad" not in text
    await page(client, path + f"digest/2/retro-log?member={park.id}", 404)
    await s.ok("lee", "/me publish:off")  # the choice taken back: gone at once
    await page(client, path + f"digest/2/retro-log?member={lee.id}", 404)
