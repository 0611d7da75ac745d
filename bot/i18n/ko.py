"""한국어 메시지."""

MESSAGES: dict[str, str] = {
    # --- 오류 ------------------------------------------------------------------------------------
    "error.unknown_command": "/{name} 명령은 없습니다. /help 를 입력하면 모든 명령을 "
    "볼 수 있습니다.",
    "error.unknown_subcommand": "/{group} 에는 {name:이} 없습니다. 다음 중 하나를 입력하세요: "
    "{choices}.",
    "error.missing_subcommand": "/{group} 다음에 {choices} 중 하나를 입력하세요. 예: {example}",
    "error.no_team": "이 채널에는 아직 팀이 없습니다. /team setup (과정이 오늘 시작) 이나 "
    "/team setup start:YYYY-MM-DD (과정 첫날)로 시작하세요.",
    "error.internal": "처리 중 문제가 생겼습니다 (참조 {ref}). 아무것도 저장되지 않았으니 다시 "
    "시도해 주세요.",
    "error.try_again": "지금 데이터베이스에 연결할 수 없거나 바쁩니다. 아무것도 저장되지 않았으니 "
    "잠시 후 다시 시도해 주세요.",
    "error.conflict": "같은 내용을 동시에 다른 분이 바꿨습니다. 아무것도 저장되지 않았으니 다시 "
    "시도해 주세요.",
    "args.unknown_option": "/{command} 에는 {option}: 옵션이 없습니다. 가능한 옵션: {options}.",
    "args.unknown_option_none": "/{command: 는} 옵션을 받지 않습니다. {option}: 옵션을 빼 주세요.",
    "args.unknown_option_suggest": "/{command} 에는 {option}: 옵션이 없습니다. "
    "{suggestion}: 옵션을 "
    "말씀하신 건가요?",
    "args.duplicate_option": "{option}: 옵션을 두 번 주셨습니다. 한 번만 입력하세요.",
    "args.missing": "/{command} 에는 {param:이} 필요합니다. 예: {example}",
    "args.extra": "/{command: 는} {extra:을} 받지 않습니다. 예: {example}",
    "args.bad_number": "{value:은} 질문 번호가 아닙니다. 12 또는 #12 처럼 입력하세요.",
    "args.bad_index": "{value:은} 답변 번호가 아닙니다. 1 이나 2 처럼 입력하세요.",
    "args.bad_week": "{value:은} 주차 번호가 아닙니다. week:2 처럼 입력하세요 (1주차가 과정의 "
    "첫 주입니다).",
    "args.bad_date": "{value:은} 날짜가 아닙니다. 2021-08-02 처럼 입력하세요.",
    "args.bad_zone": "{value:은} 알 수 없는 시간대입니다. Asia/Seoul 이나 America/New_York "
    "처럼 입력하세요.",
    "args.bad_country": "{value:은} 공휴일 달력에 없는 나라입니다. KR 이나 US 같은 코드, "
    "또는 공휴일이 없으면 none 을 입력하세요.",
    "args.bad_choice": "{value:은} {param:으로} 쓸 수 없습니다. 다음 중 하나를 입력하세요: "
    "{choices}.",
    "text.empty": "{what:이} 비어 있습니다. 명령 뒤에 내용을 입력하세요.",
    "text.too_long": "{what:이} {length}자입니다. {limit}자 이내로 줄여 주세요.",
    "input.bad_characters": "명령에 저장할 수 없는 문자(NUL 이나 깨진 문자)가 있습니다. "
    "지우고 다시 입력해 주세요.",
    "text.bad_characters": "{what}에 저장할 수 없는 문자(NUL)가 있습니다. 지워 주세요.",
    "what.question": "질문",
    "what.answer": "답변",
    "what.note": "메모",
    "what.name": "팀 이름",
    "what.assignment": "과제 이름",
    # --- 질문 ------------------------------------------------------------------------------------
    "question.not_found": "이 팀에는 #{number} 질문이 없습니다. /questions 로 열린 질문을 "
    "확인하세요.",
    "question.already_resolved": "#{number} 질문은 이미 해결되었습니다. 다시 열려면 "
    "/reopen {number: 를} 입력하세요.",
    "question.no_answers": "#{number} 질문에는 아직 답변이 없습니다. /answer {number} <내용> 으로 "
    "답변하세요.",
    "question.no_such_answer": "#{number} 질문의 답변은 {count}개입니다. 1부터 {count} 사이에서 "
    "고르세요. 예: /accept {number} 1",
    "question.already_deferred": "#{number} 질문은 이미 '내일 답변'으로 미뤄져 있습니다.",
    "question.already_escalated": "#{number} 질문은 이미 멘토님께 드릴 질문 목록에 있습니다.",
    "question.not_closed": "#{number} 질문은 아직 열려 있어서 (해결·미룸·멘토·정리된 질문이 "
    "아님) 다시 열 것이 없습니다.",
    "question.accept_not_allowed": "#{number} 질문의 답변은 질문한 분({asker})이나 팀 관리자만 "
    "채택할 수 있습니다.",
    "question.reopen_not_allowed": "#{number} 질문은 질문한 분({asker})이나 팀 관리자만 다시 열 수 "
    "있습니다.",
    "ask.done": "❓ **#{number}** {label} {text} (질문: {who})",
    "ask.not_study_day": "오늘은 학습일이 아니어서 #{number} 질문은 {day} 안건에 올라갑니다.",
    "answer.done": "💬 **#{number}** 의 {index}번째 답변 ({who}): {text}",
    "answer.to_resolved": "(#{number} 질문은 이미 해결되었지만 답변은 함께 저장했습니다.)",
    "accept.done": "✅ **#{number}** 질문이 {who} 님의 답변으로 해결되었습니다: {text}",
    "defer.done": "⏳ **#{number}** 질문은 더 조사 후 답변하기로 했습니다. 답변이 채택될 때까지 "
    "안건에 남습니다.",
    "escalate.done": "🙋 **#{number}** 질문을 멘토님과의 시간에 질문하기로 했습니다.",
    "reopen.done": "🔄 **#{number}** 질문을 다시 열었습니다.",
    "question.asked": "    {day}에 질문",
    "question.answer": "    {index}. {who}: {text}",
    "question.answer.accepted": "    {index}. {who}: {text} ✅ 채택",
    "question.page.no_answers": "    아직 답변이 없습니다.",
    "card.state": "    상태: {state}",
    "card.more": "    …외 답변 {count}개 더: /question {number}",
    "button.answer": "답변하기",
    "button.accept": "채택하기",
    "button.defer": "내일 답변",
    "button.escalate": "멘토에게",
    "button.reopen": "다시 열기",
    "form.answer.title": "#{number} 답변하기",
    "form.answer.text": "답변",
    "form.answer.submit": "답변하기",
    "accept.pick.title": "**#{number}** 질문에서 어떤 답변을 채택할까요? 버튼을 누르거나 "
    "/accept {number} <답변 번호> 를 입력하세요.",
    "button.accept.n": "{index}번 채택",
    "form.accept.title": "#{number} 답변 채택하기",
    "form.accept.answer": "채택할 답변",
    "form.accept.submit": "채택하기",
    "accept.answer_gone": "#{number} 질문의 그 답변은 그사이 지워졌습니다. 다른 답변을 고르거나 "
    "/question {number} 로 남은 답변을 확인하세요.",
    "note.done": "📝 {day} 피어세션 메모 {number}번: {text}",
    # --- 목록 ------------------------------------------------------------------------------------
    "list.title.open": "**해결되지 않은 질문** ({count})",
    "list.title.today": "**{day} 피어세션 안건**",
    "list.title.week": "**{week}주차 질문** ({count})",
    "list.title.mentor": "**멘토님께 드릴 질문** ({count})",
    "list.title.all": "**모든 질문** ({count})",
    "list.words_cut": "(입력하신 서로 다른 단어 {count}개 중 처음 {limit}개로만 검색했습니다.)",
    "list.title.search": "**{words} 검색 결과** ({count})",
    "list.section.carried": "🔍 지난 질문들",
    "list.section.today": "오늘의 질문",
    "list.section.notes": "📝 피어세션 메모",
    "list.empty": "해당하는 질문이 없습니다.",
    "list.page": "{pages}쪽 중 {page}쪽입니다. 다음은 {command}",
    "list.page.last": "{pages}쪽 중 {page}쪽 (마지막)입니다. 처음으로는 {command}",
    "list.bad_page": "{page}쪽은 없습니다. 목록은 {pages}쪽까지 있으니 page:1 에서 page:{pages} "
    "사이로 입력해 주세요.",
    "list.today_has_no_pages": "오늘 안건에는 쪽이 없습니다. 안건에 다 싣지 못한 질문은 "
    "/questions open page:2 로 볼 수 있습니다.",
    "agenda.more": "…여기에 없는 질문이 {count}개 더 있습니다. /questions open 으로 모두 볼 수 "
    "있습니다.",
    "list.item": "**#{number}** {label} {text} ({who}, {state})",
    "list.answer": "    ↳ {who}: {text}",
    "list.note": "  - {text} ({who}, {number}번 메모)",
    "list.open_rest": "처음 {count}개 질문에는 여는 버튼이 있습니다. 어느 질문이든 "
    "/question <번호> 로 열 수 있습니다.",
    "state.open": "답변 대기",
    "state.answered": "답변 {count}개",
    "state.resolved": "해결",
    "state.deferred": "내일 답변",
    "state.escalated": "멘토 질문",
    "state.settled": "정리됨 (안건에서 빠짐)",
    "category.lecture": "📒 [강의 관련 질문]",
    "category.assignment": "📌 [과제 관련 질문]",
    "category.assignment_named": "📌 [{name} 관련 질문]",
    "category.general": "💡 [일반 질문]",
    # --- 날짜 ------------------------------------------------------------------------------------
    "day.study": "{date}({weekday}) Day {n}",
    "day.plain": "{date}({weekday})",
    "weekday.0": "월",
    "weekday.1": "화",
    "weekday.2": "수",
    "weekday.3": "목",
    "weekday.4": "금",
    "weekday.5": "토",
    "weekday.6": "일",
    # --- 팀 --------------------------------------------------------------------------------------
    "team.already_setup": "이 채널에는 이미 팀({name})이 있습니다. /team settings 로 설정을 "
    "바꾸세요.",
    "team.admin_only": "설정은 팀 관리자만 바꿀 수 있습니다. {admins} 님께 부탁하세요.",
    "team.setup_done": "🎉 **{name}** 팀을 만들었습니다. 과정 시작 {start}, 시간대 {zone}, "
    "공휴일 {country}, 언어 {lang}, 회고 양식 {template}, /ask 때 비슷한 질문 먼저 보여 주기 "
    "{similar} (/team settings similar:on|off). 관리자는 {who} 님입니다. 이제 "
    "/ask <질문> 으로 질문해 보세요.",
    "team.settings": "**{name}** 설정\n"
    "  start: {start} (오늘은 {today})\n"
    "  zone: {zone}\n"
    "  country: {country}\n"
    "  lang: {lang}\n"
    "  template: {template}\n"
    "  capture: {capture} (스레드 답글을 답변으로 기록: threads 또는 off)\n"
    "  similar: {similar} (/ask 때 올리기 전에 비슷한 질문 보여 주기: on 또는 off)\n"
    "  쉬는 날: {days_off}\n"
    "바꾸려면 /team settings <이름>:<값> 을 입력하세요. 예: /team settings zone:Asia/Seoul",
    "team.settings_changed": "⚙️ {who} 님이 설정을 바꿨습니다: {changes}.",
    "team.members": "**{name} 팀원** ({count})",
    "team.member": "  - {who}{admin}",
    "team.admin_mark": " (관리자)",
    "team.member_not_found": "이 팀에는 {name} 님이 없습니다. /team members 로 팀원을 확인하세요.",
    "team.admin_added": "{who} 님이 이제 {team} 팀의 관리자입니다.",
    "team.admin_removed": "{who} 님은 더 이상 {team} 팀의 관리자가 아닙니다.",
    "team.last_admin": "{who} 님은 마지막 관리자입니다. 먼저 다른 분을 관리자로 지정하세요.",
    "none": "없음",
    "today.none": "학습일 아님",
    # --- 도움말 ----------------------------------------------------------------------------------
    "help.title": "**peerbot 명령어** (옵션은 이름:값 으로 씁니다)",
    "help.entry": "**{usage}**: {summary}",
    "help.example": "    예: {example}",
    "help.ask": "오늘 피어세션에 질문을 올립니다. category 는 lecture(강의), assignment(과제), "
    "general(일반). topic 을 주면 회의록이 주제별로 묶습니다.",
    "help.answer": "질문에 답변합니다. 누구나, 여러 번 답변할 수 있습니다.",
    "help.accept": "답변을 채택해 질문을 해결합니다 (번호를 안 주면 마지막 답변). 질문한 분이나 "
    "관리자만.",
    "help.defer": "더 조사 후 다음 날 답변하기로 합니다. 안건에 계속 남습니다.",
    "help.escalate": "멘토님과의 시간에 질문하기로 합니다.",
    "help.reopen": "해결·미룸·멘토·정리된 질문을 다시 엽니다.",
    "help.question": "질문 하나를 모든 답변, 지금 상태, 처리 버튼과 함께 봅니다.",
    "help.questions": "질문 목록: open(기본), today(오늘 안건), week(이번 주), mentor(멘토 질문), "
    "all. 뒤에 검색어를 쓰면 검색합니다.",
    "help.note": "오늘 피어세션 회의록에 메모를 추가합니다. place:mentor(멘토)는 멘토님께 드릴 "
    "질문 앞에 적습니다.",
    "help.team": "이 채널의 팀을 만들고 관리합니다.",
    "help.team.setup": "이 채널에 새 팀을 만듭니다 (start: 가 없으면 과정은 오늘 시작). 만든 "
    "분이 관리자가 됩니다.",
    "help.team.settings": "설정을 보거나 바꿉니다 (관리자만).",
    "help.team.members": "팀원과 역할 목록. 관리자는 역할을 정하고 (set:@kim role:멘토), "
    "관리자를 추가하거나 빼고, 팀원을 내보낼 수 있습니다 (remove:@kim).",
    "help.help": "이 목록.",
    "param.question": "질문 내용",
    "param.number": "질문 번호 (12 또는 #12)",
    "param.text": "내용",
    "param.answer": "몇 번째 답변인지 (1 = 첫 답변). 없으면 마지막 답변",
    "param.category": "lecture, assignment, general",
    "param.assignment": '과제 이름, 예: "선택과제 1번 ViT"',
    "param.view": "page(모든 답변), card(채널에 올라간 카드 그대로), "
    "accept(채택할 답변 고르기) 또는 mine(내가 고치거나 지울 수 있는 것)",
    "param.scope": "open, today, week, mentor, all",
    "param.words": "검색어",
    "param.start": "과정 첫날, 예: 2021-08-02",
    "param.zone": "시간대, 예: Asia/Seoul",
    "param.country": "공휴일을 따를 나라, 예: KR, 또는 none",
    "param.lang": "ko 또는 en",
    "param.template": "회고 양식: fff 또는 til",
    "param.name": "팀 이름 (/cohort create 에서는 멘토링 그룹 이름)",
    "param.add_admin": "관리자로 지정할 팀원",
    "param.remove_admin": "관리자에서 뺄 팀원",
}
MESSAGES.update(
    {
        "import.bad_format": "peerbot 팀 내보내기 파일이 아닙니다 ({expected}).",
        "import.channel_taken": "{platform}:{channel} 채널에는 이미 팀이 있습니다. "
        "--channel 로 다른 "
        "채널에 가져오세요.",
        "import.name_taken": "{name} 팀이 이미 있습니다. --name 으로 다른 이름을 정하세요.",
    }
)
MESSAGES.update(
    {
        "help.digest": "이번 주 피어세션을 노트 형식의 Markdown으로 정리합니다: 여기에 "
        "요약, 그리고 .md 파일. 형식: peer-minutes(팀), office-hours(팀, 멘토님의 "
        "답변), retro-log, til-review(개인).",
        "param.week": "주차 (과정의 N주차). 없으면 이번 주",
        "param.page": "긴 목록의 몇 쪽인지, 첫 쪽은 1",
        "help.stats": "이번 주(또는 week:N) 누가 질문하고 답하고 회고를 썼는지, "
        "팀원별 회고 연속 일수.",
        "stats.title": "📊 **{week}주차** ({first} – {last}): 질문 {asked}개, 답변 {answered}개, "
        "회고 {retros}개",
        "stats.member": "**{name}**: ❓ 질문 {asked} · 💬 답변 {answered} (채택 {accepted}) · "
        "📝 회고 {retros}/{expected} · 🔥 {streak}일 연속",
        "stats.more": "… 이번 주 활동이 더 적은 {count}명이 더 있습니다.",
        "stats.not_started": "이번 주에는 아직 학습일이 없습니다.",
        "param.format": "peer-minutes, retro-log, til-review, office-hours (또는 팀의 템플릿)",
        "param.member": "누구의 retro-log / til-review 인지. 없으면 본인",
        "digest.member_not_for_format": "{format:은} 팀 전체의 정리입니다. member: 를 빼거나 "
        "format:retro-log 또는 format:til-review 를 고르세요.",
    }
)
# 명령마다 예시: /help 와 입력 방법을 알려 주는 오류에 나옵니다 (테스트가 모두 명령표로
# 읽어 봅니다).
MESSAGES.update(
    {
        "example.ask": "/ask 왜 매 스텝마다 zero_grad()를 호출하나요? category:강의",
        "example.answer": "/answer 12 PyTorch는 기울기를 누적하므로 스텝마다 초기화해야 합니다.",
        "example.accept": "/accept 12",
        "example.defer": "/defer 12",
        "example.escalate": "/escalate 12",
        "example.reopen": "/reopen 12",
        "example.question": "/question 12",
        "example.questions": "/questions 이번주 어텐션",
        "example.note": "/note 트랜스포머 인코더 코드 같이 읽기",
        "example.retro": "/retro 사실: 1~3강 수강 느낀점: 힘들었다 계획: 복습",
        "example.assignment.add": "/assignment add 선택과제 1 ViT kind:선택 "
        "due:금요일 오후 11시 59분",
        "example.assignment.list": "/assignment list 전체",
        "example.assignment.done": "/assignment done 2",
        "example.assignment.undo": "/assignment undo 2",
        "example.assignment.remove": "/assignment remove 2",
        "example.away": "/away 8월 12일~8월 13일",
        "example.team.setup": "/team setup zone:Asia/Seoul country:KR lang:ko",
        "example.team.settings": "/team settings lang:ko session:16:00 retro_time:21:00",
        "example.team.holiday": "/team holiday 추가 8월 16일",
        "example.team.members": "/team members add_admin:lee",
        "example.digest": "/digest week:2 format:peer-minutes",
        "example.stats": "/stats week:2",
        "example.help": "/help",
    }
)
