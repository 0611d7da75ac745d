"""Access: one team's members can neither read, change nor export another team's data, and only
admins change a team's settings.

Team A (Slack channel C0A) holds questions, answers, notes, retrospectives, assignments and
member names all marked `SECRET-A`; team B (Discord channel 1234) is next to it. B's members, an
admin and not, and a member of A speaking in B's channel, try every command with A's question and
assignment numbers, A's members' names and titles, every digest format and week, `/retro show`,
`/questions` with searches, every form and the autocomplete: nothing they get back holds
`SECRET-A`, and A's data is exactly as it was. The same channel id on another platform, or an
unbound channel, is not A's. Then every settings option, days off and admin changes, from
non-admins: refused, nothing changed. Runs on the in-memory store and on SQLite.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FakeClock
from bot.core import PeerBot
from bot.forms import Form
from bot.model.teams import Language
from bot.ports import Invocation, QuestionQuery, Reply
from bot.text import plain_text
from peerbot.bootstrap import build
from peerbot.config import Settings
from tests.calls import open_form, submit
from tests.fakes import FakeUnitOfWorkFactory

SEOUL = ZoneInfo("Asia/Seoul")
MARK = "SECRET-A"
A = ("slack", "C0A")
B = ("discord", "1234")
_ids = itertools.count()


def call(where: tuple[str, str], user: str, line: str, name: str | None = None) -> Invocation:
    command, _, args = line.lstrip("/").partition(" ")
    return Invocation(
        id=f"x{next(_ids)}",
        platform=where[0],
        channel_id=where[1],
        channel_name=where[1],
        user_id=user,
        user_name=name or user,
        command=command,
        args=args,
    )


class Teams:
    def __init__(self, bot: PeerBot, factory, clock: FakeClock) -> None:
        self.bot, self.factory, self.clock = bot, factory, clock

    async def ok(self, where: tuple[str, str], user: str, line: str, name: str | None = None):
        reply = await self.bot.handle(call(where, user, line, name))
        assert reply.ok, plain_text(reply.message)
        return reply

    async def team_a(self) -> list:
        """Team A's whole data, through the repositories."""
        async with self.factory() as uow:
            team = await uow.teams.get_by_channel(*A)
            assert team is not None and team.id is not None
            return [
                team,
                list(await uow.members.list(team.id)),
                list(await uow.questions.find(team.id, QuestionQuery(limit=10**6))),
                list(await uow.notes.list(team.id, date.min, date.max)),
                list(await uow.retros.list(team.id, date.min, date.max)),
                list(await uow.assignments.list(team.id)),
                list(await uow.away.list(team.id, date.min, date.max)),
            ]

    async def team_b(self) -> list:
        async with self.factory() as uow:
            team = await uow.teams.get_by_channel(*B)
            assert team is not None and team.id is not None
            return [team, list(await uow.members.list(team.id))]


@pytest.fixture(params=["fake", "sqlite"])
async def teams(request: pytest.FixtureRequest, tmp_path: Path):
    clock = FakeClock(datetime(2021, 8, 6, 13, 0, tzinfo=SEOUL))
    if request.param == "fake":
        factory = FakeUnitOfWorkFactory()
        bot = PeerBot(factory, clock, default_language=Language.EN)
        close = None
    else:
        settings = Settings(database_url=f"sqlite:///{tmp_path / 'bot.db'}", data_dir=tmp_path)
        runtime = await build(settings, clock)
        factory, bot, close = runtime.uow_factory, runtime.bot, runtime.close
    world = Teams(bot, factory, clock)
    await populate(world)
    yield world
    if close is not None:
        await close()


