"""Bad input at scale: hypothesis over every command's arguments and every form field.

For each command of the table (`all_commands()`), arguments are drawn per parameter from its
kind (numbers, dates, zones, choices and names, valid and not) mixed with any Unicode, empty,
huge, both platforms' mention strings, Markdown and HTML, typed inline (`name:"value"`) or given
separately as Slack and Discord do; callers' display names are drawn from the same nasty text.
Every submitted form field likewise. For every example:

* no unhandled exception (an `error.internal` reply counts as one);
* a rejected command leaves the store exactly as it was (`snapshot`);
* an accepted one still renders every digest format with the same Markdown structure as the
  same data with harmless text of the same shape (markdown-it-py, as test_digest_markdown);
* no mention escapes: in Slack's and Discord's rendering of the reply and of every reminder the
  team's data now makes, the only mentions are the message's own `Mention` spans.
  No bidi control a user typed stands outside an isolate closed on its own line (Slack,
  Discord, console), so none can reverse the bot's words.

Runs on the in-memory store and on SQLite files, a fresh copy of one populated world for each
example. `pytest -m slow` runs many more examples.
"""

from __future__ import annotations

import asyncio
import copy
import re
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.discord.render import discord_text
from adapters.slack.render import slack_mention, slack_text
from bot import i18n
from bot.clock import FakeClock
from bot.commands.spec import Command, Param, ParamKind
from bot.commands.table import all_commands
from bot.core import PeerBot
from bot.digest import FORMATS, MEMBER_FORMATS, render_week
from bot.forms import Form
from bot.model.teams import Language, Member, Team
from bot.outbox import PostKind as Reminder
from bot.ports import Invocation, Reply, UnitOfWork
from bot.scheduled.occurrences import Occurrence
from bot.scheduled.writer import compose
from bot.text import Mention, Message, plain_text
from storage import SqlUnitOfWorkFactory, create_engine, upgrade_async
from tests.bidi import paragraphs, scan_line
from tests.calls import open_form, submit
from tests.conftest import snapshot
from tests.fakes import FakeUnitOfWorkFactory
from tests.unit.test_digest_markdown import structure

SEOUL = ZoneInfo("Asia/Seoul")
NOW = datetime(2021, 8, 9, 13, 0, tzinfo=SEOUL)  # Monday of Week 2, Day 6
CHANNEL = "c1"
# Callers: a Discord-like id, a Slack-like id, a console name, and someone not yet a member.
CALLERS = [("1001", "kim"), ("U02LEE", "lee"), ("park", "park"), ("9999", "newbie")]

