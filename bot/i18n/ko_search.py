"""Korean sentences of search: ranked `/questions <words>` and "asked before?" at /ask."""

MESSAGES: dict[str, str] = {
    "list.ranked": "잘 맞는 순서입니다 (질문과 답변이 단어의 어간과 얼마나 맞는지로).",
    "list.ignored": "이 팀에서 너무 흔해 순위에서 뺀 단어: {words}.",
    "list.capped": "다음 단어는 최근 질문 {count}개만 살폈습니다: {words}.",
    "search.no_terms": "검색할 단어가 없습니다 (조사, 어미, 불용어뿐입니다). 질문의 핵심 "
    "단어로 찾아 보세요.",
    "ask.similar.title": "🔎 이미 나온 질문일까요? 아직 올리지 않았습니다. 비슷한 질문:",
    "ask.similar.item": "  #{number} {state}: {text}",
    "ask.similar.answer": "      ✅ {who}: {text}",
    "ask.similar.choose": "그래도 올리려면 {post}, 기존 질문을 보려면 {open}.",
    "button.post": "📝 그래도 올리기",
    "post.no_draft": "{number}번으로 기다리는 질문이 없습니다 (질문은 질문한 사람만 올릴 수 "
    "있습니다).",
    "post.already": "이미 #{number}번으로 올라간 질문입니다.",
    "help.post": "비슷한 질문이 있어 /ask 가 보류한 질문을 올립니다 (그래도 올리기 버튼).",
    "example.post": "/post 7",
    "param.draft": "/ask 가 보류한 질문의 번호",
    "param.anyway": "yes: 비슷한 질문을 찾지 않고 바로 올리기",
    "param.similar": "on(새 팀의 기본값): /ask 때 올리기 전에 비슷한 질문 보여 주기, "
    "off: 보여 주지 않기",
}
