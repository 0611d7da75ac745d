"""The seeds' weeks, built through the real core with slash commands (no console needed).

Each builder takes the `harness` fixture (fake storage, settable clock) and walks a team through
the days of a seed file: the questions, answers, notes and retrospectives it shows.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Harness

VIT = 'assignment:"선택과제 1번 ViT"'
SVD = 'topic:"SVD 특이값 분해"'


async def peer_minutes_week2(h: Harness, lang: str = "ko") -> None:
    """seeds/peer-minutes.md: Friday of week 1 (the SVD questions) and Monday 2021-08-09."""
    h.at("2021-08-06 13:00")
    await h.ok(
        "kim", f"/team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:{lang} name:cv-study"
    )
    await h.ok(
        "kim",
        "/ask 대각행렬의 갯수를 제한하여 압축하는 방법 : 어떤 기준으로 압축하고 "
        f"어떻게 적용되는가? category:lecture {SVD}",
    )
    await h.ok(
        "lee",
        "/answer 1 (적용흐름은 코드 참조) Sigma-Singular value가 가장 높은 것부터 "
        "추출. 즉, 가장 유의미한 정보순으로 나열 후 뒤부터 탈락시키며 압축시킨다.",
    )
    await h.ok("kim", "/accept 1")
    await h.ok(
        "kim",
        f"/ask SVD에서 Singular value가 원래 크기 순으로 정렬되어 있는가? category:lecture {SVD}",
    )
    await h.ok("lee", "/answer 2 더 조사 후 내일 답변.")
    await h.ok("kim", "/defer 2")

    h.at("2021-08-09 16:00")
    await h.ok("lee", "/answer 2 맞습니다.")
    await h.ok("kim", "/accept 2")
    await h.ok(
        "choi",
        "/ask Adadelta - 실제로 거의 사용하지 않는 이유는 성능이 낮기 때문인가요? category:lecture",
    )
    await h.ok(
        "lee", "/answer 3 성능이 낮다기 보다 learning rate가 없어 최적화가 관여할 요인이 없다."
    )
    await h.ok(
        "park",
        "/answer 3 다른 optimizer가 일반적으로 학습에 관여할 부분이 많아 성능이 더 잘나온다.",
    )
    await h.ok("choi", "/accept 3")
    vit = [
        (
            "jung",
            "Transformer encoder 구현할 때 residual 부분이 다른 코드와 비교했을때, class로 "
            "구현하지 않더라도 맞나요?",
            [("kim", "맞습니다.")],
        ),
        (
            "park",
            "attention visualization에서 error가 납니다.",
            [
                ("lee", "slack에서 다른 캠퍼분께서 수정하는 부분을 알려주셨다."),
                (
                    "choi",
                    "수정하지 않고도 attention을 리스트에 append하면서 shape을 맞추었더니 "
                    "작동했다.",
                ),
            ],
        ),
        (
            "kim",
            "position embedding을 할때 random한 값을 넣는 이유?",
            [
                ("jung", "학습하는 값으로 생각해 랜덤하게 생성한 후 더해주었다."),
            ],
        ),
        (
            "lee",
            "cls_token과의 concat으로 x의 shape이 어떻게 바뀌는 건가요?",
            [
                ("park", "x의 shape이 (1, 49, 16)에서 concat으로 (1, 50, 16)이 된다."),
                (
                    "park",
                    "이후 position의 shape이 (50, 16)이므로 x와 position을 더하는 과정에서 "
                    "broadcasting이 일어난다.",
                ),
            ],
        ),
        (
            "choi",
            "nn.linear mlp와의 차이가 없는건가요?",
            [
                ("kim", "nn.linear는 layer 그 자체로 fully connected된 선형변환이라고 생각."),
                ("kim", "mlp는 activation function이 들어갔다."),
            ],
        ),
    ]
    number = 4
    for asker, text, answers in vit:
        await h.ok(asker, f"/ask {text} {VIT}")
        for who, answer in answers:
            await h.ok(who, f"/answer {number} {answer}")
        await h.ok(asker, f"/accept {number}")
        number += 1
    await h.ok(
        "jung",
        "/ask colab과 구글드라이브에서 데이터 저장이 마운트 없이 가능한가요? category:general",
    )
    await h.ok("lee", "/answer 9 가능하지만 구글드라이브에 저장하면 다운로드도 가능하다.")
    await h.ok("jung", "/accept 9")
    for asker, text in [
        ("park", "attention을 넣을때 list를 만들어 넣어도 잘 작동하는 이유는 무엇인가요?"),
        ("kim", "transformer에 들어가는 latent vector는 각각의 patch를 의미하나요?"),
        ("lee", "self-attention의 shape이 768 -> 64 ->768로 바뀌는데 어떻게 되는건가요?"),
    ]:
        await h.ok(asker, f"/ask {text} {VIT}")
    for number in (10, 11, 12):
        await h.ok("kim", f"/escalate {number}")
    for words in MENTOR_WORDS:  # the team's own lines before the mentor's questions
        await h.ok("kim", f"/note {words} place:mentor")


MENTOR_WORDS = (
    "해결하지 못한 질문들은 대부분 아직 배우지않은 모델에서 나왔습니다.",
    "이후 멘토님과의 시간에서 질문하기로 했습니다.",
)


RETRO_WEEK4 = [  # seeds/retro-log.md: (day, peer-session notes, questions, fact, feeling, plan)
    (
        "2021-08-23",
        [
            "지난주의 배웠던 gather에 대해 서로 얘기하며 개념을 잡아갔다.",
            "zero_grad()를 호출해야하는 이유에 대해 PyTorch가 그래디언트를 누적하기 때문이다. "
            "이러한 누적 동작이 RNN(순환 신경망)을 학습할 때나 여러 미니 배치에 걸쳐 손실의 "
            "그래디언트를 계산할 때 편리하기에 기본적으로 파이토치는 loss.backward()를 호출할 "
            "때마다 그래디언트를 누적하도록 설정되어있다.",
        ],
        [],
        "1,2,3 강 강의를 학습하였다.",
        "수업에서 다루지 않은 내용에 의문을 품고 동료들과 같이 개념을 하나씩 쌓아갔다. 피어세션은 "
        "점차 발전하는데 개인으로는 어떤지 잘 모르겠다. 월요병인지 오후가 되니 집중력이 많이 "
        "떨어졌다. 오늘 회고를 쓰며 반성해본다.",
        "본격적인 torch 코드가 나와서 해당 코드에 익숙해지며 이전의 수학과 접목해 학습해야겠다.",
    ),
    (
        "2021-08-24",
        [
            "오늘 배운 내용에 관련하여 서로서로 개념 체크",
            "googlenet에서 1x1 conv 을 통해 채널 수를 줄이는 방식이 정보 소실이 되지는 않는다.",
            "NLP와 관련된 논문을 읽어보는 것이 좋겠다.",
        ],
        [],
        "4,5,6,7 강 강의를 학습하였다. CNN과 RNN에 관해 여러 이론들을 듣고 실습하였다.",
        "지금까지 나온 코드들을 하나하나 이해하기도 아직 버겁다. 언젠가 배운 개념과 코드들이 "
        "익숙해져서 아이디어를 내 손으로 팍팍 구현하길 바란다. 조금씩 조금씩 좀 더 나아지자. "
        "확실히 어제보단 오늘이 괜찮게 공부한 것 같다 ㅎㅎ",
        "오늘 배운 것들의 많은 부분들이 Transformer로 대체되고 있다고 한다. 다음 강의인 "
        "transformer에 대해 확실히 이해하고 넘어가야겠다. Data Visualization 강의는 코어타임 "
        "외에 시간을 할애하여 수강하겠다.",
    ),
    (
        "2021-08-25",
        [
            "transformer에서 encoder 부분 코드 해석",
            "NADE와 Autoregressive Model 차이",
            "Implicit Method와 Explicit Method 차이",
        ],
        [],
        "8, 9 강 강의를 학습하였다. transformer 실습을 통해 code 해석을 하였다.",
        "transformer 까지는 강의가 어느정도 이해가 됐는데 Generative Models 전반적인 이해가 "
        "부족하다. 특히 9강에서 강사님의 설명에 영어의 비율이 올라가면서 이해력이 뚝 떨어졌다. "
        "아직 익숙하지 않은 용어들로 설명하시니 너무 힘들었다.ㅜ 이 분야에서 다 쓰는 용어들이지만 "
        "어우.. 벅찬 하루다. 익숙해져야지..",
        "transformer와 이번주 실습에 나온 모든 code 복습을 하면서 정리해야겠다. 그 후 심화과제도 "
        "풀어야겠다.",
    ),
    (
        "2021-08-26",
        ["기본과제 공부하며 분석한 코드 해석 공유", "masked_fill(mask, value) 함수 조사"],
        [
            (
                "Multi-Head Attention 이 어떻게 Transformer가 다른 Position들에 대해 집중할 수 "
                "있게 해주는가?",
                "(Multi-headed attention (MHA) allows Transformer to focus on different "
                "positions.)",
            )
        ],
        "기본과제 1~5 수행과 코드 분석 및 해석",
        "과제의 코드를 하나하나씩 뜯어보며 이론과 비교하며 분석해보았다. RNN과 Transformer는 "
        "아직 완전히 이해가 되진 않았지만 계속 보다보면 늘겠지라는 마음으로 보고있다. 점점 "
        "피어세션의 질이 높아지는 것을 느낀다. 예전에는 시간이 남았는데 오늘은 오히려 조금 "
        "부족하다. 마지막 퀴즈도 풀었는데 코드 분석과 다르게 이론적으로는 많이 부족함을 느낀다.",
        "심화과제까지 풀려고 했으나 기본과제 코드 분석이 생각보다 오래 걸렸다. 심화과제와 "
        "Position embedding 실습 코드도 봐야겠다. 코어타임 전에 Data Visualization 을 다 "
        "들어야놓고, 코어타임에는 온전히 코드에 집중해보겠다.",
    ),
]


async def retro_log_week4(h: Harness, lang: str = "ko") -> None:
    """seeds/retro-log.md: Mon-Thu of week 4 with kim's retrospectives; Friday left empty."""
    h.at("2021-08-23 10:00")
    await h.ok(
        "kim", f"/team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:{lang} name:cv-study"
    )
    for day, notes, questions, fact, feeling, plan in RETRO_WEEK4:
        h.at(f"{day} 16:00")
        for note in notes:
            await h.ok("lee", f"/note {note}")
        for question, answer in questions:
            reply = await h.ok("kim", f"/ask {question}")
            number = reply.split("#")[1].split()[0].strip(".:,)")
            await h.ok("lee", f"/answer {number} {answer}")
        h.at(f"{day} 21:00")
        await h.ok("kim", f"/retro fact: {fact} feeling: {feeling} plan: {plan}")