async def populate(w: Teams) -> None:
    alice, anna = "UALICE", "UANNA"
    setup = f"/team setup start:2021-08-02 lang:en name:{MARK}-team similar:off"  # alike asks
    await w.ok(A, alice, setup, "alice")
    await w.ok(A, anna, "/questions", f"anna {MARK}")
    for n in range(1, 4):
        await w.ok(A, anna, f"/ask {MARK} friday question {n}")
        await w.ok(A, alice, f"/answer {n} {MARK} answer {n}")
    await w.ok(A, alice, f"/retro fact: {MARK} fact feeling: {MARK} plan: {MARK}")
    w.clock.set(datetime(2021, 8, 9, 13, 0, tzinfo=SEOUL))
    for n in range(4, 7):
        await w.ok(A, anna, f"/ask {MARK} monday question {n} category:assignment assignment:vit")
    await w.ok(A, alice, "/answer 4 " + MARK)
    await w.ok(A, alice, "/escalate 5")
    await w.ok(A, anna, "/defer 6")
    await w.ok(A, alice, f"/note {MARK} note")
    await w.ok(A, anna, f"/retro fact: {MARK} fact")
    for n in range(1, 4):
        await w.ok(A, alice, f"/assignment add {MARK} assignment {n} due:2021-08-13 10:00")
    await w.ok(A, anna, "/assignment done 1")
    await w.ok(A, anna, "/away 2021-08-10")
    await w.ok(A, alice, "/team settings office_hours:14:00")
    await w.ok(A, alice, "/team holiday add 2021-08-20")
    # Team B: an admin, a member, one question of its own.
    await w.ok(B, "9001", "/team setup start:2021-08-02 lang:en name:bravo", "bob")
    await w.ok(B, "9002", "/ask bravo's own question", "bea")


# What B's people try: every command that takes a number, a name or a week, every format.
PROBES = [
    *(f"/{verb} {n}" for verb in ("accept", "defer", "escalate", "reopen") for n in range(1, 8)),
    *(f"/answer {n} mine now" for n in range(1, 8)),
    *(f"/accept {n} 1" for n in range(1, 8)),
    *(f"/questions {scope}" for scope in ("", "open", "today", "week", "mentor", "all")),
    "/questions all SECRET",
    "/questions all friday",
    "/questions monday question",
    "/questions all vit",
    *(f"/retro show {who}" for who in ("alice", "anna", "UALICE", "<@UALICE>", "@anna")),
    "/retro show alice day:2021-08-06",
    "/retro show anna day:2021-08-09",
    "/retro show",
    "/retro day:2021-08-06",
    "/assignment list all",
    "/assignment list",
    *(f"/assignment {verb} {n}" for verb in ("done", "undo", "remove") for n in range(1, 5)),
    "/assignment done assignment 1",
    "/assignment remove assignment 2",
    "/away",
    "/digest",
    *(f"/digest week:{week}" for week in (1, 2, 3)),
    *(
        f"/digest week:{week} format:{fmt} member:{who}"
        for week in (1, 2)
        for fmt in ("retro-log", "til-review")
        for who in ("alice", "anna", "UANNA")
    ),
    "/digest format:retro-log",
    "/digest format:peer-minutes lang:ko",
    "/team members",
    "/team settings",
    "/team holiday list",
    "/team setup start:2021-08-02",
    "/ask what does A know? category:assignment assignment:vit",
    "/help",
]


def shown(reply: Reply | Form) -> str:
    """Everything a caller sees: the message, its files, a form's title and fields."""
    if isinstance(reply, Form):
        return reply.title + "".join(f.label + f.value + f.placeholder for f in reply.fields)
    return plain_text(reply.message) + "".join(f.filename + f.text for f in reply.files)


async def test_no_command_form_or_autocomplete_reaches_another_teams_data(teams: Teams):
    before = await teams.team_a()
    # B's member, B's admin, A's admin speaking in B's channel; then A's channel id on another
    # platform, and a channel bound to no team.
    places = [(B, "9002"), (B, "9001"), (B, "UALICE"), (("discord", "C0A"), "9002")]
    places += [(("slack", "C0B"), "UALICE")]
    for where, user in places:
        for line in PROBES:
            reply = await teams.bot.handle(call(where, user, line))
            assert MARK not in shown(reply), (where, user, line, shown(reply)[:300])
        for line in ("/retro", "/retro day:2021-08-06", "/assignment add"):
            form = await open_form(teams.bot, call(where, user, line))
            assert MARK not in shown(form)
        for state in ("2021-08-06", "2021-08-09", "garbage"):
            values = {"fact": "b's fact", "feeling": "", "plan": ""}
            reply = await submit(teams.bot, call(where, user, "/retro"), state, values)
            assert MARK not in shown(reply)
        values = {"title": "b's", "due": "2021-08-13 10:00", "kind": "", "link": ""}
        reply = await submit(teams.bot, call(where, user, "/assignment add"), "", values)
        assert MARK not in shown(reply)
        for command, param in (
            ("answer", "number"),
            ("assignment done", "which"),
            ("ask", "assignment"),
        ):
            for typed in ("", "1", "SECRET", "secret-a", "assignment", "friday"):
                choices = await teams.bot.suggest(where[0], where[1], command, param, typed)
                assert not any(MARK in label + value for label, value in choices)
    assert await teams.team_a() == before
    # A's own people still see their data (the probes were not simply all refused).
    reply = await teams.bot.handle(call(A, "UANNA", "/questions all"))
    assert shown(reply).count(MARK) >= 6


