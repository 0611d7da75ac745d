"""질문 카드 스레드의 문장: 목록과 다이제스트에서 스레드로 가는 링크."""

MESSAGES: dict[str, str] = {
    "list.thread": "    ↳ 스레드: {link}",
    "digest.thread": "[스레드]({link})",
    "param.capture": "threads: 질문 카드 스레드의 답글을 답변으로 기록, off(기본값): 기록하지 않음",
    "thread.capture_off": "이 스레드의 답글은 답변으로 기록되지 않습니다. 관리자가 "
    "/team settings capture:threads 로 켤 수 있습니다 (또는 /answer {number} 로 답하세요).",
}
