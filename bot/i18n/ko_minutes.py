"""한국어 문장: 팀이 쓰는 그대로의 회의록 (질문의 주제, 메모의 자리)."""

MESSAGES: dict[str, str] = {
    "what.topic": "주제",
    "param.topic": '질문의 주제, 예: "SVD 특이값 분해"; 회의록이 주제별로 질문을 묶습니다',
    "param.place": "notes(피어세션 메모의 한 줄, 기본값) 또는 mentor(멘토님께 드릴 질문 앞에 "
    "들어갈 팀의 말)",
    "card.topic": "    주제: {topic}",
    "note.done.mentor": "📝 {day} 회의록 메모 {number}번, 멘토님께 드릴 질문 앞에 적었습니다: "
    "{text}",
    "form.edit.topic": "주제 (비우면 없음)",
    "digest.pm.quiet_week": "이번 주에는 회의록에 남은 피어세션 기록이 없습니다.",
}