MENTIONS = [
    "@everyone",
    "@here",
    "<@&123>",
    "<@123>",
    "<@!123>",
    "<#456>",
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<!subteam^S1>",
    "<!subteam^S1|@team>",
    "<@U123>",
    "<@W123|name>",
    "<!date^1392734382^{date}|x>",
    "@\u200beveryone",
    "＠everyone",
]
MARKUP = [
    "## heading",
    "</details>",
    "<summary>x</summary>",
    "```",
    "| a | b |\n|---|---|",
    '<img src=x onerror="alert(1)">',
    "<script>alert(1)</script>",
    "*bold* _it_ ~~s~~ `code`",
    "> quote",
    "- bullet",
    "1. item",
    "[link](http://example.com)",
    "[https://good.example](https://evil.example)",
    "<https://example.com/docs>",
    "\u202eevil\u202c",
    "\u2066open isolate",
    "\u2069\u2069",
    "\u200f\u061c",
    "http://example.com/a_(b)",
    "&amp; &lt; &#123;",
    "\\",
    "    indented",
    "\r\n",
    "\n\n# x",
    '"',
    "'",
    "fact: x feeling: y",
    "category:lecture",
    'due:"fri 23:59"',
]
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
# What Slack's JSON and the platforms can carry but a database cannot store (lone surrogates,
# NUL), and what can turn the bot's own words around (bidi controls).
UNSTORABLE = ["\ud800", "\udfff", "\ud83d", "\x00", "a\x00b"]
BIDI = ["\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u202d", "\u200f", "\u061c"]
SNEAKY = st.one_of(
    st.sampled_from(UNSTORABLE + BIDI),
    st.tuples(ANY_TEXT, st.sampled_from(UNSTORABLE + BIDI), ANY_TEXT).map("".join),
)
PIECES = st.one_of(st.sampled_from(MENTIONS + MARKUP), ANY_TEXT, SNEAKY)
NASTY = st.one_of(
    st.sampled_from(["", " ", "\n", "\x00", "\u200b", "가" * 4000, "가" * 4001, "x" * 10_000]),
    PIECES,
    st.lists(PIECES, min_size=1, max_size=5).map(" ".join),
    st.lists(PIECES, min_size=1, max_size=3).map("".join),
)
NAMES = [
    "kim",
    "lee",
    "park",
    "nobody",
    "fri 23:59",
    "2021-08-13 10:00",
    "tomorrow 10:00",
    "내일 10:00",
    "금 23:59",
    "24,1",
    "48,2",
    "14:00",
    "off",
    "fri 18:00",
    "last 18:00",
    "peer-minutes",
    "retro-log",
    "til-review",
    "office-hours",
    "yesterday",
    "2021-08-06",
    "ViT",
    "vit",
    "https://example.com/x",
    "javascript:alert(1)",
]


# Valid values for parameters whose kind alone says little (NAME, TEXT that is not free text).
BY_NAME: dict[str, list[str]] = {
    "due": [
        "fri 23:59",
        "2021-08-13 10:00",
        "tomorrow 10:00",
        "내일 10:00",
        "금 23:59",
        "8/20 9:00",
    ],
    "member": ["kim", "lee", "park"],
    "add_admin": ["lee", "park"],
    "remove_admin": ["lee", "park"],
    "format": ["peer-minutes", "retro-log", "til-review", "office-hours"],
    "link": ["https://example.com/x", "http://example.com/a_(b)"],
    "office_hours": ["14:00", "off"],
    "digest": ["fri 18:00", "last 18:00"],
    "assignment_remind": ["24,1", "48,2", "1"],
    "day": ["yesterday", "2021-08-06", "today"],
    "which": ["1", "2", "#1", "ViT 구현", "quiz"],
    "days": ["2021-08-12", "8/12-8/13", "2021-08-20"],
    "start": ["2021-08-02", "2021-07-26"],
}


def values_for(param: Param, valid: bool) -> st.SearchStrategy[str]:
    """Text for one parameter: values of its kind (`valid`: only those, except for free text,
    which is always anything), else mostly its kind and sometimes anything."""
    numbers = st.one_of(st.integers(1, 6), st.integers(1, 6), st.integers(0, 9))
    by_kind: dict[ParamKind, st.SearchStrategy[str]] = {
        ParamKind.NUMBER: st.one_of(numbers.map(str), numbers.map(lambda n: f"#{n}")),
        ParamKind.INDEX: numbers.map(str),
        ParamKind.TEXT: NASTY,
        ParamKind.WORDS: NASTY,
        ParamKind.CHOICE: st.sampled_from(
            [*param.choices, *(alias for alias, _ in param.aliases)] + ([] if valid else ["nope"])
        ),
        ParamKind.DATE: st.dates(date(2021, 7, 1), date(2022, 1, 31)).map(date.isoformat),
        ParamKind.ZONE: st.sampled_from(["Asia/Seoul", "UTC", "Europe/Berlin", "Nowhere/Land"]),
        ParamKind.COUNTRY: st.sampled_from(["KR", "US", "none", "ZZ"]),
        ParamKind.NAME: NASTY if param.name in ("name", "assignment") else st.sampled_from(NAMES),
        ParamKind.TIME: st.sampled_from(["09:00", "16:00", "23:59", "24:00", "9", "12:61"]),
        ParamKind.MINUTES: st.integers(-10, 2000).map(str),
        ParamKind.WEEK: numbers.map(str),
        ParamKind.DUE: st.sampled_from(["fri 23:59", "2021-08-13 10:00", "금요일 오후 11시", "x"]),
        ParamKind.FORMAT: st.sampled_from(["peer-minutes", "retro-log", "TIL-review", "nope"]),
    }
    typed = by_kind[param.kind]
    if (param.name in BY_NAME and param.kind is not ParamKind.TEXT) or param.name in (
        "which",
        "days",
    ):
        typed = st.sampled_from(BY_NAME[param.name])
    if valid:
        return typed
    return st.one_of(typed, typed, typed, typed, NASTY)  # mostly its kind, sometimes anything


def quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@st.composite
def invocations(draw: st.DrawFn, command: Command) -> Invocation:
    """The command with drawn arguments, typed inline or given as platform options."""
    valid = draw(st.booleans())
    words: list[str] = []
    for param in command.positional:
        if not (param.required or draw(st.booleans())):
            break
        words.append(draw(values_for(param, valid)))
    options: dict[str, str] = {}
    for param in command.options.values():
        if draw(st.integers(0, 3)) == 0:
            value = draw(values_for(param, valid))
            if draw(st.booleans()):
                words.append(f"{param.name}:{quoted(value)}")
            else:
                options[param.name] = value
    if not valid and draw(st.integers(0, 4)) == 0:
        words.append(draw(st.sampled_from(["bogus:1", "categroy:lecture", "day:", ":"])))
    top, _, sub = command.name.partition(" ")
    args = " ".join([sub, *words] if sub else words)
    user_id, name = draw(st.sampled_from(CALLERS))
    if draw(st.integers(0, 4)) == 0:
        name = draw(NASTY)
    return Invocation(
        id="h",
        platform="console",
        channel_id=CHANNEL,
        channel_name=CHANNEL,
        user_id=user_id,
        user_name=name,
        command=top,
        args=args,
        options=options,
    )


RAW = st.builds(
    lambda command, args, who: Invocation(
        "h", "console", CHANNEL, who[0], who[1], command=command, args=args
    ),
    st.one_of(st.sampled_from(sorted({c.name.split()[0] for c in all_commands()})), ANY_TEXT),
    NASTY,
    st.sampled_from(CALLERS),
)


# --- the world: one populated team, copied fresh for every example -------------------------------


class World:
    """A bot over a store holding one team's two weeks; `fresh()` gives an untouched copy."""

    def __init__(self, backend: str, tmp: Path) -> None:
        self.backend = backend
        self.tmp = tmp
        self.clock = FakeClock(NOW)
        self.count = 0
        if backend == "fake":
            self.template = FakeUnitOfWorkFactory()
            asyncio.run(populate(PeerBot(self.template, self.clock), self.clock))
        else:
            self.path = tmp / "template.db"
            asyncio.run(self._sqlite_template())

    async def _sqlite_template(self) -> None:
        url = f"sqlite:///{self.path}"
        await upgrade_async(url)
        engine = create_engine(url)
        await populate(PeerBot(SqlUnitOfWorkFactory(engine), self.clock), self.clock)
        await engine.dispose()

    def fresh(self) -> tuple[Any, Callable[[], Any]]:
        """A unit-of-work factory on a copy of the world, and how to close it."""
        self.clock.set(NOW)
        if self.backend == "fake":
            factory = FakeUnitOfWorkFactory()
            factory.committed = copy.deepcopy(self.template.committed)

            async def nothing() -> None:
                return None

            return factory, nothing
        self.count += 1
        path = self.tmp / f"example{self.count % 2}.db"
        shutil.copyfile(self.path, path)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        engine = create_engine(f"sqlite:///{path}")
        return SqlUnitOfWorkFactory(engine), engine.dispose