# The seed's own "새롭게 알게된 내용" of Day1 and Day2, copied verbatim (numbered bold items, code
# fences, indented code, `##`-`####` headings, `***` rules, `>>` quotes, `<U>` tags).
SEED_LEARNED = {
    n: (Path(__file__).parent / f"seed.til-review.learned.day{n}.md").read_text(encoding="utf-8")
    for n in (1, 2)
}
TIL_WEEK1 = [  # seeds/til-review.md, Day1-Day5: (day, done, not done, learned, tomorrow, thoughts)
    (
        "2021-08-02",
        [
            "Github에 NAVER-BOOSTCAMP-AI-TECH 관련 TIL DAY 1 업로드",
            "python 기초 문법 30% 학습",
            "(피어세션) 데이터 전처리 100문제 중 chapter1 완료",
        ],
        ["python 기초 문법 끝내기"],
        SEED_LEARNED[1],
        ["Numpy학습 진행"],
        [
            "피어세션에서 팀원들과 같이 데이터 전처리 공부를 하기로 결정했다! 공부하기 좋은 내용을 "
            "팀원 한 분이 제시해주셔서 도움이 많이 될 것 같다.",
            "python 이나 컴퓨터의 기초가 되는 내용들을 학습했는데, 잘 안 다고 생각한 내용들이 "
            "생각보다 모르는 부분이 많아서 더욱 꼼꼼하게 공부해야겠다는 생각이 들었다.",
        ],
    ),
    (
        "2021-08-03",
        ["python module & project와 관련된 내용까지 학습 완료"],
        ["데이터 전처리 chapter 2"],
        SEED_LEARNED[2],
        ["오늘 완료하지 못한 학습 정리"],
        [
            "코어타임 내에 학습리뷰도 완료할 수 있도록 노력하자",
            "피어세션 때 내가 겪은 에러에 대해서도 공유할 수 있도록 내용에 대해서 정리하자",
        ],
    ),
    (
        "2021-08-04",
        ["pythonic_code 학습 내용정리 완료", "Matrix와 관련된 내용까지 학습 완료"],
        ["python_datastructure ~ matrix까지 학습정리"],
        "split & join, list comprehension, enumerate & zip, lambda & map, iterator & "
        "generator, asterisk",
        ["오늘 완료하지 못한 학습 정리", "과제와 퀴즈 완료하기"],
        [
            "피어세션에서 다양한 사람들을 만나볼 수 있어서 재미있는 시간이었다.",
            "다른 분들에 비해 진도가 느린 것 같아 빠름과 꼼꼼함이 공존할 수 있는 "
            "학습 방법을 찾아야 할 것 같다.",
        ],
    ),
    (
        "2021-08-05",
        ["베이즈 통계학까지 학습 완료"],
        [],
        "경사하강법, 확률적 경사하강법, softmax vs one-hot, 확률론, 몬테카를로 샘플링",
        ["오늘 완료하지 못한 학습 정리", "퀴즈 완료하기"],
        [
            "피어세션에서 벡터와 GD에 대해 학습한 부분을 공유해주신 캠퍼분이 계신데 상당히 자세히 "
            "다뤄주셔서 스스로 학습한 내용이 다시 정리되는 느낌을 받았다.",
            "수식이 전부 이해는 가지 않았지만, 왜 이런 모델을 사용하고 특정 상황에서 어떤 "
            "방법론들이 있는지에 대해 학습할 수 있는 시간이었다.",
        ],
    ),
    ("2021-08-06", [], [], "", ["WEEK1 심화과제 풀어보기"], []),
]
TIL_WEEK1_NOTES = [
    "첫 주차였던 만큼 팀원분들에 대해 많이 알진 못했지만, 다들 열정이 가득하신 분들이라 학습에 "
    "대한 동기부여를 많이 받을 수 있었다.",
    "학습한 내용을 서로 공유하며 내가 정확하게 짚고 넘어가야 할 부분을 알 수 있었다.",
]


