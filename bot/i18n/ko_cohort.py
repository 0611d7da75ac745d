"""멘토링 그룹(`/cohort`)의 한국어 문장: 멘토 채널, 멘토 대기열과 그 게시물."""

MESSAGES: dict[str, str] = {
    "help.cohort": "여러 팀을 하나의 멘토링 그룹으로 묶고 멘토 채널 하나를 둡니다. 멘토는 "
    "거기서 모든 팀의 멘토 질문을 보고, 맡고, 답합니다.",
    "help.cohort.create": "이 채널(팀 채널이 아닌 곳)을 새 멘토링 그룹의 멘토 채널로 만듭니다. "
    "만든 사람이 첫 멘토이자 관리자가 됩니다.",
    "help.cohort.join": "참여 코드로 이 팀을 멘토링 그룹에 연결합니다 (팀 관리자만). 멘토에게 "
    "넘긴 질문만 넘어갑니다.",
    "help.cohort.leave": "이 팀을 멘토링 그룹에서 뺍니다 (팀 관리자만).",
    "help.cohort.hours": "멘토링 그룹 팀들의 한 주 오피스아워를 office-hours 파일로: 멘토님께 "
    "넘긴 질문과 멘토님의 답변, 질문마다 팀 이름 (date:로 다른 주의 날짜를 주지 않으면 이번 주).",
    "example.cohort.hours": "/cohort hours date:2021-08-12",
    "cohort.hours.done": "🎓 멘토링 그룹 {cohort}의 {monday} 주 오피스아워: 멘토님이 답한 질문 "
    "{asked}개, 아직 기다리는 질문 {waiting}개 (팀 {teams}개).",
    "cohort.hours.not_yet": "그 주까지 과정을 시작하지 않은 팀 {count}개는 들어 있지 않습니다.",
    "cohort.hours.too_big": "파일이 {size} MiB로, 메시지에 담을 수 있는 {limit} MiB를 넘어 "
    "첨부하지 않았습니다. 각 팀의 /digest format:office-hours에 그 팀의 몫이 있습니다.",
    "param.date": "원하는 주의 하루, 예: 2021-08-12 (기본: 오늘)",
    "help.cohort.show": "멘토링 그룹 정보: 멘토 채널에서는 팀, 멘토, 대기열을, 팀 채널에서는 "
    "그룹 이름과 넘어가는 내용을 보여 줍니다.",
    "help.cohort.mentor": "그룹 전체 멘토(그룹의 모든 팀의 멘토)를 추가하거나 뺍니다 (그룹 "
    "관리자만).",
    "help.cohort.queue": "모든 팀의 멘토 질문을 먼저 넘긴 순으로, 비슷한 질문은 함께, 누가 "
    "맡았는지와 함께 보여 줍니다.",
    "help.cohort.claim": "대기열의 질문(비슷한 질문 포함)을 맡아 다른 멘토에게 알립니다. "
    "해제(release)로 돌려놓습니다.",
    "help.cohort.answer": "대기열의 질문에 한 번 답합니다. 각 팀에 기록되고 질문의 스레드에 "
    "올라갑니다.",
    "example.cohort.create": '/cohort create name:"AI 3기"',
    "example.cohort.join": "/cohort join code:K7QX3MZP",
    "example.cohort.leave": "/cohort leave",
    "example.cohort.show": "/cohort show",
    "example.cohort.mentor": "/cohort mentor add:@lee",
    "example.cohort.queue": "/cohort queue",
    "example.cohort.claim": "/cohort claim 2#12",
    "example.cohort.answer": "/cohort answer 2#12,3#4 학습률 워밍업을 써 보세요.",
    "param.code": "멘토링 그룹의 참여 코드 (멘토 채널에서 /cohort show 로 확인)",
    "param.ref": "대기열의 질문, 팀번호#질문번호 (예: 2#12, 여러 개는 2#12,3#4)",
    "param.release": "해제: 맡은 질문을 대기열로 돌려놓기",
    "param.add": "추가할 사람 (@lee 처럼 멘션)",
    "button.cohort.claim": "맡기",
    "button.cohort.claim.ref": "🙋 {ref} 맡기",
    "button.cohort.answer": "답변",
    "button.cohort.answer.ref": "{ref} 답변",
    "cohort.form.title": "{refs} 답변하기",
    # 거절
    "cohort.not_here": "멘토링 그룹의 멘토 채널에서 실행하거나, 이 채널을 멘토 채널로 만드세요: "
    '/cohort create name:"AI 3기"',
    "cohort.team_channel": "이 채널은 {team} 팀의 채널입니다. 멘토용 채널을 따로 만들어 거기서 "
    "/cohort create 를 실행하세요.",
    "cohort.mentors_channel": "이 채널은 멘토링 그룹 {name}의 멘토 채널입니다. 팀은 팀의 "
    "채널에서 만들어 주세요.",
    "cohort.already_here": "이 채널은 이미 멘토링 그룹 {name}의 멘토 채널입니다. 자세한 내용은 "
    "/cohort show 로 확인하세요.",
    "cohort.name_needed": '그룹 이름을 정해 주세요: /cohort create name:"AI 3기"',
    "cohort.name_taken": "{name:이라}는 멘토링 그룹이 이미 있습니다. 다른 이름을 골라 주세요.",
    "cohort.in_one_already": "이 팀은 이미 멘토링 그룹 {name}에 속해 있습니다. 다른 그룹에 "
    "참여하려면 먼저 /cohort leave 를 실행하세요.",
    "cohort.bad_code": "그 참여 코드의 멘토링 그룹이 없습니다. 그룹 관리자에게 코드를 받아(멘토 "
    "채널에서 /cohort show) /cohort join code:XXXX 로 입력하세요.",
    "cohort.other_platform": "멘토링 그룹 {name:은} {platform}에 있습니다. 팀은 같은 플랫폼의 "
    "그룹에만 참여할 수 있습니다.",
    "cohort.in_none": "이 팀은 어느 멘토링 그룹에도 속해 있지 않습니다. 팀 관리자가 /cohort "
    "join code:XXXX 로 연결합니다.",
    "cohort.not_mentor": "멘토링 그룹 {name}의 멘토만 할 수 있습니다. {admins} 님께 /cohort "
    "mentor add:@이름 으로 추가해 달라고 하세요.",
    "cohort.admin_only": "멘토링 그룹 {name}의 멘토는 그룹 관리자만 바꿀 수 있습니다.",
    "cohort.mentor_how": "누구를 추가하거나 뺄지 적어 주세요: /cohort mentor add:@lee 또는 "
    "/cohort mentor remove:@lee",
    "cohort.last_admin": "{who} 님은 그룹의 마지막 관리자라 뺄 수 없습니다.",
    "cohort.not_a_mentor": "{who} 님은 멘토링 그룹 {name}의 멘토가 아닙니다. /cohort show 에서 "
    "멘토 목록을 확인하세요.",
    "cohort.mentor_already": "{who} 님은 이미 멘토링 그룹 {name}의 멘토입니다.",
    "cohort.who_unknown": "{who} 님을 아직 모릅니다. @ 를 입력하고 목록에서 골라 멘션해 주세요.",
    "cohort.bad_ref": "{ref:은} 대기열의 질문이 아닙니다. 2#12 처럼 팀번호#질문번호로 적어 "
    "주세요 (/cohort queue 에서 확인).",
    "cohort.unknown_ref": "{ref:은} 멘토 대기열에 없습니다. /cohort queue 로 대기열을 확인하세요.",
    "cohort.claimed_by": "{ref:은} 이미 {who} 님이 맡았습니다. 다른 질문에 답해 주세요 (/cohort "
    "queue).",
    "cohort.not_claimed": "{ref:은} 맡은 사람이 없어 해제할 것이 없습니다.",
    # 응답
    "cohort.created": "🎓 이 채널은 이제 멘토링 그룹 **{name}**의 멘토 채널입니다. {who} 님이 "
    "첫 멘토이자 관리자입니다.\n팀은 그룹의 참여 코드로 참여합니다. 여기서 /cohort show 를 "
    "실행하면 코드와 팀 관리자가 입력할 명령이 본인에게만 보입니다.",
    "cohort.joined": "🎓 {who} 님이 {team} 팀을 멘토링 그룹 **{name}**에 연결했습니다 (그룹의 "
    "{number}번 팀). 그룹의 멘토는 이 팀의 멘토도 됩니다: {mentors}",
    "cohort.crosses": "멘토 채널로 넘어가는 것: 멘토에게 넘긴 질문(/escalate N)의 내용, 분류나 "
    "과제, 질문한 사람의 이름뿐입니다. 이 팀의 다른 것은 넘어가지 않습니다.",
    "cohort.left": "🎓 {who} 님이 {team} 팀을 멘토링 그룹 **{name}**에서 뺐습니다. 멘토 질문이 "
    "더는 넘어가지 않습니다. 그룹의 멘토는 이 팀의 멘토로 남습니다. 관리자가 /team members "
    "set:@이름 role:member 로 바꿀 수 있습니다.",
    "cohort.mentor_added": "🎓 {who} 님은 이제 멘토링 그룹 **{name}**의 멘토입니다: 지금의 "
    "{count}개 팀과 앞으로 참여하는 모든 팀의 멘토입니다.",
    "cohort.mentor_removed": "{who} 님은 이제 멘토링 그룹 **{name}**의 멘토가 아닙니다 "
    "(대기열에서 맡거나 답할 수 없습니다). 각 팀의 멤버 목록에서는 멘토로 남습니다. 팀 관리자가 "
    "/team members set:@이름 role:member 로 바꿀 수 있습니다.",
    "cohort.admin_mark": " (관리자)",
    "cohort.show.title": "🎓 멘토링 그룹 **{name}**",
    "cohort.show.teams": "팀 ({count}개):",
    "cohort.show.team": "  - {number}: {team}",
    "cohort.show.mentors": "멘토: {who}",
    "cohort.show.queue": "대기열: 질문 {count}개 (/cohort queue)",
    "cohort.show.code": "참여 코드 (본인에게만 보입니다): {code}\n팀 관리자가 팀 채널에서 "
    "입력할 명령: {command}",
    "cohort.show.none": "이 팀은 어느 멘토링 그룹에도 속해 있지 않습니다. 팀 관리자가 /cohort "
    "join code:XXXX 로 연결합니다.",
    "cohort.show.of_team": "🎓 이 팀은 멘토링 그룹 **{name}**의 {number}번 팀입니다.",
    # 대기열
    "cohort.queue.title": "🎓 **{name}** 멘토 대기열: 질문 {count}개 (항목 {items}개), 먼저 넘긴 "
    "순",
    "cohort.queue.empty": "🎓 **{name}** 멘토 대기열이 비어 있습니다. 기다리는 멘토 질문이 "
    "없습니다.",
    "cohort.queue.lecture": "📚 강의",
    "cohort.queue.general": "💬 일반",
    "cohort.queue.assignment": "📝 과제: {name}",
    "cohort.queue.assignment_unnamed": "📝 과제",
    "cohort.queue.item": "  • {ref} · {who} ({team}): {text}",
    "cohort.queue.same": "    ↳ 같은 질문: {ref} · {who} ({team}): {text}",
    "cohort.queue.button_part": "    (답변 버튼은 앞의 {shown}개만 담습니다. 모두에 답하려면 "
    "{command} 뒤에 답변을 입력하세요)",
    "cohort.queue.claimed": "    🙋 {who} 님이 맡음",
    "cohort.queue.more": "… 외 {count}개 항목: 먼저 이것들에 답한 뒤 /cohort queue 를 다시 "
    "실행하세요.",
    "cohort.queue.no_buttons": "{refs}에는 버튼이 없습니다 (메시지 하나에 25개까지): /cohort "
    "claim REF 나 /cohort answer REF 내용 을 입력하세요.",
    "cohort.claimed": "🙋 {who} 님이 {refs} 질문을 맡았습니다:",
    "cohort.released": "{who} 님이 {refs} 질문을 대기열로 돌려놓았습니다.",
    "cohort.answered": "✅ {who} 님이 {refs}에 답했습니다 ({count}개 팀): {text}",
    # 게시물
    "cohort.answer_post": "🎓 {who} 멘토님이 **#{number}**({question})에 답했습니다:\n{text}",
    "cohort.post.title": "🎓 {number}번 팀 {team}: {time} 오피스아워 질문 {count}개",
}
