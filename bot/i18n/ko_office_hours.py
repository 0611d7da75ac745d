"""한국어 문장: 오피스아워 다이제스트 (seeds/daily-notes.md "# 3.오피스아워" 그대로)."""

MESSAGES: dict[str, str] = {
    "digest.oh.day": "# 오피스아워 {day}",
    "digest.oh.qna": "QnA",
    "digest.oh.waiting": "답변 대기: 아직 멘토님의 답변이 없습니다.",
    "digest.oh.team": "[{team}]",
    "digest.oh.quiet": "{week}주차에는 오피스아워가 없었습니다: 멘토님이 답한 질문이 없습니다.",
    "digest.oh.quiet_week_of": "{monday} 주에는 오피스아워가 없었습니다: 멘토님이 답한 질문이 "
    "없습니다.",
    "digest.oh.still_waiting": "# 다음 오피스아워를 기다리는 질문",
}