async def populate(bot: PeerBot, clock: FakeClock) -> None:
    async def say(user: int, line: str) -> None:
        user_id, name = CALLERS[user]
        command, _, args = line.lstrip("/").partition(" ")
        reply = await bot.handle(
            Invocation("p", "console", CHANNEL, user_id, name, command=command, args=args)
        )
        assert reply.ok, plain_text(reply.message)

    clock.set(datetime(2021, 8, 6, 13, 0, tzinfo=SEOUL))
    await say(0, "/team setup start:2021-08-02 lang:en template:fff name:alpha")
    await say(0, "/ask friday question about <@&1> and `code`")
    await say(1, "/answer 1 friday answer @here")
    await say(2, "/retro fact: read ## papers feeling: <!channel> plan: more")
    clock.set(NOW)
    await say(0, "/team settings office_hours:14:00")
    await say(1, "/answer 1 monday answer")
    await say(0, "/ask lecture question category:lecture")
    await say(1, "/answer 2 lecture answer </details>")
    await say(0, "/ask assignment question assignment:vit")
    await say(0, "/ask mentor question")
    await say(0, "/escalate 4")
    await say(2, "/ask deferred question")
    await say(2, "/defer 5")
    await say(1, "/note a note | with | pipes")
    await say(0, "/retro fact: fact feeling: feeling plan: plan")
    await say(0, "/assignment add ViT 구현 due:2021-08-13 10:00 kind:optional")
    await say(0, "/assignment add quiz due:2021-08-10 18:00 kind:quiz")
    await say(1, "/assignment done 1")
    await say(1, "/away 2021-08-11")


# --- the checks --------------------------------------------------------------------------------

_INTERNAL = [
    plain_text(i18n.say(lang, "error.internal", ref="@@")).split("@@")[0] for lang in Language
]
_SLACK_SPECIAL = re.compile(r"<[!@#][^>]*>")
_DISCORD_PING = re.compile(r"@everyone|@here|<@[!&]?\d+>")


def no_mention_escapes(message: Message) -> None:
    """In both platforms' rendering the only mentions are the message's own `Mention` spans."""
    mentions = [span for line in message.lines for span in line if isinstance(span, Mention)]
    slack = Counter(_SLACK_SPECIAL.findall(slack_text(message)))
    meant = Counter(m for m in map(slack_mention, mentions) if m.startswith("<"))
    assert slack == meant, (slack, meant)
    discord = Counter(_DISCORD_PING.findall(discord_text(message)))
    meant = Counter(f"<@{m.user_id}>" for m in mentions if m.user_id.isdigit())
    assert discord == meant, (discord, meant)
    for render in (slack_text, discord_text, plain_text):
        bidi_contained(render(message))


def bidi_contained(text: str) -> None:
    """Every bidi control user text brought stands inside an isolate closed on its own line."""
    for line in paragraphs(text):
        assert scan_line(line) == ([], []), repr(line)


def not_internal(reply: Reply) -> None:
    text = plain_text(reply.message)
    assert not any(text.startswith(prefix) for prefix in _INTERNAL), text


def shaped(text: str) -> str:
    return re.sub(r"\S", "a", text)


