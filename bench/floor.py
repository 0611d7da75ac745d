"""Benchmark: the floor beside peerbot, CPU per /ask and /answer (issue 17, goal: at most 3x).

The floor is the least raw-driver code (sqlite3; asyncpg for PostgreSQL) that makes the durable
change one `/ask` and one `/answer` make; peerbot is its core, `PeerBot.handle`, on the same
invocations. Each has its own fresh database, set up by peerbot (migrations, `/team setup` with
`similar:off`, a first `/ask` per member), and gets the same commands: half /ask, half /answer
to a question of the team already asked (`bench.commands.next_command`), one at a time. Rounds
alternate floor / peerbot; the figures are each variant's medians over its rounds of this
process's CPU (`time.process_time`: on PostgreSQL the client's only) and wall time per command.
Last, both databases' questions, answers and search index are compared row by row: a
difference means the floor skipped durable work (or did more), and the run exits 1.

    python -m bench.floor [--db sqlite|postgres] [--rounds 5] [--commands 500]

What the floor does, one transaction per command (SQLite: WAL, `synchronous = NORMAL`, foreign
keys on, `BEGIN IMMEDIATE`, as `storage.sqlite_hooks`; PostgreSQL: one connection, prepared
statements):

  /ask text [category:x]   the team (by platform and channel), its calendar and the member in
      one statement; the study day by `bot.calendar.StudyCalendar.session_date`; the number from
      `teams.next_question_number`; the question row (every column peerbot fills: text NFC and
      trimmed, category, study day, asked_at, status "open", flag "none"); its terms by
      `bot.search.analyser.frequencies` (peerbot's function) as postings of kind "q", +1 on each
      term's df, +1 document and its length on the kind's stats.
  /answer N text           team, member and live question N in one statement; the answer row;
      the question's "a" document grown by the answer's terms (every posting's length, each
      term's tf: an upsert), +1 df for its terms new to the document, stats +1 document on the
      first answer with terms and + its length; status "open" -> "answered".

What it leaves out, none of it durable in this run: option parsing beyond `category:` (the
options are cut from the text, not checked), the text's length and character checks, roles and
removed members, the reply (rendering, i18n), the "asked before?" check (off for these teams),
the card and outbox reads an answer makes to edit a question's card (no card is posted here),
and the events the core emits.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import asyncpg

from bench.commands import START, database, invocation, next_command
from bot.calendar import StudyCalendar
from bot.clock import Clock, FakeClock
from bot.ports import Invocation
from bot.search.analyser import frequencies
from bot.text import plain_text
from peerbot.bootstrap import Runtime, build
from peerbot.config import Settings
from storage import normalize_url, safe_url

OPTION = re.compile(r"(?:^|\s+)(category|assignment|topic|anyway):(\S+)")
"""The options /ask takes, cut from its text (the floor keeps `category:` only)."""

Variant = Callable[[Invocation], Awaitable[None]]


def ask_text(args: str) -> tuple[str, str]:
    """The question's text (NFC, trimmed, options cut) and its category."""
    category = "general"
    for match in OPTION.finditer(args):
        if match.group(1) == "category":
            category = match.group(2)
    text = unicodedata.normalize("NFC", OPTION.sub("", args)).strip()
    return text, category


def answer_text(args: str) -> tuple[int, str]:
    number, _, text = args.partition(" ")
    return int(number), unicodedata.normalize("NFC", text).strip()


def session_date(
    start: date,
    zone: str,
    country: str | None,
    weekdays: str,
    days_off: Sequence[date],
    at: datetime,
) -> date:
    """The study day a command at `at` belongs to, by peerbot's own calendar."""
    calendar = StudyCalendar(
        start=start,
        zone=zone,
        country=country,
        weekdays=frozenset(int(day) for day in weekdays.split(",")),
        days_off=frozenset(days_off),
    )
    return calendar.session_date(at)


# --- SQLite: sqlite3, statements with `?` ---------------------------------------------------

