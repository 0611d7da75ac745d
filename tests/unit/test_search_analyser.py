"""The analyser: Korean stems across endings and particles, English stems, code identifiers
whole (and their parts), and any input at all (lone surrogates, NUL, bidi controls, long text)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.search.analyser import MAX_TERMS, query_terms, terms
from tests.bidi import EMBEDDINGS, ISOLATES, MARKS, PDI, POP


def test_korean_endings_and_particles_give_one_stem():
    for word in (
        "정렬된",
        "정렬되어",
        "정렬된다",
        "정렬을",
        "정렬했는데",
        "정렬하는",
        "정렬됐나요",
    ):
        assert terms(word) == ["정렬"], word
    assert terms("정렬된 값인가요") == ["정렬", "값"]
    assert set(terms("정렬되어 있나요")) == {"정렬"}


def test_a_one_syllable_particle_goes_only_where_the_sound_allows():
    assert terms("평가는 값을 크기가 순서를 데이터를 함수의 정의") == [
        "평가", "값", "크기", "순서", "데이터", "함수", "정의",
    ]  # fmt: skip


def test_english_is_stemmed_and_stop_words_go():
    assert terms("sorting sorted sorts") == ["sort"] * 3
    assert terms("resets reset") == ["reset", "reset"]
    assert terms("what is the") == []


def test_identifiers_are_kept_whole_with_their_parts():
    found = terms("zero_grad를 nn.Linear self.fc1 __init__ optimizer.step()")
    for whole in ("zero_grad", "nn.linear", "self.fc1", "__init__", "optimizer.step"):
        assert whole in found
    assert {"zero", "grad", "linear", "fc1", "init", "step"} <= set(found)
    assert "를" not in found


def test_only_particles_or_stop_words_give_no_terms():
    assert terms("을 를 이 가 에서") == []
    assert query_terms("", 20) == []


def test_a_10000_character_paste_is_bounded():
    assert len(terms("정렬되어 " * 2500)) <= MAX_TERMS
    assert query_terms("word " * 2000, 20) == ["word"]


CONTROLS = st.sampled_from([*EMBEDDINGS, POP, *MARKS, *ISOLATES, PDI, "\x00", "\ud800", "\udfff"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(), CONTROLS), max_size=50).map("".join))
def test_any_text_gives_clean_terms(text: str) -> None:
    found = terms(text)
    assert len(found) <= MAX_TERMS
    for term in found:
        assert term and term.encode("utf-8")  # no lone surrogate survives
        assert not any(c in term for c in (*EMBEDDINGS, POP, *MARKS, *ISOLATES, PDI, "\x00"))


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.sampled_from(["정렬된", "sorting", "zero_grad", "을", "\u202e", "x"]), max_size=1000
    )
)
def test_a_thousand_words_in_any_order_give_the_same_terms_as_a_set(words: list[str]) -> None:
    assert set(terms(" ".join(words))) == set(terms(" ".join(reversed(words))))