class _Shaped:
    """Reads through a unit of work with every user text replaced by harmless text of its shape."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._names: dict[str, str] = {}  # assignment names group questions: keep them apart
        self.questions = self
        self.notes = _Mapped(uow.notes, lambda n: replace(n, text=shaped(n.text)))
        self.retros = _Mapped(
            uow.retros, lambda r: replace(r, fields={k: shaped(v) for k, v in r.fields.items()})
        )
        self.members = _Mapped(
            uow.members, lambda m: replace(m, display_name=shaped(m.display_name))
        )
        self.cards = uow.cards  # no user text: the links to cards' threads
        self.rotations, self.away = uow.rotations, uow.away  # no user text: the session's roles

    async def find(self, team_id: int, query: Any) -> list[Any]:
        return [self._shaped(q) for q in await self._uow.questions.find(team_id, query)]

    async def of_week(self, team_id: int, *args: Any) -> list[Any]:
        return [self._shaped(q) for q in await self._uow.questions.of_week(team_id, *args)]

    def _shaped(self, question: Any) -> Any:
        return replace(
            question,
            text=shaped(question.text),
            assignment=(
                self._name(question.assignment) if question.assignment else question.assignment
            ),
            answers=[replace(a, text=shaped(a.text)) for a in question.answers],
        )

    def _name(self, name: str) -> str:
        if name not in self._names:
            letter = "abcdefghijklmnopqrstuvwxyz"[len(self._names) % 26]
            self._names[name] = re.sub(r"\S", letter, name)
        return self._names[name]


class _Mapped:
    def __init__(self, repository: Any, change: Callable[[Any], Any]) -> None:
        self._repository, self._change = repository, change

    async def list(self, *args: Any, **kwargs: Any) -> list[Any]:
        return [self._change(x) for x in await self._repository.list(*args, **kwargs)]


async def digests_keep_their_structure(uow: UnitOfWork, team: Team, member: Member | None) -> None:
    calendar = team.calendar()
    week = calendar.week_number(calendar.local_date(NOW)) or 1
    twin_team = replace(team, name=shaped(team.name))
    twin_member = replace(member, display_name=shaped(member.display_name)) if member else None
    for fmt in FORMATS:
        if fmt in MEMBER_FORMATS and member is None:
            continue
        real = await render_week(uow, team, week, fmt, member=member)
        twin = await render_week(_Shaped(uow), twin_team, week, fmt, member=twin_member)  # type: ignore[arg-type]
        assert structure(real.markdown) == structure(twin.markdown), fmt
        no_mention_escapes(real.summary)


async def reminders_render_safely(uow: UnitOfWork, team: Team) -> None:
    """Every reminder the team's data makes now, rendered for both platforms."""
    assert team.id is not None
    day = team.calendar().local_date(NOW)
    week = team.calendar().week_number(day) or 1
    occurrences = [
        Occurrence(NOW, team.id, Reminder.SESSION, day.isoformat(), day),
        Occurrence(NOW, team.id, Reminder.RETRO, day.isoformat(), day),
        Occurrence(NOW, team.id, Reminder.MENTOR, day.isoformat(), day),
        Occurrence(NOW, team.id, Reminder.DIGEST, f"week{week}", day),
    ]
    for assignment in await uow.assignments.list(team.id):
        occurrences.append(
            Occurrence(
                NOW,
                team.id,
                Reminder.ASSIGNMENT,
                f"a{assignment.number}@24h",
                day,
                assignment=assignment.number,
                hours_before=24,
            )
        )
    for occurrence in occurrences:
        message = await compose(uow, team, occurrence)
        if message is not None:
            no_mention_escapes(message)


async def after_acceptance(factory: Any, invocation: Invocation) -> None:
    async with factory() as uow:
        team = await uow.teams.get_by_channel("console", CHANNEL)
        assert team is not None and team.id is not None
        member = await uow.members.get(team.id, invocation.user_id)
        await digests_keep_their_structure(uow, team, member)
        await reminders_render_safely(uow, team)


async def check_command(world: World, invocation: Invocation) -> None:
    factory, close = world.fresh()
    try:
        bot = PeerBot(factory, world.clock, default_language=Language.EN)
        before = await snapshot(factory)
        reply = await bot.handle(invocation)
        not_internal(reply)
        no_mention_escapes(reply.message)
        if not reply.ok:
            assert await snapshot(factory) == before
        else:
            await after_acceptance(factory, invocation)
    finally:
        await close()


