"""역할(팀원, 관리자, 멘토), 팀원 내보내기, 멘토의 답변 확인(✅) 문장."""

MESSAGES: dict[str, str] = {
    "role.member": "팀원",
    "role.admin": "관리자",
    "role.mentor": "멘토",
    "role.mentor_mark": "(멘토)",
    "team.roles_mark": " ({roles})",
    "team.members_removed": "(내보낸 팀원 {count}명은 목록에 없습니다. 그분들이 쓴 글은 이름과 "
    "함께 남아 있습니다.)",
    "team.role_missing": "{who} 님의 역할을 적어 주세요: /team members set:{who} role:멘토 "
    "(팀원, 관리자, 멘토 중 하나).",
    "team.role_without_set": "role:{role} 에는 대상 팀원이 필요합니다: /team members set:@이름 "
    "role:{role}",
    "team.member_removed_already": "{who} 님은 이 팀에서 내보낸 분입니다. 다시 받으려면 "
    "/team members set:{who} role:팀원 으로 역할을 주세요.",
    "team.role_set": "{who} 님은 이제 {team} 팀의 {role}입니다.",
    "team.member_back": "내보냈던 {who} 님이 팀에 다시 들어왔습니다.",
    "team.member_removed": "{who} 님은 더 이상 {team} 팀원이 아닙니다. 목록, 알림, 집계에서 "
    "빠지고, 쓴 질문과 답변과 메모는 이름과 함께 남습니다.",
    "param.set": "role: 로 역할을 정할 팀원 (관리자만)",
    "param.role": "팀원, 관리자, 멘토 (멘토는 알림을 받지 않고 미제출로 세지 않습니다)",
    "param.remove": "팀에서 내보낼 팀원 (쓴 글은 남습니다. 관리자만), /cohort mentor 에서는 뺄 "
    "멘토",
    "param.undo": "취소: 확인 표시를 거둡니다",
    "help.endorse": "멘토가 팀원의 답변에 ✅ 확인 표시를 합니다 (번호가 없으면 마지막 답변). "
    "취소를 붙이면 거둡니다.",
    "example.endorse": "/endorse 12 2",
    "button.endorse": "확인",
    "button.endorse.n": "✅ {index}번 확인",
    "button.endorse.undo.n": "{index}번 확인 취소",
    "endorse.mark": "✅ {who} 멘토 확인",
    "endorse.mentors_only": "답변 확인은 팀의 멘토만 할 수 있습니다 (관리자가 /team members "
    "set:@이름 role:멘토 로 지정합니다).",
    "endorse.own_answer": "#{number}의 {index}번 답변은 본인의 답변입니다. 멘토는 팀원의 답변을 "
    "확인합니다.",
    "endorse.already": "#{number}의 {index}번 답변은 이미 확인되었습니다. /endorse {number} "
    "{index} 취소 로 거둘 수 있습니다.",
    "endorse.not_endorsed": "#{number}의 {index}번 답변은 확인 표시가 없습니다.",
    "endorse.done": "✅ {mentor} 님이 **#{number}**의 {index}번 답변({who} 님)을 확인했습니다.",
    "endorse.undone": "{mentor} 님이 **#{number}**의 {index}번 답변({who} 님) 확인을 거뒀습니다.",
    "stats.mentor": "**{name}** (멘토): ❓ 질문 {asked} · 💬 답변 {answered} (채택 {accepted}) · "
    "✅ 확인 {endorsements}",
    "stats.endorsed": " · ✅ 확인 {count}",
    "digest.mentor_mark": "(멘토)",
    "digest.endorsed_mark": "✅",
}