SQLITE_ASK_LOOKUP = """
SELECT t.id, m.id, t.start_date, t.zone, t.country, t.weekdays,
       (SELECT group_concat(o.day) FROM team_days_off o WHERE o.team_id = t.id)
FROM teams t JOIN members m ON m.team_id = t.id AND m.user_id = ?
WHERE t.platform = ? AND t.channel_id = ?"""
SQLITE_ANSWER_LOOKUP = """
SELECT t.id, m.id, q.id, q.status
FROM teams t JOIN members m ON m.team_id = t.id AND m.user_id = ?
JOIN questions q ON q.team_id = t.id AND q.number = ? AND q.deleted_at IS NULL
WHERE t.platform = ? AND t.channel_id = ?"""
SQLITE_NEXT_NUMBER = (
    "UPDATE teams SET next_question_number = next_question_number + 1 WHERE id = ? "
    "RETURNING next_question_number - 1"
)
SQLITE_INSERT_QUESTION = (
    "INSERT INTO questions (team_id, number, asker_id, text, category, study_date, asked_at, "
    "status, flag) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', 'none') RETURNING id"
)
SQLITE_INSERT_ANSWER = (
    "INSERT INTO answers (question_id, member_id, text, created_at) VALUES (?, ?, ?, ?)"
)
SQLITE_ANSWERED = "UPDATE questions SET status = 'answered' WHERE id = ?"
SQLITE_INSERT_POSTING = (
    "INSERT INTO search_postings (team_id, kind, term, question_id, tf, length) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
SQLITE_GROW_DOCUMENT = (
    "UPDATE search_postings SET length = length + ? WHERE team_id = ? AND kind = 'a' "
    "AND question_id = ? RETURNING term, length"
)
SQLITE_ADD_TF = SQLITE_INSERT_POSTING + (
    " ON CONFLICT (team_id, kind, term, question_id) DO UPDATE SET tf = tf + excluded.tf"
)
SQLITE_ADD_DF = (
    "INSERT INTO search_df (team_id, kind, term, df) VALUES (?, ?, ?, 1) "
    "ON CONFLICT (team_id, kind, term) DO UPDATE SET df = df + 1"
)
SQLITE_ADD_STATS = (
    "INSERT INTO search_stats (team_id, kind, docs, total_length) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (team_id, kind) DO UPDATE SET docs = docs + excluded.docs, "
    "total_length = total_length + excluded.total_length"
)


def sqlite_instant(at: datetime) -> str:
    """An instant as peerbot's `UtcDateTime` stores it on SQLite: the UTC wall time."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


class SqliteFloor:
    """/ask and /answer in sqlite3, one `BEGIN IMMEDIATE` transaction each."""

    def __init__(self, path: Path, clock: Clock) -> None:
        self._db = sqlite3.connect(path, isolation_level=None)
        for pragma in ("busy_timeout = 5000", "foreign_keys = ON", "synchronous = NORMAL"):
            self._db.execute(f"PRAGMA {pragma}")
        assert self._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        self._clock = clock

    async def run(self, inv: Invocation) -> None:
        if inv.command == "ask":
            self.ask(inv)
        else:
            self.answer(inv)

    def ask(self, inv: Invocation) -> None:
        text, category = ask_text(inv.args)
        counts = frequencies(text)
        now = self._clock.now()
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            row = db.execute(SQLITE_ASK_LOOKUP, (inv.user_id, inv.platform, inv.channel_id))
            team_id, member_id, start, zone, country, weekdays, off = row.fetchone()
            days_off = [date.fromisoformat(d) for d in off.split(",")] if off else []
            day = session_date(date.fromisoformat(start), zone, country, weekdays, days_off, now)
            (number,) = db.execute(SQLITE_NEXT_NUMBER, (team_id,)).fetchone()
            values = (
                team_id,
                number,
                member_id,
                text,
                category,
                day.isoformat(),
                sqlite_instant(now),
            )
            (question_id,) = db.execute(SQLITE_INSERT_QUESTION, values).fetchone()
            if counts:
                length = sum(counts.values())
                postings = [(team_id, "q", t, question_id, tf, length) for t, tf in counts.items()]
                db.executemany(SQLITE_INSERT_POSTING, postings)
                db.executemany(SQLITE_ADD_DF, [(team_id, "q", t) for t in counts])
                db.execute(SQLITE_ADD_STATS, (team_id, "q", 1, length))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def answer(self, inv: Invocation) -> None:
        number, text = answer_text(inv.args)
        counts = frequencies(text)
        now = sqlite_instant(self._clock.now())
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            lookup = (inv.user_id, number, inv.platform, inv.channel_id)
            found = db.execute(SQLITE_ANSWER_LOOKUP, lookup).fetchone()
            if found is None:
                raise LookupError(f"no question {number} or member {inv.user_id} here")
            team_id, member_id, question_id, status = found
            db.execute(SQLITE_INSERT_ANSWER, (question_id, member_id, text, now))
            if counts:
                added = sum(counts.values())
                grown = db.execute(SQLITE_GROW_DOCUMENT, (added, team_id, question_id)).fetchall()
                length = grown[0][1] if grown else added
                postings = [(team_id, "a", t, question_id, tf, length) for t, tf in counts.items()]
                db.executemany(SQLITE_ADD_TF, postings)
                had = {term for term, _ in grown}
                db.executemany(SQLITE_ADD_DF, [(team_id, "a", t) for t in counts if t not in had])
                db.execute(SQLITE_ADD_STATS, (team_id, "a", 0 if grown else 1, added))
            if status == "open":
                db.execute(SQLITE_ANSWERED, (question_id,))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    async def close(self) -> None:
        self._db.close()


# --- PostgreSQL: asyncpg, statements with `$n`, prepared once -------------------------------

PG_ASK_LOOKUP = """
SELECT t.id, m.id, t.start_date, t.zone, t.country, t.weekdays,
       ARRAY(SELECT o.day FROM team_days_off o WHERE o.team_id = t.id)
FROM teams t JOIN members m ON m.team_id = t.id AND m.user_id = $1
WHERE t.platform = $2 AND t.channel_id = $3"""
PG_ANSWER_LOOKUP = """
SELECT t.id, m.id, q.id, q.status
FROM teams t JOIN members m ON m.team_id = t.id AND m.user_id = $1
JOIN questions q ON q.team_id = t.id AND q.number = $2 AND q.deleted_at IS NULL
WHERE t.platform = $3 AND t.channel_id = $4"""
PG_NEXT_NUMBER = (
    "UPDATE teams SET next_question_number = next_question_number + 1 WHERE id = $1 "
    "RETURNING next_question_number - 1"
)
PG_INSERT_QUESTION = (
    "INSERT INTO questions (team_id, number, asker_id, text, category, study_date, asked_at, "
    "status, flag) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', 'none') RETURNING id"
)
PG_INSERT_ANSWER = (
    "INSERT INTO answers (question_id, member_id, text, created_at) VALUES ($1, $2, $3, $4)"
)
PG_ANSWERED = "UPDATE questions SET status = 'answered' WHERE id = $1"
PG_INSERT_POSTINGS = (
    "INSERT INTO search_postings (team_id, kind, term, question_id, tf, length) "
    "SELECT $1, $2, u.term, $3, u.tf, $4 FROM unnest($5::text[], $6::int[]) AS u(term, tf)"
)
PG_GROW_DOCUMENT = (
    "UPDATE search_postings SET length = length + $1 WHERE team_id = $2 AND kind = 'a' "
    "AND question_id = $3 RETURNING term, length"
)
PG_ADD_TF = PG_INSERT_POSTINGS + (
    " ON CONFLICT (team_id, kind, term, question_id) "
    "DO UPDATE SET tf = search_postings.tf + excluded.tf"
)
PG_ADD_DF = (
    "INSERT INTO search_df (team_id, kind, term, df) "
    "SELECT $1, $2, u.term, 1 FROM unnest($3::text[]) AS u(term) "
    "ON CONFLICT (team_id, kind, term) DO UPDATE SET df = search_df.df + 1"
)
PG_ADD_STATS = (
    "INSERT INTO search_stats (team_id, kind, docs, total_length) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (team_id, kind) DO UPDATE SET docs = search_stats.docs + excluded.docs, "
    "total_length = search_stats.total_length + excluded.total_length"
)


class PostgresFloor:
    """/ask and /answer in asyncpg on one connection, one transaction each."""

    def __init__(self, conn: asyncpg.Connection, clock: Clock) -> None:
        self._conn = conn
        self._clock = clock
        self._s: dict[str, Any] = {}

    @classmethod
    async def connect(cls, url: str, clock: Clock) -> PostgresFloor:
        dsn, schema = asyncpg_dsn(url)
        floor = cls(await asyncpg.connect(dsn, server_settings={"search_path": schema}), clock)
        names = {k: v for k, v in globals().items() if k.startswith("PG_")}
        floor._s = {k: await floor._conn.prepare(sql) for k, sql in names.items()}
        return floor

    async def run(self, inv: Invocation) -> None:
        await (self.ask(inv) if inv.command == "ask" else self.answer(inv))

    async def ask(self, inv: Invocation) -> None:
        text, category = ask_text(inv.args)
        counts = frequencies(text)
        now = self._clock.now()
        s = self._s
        async with self._conn.transaction():
            found = await s["PG_ASK_LOOKUP"].fetchrow(inv.user_id, inv.platform, inv.channel_id)
            team_id, member_id, start, zone, country, weekdays, days_off = found
            day = session_date(start, zone, country, weekdays, days_off, now)
            number = await s["PG_NEXT_NUMBER"].fetchval(team_id)
            values = (team_id, number, member_id, text, category, day, now)
            question_id = await s["PG_INSERT_QUESTION"].fetchval(*values)
            if counts:
                length = sum(counts.values())
                terms, tfs = list(counts), list(counts.values())
                await s["PG_INSERT_POSTINGS"].fetch(team_id, "q", question_id, length, terms, tfs)
                await s["PG_ADD_DF"].fetch(team_id, "q", terms)
                await s["PG_ADD_STATS"].fetch(team_id, "q", 1, length)

    async def answer(self, inv: Invocation) -> None:
        number, text = answer_text(inv.args)
        counts = frequencies(text)
        now = self._clock.now()
        s = self._s
        async with self._conn.transaction():
            lookup = (inv.user_id, number, inv.platform, inv.channel_id)
            found = await s["PG_ANSWER_LOOKUP"].fetchrow(*lookup)
            if found is None:
                raise LookupError(f"no question {number} or member {inv.user_id} here")
            team_id, member_id, question_id, status = found
            await s["PG_INSERT_ANSWER"].fetch(question_id, member_id, text, now)
            if counts:
                added = sum(counts.values())
                grown = await s["PG_GROW_DOCUMENT"].fetch(added, team_id, question_id)
                length = grown[0]["length"] if grown else added
                terms, tfs = list(counts), list(counts.values())
                await s["PG_ADD_TF"].fetch(team_id, "a", question_id, length, terms, tfs)
                had = {row["term"] for row in grown}
                new = [t for t in terms if t not in had]
                if new:
                    await s["PG_ADD_DF"].fetch(team_id, "a", new)
                await s["PG_ADD_STATS"].fetch(team_id, "a", 0 if grown else 1, added)
            if status == "open":
                await s["PG_ANSWERED"].fetch(question_id)

    async def close(self) -> None:
        await self._conn.close()


def asyncpg_dsn(url: str) -> tuple[str, str]:
    """A `bench.commands.database` URL as asyncpg's DSN and the schema it searches."""
    parts = urlsplit(url)
    options = parse_qs(parts.query).get("options", [""])[0]  # "-csearch_path=bench_1234abcd"
    schema = options.partition("search_path=")[2] or "public"
    dsn = parts._replace(scheme="postgresql", query="").geturl()
    return dsn, schema


# --- the comparison -----------------------------------------------------------------------

CONTENT = {
    "questions": "SELECT q.team_id, q.number, q.asker_id, q.text, q.category, q.assignment, "
    "q.study_date, q.asked_at, q.status, q.flag, q.flagged_at, q.resolved_at, "
    "q.accepted_answer_id, q.deleted_at, q.source_link, q.topic FROM questions q "
    "ORDER BY q.team_id, q.number",
    "answers": "SELECT q.team_id, q.number, a.member_id, a.text, a.created_at, a.deleted_at, "
    "a.source_link, a.endorsed_at FROM answers a JOIN questions q ON q.id = a.question_id "
    "ORDER BY q.team_id, q.number, a.id",
    "search_postings": "SELECT p.team_id, p.kind, p.term, q.number, p.tf, p.length "
    "FROM search_postings p JOIN questions q ON q.id = p.question_id ORDER BY 1, 2, 3, 4",
    "search_df": "SELECT team_id, kind, term, df FROM search_df ORDER BY 1, 2, 3",
    "search_stats": "SELECT team_id, kind, docs, total_length FROM search_stats ORDER BY 1, 2",
    "teams": "SELECT id, next_question_number FROM teams ORDER BY id",
    "ask_drafts": "SELECT team_id, text FROM ask_drafts ORDER BY id",
}
STATUSES = "SELECT status, count(*) FROM questions GROUP BY status ORDER BY status"


async def read_all(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Each compared table's rows (ids replaced by question numbers), and the statuses."""
    queries = {**CONTENT, "statuses": STATUSES}
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return {name: db.execute(sql).fetchall() for name, sql in queries.items()}
    dsn, schema = asyncpg_dsn(url)
    conn = await asyncpg.connect(dsn, server_settings={"search_path": schema})
    try:
        return {name: [tuple(r) for r in await conn.fetch(sql)] for name, sql in queries.items()}
    finally:
        await conn.close()


async def same_work(floor_url: str, peerbot_url: str) -> bool:
    """Print both databases' row counts and statuses; True when every table is the same."""
    floor, peerbot = await read_all(floor_url), await read_all(peerbot_url)
    ok = True
    for name in CONTENT:
        same = floor[name] == peerbot[name]
        ok = ok and same
        mark = "same rows" if same else "DIFFERENT"
        print(f"{name:>22}: floor {len(floor[name]):>6}, peerbot {len(peerbot[name]):>6}  {mark}")
        if not same:
            for left, right in zip(floor[name], peerbot[name], strict=False):
                if left != right:
                    print(f"{'':>24}first difference: floor {left} / peerbot {right}")
                    break
    statuses = {"floor": dict(floor["statuses"]), "peerbot": dict(peerbot["statuses"])}
    print(f"{'question statuses':>22}: floor {statuses['floor']}, peerbot {statuses['peerbot']}")
    return ok and statuses["floor"] == statuses["peerbot"]


# --- set-up and the rounds ------------------------------------------------------------------


async def set_up(runtime: Runtime, teams: int, members: int) -> None:
    """Teams with the "asked before?" check off, each member in with a first question."""
    for team in range(teams):
        setup = invocation(team, 0, "team", "setup start:2021-08-02 lang:en similar:off")
        await handled(runtime, setup)
        for member in range(members):
            await handled(runtime, invocation(team, member, "ask", f"warm-up question {member}"))


async def handled(runtime: Runtime, inv: Invocation) -> None:
    reply = await runtime.bot.handle(inv)
    if not reply.ok:
        raise RuntimeError(
            f"peerbot refused /{inv.command} {inv.args}: {plain_text(reply.message)}"
        )


@dataclass
class Figures:
    """One variant's rounds: CPU and wall seconds per command, and CPU per command kind."""

    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    kinds: dict[str, list[float]] = field(default_factory=dict)

    def line(self, name: str) -> str:
        cpu, wall = median_us(self.cpu), median_us(self.wall)
        kinds = ", ".join(f"{k} {median_us(v):.0f}" for k, v in sorted(self.kinds.items()))
        rounds = " ".join(f"{x * 1e6:.0f}" for x in self.cpu)
        return (
            f"{name:>22}: CPU {cpu:7.0f} µs/command ({kinds}), wall {wall:7.0f} µs/command; "
            f"CPU by round: {rounds}"
        )


def median_us(values: list[float]) -> float:
    return statistics.median(values) * 1e6


class Workload:
    """Each round's commands, given to both variants (the floor ignores the invocation ids, so
    peerbot sees each once); every /ask posts on both, so their databases grow alike."""

    def __init__(self, teams: int, members: int) -> None:
        self._teams, self._members = teams, members
        self._asked = {team: members for team in range(teams)}  # the warm-up questions

    def round(self, count: int, seed: int) -> list[Invocation]:
        rng = random.Random(seed)
        commands = []
        for _ in range(count):
            team, member = rng.randrange(self._teams), rng.randrange(self._members)
            commands.append(next_command(team, member, self._asked, rng))
            if commands[-1].command == "ask":
                self._asked[team] += 1
        return commands


async def timed(variant: Variant, commands: list[Invocation], figures: Figures) -> None:
    cpu = time.process_time
    kinds: Counter[str] = Counter()
    spent: dict[str, float] = {}
    wall_start, cpu_start = time.perf_counter(), cpu()
    for inv in commands:
        before = cpu()
        await variant(inv)
        spent[inv.command] = spent.get(inv.command, 0.0) + cpu() - before
        kinds[inv.command] += 1
    total_cpu, wall = cpu() - cpu_start, time.perf_counter() - wall_start
    figures.cpu.append(total_cpu / len(commands))
    figures.wall.append(wall / len(commands))
    for kind, seconds in spent.items():
        figures.kinds.setdefault(kind, []).append(seconds / kinds[kind])


async def bench(kind: str, rounds: int, commands: int, teams: int, members: int) -> bool:
    """Set both databases up, run the rounds, print the figures; True if the work matched."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "floor").mkdir()
        (Path(tmp) / "peerbot").mkdir()
        floor_url, drop_floor = database(kind, Path(tmp) / "floor")
        peerbot_url, drop_peerbot = database(kind, Path(tmp) / "peerbot")
        clock = FakeClock(START)
        try:
            settings = Settings(database_url=floor_url, data_dir=Path(tmp) / "floor")
            setup = await build(settings, clock)
            await set_up(setup, teams, members)
            await setup.close()
            runtime = await build(
                Settings(database_url=peerbot_url, data_dir=Path(tmp) / "peerbot"), clock
            )
            await set_up(runtime, teams, members)
            floor: SqliteFloor | PostgresFloor
            if kind == "sqlite":
                floor = SqliteFloor(Path(floor_url.removeprefix("sqlite:///")), clock)
            else:
                floor = await PostgresFloor.connect(floor_url, clock)
            try:
                print(
                    f"peerbot floor benchmark: {rounds} rounds x {commands} commands each "
                    f"(half /ask, half /answer, one at a time), {teams} teams x {members} "
                    f"members, database {safe_url(normalize_url(peerbot_url).split('?')[0])}, "
                    f"{os.cpu_count()} CPUs"
                )
                await measure(floor, runtime, rounds, commands, teams, members)
                return await same_work(floor_url, peerbot_url)
            finally:
                await floor.close()
                await runtime.close()
        finally:
            await drop_floor()
            await drop_peerbot()


async def measure(
    floor: SqliteFloor | PostgresFloor,
    runtime: Runtime,
    rounds: int,
    commands: int,
    teams: int,
    members: int,
) -> None:
    async def peerbot(inv: Invocation) -> None:
        await handled(runtime, inv)

    workload = Workload(teams, members)
    figures = {"floor": Figures(), "peerbot": Figures()}
    warm_up = workload.round(min(50, commands), seed=0)  # caches, prepared statements
    await timed(floor.run, warm_up, Figures())
    await timed(peerbot, warm_up, Figures())
    gc.collect()
    gc.freeze()  # as a started bot does (peerbot.bootstrap.settle_heap)
    for number in range(1, rounds + 1):
        batch = workload.round(commands, seed=number)
        order = [("floor", floor.run), ("peerbot", peerbot)]
        for name, variant in order if number % 2 else reversed(order):  # each goes first by turns
            await timed(variant, batch, figures[name])
    gc.unfreeze()
    for name, found in figures.items():
        print(found.line(name))
    cpu = median_us(figures["peerbot"].cpu) / median_us(figures["floor"].cpu)
    wall = median_us(figures["peerbot"].wall) / median_us(figures["floor"].wall)
    kinds = ", ".join(
        f"{k} {median_us(v) / median_us(figures['floor'].kinds[k]):.1f}x"
        for k, v in sorted(figures["peerbot"].kinds.items())
    )
    print(
        f"{'peerbot / floor':>22}: CPU {cpu:.1f}x ({kinds}), wall {wall:.1f}x; goal: CPU at most 3x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite", choices=("sqlite", "postgres"))
    parser.add_argument("--rounds", type=int, default=5, help="rounds of each variant")
    parser.add_argument("--commands", type=int, default=500, help="commands per round")
    parser.add_argument("--teams", type=int, default=10)
    parser.add_argument("--members", type=int, default=5, help="members per team")
    opts = parser.parse_args()
    ok = asyncio.run(bench(opts.db, opts.rounds, opts.commands, opts.teams, opts.members))
    if not ok:
        print("the floor's database differs from peerbot's: it skipped (or added) durable work")
        sys.exit(1)


if __name__ == "__main__":
    main()
