"""Benchmark: ranked search and "asked before?" over a team of 100,000 questions.

One team gets N questions (half with an answer), their words drawn with a Zipf skew from the
seeds' real questions, bulk-inserted with their index rows (built by the same analyser as the
bot). Then, in the same run, each query of a mix (common and rare, Korean and English, an
identifier) goes through the ranked search (`uow.search.search`, a page of 30 and the count)
and through the plain LIKE scan the lists used before (count and page, `%word%` on questions
and answers): p50/p99 of both and their ratio. Last, the similar-question check /ask adds
(`uow.search.similar`) for paraphrase-like texts, after a warm-up.

    python -m bench.search [--questions 100000] [--runs 30] [--db sqlite|postgres|URL]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import text

from bench.commands import database
from bot.search.analyser import frequencies, query_terms
from storage import SqlUnitOfWorkFactory, create_engine, upgrade_async
from storage.engine import create_sync_engine

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
T0 = datetime(2021, 8, 9, 4, 0, tzinfo=UTC)
FALLBACK = (
    "SVD singular value 정렬 크기 순서 Adam 최적화 gradient 누적 zero_grad optimizer.step "
    "transformer encoder residual attention embedding position random 값 이유 구현 학습 "
    "데이터 모델 colab 구글드라이브 마운트 저장 patch latent vector shape cls_token concat"
)
LIKE = (
    "SELECT {what} FROM questions q WHERE q.team_id = :team AND q.deleted_at IS NULL AND "
    "(lower(q.text) LIKE :pattern OR EXISTS (SELECT 1 FROM answers a WHERE a.question_id = "
    "q.id AND a.deleted_at IS NULL AND lower(a.text) LIKE :pattern)) {tail}"
)


def vocabulary() -> list[str]:
    """Words of the seeds' questions (lines with a `?`), most frequent first."""
    words: Counter[str] = Counter()
    for path in sorted(SEEDS.glob("*.md")) if SEEDS.exists() else []:
        for line in path.read_text("utf-8").splitlines():
            if "?" in line:
                words.update(re.findall(r"[\w.]+", line))
    found = [w for w, _ in words.most_common() if len(w) > 1 and query_terms(w, 1)]
    return found if len(found) > 50 else FALLBACK.split()


def texts(count: int, words: list[str], rng: random.Random) -> list[str]:
    weights = [1 / (rank + 1) for rank in range(len(words))]  # Zipf: a few words are everywhere
    return [" ".join(rng.choices(words, weights, k=rng.randint(6, 14))) + "?" for _ in range(count)]


