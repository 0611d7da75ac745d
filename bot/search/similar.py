"""How alike two questions are: the idf-weighted Dice overlap of their terms (0..1).

Terms (`bot.search.analyser`) make it blind to endings and word order (정렬된 값인가요 and
정렬되어 있나요 share 정렬); weighting by idf makes a shared rare word count more than a
shared common one. `SIMILAR_FLOOR` was chosen on the labelled pairs (tests/data/similar_pairs.tsv,
README "Search"): at or over it, /ask shows the older question.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection

SIMILAR_FLOOR = 0.4


def idf(df: int, docs: int) -> float:
    """BM25's idf, never below a small positive weight."""
    return max(0.05, math.log(1 + (docs - df + 0.5) / (df + 0.5)))


def similarity(
    first: Collection[str], second: Collection[str], weight: Callable[[str], float]
) -> float:
    """2 * weight(shared terms) / (weight(first) + weight(second)); 0 when either is empty."""
    one, other = set(first), set(second)
    if not one or not other:
        return 0.0
    shared = sum(weight(t) for t in one & other)
    return 2 * shared / (sum(weight(t) for t in one) + sum(weight(t) for t in other))