async def til_review_week1(h: Harness, lang: str = "ko") -> None:
    """seeds/til-review.md: Day1-Day5 of a `til` team; Friday's notes sum up the week."""
    h.at("2021-08-02 10:00")
    await h.ok(
        "kim",
        f"/team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:{lang} "
        "name:boostcamp template:til",
    )
    for day, done, not_done, learned, tomorrow, thoughts in TIL_WEEK1:
        h.at(f"{day} 21:00")
        if day == "2021-08-06":
            for note in TIL_WEEK1_NOTES:
                await h.ok("lee", f"/note {note}")
        fields = [
            ("done", done),
            ("not_done", not_done),
            ("learned", [learned] if learned else []),
            ("tomorrow", tomorrow),
            ("impressions", thoughts),
        ]
        text = " ".join(f"{name}: " + "\n".join(lines) for name, lines in fields if lines)
        await h.ok("kim", f"/retro {text}")


MENTORS = ("kang", "yoon", "seo")
OFFICE_HOURS = [  # seeds/daily-notes.md "# 3.오피스아워": (asker, question, the mentors' answers)
    (
        "kim",
        "딥러닝 시작할 때 어떤 논문 위주로 시작하면 좋을지 궁금합니다.",
        [
            "NLP : RNN - LSTM - GRU - Transformer 이렇게 이어서 읽어야한다. (paper list 검색해서 "
            "순서대로 보면서 구현할 수 있으면 해보기!!)",
            "제일 어려울 수학을 잘 봐야합니다 .. ^^",
        ],
    ),
    (
        "lee",
        "아직 딥러닝에 대해 감이 안잡히는데 하나하나 이해하기 보다는 일단 해보는게 중요할까요?",
        [
            "하나하나 쉬운 것부터해야 어려운 것도 볼 수 있다. 다만, 해보지 않으면 이해하지 못하니 "
            "해보는 것 또한 중요하다. ⇒ 하나하나씩 해보면서 이해하기!!",
            "모방은 제2의 창조다. 꼭 해봐라. 딥러닝은 가르치기도 어려운데 이유는 아는데 설명이 "
            "안되기 때문이다.. 그래서 해보면서 명확히 해가는 과정이 필요하다.",
        ],
    ),
    (
        "park",
        "멘토님들은 공부한 걸 정리할 때 어떤 매체에, 어느 기준으로(날짜별/항목별 등) 정리하셨는 지 "
        "궁금합니다.",
        [
            "예전에 노션몰라서 엑셀 썼는데 지금은 노션 추천!",
            "아이패드에 논문 저장해놓고 심심할 때 마다 읽었다. 다만 따로 정리해놓지 않아서 아쉽다.",
            "강의안을 썼다. 그리고 심심할 때 논문 많이 읽었다. (정리는 못하고 있다)",
        ],
    ),
    (
        "choi",
        "멘토님들은  이해가 안되는 문제를 만났을 때 바로 질문하는 편이신가요? 아니면 몇날이고 "
        "찾아보다가 질문하시는 편이신가요?",
        [
            "원래는 바로 질문했는데, 어느순간 깨닫고 몇날 공부하다가 찾아봤다.",
            "빨리 배우는 만큼 빨리 잊어먹는다. 시간 투자하는 만큼 내 자산이 된다.  "
            "(수식은 2-3시간, 디버깅은 하루정도 쓴다.) 다만 주변에 물어보면서도 많이 배운다. "
            "결론, 얼마나 고민해볼 지 정해두는 것도 좋다.",
        ],
    ),
    (
        "jung",
        "회사에 갔다가 다시 학교로 돌아가는 것에 대해서 어떻게 생각하시는 지 궁금합니다. 가령 석사 "
        "후 취직하여 다시 박사를 하는 코스는 시간을 많이 낭비하는 것일까요?",
        [
            "현재에 주어진 것에 최대한 집중하는 걸 추천!!",
            "시간을 많이 쓰는게 아니라 오히려 시간을 세이브하는 것이다. 회사 경험이 있으니 "
            "연구방향 설정, 프로젝트 경험에 능하다! 그리고 일을 하다보니 어떤 부분에서 연구를 "
            "해야할 지 잡혔다고 하는 경우가 있다!",
        ],
    ),
    (
        "kim",
        "실제 현업에서는 어느정도의 모델을 사용하는 지 궁금합니다.",
        ["배포하는 거면 우리 지금 컴퓨터로 돌릴 수 있는 모델 사용한다."],
    ),
    (
        "lee",
        "아직 pytorch에 익숙하지 않아 예시를 보고 따라하는 식의 구현은 얼추 따라할 수 있지만, "
        "zero-base부터 구현하라고 하면 아직 고민이 된다. 공부법 추천 부탁!",
        [
            "케글에 있는 pytorch 이미지 분류 문제들 풀어보기!",
            "다음주가 파이토치니 커리큘럼만 잘따라가면 된다!",
        ],
    ),
    (
        "park",
        "최신동향",
        [
            "CV : GAN , YOLO-X , 트랜스포머",
            "NLP : GPT-3 , CLOVA LAMP 등 대규모 모델, AI 스피커(음성합성)",
            "응용분야 (강화학습) : 지식추천(deep knowledge tracing) e.g)산타토익",
        ],
    ),
]
# The seed's "- 급하면 채해요…" line, written as the team's words for the mentor's questions.
OFFICE_HOURS_WORDS = (
    "급하면 채해요 여러분~ 아마 계속 트랜스포머 공부할 것이다. ! 이번주말은 트랜스포머 하나 뽀개자."
)


