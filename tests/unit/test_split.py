"""The shared splitter: pieces within the limit, cut at line ends, nothing lost."""

from hypothesis import given
from hypothesis import strategies as st

from bot.text import split_for_limit


def test_short_text_is_one_piece():
    assert split_for_limit("a\nb", 2000) == ["a\nb"]


def test_pieces_are_cut_at_line_ends():
    text = "\n".join(f"line {i:02}" for i in range(10))  # 7 characters a line
    pieces = split_for_limit(text, 20)
    assert pieces == [
        "line 00\nline 01",
        "line 02\nline 03",
        "line 04\nline 05",
        "line 06\nline 07",
        "line 08\nline 09",
    ]


def test_a_long_line_is_cut_at_a_space_or_hard():
    assert split_for_limit("aaaa bbbb cccc", 9) == ["aaaa bbbb", "cccc"]
    assert split_for_limit("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000),
    st.integers(min_value=5, max_value=500),
)
def test_every_piece_fits_and_no_word_is_lost(text, limit):
    pieces = split_for_limit(text, limit)
    assert all(len(p) <= limit for p in pieces)
    assert "".join(pieces).replace("\n", "").replace(" ", "") == text.replace("\n", "").replace(
        " ", ""
    )
