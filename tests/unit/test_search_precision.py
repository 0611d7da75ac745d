"""Precision and recall of "asked before?" on the labelled pairs (tests/data/similar_pairs.tsv):
seed questions and paraphrases (other endings, word order, English-Korean mix) against
questions sharing words but asking something else. `python -m tests.unit.test_search_precision`
prints the figures the README quotes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bot.search.analyser import query_terms
from bot.search.similar import SIMILAR_FLOOR, idf, similarity

PAIRS = Path(__file__).parent.parent / "data" / "similar_pairs.tsv"
PRECISION_FLOOR = 0.9
RECALL_FLOOR = 0.6


def pairs() -> list[tuple[int, str, str]]:
    rows = [line.split("\t") for line in PAIRS.read_text("utf-8").splitlines()]
    return [(int(r[0]), r[1], r[2]) for r in rows if r and not r[0].startswith("#")]


def measure(floor: float = SIMILAR_FLOOR) -> tuple[float, float, int]:
    """(precision, recall, pairs): the corpus of every text of the set gives the idf."""
    labelled = pairs()
    texts = {t for _, a, b in labelled for t in (a, b)}
    df: Counter[str] = Counter()
    for text in texts:
        df.update(set(query_terms(text, 50)))
    kept = tp = fp = fn = 0
    for label, first, second in labelled:
        score = similarity(
            query_terms(first, 50), query_terms(second, 50), lambda t: idf(df[t], len(texts))
        )
        found = score >= floor
        kept += found
        tp += found and label == 1
        fp += found and label == 0
        fn += (not found) and label == 1
    return tp / max(1, tp + fp), tp / max(1, tp + fn), len(labelled)


def test_the_labelled_set_has_enough_pairs_of_both_kinds():
    labels = Counter(label for label, _, _ in pairs())
    assert labels[1] + labels[0] >= 40 and labels[0] >= 15


def test_asked_before_keeps_its_precision_and_recall_floors():
    precision, recall, _ = measure()
    assert precision >= PRECISION_FLOOR, precision
    assert recall >= RECALL_FLOOR, recall


if __name__ == "__main__":
    for floor in (0.3, 0.4, SIMILAR_FLOOR, 0.6, 0.7):
        p, r, n = measure(floor)
        print(f"floor {floor:.2f}: precision {p:.2f} recall {r:.2f} on {n} pairs")
