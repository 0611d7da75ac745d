"""Korean particles chosen by the final sound of the word before them.

Korean writes `질문이` but `과제가`, `#13은` but `#12는`: the particle depends on whether the word
before it ends in a consonant (a 받침) or a vowel, and 으로/로 also on whether that consonant is ㄹ
(`일로`, `삼으로`). `attach(word, particle)` picks the form for `word`; the catalogs ask for it with
a field's format spec (`{title:을}`, see `bot.i18n`). How `word` is heard:

- **Hangul**: its last syllable's final consonant.
- **Numbers**: their Sino-Korean reading (일 이 삼 사 오 육 칠 팔 구, 영 for zero): `1은` `2는`
  `3은` `10은` (십) `100은` (백) `1000은` (천) `10000은` (만) `#12는` (십이). Digits after a
  decimal point are read one by one (`3.5는`).
- **Latin acronyms** (all capitals, or two capitals or more as in `ViT`): the name of the last
  letter; only L (엘), M (엠), N (엔) and R (알) end in a consonant, so `SVD는`, `HTML은`, `ViT는`.
- **Other Latin words**: by how Korean writes their ending: `m`, `n`, `ng` and `l` (also before a
  silent `e`, as in `time`, `line`, `file`) end in a consonant; so does `b`, `c`, `k`, `p` or `t`
  after a single vowel letter (`lab`, `web`, `chat`, `top`) and `ck`/`ook` (`stack`, `notebook`).
  Everything else (`code`, `test`, `grad`, `layer`, `PyTorch`) ends in a vowel, as 코드, 테스트.
- Brackets, quotes and punctuation at the end are skipped: `2021-08-12(목)은`, `zero_grad()는`.

A word whose sound cannot be told (an emoji, nothing at all) gets both forms, `이(가)`, the way
Korean forms write it when the word is unknown.
"""

from __future__ import annotations

# Each particle pair: (after a consonant, after a vowel). 으로/로 is special-cased for ㄹ.
PAIRS: dict[str, tuple[str, str]] = {}
for _consonant, _vowel in (
    ("이", "가"),
    ("은", "는"),
    ("을", "를"),
    ("과", "와"),
    ("으로", "로"),
    ("이라", "라"),
    ("이에요", "예요"),
    ("아", "야"),
):
    PAIRS[_consonant] = PAIRS[_vowel] = (_consonant, _vowel)

_RIEUL = 8  # the index of ㄹ among the final consonants of a Hangul syllable
_SKIPPED = ")]}>([{<'\"`”’」』》〉.,!?…:;*_~ "

# Final sound of each digit's Sino-Korean reading: None a vowel, else the final consonant index.
_DIGITS: dict[str, int | None] = dict(
    zip("0123456789", (21, _RIEUL, None, 16, None, None, 1, _RIEUL, _RIEUL, None), strict=True)
)
# The unit a run of trailing zeros is read as: 십, 백, 천, then 만 up to 억, 억 up to 조.
_ZERO_UNITS = {1: 17, 2: 1, 3: 4, 4: 4, 5: 4, 6: 4, 7: 4, 8: 1, 9: 1, 10: 1, 11: 1}
_CONSONANT_LETTERS = {"l": _RIEUL, "m": 16, "n": 4, "r": _RIEUL}
_VOWELS = set("aeiouy")

Sound = int | None  # 0 for a vowel, else a final consonant's index (1..27); None: unknown


def final_sound(word: str) -> Sound:
    """How `word` ends when read aloud in Korean: 0 for a vowel, the final consonant's index, or
    None when it cannot be told."""
    text = word.rstrip(_SKIPPED)
    if not text:
        return None
    last = text[-1]
    if "가" <= last <= "힣":
        return (ord(last) - ord("가")) % 28
    if last.isdigit():
        return _number_sound(text)
    if last.isascii() and last.isalpha():
        return _latin_sound(text)
    return None


def attach(word: str, particle: str) -> str:
    """The form of `particle` (either form names the pair) that follows `word`."""
    consonant, vowel = PAIRS[particle]
    sound = final_sound(word)
    if sound is None:
        return f"{consonant}({vowel})" if consonant != "으로" else "(으)로"
    if sound == 0 or (consonant == "으로" and sound == _RIEUL):
        return vowel
    return consonant


def _number_sound(text: str) -> int:
    digits = ""
    for char in reversed(text):
        if not (char.isascii() and char.isdigit()):
            break
        digits = char + digits
    after_point = len(digits) < len(text) and text[-len(digits) - 1] == "."
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped)
    if after_point or not stripped or zeros == 0:
        sound = _DIGITS[digits[-1]]
        return 0 if sound is None else sound
    return _ZERO_UNITS.get(zeros, 0)  # past 10^11 it is 조: a vowel


def _latin_sound(text: str) -> int:
    word = ""
    for char in reversed(text):
        if not (char.isascii() and char.isalpha()):
            break
        word = char + word
    capitals = sum(char.isupper() for char in word)
    if word.isupper() or capitals >= 2:
        return _CONSONANT_LETTERS.get(word[-1].lower(), 0)
    return _english_sound(word.lower())


def _english_sound(word: str) -> int:
    if word.endswith("ng"):
        return 21
    if len(word) >= 3 and word[-1] == "e" and word[-2] not in _VOWELS:
        if word[-2] in "lmn":
            return _CONSONANT_LETTERS[word[-2]]
        return 0  # code, note, case: 코드, 노트, 케이스
    last = word[-1]
    if last in "lmn":
        return _CONSONANT_LETTERS[last]
    if word.endswith(("ck", "ook")):
        return 1
    single_vowel = (
        len(word) >= 2 and word[-2] in _VOWELS and (len(word) == 2 or word[-3] not in _VOWELS)
    )
    if last in "bckpt" and single_vowel:
        return {"b": 17, "c": 1, "k": 1, "p": 17, "t": 19}[last]
    return 0
