"""Korean stems by hand-written rules: particles and verb endings stripped from a Hangul word.

Measured against kiwipiepy 0.24 (a morphological analyser shipping its model as a package) on
this machine: kiwipiepy takes 5.0 s and +507 MB to load and ~1.0 ms a question; these rules
load in no time, take ~0.05 ms a question, and score the same on the labelled pairs
(README, "Search"). What they do: the longest known ending is cut (`되어`, `된다`, `인가요`, `을`),
a contracted ending is undone (`된` -> `되`, `했` -> `하`), and the derivational `하`/`되`/`시키`
after a noun goes too, so 정렬된 / 정렬되어 / 정렬된다 / 정렬을 all give 정렬. A one-syllable
particle is cut only where the sound before it allows it (`을` after a final consonant, `를`
after a vowel): 평가 keeps its 가, 값을 loses its 을.
"""

from __future__ import annotations

from functools import lru_cache

_BASE, _LAST = 0xAC00, 0xD7A3
_FOLDED = {4: "ㄴ", 8: "ㄹ", 17: "ㅂ"}  # final consonants an ending folds in
WARM_WORD = "정렬되어"  # what `bot.search.analyser.warm` stems once


def _words(text: str) -> list[str]:
    return text.split()


def is_hangul(char: str) -> bool:
    return _BASE <= ord(char) <= _LAST


def _final(char: str) -> int:
    """The final consonant's index (0: none) of a Hangul syllable."""
    return (ord(char) - _BASE) % 28


def _without_final(char: str) -> str:
    return chr(ord(char) - _final(char))


# Verb and adjective endings (and copula forms), longest tried first; cut whole.
_ENDINGS = tuple(
    sorted(
        {
            *_words("다 요 고 면 지 게 기 며 죠 니 나 자 서 냐 네 래 데 음 "),
            *_words(
                "는다 나요 가요 까요 는데 은데 인데 어서 아서 어요 아요 었다 "
                "았다 였다 습니다 니다 는지 은지 인지 는가 인가 던데 도록 려면 "
                "려고 으면 으니 니까 으니까 어도 아도 어야 아야 었는데 았는데 "
                "었나요 았나요 였나요 었어요 았어요 였어요 인가요 일까요 일까 "
                "인지요 인데요 는데요 은데요 나요 을까요 을까 ㄹ까 습니까 ㅂ니까 "
                "이다 이에요 예요 입니다 이죠 이고 이며 이면 이라 이라고 이라는 "
                "라는 라고 는지요 는거 는건 는걸 은거 던 었 았 였 어 아 는 "
                "은 을 겠다 겠죠 겠나요 ㄴ가요 ㄴ다 있나요 있어요 있습니다 있는 "
                "있고 없나요 없어요 없는 싶어요 싶습니다 싶은데 주세요 줘요 봐요 "
                "보세요 드려요 "
            ),
        },
        key=len,
        reverse=True,
    )
)

# Particles: cut after a noun. `after` says which sound must come before: "c" a final
# consonant, "v" a vowel (or ㄹ for 로), "" either (then at least two syllables stay).
_PARTICLES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        (
            *(
                (p, "")
                for p in _words(
                    "에서부터 으로부터 에게서 한테서 까지는 에서는 에서도 으로는 "
                    "으로도 에서의 에게 한테 에서 부터 까지 마다 처럼 보다 이랑 "
                    "이나 이든 이며 에는 에도 와는 과는 로는 로도 의 도 만 에 랑 "
                    "께 께서 조차 마저 밖에 대로 만큼 같이 이라도 라도 들 "
                )
            ),
            *((p, "c") for p in ("을", "은", "이", "과", "으로", "이랑", "이나")),
            *((p, "v") for p in ("를", "는", "가", "와", "로", "랑", "나")),
        ),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
)

