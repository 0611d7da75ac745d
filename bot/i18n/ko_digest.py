"""Korean words of the weekly digest: the seeds' own headings, and the digest's sentences."""

MESSAGES: dict[str, str] = {
    # --- errors and the chat summary ------------------------------------------------------------
    "digest.unknown_format": "{name:라}는 다이제스트 형식은 없습니다. {choices} 중 하나를 "
    "format:peer-minutes 처럼 입력하세요.",
    "digest.member_needed": "{format} 형식은 한 사람의 파일이라 멤버가 필요합니다. "
    "member:이름 처럼 누구의 것인지 입력하세요.",
    "digest.bad_week": "{week}주차는 없습니다. 과정은 {start}에 시작했으니 week:1 처럼 1 이상의 "
    "주차를 입력하세요.",
    "digest.summary": "📚 {week}주차 다이제스트 ({format}): {first} ~ {last}, 학습일 {days}일\n"
    "질문 {asked}개 (해결 {resolved}, 답변 {answered}, 멘토님께 {mentor}), "
    "피어세션 메모 {notes}개, 회고 {retros}개",
    "digest.too_big": "파일이 {size} MiB로, 채팅 메시지에 담을 수 있는 {limit} MiB를 "
    "넘어 첨부하지 않았습니다. 이렇게 디렉터리에 저장하세요: {command}",
    "digest.summary.so_far": "아직 주가 끝나지 않아 남은 학습일 {later}일은 파일에 들어 있지 "
    "않습니다.",
    "digest.summary.member": "{who}님의 파일",
    # --- peer-minutes (seeds/peer-minutes.md) --------------------------------------------------
    "digest.pm.title": "### 피어세션 정리 (WEEK{week})",
    "digest.pm.day": "{stamp} 피어세션",
    "digest.pm.last_week": "🔍[지난주 질문]",
    "digest.pm.earlier": "🔍[지난 질문들]",
    "digest.pm.lecture": "📒 [강의 관련 질문]",
    "digest.pm.assignment": "📌 [과제 관련 질문]",
    "digest.pm.assignment_named": "📌 [{name} 관련 질문]",
    "digest.pm.general": "💡 [기타 질문]",
    "digest.pm.notes": "📝 [피어세션 메모]",
    "digest.pm.mentor": "해결하지 못한 질문들은 이후 멘토님과의 시간에서 질문하기로 했습니다.",
    # --- retro-log (seeds/retro-log.md) --------------------------------------------------------
    "digest.retro.title": "# 학습 회고",
    # --- til-review (seeds/til-review.md) ------------------------------------------------------
    "digest.til.title": "# WEEK{week} TIL",
    "digest.til.day": "Day{n} Review",
    "digest.til.done": "완료한 사항",
    "digest.til.not_done": "완료하지 못한 사항",
    "digest.til.learned": "새롭게 알게된 내용",
    "digest.til.tomorrow": "내일 목표",
    "digest.til.weekend": "주말 목표",
    "digest.til.impressions": "DAY {n} 소감",
    "digest.til.week": "WEEK{n} Review",
    "digest.til.week_peer": "피어세션 정리",
    "digest.til.week_retro": "학습회고",
}
