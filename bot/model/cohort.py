"""Cohorts: teams linked to one mentors' channel, and the pure rules of their queue.

A cohort lives on one platform and owns one channel there (the mentors' channel). Each team in
it gets a short number (1, 2, …, never reused), so a question is named across the cohort by a
ref, `2#12`: the team's number, then the question's. Only escalated questions cross into the
cohort; everything else of a team stays in the team.

Near-duplicates (the same question escalated by two teams) are found by character bigrams,
which need no word segmentation and so suit Korean as well as English: the texts are normalised
(NFKC, casefolded, everything but letters and digits dropped), and two questions of different
teams in the same category (and the same assignment) are near-duplicates when the Jaccard
similarity of their bigram sets reaches `THRESHOLD`. Candidates come from an inverted bigram
index, never from all pairs, and bigrams shared by very many questions (`COMMON_BIGRAM`:
"뭔가", "요" endings, "what is") give no candidates, so the work stays bounded however long the
queue or the texts.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.errors import PeerbotError

THRESHOLD = 0.5
"""Jaccard similarity of two questions' bigram sets from which they are one item (tuned on the
examples of tests/unit/test_cohort_duplicates.py)."""
MAX_NORMALISED = 400  # characters of a question compared (the start says what it asks)
COMMON_BIGRAM = 64  # a bigram in more groups than this finds no candidates
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_LENGTH = 8
MAX_COHORT_NAME = 80


@dataclass
class Cohort:
    """Teams of one platform sharing a mentors' channel (`channel_id`) and their mentors."""

    name: str
    platform: str
    channel_id: str
    language: str
    join_code: str
    created_by: str
    created_at: datetime
    id: int | None = None


@dataclass(frozen=True)
class CohortTeam:
    """A team's place in its cohort: its short number there (`2` of `2#12`)."""

    cohort_id: int
    team_id: int
    number: int
    joined_at: datetime


@dataclass
class CohortMentor:
    """A cohort-wide mentor: a mentor of every team of the cohort, now and later."""

    cohort_id: int
    user_id: str
    display_name: str
    is_admin: bool
    added_at: datetime


def new_join_code() -> str:
    """A random join code of unambiguous capitals and digits (`K7QX3MZP`)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def clean_code(raw: str) -> str:
    """A typed join code as stored: capitals, no spaces or dashes."""
    return re.sub(r"[\s-]+", "", raw).upper()


@dataclass(frozen=True, order=True)
class Ref:
    """A question named across the cohort: team number `team`, question number `number`."""

    team: int
    number: int

    def __str__(self) -> str:
        return f"{self.team}#{self.number}"


_REF = re.compile(r"#?(\d{1,6})\s*#\s*(\d{1,9})")


def parse_refs(raw: str) -> tuple[Ref, ...]:
    """`2#12` or `2#12,3#4` (spaces allowed) as refs, in the order given, each once."""
    parts = [p for p in re.split(r"[,\s]+(?=#?\d+\s*#)", raw.strip()) if p.strip()]
    refs: list[Ref] = []
    for part in parts:
        found = _REF.fullmatch(part.strip().rstrip(","))
        if found is None:
            raise PeerbotError("cohort.bad_ref", ref=raw.strip()[:40] or "?")
        ref = Ref(int(found.group(1)), int(found.group(2)))
        if ref not in refs:
            refs.append(ref)
    if not refs:
        raise PeerbotError("cohort.bad_ref", ref=raw.strip()[:40] or "?")
    return tuple(refs)


def refs_text(refs: Sequence[Ref]) -> str:
    """Refs as typed again: `2#12,3#4`."""
    return ",".join(str(r) for r in refs)


def normalised(text: str) -> str:
    """What is compared of a question: NFKC, casefolded, letters and digits only."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(c for c in folded if unicodedata.category(c)[0] in "LN")
    return kept[:MAX_NORMALISED]


def bigrams(text: str) -> frozenset[str]:
    """The character bigrams of a normalised text (the text itself when shorter)."""
    if len(text) < 2:
        return frozenset((text,)) if text else frozenset()
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the two texts' bigram sets (0 to 1)."""
    return _jaccard(bigrams(normalised(a)), bigrams(normalised(b)))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


@dataclass(frozen=True)
class Candidate:
    """One escalated question as the grouping sees it."""

    ref: Ref
    text: str
    kind: str  # the category and assignment: only questions of one kind merge


@dataclass
class Group:
    """Near-duplicate questions of different teams, shown as one item: the oldest first."""

    members: list[Candidate] = field(default_factory=list)
    grams: frozenset[str] = frozenset()

    @property
    def refs(self) -> tuple[Ref, ...]:
        return tuple(c.ref for c in self.members)


def group_near_duplicates(candidates: Sequence[Candidate]) -> list[Group]:
    """The candidates (oldest escalation first) as items: each joins the earliest group of its
    kind whose first question it resembles (`THRESHOLD`) and that holds no question of its own
    team yet; otherwise it starts one. Groups keep the order of their first question."""
    groups: list[Group] = []
    index: dict[tuple[str, str], list[int]] = {}  # (kind, bigram) -> groups whose seed has it
    for candidate in candidates:
        grams = bigrams(normalised(candidate.text))
        best, best_score = None, THRESHOLD
        tried: set[int] = set()
        for gram in grams:
            posting = index.get((candidate.kind, gram), ())
            if len(posting) > COMMON_BIGRAM:
                continue
            for g in posting:
                if g in tried:
                    continue
                tried.add(g)
                group = groups[g]
                if any(m.ref.team == candidate.ref.team for m in group.members):
                    continue
                score = _jaccard(grams, group.grams)
                if score >= best_score and (best is None or score > best_score or g < best):
                    best, best_score = g, score
        if best is not None:
            groups[best].members.append(candidate)
            continue
        groups.append(Group([candidate], grams))
        for gram in grams:
            index.setdefault((candidate.kind, gram), []).append(len(groups) - 1)
    return groups