# A contracted syllable (an ending folded into it) and the verb it stands for.
_CONTRACTED = {
    "됐": "되",
    "돼": "되",
    "된": "되",
    "될": "되",
    "됨": "되",
    "됩": "되",
    "했": "하",
    "해": "하",
    "한": "하",
    "할": "하",
    "함": "하",
    "합": "하",
    "인": "이",
    "일": "이",
    "임": "이",
    "입": "이",
    "였": "이",
    "시켜": "시키",
    "시킨": "시키",
    "시킬": "시키",
}
_DERIVATIONAL = ("시키", "하", "되", "이")  # 정렬하 / 정렬되 / 정렬시키 / 값이 -> the noun

_BARE = frozenset(
    {*_ENDINGS, *(p for p, _ in _PARTICLES)}
    | set(
        _words("하면 해서 하는 되는 있는 없는 같은 하고 해요 했어요 합니다 됩니다 입니다 인가요 ")
    )
)

STOP = frozenset(
    _words(
        "있 없 하 되 이 것 수 그 저 왜 어떻게 무엇 뭐 때 좀 더 잘 "
        "안 못 등 및 또 또는 그리고 그런데 하지만 아니 같 어떤 어디 "
        "언제 누가 제 저희 우리 나 너 거 게 건 걸 궁금 질문 경우 "
        "혹시 이거 그거 저거 이것 그것 여기 거기 이런 그런 저런 다 "
        "모두 알 보 주 싶 해 경우에 "
    )
)


def _allowed(word: str, particle: str, after: str) -> bool:
    rest = word[: -len(particle)]
    if not rest:
        return False
    before = rest[-1]
    if not is_hangul(before):
        return True
    if after == "c":
        return _final(before) != 0
    if after == "v":
        return _final(before) == 0 or (particle in ("로", "랑") and _final(before) == 8)
    return len(rest) >= 2 or len(particle) >= 2


_ENDING_SET = frozenset(_ENDINGS)
_PARTICLE_AFTER = dict(_PARTICLES)
_LONGEST = max(len(e) for e in (*_ENDINGS, *_PARTICLE_AFTER))


def _cut_ending(word: str) -> str | None:
    """The longest ending cut (a set lookup per length: any word costs the same few steps)."""
    for size in range(min(_LONGEST, len(word)), 0, -1):
        tail = word[-size:]
        if tail in _ENDING_SET:
            keep = 2 if size == 1 and tail not in "다요" else 1  # 순서, 크기 stay whole
            if len(word) >= size + keep:
                return word[:-size]
        head = word[:-size]
        if not head or not is_hangul(head[-1]) or _final(head[-1]) not in _FOLDED:
            continue
        if _FOLDED[_final(head[-1])] + tail in _ENDING_SET:  # a final consonant: 간다 / 갈까
            return head[:-1] + _without_final(head[-1])
    return None


def _cut_particle(word: str) -> str | None:
    for size in range(min(_LONGEST, len(word)), 0, -1):
        after = _PARTICLE_AFTER.get(word[-size:])
        if after is not None and _allowed(word, word[-size:], after):
            return word[:-size]
    return None


def _undo_contraction(word: str) -> str:
    for size in (2, 1):
        verb = _CONTRACTED.get(word[-size:])
        if verb is not None and len(word) > size:
            return word[:-size] + verb
    return word


def _cut_derivational(word: str) -> str:
    for suffix in _DERIVATIONAL:
        rest = word[: -len(suffix)]
        if word.endswith(suffix) and rest:
            if suffix == "이" and not (rest and _final(rest[-1])):
                continue  # 값이 (copula after a consonant) but not 아이, 거리
            return rest
    return word


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one Hangul word (a run of syllables): 정렬되어 -> 정렬, 값인가요 -> 값."""
    if word in _BARE:
        return ""  # a particle or an ending standing alone (`에서`, `을`, `하면`)
    if len(word) <= 1:
        return word
    current = word
    for _ in range(3):  # an ending, then what it leaves (되어있는데요 -> 되어있는 -> 되어 -> …)
        cut = _cut_ending(current) or _cut_particle(current)
        if cut is None or not cut:
            break
        current = cut
    current = _undo_contraction(current)
    if len(current) >= 2:
        current = _cut_derivational(current)
    return current or word
