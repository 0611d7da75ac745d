"""A demo team for the web view's screenshots and benchmark: two weeks of questions, answers,
notes, retrospectives and a mentor, in the fake store (`tests.fakes`), driven by commands."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tests.conftest import SEOUL
from tests.web.seed import Seeded

QUESTIONS = [
    (
        "2021-08-02",
        "lee",
        "lecture",
        "Why does SVD return the singular values sorted?",
        "kim",
        "They are ordered by size, so the first k give the best rank-k approximation.",
    ),
    (
        "2021-08-03",
        "park",
        "general",
        "What does optimizer.zero_grad() reset, and why every step?",
        "lee",
        "The .grad buffers: backward() adds to them, so stale gradients would pile up.",
    ),
    (
        "2021-08-04",
        "choi",
        "assignment",
        "Is nn.Linear's weight stored as (out, in) or (in, out)?",
        "park",
        "(out_features, in_features): y = x W^T + b.",
    ),
    (
        "2021-08-05",
        "kim",
        "lecture",
        "When is batch norm better placed before the activation?",
        "",
        "",
    ),
    (
        "2021-08-09",
        "lee",
        "general",
        "How do I keep a tqdm bar from breaking the notebook log?",
        "choi",
        "Use tqdm.auto and leave=False inside nested loops.",
    ),
    (
        "2021-08-10",
        "park",
        "lecture",
        "Why does the attention score divide by sqrt(d_k)?",
        "kim",
        "To keep the dot products' variance near 1 so softmax does not saturate.",
    ),
    (
        "2021-08-11",
        "choi",
        "assignment",
        "Can the DataLoader's collate_fn pad variable lengths?",
        "",
        "",
    ),
]

# The demo team's pages, as the screenshots and the web benchmark read them.
PAGES = {
    "calendar": "",
    "day": "day/2021-08-10",
    "question": "question/2",
    "search": "search?q=grad",
    "digests": "digests",
    "digest": "digest/2/peer-minutes",
    "mentors": "mentors",
    "stats": "stats",
}


async def demo(factory: Any = None) -> Seeded:
    """The team "Level 1 · Team 7" (English) with its fortnight, and a Korean team; on the fake
    store unless given a unit-of-work factory (the benchmark's SQLite)."""
    s = Seeded(factory)
    await s.ok(
        "kim",
        '/team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:en name:"Level 1 · Team 7"',
    )
    for number, (day, asker, category, text, answerer, answer) in enumerate(QUESTIONS, 1):
        s.clock.set(datetime.fromisoformat(f"{day}T10:00").replace(tzinfo=SEOUL))
        await s.ok(asker, f"/ask {text} category:{category}")
        if answerer:
            s.clock.set(datetime.fromisoformat(f"{day}T14:00").replace(tzinfo=SEOUL))
            await s.ok(answerer, f"/answer {number} {answer}")
            await s.ok(asker, f"/accept {number}")
        for member in ("kim", "lee", "park", "choi"):
            if (member, day) != ("choi", "2021-08-05"):
                await s.ok(member, f"/retro fact: {text[:30]} feeling: fine plan: review it")
    s.clock.set(datetime(2021, 8, 11, 16, 0, tzinfo=SEOUL))
    await s.ok("kim", "/escalate 4")
    await s.ok("jung", "/answer 4 After, usually; the original paper put it before.")
    await s.ok("kim", "/team members set:jung role:mentor")
    await s.ok("kim", "/escalate 7")
    await s.ok(
        "ko", "/team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:ko name:베타", "c2"
    )
    s.clock.set(datetime(2021, 8, 11, 10, 0, tzinfo=SEOUL))
    await s.ok("ko", "/ask SVD에서 특이값은 항상 정렬되어 있나요?", "c2")
    s.clock.set(datetime(2021, 8, 11, 17, 0, tzinfo=SEOUL))
    return s
