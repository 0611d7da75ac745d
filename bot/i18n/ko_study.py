"""한국어: 회고, 과제, 부재, 일정 설정 메시지."""

MESSAGES: dict[str, str] = {
    # --- 날짜와 시간 -----------------------------------------------------------------------------
    "when.bad_time": "{value:은} 시각이 아닙니다. 09:30 이나 21:00 처럼 24시간제로 입력하세요.",
    "when.bad_day": "{value:은} 날짜가 아닙니다. 2021-08-12, 8/12, 오늘, 내일 처럼 입력하세요.",
    "when.bad_range": "{value:은} 날짜나 기간이 아닙니다. 2021-08-12, 8/12-8/13, "
    "2021-08-12 2021-08-13 처럼 입력하세요.",
    "when.bad_due": "{value:은} 알아들을 수 있는 마감 시각이 아닙니다. 2021-08-13 10:00, "
    "8/13 10:00, 금 23:59, 내일 10:00 처럼 입력하세요.",
    "when.nonexistent": "{value:은} {zone}에 없는 시각입니다 (서머타임으로 그 한 시간을 "
    "건너뜁니다). 한 시간 앞이나 뒤로 입력하세요.",
    "when.bad_minutes": "{value:은} 분 단위 숫자가 아닙니다. 0부터 {limit} 사이의 정수를 "
    "10 처럼 입력하세요.",
    "when.bad_offsets": "{value:은} 시간 목록이 아닙니다. 마감 몇 시간 전인지 쉼표로 "
    "구분해 24,1 처럼 입력하세요.",
    "when.too_many_offsets": "알림이 너무 많습니다. 최대 {limit}개까지 24,1 처럼 입력하세요.",
    "when.offset_range": "알림 시간은 1부터 {limit}시간(14일) 사이여야 합니다. 24,1 처럼 "
    "입력하세요.",
    "when.bad_digest": '{value:은} 주간 정리 시각이 아닙니다. digest:"금 18:00" 처럼 요일과 '
    '시각을, 주의 마지막 학습일이면 digest:"last 18:00" 을 입력하세요.',
    "when.out_of_range": "{value:은} 너무 먼 날짜입니다. {first}부터 {last} 사이의 날을 "
    "입력하세요 (오늘과 과정 시작일로부터 {years}년 이내).",
    "when.start_out_of_range": "{value:은} 오늘에서 너무 먼 과정 시작일입니다. {first}부터 "
    "{last} 사이의 날을 입력하거나 (오늘로부터 {years}년 이내), start: 를 빼면 오늘로 정합니다.",
    "when.week_out_of_range": "이 과정에는 아직 {week}주차가 없습니다. 1부터 {last} 사이의 주차를 "
    "입력하세요.",
    # --- 회고 ----------------------------------------------------------------------------------
    "what.peer": "피어세션",
    "what.fact": "Fact",
    "what.feeling": "Feeling",
    "what.plan": "Future Plan & Finding",
    "what.done": "완료한 사항",
    "what.not_done": "완료하지 못한 사항",
    "what.learned": "새롭게 알게된 내용",
    "what.tomorrow": "내일 목표",
    "what.impressions": "소감",
    "retro.no_label": "회고의 각 항목은 이름과 콜론으로 시작하세요. 예: /retro {fields} 뒤에 내용.",
    "retro.unknown_field": "{field:은} 이 팀 회고 양식의 항목이 아닙니다. {fields:을} 쓰세요.",
    "retro.field_twice": "{field}: 항목을 두 번 주셨습니다. 항목마다 한 번만 입력하세요.",
    "retro.text_after_day": "day: 는 항목들 앞이나 뒤에 따로 쓰세요. {extra} 앞에 붙이지 마세요.",
    "retro.not_study_day": "{day:은} 학습일이 아니어서 회고가 없습니다. day:YYYY-MM-DD 로 "
    "학습일을 고르세요.",
    "retro.future": "{day:은} 아직 오지 않았습니다. 회고는 그날 쓰세요.",
    "retro.closed": "{day} 회고는 {until}까지 쓸 수 있었고 지금은 마감되었습니다 (이번 주 "
    "회고는 주간 정리가 올라가기 전까지 고칠 수 있습니다).",
    "retro.no_yesterday": "이 과정에는 아직 오늘 이전의 학습일이 없습니다. 오늘 회고는 day: 없이 "
    "쓰세요.",
    "retro.saved": "📝 {day} 회고를 저장했습니다:",
    "retro.updated": "📝 {day} 회고를 고쳤습니다:",
    "retro.still_missing": "아직 비어 있는 항목: {fields} (같은 방법으로 /retro 에 덧붙이세요).",
    "retro.none": "{who} 님의 {day} 회고는 아직 없습니다.",
    "retro.title": "**{who} 님의 {day} 회고**",
    "retro.field": "- **{label}**: {text}",
    "retro.empty": "(비어 있음)",
    "retro.peer_empty": "(비어 있음: 회고 로그에는 대신 팀의 피어세션 메모가 들어갑니다)",
    "retro.how": "{day} 회고를 이렇게 쓰세요: {example} (지난 학습일 회고는 day:어제를 붙이세요).",
    # --- 과제 ----------------------------------------------------------------------------------
    "assignment.due_missing": "due: 로 마감 시각을 주세요. 예: /assignment add <제목> due:금 23:59",
    "assignment.due_past": "마감 시각 {due:은} 이미 지났습니다. 앞으로의 시각을 주세요.",
    "assignment.bad_link": "{value:은} 링크가 아닙니다. https:// 로 시작하는 주소를 주세요.",
    "assignment.due_format": "{date}({weekday}) {time}",
    "assignment.added": "📌 **#{number}** [{kind}] {title}, 마감 {due} ({who} 님이 추가). "
    "다 하면 /assignment done {number: 로} 표시하세요.",
    "assignment.link": "    🔗 {link}",
    "assignment.list_upcoming": "**다가오는 과제** ({count})",
    "assignment.list_all": "**모든 과제** ({count})",
    "assignment.list_empty": "과제가 없습니다. /assignment add <제목> due:<마감> 으로 추가하세요.",
    "assignment.list_more": "…더 있습니다.",
    "assignment.item": "**#{number}** [{kind}] {title}, 마감 {due}",
    "assignment.who": "    ✅ 완료: {done} · ⏳ 아직: {todo} · 🏖️ 부재: {away}",
    "assignment.already_done": "#{number} 과제는 이미 완료로 표시했습니다. 취소하려면 "
    "/assignment undo {number: 를} 입력하세요.",
    "assignment.marked_done": "✅ {who} 님이 **#{number}** {title} 과제를 끝냈습니다 "
    "({count}명 중 {done}명 완료).",
    "assignment.not_done": "#{number} 과제를 완료로 표시한 적이 없어서 취소할 것이 없습니다.",
    "assignment.undone": "↩️ **#{number}** {title} 과제의 완료 표시를 취소했습니다.",
    "assignment.remove_not_allowed": "#{number} 과제는 추가한 분({creator})이나 팀 관리자만 "
    "지울 수 있습니다.",
    "assignment.removed": "🗑️ {who} 님이 **#{number}** {title} 과제를 지웠습니다.",
    "assignment.not_found": "이 팀에는 #{number} 과제가 없습니다. /assignment list all 로 "
    "확인하세요.",
    "assignment.no_match": "{title:로} 시작하는 과제가 없습니다. /assignment list 에 나오는 "
    "번호를 입력하세요.",
    "assignment.ambiguous": "{title:로} 시작하는 과제가 여러 개입니다 ({numbers}). 번호로 "
    "입력하세요.",
    # --- 부재와 쉬는 날 ---------------------------------------------------------------------------
    "away.inverted": "기간의 끝({last})이 시작({first})보다 앞섭니다. 8/12-8/13 처럼 앞선 날을 "
    "먼저 입력하세요.",
    "away.past": "{day:은} 지난 날입니다. 오늘이나 앞으로의 날만 부재로 표시하세요.",
    "away.too_long": "{limit}일이 넘습니다. 더 짧게 나눠서 표시하세요.",
    "away.done": "🏖️ {who} 님은 {first}부터 {last}까지 부재입니다 (학습일 {days}일): 회고 "
    "알림을 보내지 않고, 빠진 사람으로 세지 않습니다.",
    "away.list": "**앞으로의 부재** ({count})",
    "away.item": "  - {first} – {last}",
    "away.list_empty": "없습니다. /away 8/12-8/13 처럼 표시하세요.",
    "holiday.which_action": "무엇을 할지 정하세요: /team holiday add 2021-08-16 또는 "
    "/team holiday remove 2021-08-16",
    "holiday.missing": "날짜를 주세요. 예: /team holiday add 2021-08-16 2021-08-17",
    "holiday.past": "{day:은} 지난 날입니다. 오늘이나 앞으로의 날만 쉬는 날로 추가하세요.",
    "holiday.not_found": "{day:은} 팀의 쉬는 날이 아닙니다. /team holiday list 로 확인하세요.",
    "holiday.too_many": "한 번에 {limit}일이 넘습니다. 나눠서 추가하세요.",
    "holiday.nothing_new": "이미 쉬는 날이라 바뀐 것이 없습니다.",
    "holiday.added": "🌴 {who} 님이 팀 쉬는 날을 추가했습니다: {days}. 알림은 이날들을 건너뜁니다.",
    "holiday.removed": "📅 {who} 님이 다시 학습일로 바꿨습니다: {days}.",
    "holiday.list": "**팀의 쉬는 날** ({count})",
    "holiday.item": "  - {day}",
    "holiday.list_empty": "아직 없습니다.",
    "holiday.public": "{country} 공휴일도 쉬는 날입니다.",
    # --- 일정 설정 -------------------------------------------------------------------------------
    "team.settings_schedule": "  session: {session} (session_remind: {session_remind}분 전에 "
    "알림)\n"
    "  retro_time: {retro_time}\n"
    "  assignment_remind: 마감 {assignment_remind}시간 전\n"
    "  digest: {digest}\n"
    "  office_hours: {office_hours}\n"
    "  grace: 봇이 꺼져 있어 놓친 알림을 {grace}분까지 늦게라도 올림",
    # --- 도움말 --------------------------------------------------------------------------------
    "help.retro": "회고를 쓰거나 고칩니다. 항목마다 이름과 콜론으로 시작하세요. fff: "
    "peer:(피어세션:, 내가 정리한 피어세션. 비워 두면 회고 로그에 팀 메모가 들어감), "
    "fact:(사실:), feeling:(느낀점:), plan:(계획:, future:); til: done:(완료:), "
    "not_done:(미완료:), learned:(배운점:), tomorrow:(내일 목표:), impressions:(소감:). "
    "peer: 와 learned: 에 쓴 마크다운(목록, **굵게**, 코드 블록)은 다이제스트에 그대로 "
    "남습니다. 지난 학습일 회고는 day:어제, 읽기는 /retro show [팀원] [day:날짜].",
    "help.assignment": "과제를 추가하고, 누가 끝냈는지 보고, 완료를 표시합니다.",
    "help.assignment.add": "과제를 추가합니다. 마감은 2021-08-13 10:00, 8/13 10:00, 금 23:59, "
    "내일 10:00 처럼 (due: 는 줄 끝에 쓰거나 따옴표로 감싸기). kind 는 basic(기본), "
    "advanced(심화), optional(선택), quiz(퀴즈).",
    "help.assignment.list": "다가오는 과제(all 이면 전체)와 완료·미완료·부재인 팀원.",
    "help.assignment.done": "과제를 완료로 표시합니다 (번호나 제목).",
    "help.assignment.undo": "완료 표시를 취소합니다.",
    "help.assignment.remove": "과제를 지웁니다 (추가한 분이나 관리자).",
    "help.away": "부재인 날을 표시합니다 (2021-08-12, 8/12-8/13). 날짜 없이 쓰면 내 부재 목록.",
    "help.team.holiday": "팀의 쉬는 날: 추가하거나 빼기(관리자), 또는 목록.",
    "param.fields": "항목들, 이름: 내용",
    "param.day": "학습일, 예: 2021-08-09 또는 어제",
    "param.title": "과제 제목",
    "param.due": "마감 시각, 예: 금 23:59",
    "param.kind": "basic, advanced, optional, quiz (기본, 심화, 선택, 퀴즈)",
    "param.link": "과제 링크",
    "param.period": "upcoming(기본) 또는 all",
    "param.which": "과제 번호나 제목",
    "param.days": "날짜, 예: 2021-08-12, 8/12-8/13, 2021-08-12 2021-08-13",
    "param.action": "add, remove, list",
    "param.session": "피어세션 시각, 예: 16:00",
    "param.session_remind": "피어세션 몇 분 전에 알릴지, 예: 10",
    "param.retro_time": "회고 알림 시각, 예: 21:00",
    "param.assignment_remind": "마감 몇 시간 전에 알릴지, 예: 24,1",
    "param.digest": '주간 정리 요일과 시각, 예: "금 18:00" 또는 "last 18:00"',
    "param.office_hours": "멘토 질문 목록을 올릴 오피스아워 시각, 예: 14:00, 또는 none",
    "param.grace": "놓친 알림을 늦게라도 올릴 수 있는 시간(분), 예: 120",
    # forms (Slack and Discord modals)
    "form.retro.title": "회고, {day}",
    "form.retro.submit": "저장",
    "button.retro": "회고 쓰기",
    "form.retro.empty": "회고 항목을 하나 이상 채워 주세요.",
    "form.expired": "오래된 양식입니다. 명령어로 다시 열어 주세요.",
    "form.assignment.title_text": "새 과제",
    "form.assignment.title": "과제 이름",
    "form.assignment.due": "마감",
    "form.assignment.due_hint": "금 23:59 또는 2021-08-13 18:00",
    "form.assignment.kind": "종류",
    "form.assignment.link": "링크",
    "form.assignment.submit": "추가",
}
