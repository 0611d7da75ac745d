"""Text to search terms, the same for what is indexed and what is searched.

- Korean words are cut to their stems (`bot.search.korean`): 정렬된 / 정렬되어 / 정렬을 -> 정렬.
- English words are stemmed by the Snowball (Porter 2) stemmer: sorting / sorted / sorts -> sort.
- A code identifier (`zero_grad`, `nn.Linear`, `self.fc1`, `__init__`, `optimizer.step()`) is
  kept whole as one term, lower-cased, and its parts are terms too (`zero`, `grad`).
- Stop words of both languages and one-letter Latin words are no terms.

Any text is fine: the text is NFKC-normalised, and control, format (bidi, zero-width) and lone
surrogate characters are dropped before anything else. At most `MAX_TERMS` terms come out, in
their order in the text, so a 10,000-character paste costs a bounded time.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from typing import Any

import snowballstemmer

from bot.i18n.ko_stems import STOP as KOREAN_STOP
from bot.i18n.ko_stems import WARM_WORD, is_hangul, stem

MAX_TERMS = 2000
MAX_CHARS = 20_000  # what a question or an answer holds at most, and then some
MAX_TERM = 64  # characters: a longer token is cut

_IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*(?:\(\))?"
_TOKEN = re.compile(rf"(?P<code>{_IDENTIFIER})|(?P<hangul>[\uac00-\ud7a3]+)|(?P<number>[0-9]+)")

ENGLISH_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "doing",
        "have",
        "has",
        "had",
        "having",
        "i",
        "you",
        "he",
        "she",
        "it",
        "we",
        "they",
        "me",
        "my",
        "your",
        "our",
        "their",
        "its",
        "this",
        "that",
        "these",
        "those",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "about",
        "as",
        "into",
        "or",
        "and",
        "but",
        "if",
        "then",
        "so",
        "not",
        "no",
        "can",
        "could",
        "should",
        "would",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "what",
        "which",
        "who",
        "whom",
        "why",
        "how",
        "when",
        "where",
        "there",
        "here",
        "than",
        "too",
        "very",
        "just",
        "also",
        "any",
        "some",
        "all",
        "each",
        "more",
        "most",
        "such",
        "only",
        "own",
        "same",
        "other",
        "get",
        "got",
        "s",
        "t",
        "don",
        "isn",
        "aren",
        "doesn",
        "didn",
        "question",
    ]
)


@cache
def _stemmer() -> Any:
    return snowballstemmer.stemmer("english")


def warm() -> None:
    """Load what the first analysis would load (the stemmer; milliseconds, but never on the
    event loop: the bot's start calls this in a thread)."""
    terms("warm zero_grad")
    stem(WARM_WORD)


def clean(text: str) -> str:
    """The text with control, format and surrogate characters gone, NFKC-normalised."""
    kept = "".join(c for c in text[:MAX_CHARS] if unicodedata.category(c)[0] != "C" or c in "\n\t")
    return unicodedata.normalize("NFKC", kept)


@lru_cache(maxsize=65536)
def _english(word: str) -> str | None:
    lowered = word.lower()
    if len(lowered) < 2 or lowered in ENGLISH_STOP:
        return None
    return str(_stemmer().stemWord(lowered))[:MAX_TERM]


def _code(token: str) -> list[str]:
    """An identifier: itself (with `_`, `.` or `()`) and its parts; a plain word: its stem."""
    whole = token.lower().removesuffix("()")
    parts = [part for part in re.split(r"[._]+", whole) if part]
    if len(parts) == 1 and "_" not in whole and "." not in whole:
        english = _english(parts[0])
        return [english] if english else []
    found = [whole[:MAX_TERM]]
    for part in parts:
        english = _english(part)
        if english and english != found[0]:
            found.append(english)
    return found


def terms(text: str) -> list[str]:
    """The text's terms in order, repeats kept (for term frequencies), at most `MAX_TERMS`."""
    found: list[str] = []
    for match in _TOKEN.finditer(clean(text)):
        kind, token = match.lastgroup, match.group()
        if kind == "code":
            found += _code(token)
        elif kind == "hangul":
            stemmed = stem(token[:MAX_TERM])
            if stemmed and stemmed not in KOREAN_STOP and all(is_hangul(c) for c in stemmed):
                found.append(stemmed)
        else:
            found.append(token[:MAX_TERM])
        if len(found) >= MAX_TERMS:
            return found[:MAX_TERMS]
    return found


def frequencies(text: str) -> Counter[str]:
    """Each term of the text with how often it occurs."""
    return Counter(terms(text))


def query_terms(text: str, limit: int) -> list[str]:
    """The distinct terms of a search, in the order typed, at most `limit`."""
    return list(dict.fromkeys(terms(text)))[:limit]
