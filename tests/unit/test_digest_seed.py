"""The seed's peer session rebuilt through the real core, compared line by line with
`seeds/peer-minutes.md` ("3. 피어세션 정리", its day 20210809): the only differences are these.

`tests/digest/seed.peer-minutes.day6.md` is that section copied verbatim (the seeds live outside
the repository, in ../shared/seeds/); where they are at hand, a test checks the copy is exact.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from bot.digest import render_week
from tests.digest import builders

SEED = Path(__file__).parent.parent / "digest" / "seed.peer-minutes.day6.md"
ORIGINAL = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "peer-minutes.md"

# (what the seed writes, what peerbot writes, why): every difference, in the order they come.
DELIBERATE: list[tuple[list[str], list[str], str]] = [
    (
        ["Q. SVD에서 Simgular value가 원래 크기 순으로 정렬되어 있는가?"],
        ["Q. SVD에서 Singular value가 원래 크기 순으로 정렬되어 있는가?"],
        "the seed's author retyped the question with a typo; peerbot shows the question as asked",
    ),
    (
        [],
        [""],
        "a blank line after every topic bullet: without it the `Q.` line would continue the "
        "bullet's paragraph (the seed writes one under 🔍[지난주 질문], not under 🔍[지난 질문들])",
    ),
    (["  "], [""], "no trailing spaces: an empty line is empty"),
    (
        [],
        ["", "💡 [기타 질문]", ""],
        "the colab question was asked as category:general, and every category gets its heading; "
        "the seed's author wrote it on under the ViT assignment's questions",
    ),
    ([], [""], "two blank lines after every section, as the seed writes them elsewhere"),
]


def _session(lines: list[str], first: str) -> list[str]:
    """From the day's heading on, without the blank lines that end the file."""
    part = lines[lines.index(first) :]
    while part and not part[-1].strip():
        part.pop()
    return part


async def test_the_seed_session_rebuilt_through_the_core_differs_only_as_listed(harness):
    await builders.peer_minutes_week2(harness)
    async with harness.uow_factory() as uow:
        team = (await uow.teams.list())[0]
        digest = await render_week(uow, team, 2, "peer-minutes")
    seed = _session(SEED.read_text(encoding="utf-8").splitlines(), "20210809 피어세션")
    ours = _session(digest.markdown.splitlines(), "20210809 피어세션")
    matcher = difflib.SequenceMatcher(None, seed, ours, autojunk=False)
    found = [
        (seed[i1:i2], ours[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
    assert found == [(seed_lines, our_lines) for seed_lines, our_lines, _ in DELIBERATE]
    # What the seed writes and peerbot now writes the same way, named so a change is noticed:
    assert "A. 더 조사 후 내일 답변." in ours  # last week's Q./A. pairs
    assert ours.count("- SVD 특이값 분해") == 2  # the topic, in both sections
    words = ours.index(builders.MENTOR_WORDS[0])  # the team's words, then the mentor's questions
    assert ours[words : words + 3] == [*builders.MENTOR_WORDS, ""]
    assert ours[words + 3].startswith("Q. attention을 넣을때")
    assert "해결하지 못한 질문들은 이후 멘토님과의 시간에서 질문하기로 했습니다." not in ours
    assert "📝 [피어세션 메모]" not in ours


@pytest.mark.skipif(not ORIGINAL.exists(), reason=f"the seeds are not at {ORIGINAL}")
def test_the_copied_section_is_the_seeds_own():
    original = ORIGINAL.read_text(encoding="utf-8")
    section = original[original.index("### 3. 피어세션 정리") : original.index("### 4. 학습 회고")]
    assert SEED.read_text(encoding="utf-8") == section
