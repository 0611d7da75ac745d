"""Korean messages of editing and deleting questions and answers, and a question's history."""

MESSAGES: dict[str, str] = {
    "question.deleted": "#{number} 질문은 삭제되었습니다 (번호는 다시 쓰지 않습니다). 다른 "
    "질문은 /questions 로 보세요.",
    "edit.question.done": "✏️ **#{number}** 질문을 {who} 님이 고쳤습니다: {text}",
    "edit.answer.done": "✏️ **#{number}** 의 {index}번째 답변을 {who} 님이 고쳤습니다: {text}",
    "edit.question.not_allowed": "#{number} 질문은 질문한 분({asker})이나 팀 관리자만 고치거나 "
    "지울 수 있습니다.",
    "edit.answer.not_allowed": "#{number} 의 {index}번째 답변은 쓴 분({author})이나 팀 관리자만 "
    "고치거나 지울 수 있습니다.",
    "edit.answer.gone": "#{number} 의 그 답변은 그사이 삭제되었습니다. /question {number} 로 "
    "남은 답변을 보세요.",
    "edit.number_missing": "어느 질문인가요? /edit question 12 처럼 번호를 적어 주세요.",
    "delete.question.done": "🗑️ **#{number}** 질문을 {who} 님이 지웠습니다: {text}. 오늘 "
    "안건, 목록, 주간 정리에서 빠지고 번호는 다시 쓰지 않습니다. 되살리려면 /ask 로 다시 "
    "질문해 주세요.",
    "delete.answer.done": "🗑️ **#{number}** 의 {index}번째 답변을 {who} 님이 지웠습니다: "
    "{text}. 되살리려면 /answer {number} 로 다시 답변해 주세요.",
    "delete.answer.back_to_open": "채택된 답변이었습니다: **#{number}** 질문은 더 이상 해결 "
    "상태가 아니고, 다시 열린 질문으로 안건에 돌아갑니다.",
    "delete.answer.back_to_answered": "채택된 답변이었습니다: **#{number}** 질문은 더 이상 "
    "해결 상태가 아니고, 답변 {count}개가 있는 질문으로 채택될 때까지 안건에 돌아갑니다.",
    "delete.answer.now_open": "**#{number}** 질문에 이제 답변이 없습니다: 다시 열린 질문입니다.",
    "history.deferred": "    {day}에 내일 답변으로 미룸",
    "history.escalated": "    {day}에 멘토에게 넘김",
    "history.carried": "    {day}부터 이월 중 (오늘은 {today})",
    "history.resolved": "    {day}에 해결",
    "history.edited": "    {day}에 {who} 님이 고침",
    "history.edited_mark": "(수정됨)",
    "button.edit.question": "고치기",
    "button.delete.question": "지우기",
    "button.edit.answer": "답변 고치기",
    "button.delete.answer": "답변 지우기",
    "button.edit.answer.n": "{index}번 답변 고치기",
    "button.delete.answer.n": "{index}번 답변 지우기",
    "form.edit.question.title": "#{number} 질문 고치기",
    "form.edit.answer.title": "#{number} 의 {index}번째 답변 고치기",
    "form.edit.text": "내용",
    "form.edit.submit": "저장",
    "help.edit": "내 질문, 답변, 메모의 내용을 고칩니다 (관리자는 누구의 것이든).",
    "help.edit.question": "내가 한 질문의 내용을 새로 씁니다. 내용 없이 부르면 지금 내용이 "
    "담긴 양식이 열립니다.",
    "help.edit.answer": "내 답변을 새로 씁니다 (번호는 /question 에 보이는 대로). 내용 없이 "
    "부르면 지금 내용이 담긴 양식이 열립니다.",
    "help.delete": "내 질문, 답변, 메모를 지웁니다 (관리자는 누구의 것이든).",
    "help.delete.question": "내가 한 질문을 지웁니다: 안건, 목록, 주간 정리에서 빠지고 번호는 "
    "다시 쓰지 않습니다.",
    "help.delete.answer": "내 답변을 지웁니다. 채택된 답변이었다면 질문은 더 이상 해결 상태가 "
    "아닙니다.",
    "example.edit.question": "/edit question 12 backward() 전에 왜 zero_grad()를 호출하나요?",
    "example.edit.answer": "/edit answer 12 2 PyTorch는 기울기를 더하므로 매번 초기화합니다.",
    "example.delete.question": "/delete question 12",
    "example.delete.answer": "/delete answer 12 2",
    # --- 메모 ------------------------------------------------------------------------------------
    "note.not_found": "이 팀에는 {number}번 메모가 없습니다. 오늘 메모와 번호는 /questions today "
    "에서 볼 수 있습니다.",
    "note.deleted": "{number}번 메모는 삭제되었습니다 (번호는 다시 쓰지 않습니다). 오늘 메모는 "
    "/questions today 에서 볼 수 있습니다.",
    "edit.note.done": "✏️ {number}번 메모를 {who} 님이 고쳤습니다: {text}",
    "edit.note.not_allowed": "{number}번 메모는 쓴 분({author})이나 팀 관리자만 고치거나 지울 수 "
    "있습니다.",
    "edit.note.number_missing": "어느 메모인가요? /edit note 3 처럼 번호를 적어 주세요.",
    "delete.note.done": "🗑️ {number}번 메모를 {who} 님이 지웠습니다: {text}. 오늘 안건과 "
    "회의록에서 빠지고 번호는 다시 쓰지 않습니다. 되살리려면 /note 로 다시 남겨 주세요.",
    "button.edit.note": "메모 고치기",
    "button.delete.note": "메모 지우기",
    "form.edit.note.title": "{number}번 메모 고치기",
    "param.note": "메모 번호 (/note 의 답장과 안건에 보이는 대로)",
    "help.edit.note": "내가 쓴 메모의 내용을 새로 씁니다. 내용 없이 부르면 지금 내용이 담긴 "
    "양식이 열립니다.",
    "help.delete.note": "내가 쓴 메모를 지웁니다: 안건과 회의록에서 빠지고 번호는 다시 쓰지 "
    "않습니다.",
    "example.edit.note": "/edit note 3 트랜스포머 인코더 코드 같이 읽기 2부",
    "example.delete.note": "/delete note 3",
    # --- 카드에서 내가 고칠 수 있는 것 (`/question 12 view:mine`) --------------------------------
    "button.question.mine": "✏️ 고치기 / 지우기",
    "mine.title": "**#{number}** 에서 고치거나 지울 수 있는 것:",
    "mine.question": "    질문: {text}",
    "mine.more": "…버튼이 없는 답변이 {count}개 더 있습니다: /edit answer {number} <답변> 또는 "
    "/delete answer {number} <답변>",
    "mine.nothing": "#{number} 에는 고치거나 지울 수 있는 것이 없습니다: 질문은 질문한 "
    "분({asker})이나 팀 관리자만, 답변은 쓴 분이나 팀 관리자만 고치거나 지울 수 있습니다.",
}