def seed(url: str, count: int) -> tuple[int, list[str], float]:
    """The team, its question texts, and the seconds the bulk insert took."""
    rng = random.Random(16)
    words = vocabulary()
    questions = texts(count, words, rng)
    answers = texts(count // 2, words, rng)
    started = time.perf_counter()
    engine = create_sync_engine(url)
    with engine.begin() as conn:
        team = conn.execute(
            text(
                "INSERT INTO teams (platform, channel_id, name, start_date, zone, language, "
                "retro_template, weekdays, similar_check) VALUES ('bench', 'c1', 'search', :d, "
                "'Asia/Seoul', 'ko', 'fff', '0,1,2,3,4', TRUE) RETURNING id"
            ),
            {"d": date(2021, 8, 2)},
        ).scalar_one()
        member = conn.execute(
            text(
                "INSERT INTO members (team_id, user_id, display_name, joined_at) "
                "VALUES (:t, 'u1', 'kim', :at) RETURNING id"
            ),
            {"t": team, "at": T0},
        ).scalar_one()
        conn.execute(
            text(
                "INSERT INTO questions (id, team_id, number, asker_id, text, category, "
                "study_date, asked_at, status, flag) VALUES (:id, :t, :id, :m, :text, "
                "'general', :d, :at, 'open', 'none')"
            ),
            [
                {"id": n, "t": team, "m": member, "text": q, "d": date(2021, 8, 9), "at": T0}
                for n, q in enumerate(questions, start=1)
            ],
        )
        conn.execute(
            text(
                "INSERT INTO answers (question_id, member_id, text, created_at) "
                "VALUES (:q, :m, :text, :at)"
            ),
            [{"q": n * 2, "m": member, "text": a, "at": T0} for n, a in enumerate(answers, 1)],
        )
        index(conn, team, questions, answers)
    if engine.dialect.name == "postgresql":  # what autovacuum does soon after a bulk load
        with engine.begin() as conn:  # committed: on a plain connect() it was rolled back
            conn.execute(text("ANALYZE"))
    engine.dispose()
    return team, questions, time.perf_counter() - started


def index(conn, team: int, questions: list[str], answers: list[str]) -> None:  # type: ignore[no-untyped-def]
    """The postings, df and stats of both kinds, as `storage.search_index.reindex` writes them."""
    documents = {("q", n): frequencies(t) for n, t in enumerate(questions, 1)}
    documents.update({("a", n * 2): frequencies(t) for n, t in enumerate(answers, 1)})
    postings, df, stats = [], Counter[tuple[str, str]](), Counter[tuple[str, str]]()
    for (kind, qid), counts in documents.items():
        length = sum(counts.values())
        if not length:
            continue
        stats[(kind, "docs")] += 1
        stats[(kind, "length")] += length
        for term, tf in counts.items():
            df[(kind, term)] += 1
            postings.append(
                {"t": team, "k": kind, "term": term, "q": qid, "tf": tf, "length": length}
            )
    conn.execute(
        text(
            "INSERT INTO search_postings (team_id, kind, term, question_id, tf, length) "
            "VALUES (:t, :k, :term, :q, :tf, :length)"
        ),
        postings,
    )
    conn.execute(
        text("INSERT INTO search_df (team_id, kind, term, df) VALUES (:t, :k, :term, :df)"),
        [{"t": team, "k": k, "term": term, "df": n} for (k, term), n in df.items()],
    )
    conn.execute(
        text(
            "INSERT INTO search_stats (team_id, kind, docs, total_length) "
            "VALUES (:t, :k, :docs, :length)"
        ),
        [
            {"t": team, "k": k, "docs": stats[(k, "docs")], "length": stats[(k, "length")]}
            for k in ("q", "a")
        ],
    )


async def timed(call: Callable[[], Awaitable[object]], runs: int) -> tuple[float, float]:
    """p50 and p99 in milliseconds, after one warm-up call."""
    await call()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))]


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--db", default="sqlite")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url, drop = database(options.db, Path(tmp))
        try:
            await upgrade_async(url)
            team, questions, seconds = await asyncio.to_thread(seed, url, options.questions)
            print(f"{options.db}: {options.questions} questions seeded in {seconds:.1f} s")
            await measure(url, team, questions, options.runs)
        finally:
            await drop()


async def measure(url: str, team: int, questions: list[str], runs: int) -> None:
    engine = create_engine(url)
    factory = SqlUnitOfWorkFactory(engine)
    words = vocabulary()
    mix = {
        "commonest word": words[0],
        "common word": words[3],
        "mid word": words[len(words) // 4],
        "rare word": words[-1],
        "two words": f"{words[1]} {words[len(words) // 3]}",
        "korean ending": "정렬된" if "정렬되어" in " ".join(words) else words[5],
    }
    print("queries:", {name: query for name, query in mix.items()})
    print(f"{'query':16} {'ranked p50/p99 ms':>18} {'LIKE p50/p99 ms':>17} {'p99 ratio':>9}")
    try:
        for name, query in mix.items():

            async def ranked(query: str = query) -> None:
                async with factory() as uow:
                    await uow.search.search(team, query, limit=30)

            async def like(query: str = query) -> None:
                pattern = f"%{query.split()[0].lower()}%"
                async with engine.connect() as conn:
                    params = {"team": team, "pattern": pattern}
                    await conn.execute(text(LIKE.format(what="COUNT(*)", tail="")), params)
                    page = LIKE.format(what="q.number", tail="ORDER BY q.number LIMIT 30")
                    await conn.execute(text(page), params)

            r50, r99 = await timed(ranked, runs)
            l50, l99 = await timed(like, runs)
            print(f"{name:16} {r50:8.1f}/{r99:<8.1f} {l50:8.1f}/{l99:<8.1f} {l99 / r99:8.1f}x")
        rng = random.Random(17)
        asks = [" ".join(reversed(rng.choice(questions).split())) for _ in range(runs * 5)]
        texts_iter = iter(asks * 2)

        async def similar() -> None:
            async with factory() as uow:
                await uow.search.similar(team, next(texts_iter))

        s50, s99 = await timed(similar, runs * 5)
        print(f"asked before? (similar check at /ask): p50 {s50:.1f} ms, p99 {s99:.1f} ms")
    finally:
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