async def office_hours_week2(h: Harness, lang: str = "ko") -> None:
    """seeds/daily-notes.md "# 3.오피스아워": questions 1-4 left for the mentor on Wednesday
    2021-08-11, 5-8 on Thursday's session, and the three mentors' answers at Thursday's office
    hours (one mentor per answer, in turn)."""
    h.at("2021-08-11 13:00")
    await h.ok(
        "kim", f"/team setup start:2021-08-02 zone:Asia/Seoul country:KR lang:{lang} name:cv-study"
    )
    for mentor in MENTORS:
        await h.ok(mentor, "/questions mentor")  # joins the team
        await h.ok("kim", f"/team members set:@{mentor} role:mentor")
    for number, (asker, question, _) in enumerate(OFFICE_HOURS, start=1):
        if number == 5:
            h.at("2021-08-12 14:00")
        await h.ok(asker, f"/ask {question}")
        await h.ok("kim", f"/escalate {number}")
    h.at("2021-08-12 17:00")
    await h.ok("kim", f"/note {OFFICE_HOURS_WORDS} place:mentor")
    turn = 0
    for number, (_, _, answers) in enumerate(OFFICE_HOURS, start=1):
        for answer in answers:
            await h.ok(MENTORS[turn % len(MENTORS)], f"/answer {number} {answer}")
            turn += 1
