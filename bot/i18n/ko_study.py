"""한국어: 회고, 과제, 부재, 일정 설정 메시지."""

MESSAGES: dict[str, str] = {}