async def test_a_members_of_another_team_cannot_read_a_retro_or_digest_by_name(teams: Teams):
    for line in ("/retro show alice", "/digest format:retro-log member:alice"):
        reply = await teams.bot.handle(call(B, "9002", line))
        assert not reply.ok, shown(reply)  # no such member in this team, not A's alice


SETTINGS = [
    "start:2021-08-09",
    "zone:UTC",
    "country:US",
    "country:none",
    "lang:ko",
    "template:til",
    "name:taken",
    "session:15:00",
    "session_remind:30",
    "retro_time:20:00",
    "assignment_remind:48,2",
    'digest:"thu 17:00"',
    "office_hours:15:00",
    "office_hours:off",
    "grace:5",
]
ADMIN_ONLY = [
    *(f"/team settings {option}" for option in SETTINGS),
    "/team settings lang:ko zone:UTC",
    "/team holiday add 2021-08-27",
    "/team holiday remove 2021-08-20",
    "/team members add_admin:anna",
    "/team members add_admin:UANNA",
    "/team members remove_admin:alice",
    "/team members set:anna role:admin",
    "/team members set:UALICE role:mentor",
    "/team members remove:anna",
    "/team members remove:UALICE",
    "/endorse 4 1",  # mentors only: no admin (nor anyone of B) is one
]


async def test_only_admins_change_settings_days_off_and_admins(teams: Teams):
    before_a, before_b = await teams.team_a(), await teams.team_b()
    for line in ADMIN_ONLY:
        # A's non-admin in A; B's non-admin in B (with A's names too).
        for where, user in ((A, "UANNA"), (B, "9002")):
            reply = await teams.bot.handle(call(where, user, line))
            assert not reply.ok, (where, line, shown(reply))
        # B's admin in B changes B only, never A.
        await teams.bot.handle(call(B, "9001", line))
    assert await teams.team_a() == before_a
    after_b = await teams.team_b()
    assert after_b[0] != before_b[0]  # the admin's changes did apply, to B
    # And an admin of A, once made admin by an admin, may: the rule is the role, not the person.
    await teams.ok(A, "UALICE", "/team members add_admin:UANNA")
    await teams.ok(A, "UANNA", "/team settings session:15:00")
    a_team = (await teams.team_a())[0]
    assert a_team.schedule == replace(
        before_a[0].schedule, session_time=a_team.schedule.session_time
    )
    assert a_team.schedule.session_time.hour == 15


def test_the_suite_wide_token_watch_sees_a_token_in_a_log_line():
    """The conftest's watch (every test runs under it) knows configured tokens and finds them."""
    import logging

    from pydantic import SecretStr

    from tests.conftest import _TokenWatch

    token = SecretStr("xoxb-watch-check-0123456789").get_secret_value()
    watch = _TokenWatch()
    logger = logging.getLogger("tests.reliability.watch")
    logger.addHandler(watch)
    logger.propagate = False  # the leak below is on purpose: keep it from the real watch
    try:
        logger.warning("posting with the token %s failed", token[:12])  # a prefix is not the token
        assert not watch.leaks
        try:
            raise RuntimeError(f"Authorization: Bearer {token}")
        except RuntimeError:
            logger.exception("the request failed")
        # Seen twice: as the configured token, and by its Slack token shape.
        assert len(watch.leaks) == 2 and all(token not in leak for leak in watch.leaks)
    finally:
        logger.removeHandler(watch)
        logger.propagate = True
