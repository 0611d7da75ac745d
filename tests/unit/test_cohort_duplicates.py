"""Near-duplicate escalations across teams (`bot.model.cohort`): the threshold on examples,
and the grouping's rules and bounds on generated queues with long texts."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.model.cohort import (
    THRESHOLD,
    Candidate,
    Ref,
    group_near_duplicates,
    normalised,
    similarity,
)

SAME = [
    ("SVD 특이값 분해가 뭔가요?", "특이값 분해(SVD)가 뭔가요"),
    ("zero_grad()는 왜 매 스텝 호출하나요?", "zero_grad 는 왜 매 스텝마다 호출하나요"),
    ("Why do we call zero_grad() every step?", "why do we call zero_grad every step"),
    ("What does the ViT patch size change?", "What does the patch size of ViT change?"),
    ("How does learning-rate warm-up work?", "How does learning rate warmup work??"),
    ("Is batch norm applied before or after ReLU?", "Is batch norm applied before/after the ReLU"),
]
DIFFERENT = [
    ("SVD 특이값 분해가 뭔가요?", "PCA 주성분 분석이 뭔가요?"),
    ("What is the learning rate in SGD?", "What is the role of momentum in SGD?"),
    ("Why do we call zero_grad() every step?", "Why does the loss go up after each epoch?"),
    ("과제 1의 데이터셋은 어디서 받나요?", "과제 1의 제출 기한이 언제인가요?"),
    ("What does the ViT patch size change?", "What does the ViT class token do?"),
    ("역전파는 왜 필요한가요?", "드롭아웃은 왜 필요한가요?"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_paraphrases_and_small_edits_are_near_duplicates(a, b):
    assert similarity(a, b) >= THRESHOLD, similarity(a, b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_unrelated_questions_of_one_lecture_are_not(a, b):
    assert similarity(a, b) < THRESHOLD, similarity(a, b)


def test_normalised_text_keeps_letters_and_digits_only():
    assert normalised("ＳＶＤ 특이값\u3000분해(가)?!") == "svd특이값분해가"
    assert normalised("Straße") == "strasse"


def test_only_other_teams_of_the_same_kind_merge():
    def c(team: int, number: int, text: str, kind: str = "lecture") -> Candidate:
        return Candidate(Ref(team, number), text, kind)

    groups = group_near_duplicates(
        [
            c(1, 1, "SVD 특이값 분해가 뭔가요?"),
            c(1, 2, "SVD 특이값 분해가 뭔가요??"),  # the same team again: its own item
            c(2, 1, "특이값 분해(SVD)가 뭔가요"),
            c(3, 1, "SVD 특이값 분해가 뭔가요?", kind="assignment:vit"),  # another kind
            c(3, 2, "특이값 분해 SVD 가 뭔가요"),
        ]
    )
    assert [g.refs for g in groups] == [
        (Ref(1, 1), Ref(2, 1), Ref(3, 2)),
        (Ref(1, 2),),
        (Ref(3, 1),),
    ]


texts = st.text(
    alphabet=st.sampled_from("가나다라마바사아자차카타파하 abcdefghij?!()0123"),
    min_size=0,
    max_size=3000,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(1, 6), texts, st.sampled_from(["lecture", "general", "a:x"])),
        max_size=60,
    )
)
def test_every_question_is_in_exactly_one_group_of_one_kind_and_distinct_teams(rows):
    candidates = [
        Candidate(Ref(team, i + 1), text, kind) for i, (team, text, kind) in enumerate(rows)
    ]
    groups = group_near_duplicates(candidates)
    refs = [r for g in groups for r in g.refs]
    assert sorted(refs) == sorted(c.ref for c in candidates)
    for group in groups:
        assert len({m.kind for m in group.members}) == 1
        assert len({m.ref.team for m in group.members}) == len(group.members)
    firsts = [candidates.index(g.members[0]) for g in groups]
    assert firsts == sorted(firsts)  # the items keep the order of their oldest question


def test_a_long_queue_of_long_similar_texts_stays_fast():
    base = "트랜스포머의 어텐션에서 스케일링을 왜 하나요 " * 40
    candidates = [
        Candidate(Ref(team, n), f"{base} {team}-{n}", "lecture")
        for team in range(1, 21)
        for n in range(1, 26)
    ]
    started = time.perf_counter()
    groups = group_near_duplicates(candidates)
    assert time.perf_counter() - started < 5
    assert all(len(g.members) <= 20 for g in groups)
    assert sum(len(g.members) for g in groups) == 500
