"""질문 카드 스레드의 문장: 목록과 다이제스트에서 스레드로 가는 링크."""

MESSAGES: dict[str, str] = {
    "list.thread": "    ↳ 스레드: {link}",
    "digest.thread": "[스레드]({link})",
}
