"""한국어: 봇이 스스로 올리는 메시지 (알림, 멘토 질문 목록, 전달 문제)."""

MESSAGES: dict[str, str] = {
    "remind.session": "⏰ **{time} 피어세션**, {day}: {minutes}분 남았습니다. 오늘의 안건:",
    "remind.session.carried": "🔍 지난 질문들 (미룬 질문 먼저)",
    "remind.session.today": "오늘의 열린 질문",
    "remind.session.nothing": "아직 열린 질문이 없습니다. /ask 로 질문을 올려 주세요.",
    "remind.retro": "📝 {day} 회고를 쓸 시간입니다: {who}. /retro 로 작성하세요.",
    "remind.assignment": "📌 **{title}** ({kind}) 마감이 {due}, {hours}시간 남았습니다. 아직 "
    "완료하지 않은 분: {who}. /assignment done {number: 로} 완료 표시하세요.",
    "remind.mentor": "🙋 **멘토님께 드릴 질문** (오피스아워 {time}), {count}개:",
    "remind.mentor.more_buttons": "답변 버튼은 앞의 {shown}개 질문에 있습니다. 나머지 {rest}개는 "
    "/answer 번호로 답변해 주세요.",
    "button.assignment.done": "완료",
    "button.answer.numbered": "#{number} 답변하기",
    "button.question.numbered": "#{number}",
    "remind.digest": "📚 **{week}주차 정리**: 질문 {asked}개 중 {resolved}개 해결, {answered}개 "
    "답변, {open}개 남음; 피어세션 메모 {notes}개; 회고 {retros}개.",
    "team.settings_next_digest": "  다음 주간 정리: {day} {time} ({zone})",
    "team.settings_no_digest": "  다음 주간 정리: 앞으로 {weeks}주 동안 없음 (학습일이 없음)",
    "kind.basic": "기본과제",
    "kind.advanced": "심화과제",
    "kind.optional": "선택과제",
    "kind.quiz": "퀴즈",
    "delivery.failed": "⚠️ 이 채널에 {kind} 메시지를 {attempts}번 시도했지만 올리지 못했습니다 "
    "({error}). 메시지는 보관되어 있고 문제가 해결되면 다시 올립니다.",
}
