"""Korean sentences of the message actions: *질문으로 저장* and *답변으로 저장*."""

MESSAGES: dict[str, str] = {
    "message_action.save_question": "질문으로 저장",
    "message_action.save_answer": "답변으로 저장",
    "help.save_question": "이 메시지를 작성자의 질문으로 저장합니다(원래 메시지 링크 포함).",
    "help.save_answer": "이 메시지를 열린 질문에 대한 작성자의 답변으로 저장합니다.",
    "save.question.done": "❓ **#{number}** {label} {text} (질문: {who}, 저장: {by})",
    "save.answer.done": "💬 **#{number}** 의 {index}번째 답변 ({who}): {text} (저장: {by})",
    "save.no_message": "채팅 메시지에서 쓰는 기능입니다. 메시지의 메뉴에서 실행하세요.",
    "save.other_channel": "그 메시지는 이 팀의 채널에 있지 않습니다. 팀 채널의 메시지만 저장할 수 "
    "있습니다.",
    "save.bot_message": "봇이 쓴 메시지입니다. 멤버가 쓴 메시지만 저장할 수 있습니다.",
    "save.empty": "그 메시지에는 저장할 내용이 없습니다.",
    "save.no_open_questions": "답변할 열린 질문이 없습니다. 질문으로 저장해 보세요.",
    "save.closed": "#{number} 질문은 이미 해결되었습니다. 먼저 /reopen {number} 로 다시 여세요.",
    "save.pick_a_question": "이 메시지가 답하는 질문을 고르세요.",
    "form.save_answer.title": "답변으로 저장",
    "form.save_answer.question": "답하는 질문",
    "form.save_answer.text": "답변 ({who}의 메시지)",
    "form.save_answer.submit": "저장",
    "question.source": "    메시지에서 저장: {link}",
    "question.answer.source": "       메시지에서 저장: {link}",
}
