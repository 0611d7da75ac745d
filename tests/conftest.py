"""Shared fixtures: a bot on the in-memory fake storage, driven like a platform would."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FakeClock
from bot.core import PeerBot
from bot.model.teams import Language
from bot.ports import Reply
from bot.text import plain_text
from tests.calls import call
from tests.fakes import FakeUnitOfWorkFactory

SEOUL = ZoneInfo("Asia/Seoul")


class Harness:
    """A bot with a settable clock; `say` sends a slash command as a given user."""

    def __init__(self, bot: PeerBot, clock: FakeClock, uow_factory) -> None:
        self.bot = bot
        self.clock = clock
        self.uow_factory = uow_factory

    def at(self, text: str, zone: ZoneInfo = SEOUL) -> None:
        self.clock.set(datetime.fromisoformat(text).replace(tzinfo=zone))

    async def say(
        self, user: str, line: str, channel: str = "c1", platform: str = "console", **options: str
    ) -> Reply:
        return await self.bot.handle(call(user, line, channel, platform, **options))

    async def text(self, user: str, line: str, **kw: str) -> str:
        return plain_text((await self.say(user, line, **kw)).message)

    async def ok(self, user: str, line: str, **kw: str) -> str:
        reply = await self.say(user, line, **kw)
        assert reply.ok, plain_text(reply.message)
        return plain_text(reply.message)

    async def rejected(self, user: str, line: str, **kw: str) -> str:
        reply = await self.say(user, line, **kw)
        assert not reply.ok, plain_text(reply.message)
        assert reply.ephemeral
        return plain_text(reply.message)


@pytest.fixture
def harness() -> Harness:
    clock = FakeClock(datetime(2021, 8, 9, 13, 0, tzinfo=SEOUL))
    factory = FakeUnitOfWorkFactory()
    return Harness(PeerBot(factory, clock, default_language=Language.EN), clock, factory)


@pytest.fixture
async def team(harness: Harness) -> Harness:
    """A Korean-calendar team on channel c1, set up by kim (admin), in English."""
    await harness.ok("kim", "/team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:en")
    return harness


async def snapshot(uow_factory) -> list:
    """Everything in the store, through the repository protocols (works on every backend)."""
    from datetime import date

    from bot.ports import QuestionQuery

    state: list = []
    async with uow_factory() as uow:
        for team in await uow.teams.list():
            state.append(team)
            state.append(list(await uow.members.list(team.id, with_removed=True)))
            state.append(
                list(
                    await uow.questions.find(team.id, QuestionQuery(limit=10**6, with_deleted=True))
                )
            )
            state.append(list(await uow.notes.list(team.id, date.min, date.max, with_deleted=True)))
            state.append(await uow.notes.next_number(team.id))
            state.append(list(await uow.retros.list(team.id, date.min, date.max)))
            state.append(list(await uow.assignments.list(team.id)))
            state.append(list(await uow.away.list(team.id, date.min, date.max)))
            state.append(list(await uow.cards.list(team.id)))
            state.append(await uow.rotations.get(team.id))
            state.append(await uow.cohorts.of_team(team.id))
            state.append(await uow.teams.next_question_number(team.id))  # rolled back below
        for cohort in await uow.cohorts.list():
            assert cohort.id is not None
            state.append(cohort)
            state.append(list(await uow.cohorts.teams(cohort.id)))
            state.append(list(await uow.cohorts.mentors(cohort.id)))
    return state


# --- The whole suite: slow runs only on request, and no token in any log line -----------------
# (reliability, issue 7; a separate section so other fixtures stay as they were)

import logging  # noqa: E402

from pydantic import SecretStr  # noqa: E402


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `slow` run only when a `-m` expression names them: `pytest -m slow`.
    Tests marked `alone` go last (tests/parallel.py says why)."""
    alone_last(items)
    if "slow" in (config.getoption("markexpr", "") or ""):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


# Every secret any test configures passes through SecretStr (Settings fields, model_copy
# updates): remember each value, then fail a test in whose log records one appears.
_SECRETS: set[str] = set()
_secret_init = SecretStr.__init__


def _remember_secret(self: SecretStr, secret_value: str) -> None:
    _secret_init(self, secret_value)
    if isinstance(secret_value, str) and len(secret_value) >= 8:
        _SECRETS.add(secret_value)


SecretStr.__init__ = _remember_secret  # type: ignore[method-assign]


# As `peerbot` does at start-up (`configure_logging`): every record is redacted when it is made,
# so what the watch below sees is what a production log would show.
from peerbot.logs import install_redaction, redact_patterns  # noqa: E402

install_redaction(())


class _TokenWatch(logging.Handler):
    """Sees every record any logger emits (at INFO, the production default, and below when a
    test asks for more) and notes which of them show a configured secret, or a secret that came
    with an event: a `response_url`, a `token` field, a connection `ticket`, a Slack token."""

    def __init__(self) -> None:
        super().__init__(level=logging.NOTSET)
        self.leaks: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = record.getMessage()
        except Exception:  # a malformed record is some other test's business
            return
        if record.exc_info:
            line += "\n" + logging.Formatter().formatException(record.exc_info)
        line += "\n" + (record.exc_text or "") + (record.stack_info or "")
        for secret in _SECRETS:
            if secret in line:
                self.leaks.append(f"{record.name} {record.levelname}: {secret[:4]}… in the line")
        if redact_patterns(line) != line:
            self.leaks.append(f"{record.name} {record.levelname}: a secret-shaped part in the line")


@pytest.fixture(autouse=True)
def no_token_in_any_log_line():
    """Fails the test if a configured token value appears in any log line it caused."""
    watch = _TokenWatch()
    root = logging.getLogger()
    level = root.level
    root.addHandler(watch)
    if root.getEffectiveLevel() > logging.INFO:
        root.setLevel(logging.INFO)
    try:
        yield
    finally:
        root.removeHandler(watch)
        root.setLevel(level)
    if watch.leaks:
        pytest.fail("a token appeared in a log line: " + "; ".join(watch.leaks[:5]))


# --- Running on xdist workers: the run fails when no test passed, `-s` runs in one process,
# `@pytest.mark.alone` keeps a timing-sensitive test from sharing the machine with the others.
from tests.parallel import (  # noqa: E402, F401
    alone_last,
    pytest_cmdline_main,
    pytest_runtest_logreport,
    pytest_runtest_protocol,
    pytest_sessionfinish,
)