async def check_form(
    world: World, kind: str, invocation: Invocation, state: str | None, values: dict[str, str]
) -> None:
    factory, close = world.fresh()
    try:
        bot = PeerBot(factory, world.clock, default_language=Language.EN)
        before = await snapshot(factory)
        form = await open_form(bot, invocation)
        if isinstance(form, Reply):
            not_internal(form)
            no_mention_escapes(form.message)
            assert await snapshot(factory) == before
            form_state = state or ""
        else:
            assert isinstance(form, Form) and len(form.fields) <= 5
            form_state = form.state if state is None else state
            before = await snapshot(factory)
        reply = await submit(bot, invocation, form_state, values)
        not_internal(reply)
        no_mention_escapes(reply.message)
        if not reply.ok:
            assert await snapshot(factory) == before
        else:
            await after_acceptance(factory, invocation)
    finally:
        await close()


# --- the tests ---------------------------------------------------------------------------------

COMMANDS = all_commands()
RETRO, ASSIGNMENT = "retro", "assignment add"  # the commands whose forms open
RETRO_FIELDS = (
    "peer",
    "fact",
    "feeling",
    "plan",
    "done",
    "not_done",
    "learned",
    "tomorrow",
    "impressions",
)
ASSIGNMENT_FIELDS = ("title", "due", "kind", "link")
FORM_CASES = st.one_of(
    st.tuples(
        st.just(RETRO),
        st.sampled_from(["", "day:yesterday", "day:2021-08-06", "day:2021-08-02", "day:x"]),
        st.one_of(st.none(), st.sampled_from(["2021-08-06", "2021-08-02", "garbage"]), ANY_TEXT),
        st.dictionaries(st.sampled_from(RETRO_FIELDS), NASTY, max_size=6),
    ),
    st.tuples(
        st.just(ASSIGNMENT),
        st.just(""),
        st.one_of(st.none(), ANY_TEXT),
        st.dictionaries(
            st.sampled_from(ASSIGNMENT_FIELDS),
            st.one_of(st.sampled_from([*NAMES, "basic", "quiz", "심화"]), NASTY),
            max_size=4,
        ),
    ),
)


def run(examples: int, strategy: st.SearchStrategy[Any], check: Callable[[Any], Any]) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(strategy)
    def prop(value: Any) -> None:
        asyncio.run(check(value))

    prop()


@pytest.fixture(scope="module", params=["fake", "sqlite"])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> World:
    return World(request.param, tmp_path_factory.mktemp(request.param))


def examples(world: World, fake: int, sqlite: int) -> int:
    return fake if world.backend == "fake" else sqlite


@pytest.mark.parametrize("command", COMMANDS, ids=[c.name for c in COMMANDS])
def test_any_arguments_to_every_command(world: World, command: Command):
    run(examples(world, 25, 6), invocations(command), lambda inv: check_command(world, inv))


def test_any_command_line_at_all(world: World):
    run(examples(world, 100, 20), RAW, lambda inv: check_command(world, inv))


def form_check(world: World) -> Callable[[tuple[str, str, str | None, dict[str, str]]], Any]:
    def check(case: tuple[str, str, str | None, dict[str, str]]) -> Any:
        kind, args, state, values = case
        invocation = Invocation("h", "console", CHANNEL, "1001", "kim", command=kind, args=args)
        return check_form(world, kind, invocation, state, values)

    return check


def test_any_values_in_every_form_field(world: World):
    run(examples(world, 100, 20), FORM_CASES, form_check(world))


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS, ids=[c.name for c in COMMANDS])
def test_many_more_arguments_to_every_command(world: World, command: Command):
    run(examples(world, 1000, 100), invocations(command), lambda inv: check_command(world, inv))


@pytest.mark.slow
def test_many_more_command_lines_and_form_values(world: World):
    run(examples(world, 3000, 300), RAW, lambda inv: check_command(world, inv))
    run(examples(world, 3000, 300), FORM_CASES, form_check(world))
