"""세션 역할의 문장: `/team rotation`, 리마인더와 회의록의 사회자·기록자."""

MESSAGES: dict[str, str] = {
    "help.team.rotation": "피어세션 사회자(와 기록자)를 돌아가며 맡습니다: 다음 차례를 보거나 "
    "순서를 정합니다 (관리자만).",
    "param.switch": "off: 순서를 지웁니다 (관리자만), show(기본값): 다음 차례",
    "param.order": "차례대로 팀원, 예: @kim,@lee,@park",
    "param.every": "day(기본값): 학습일마다 사회자가 바뀜, week: 학습 주마다",
    "param.notes": "on: 기록자도 정함 (다음 참석자), off(기본값): 없음",
    "example.team.rotation": "/team rotation order:@kim,@lee,@park every:매주 notes:on",
    "rotation.none": "아직 정한 순서가 없습니다. 관리자가 이렇게 정합니다: {example}",
    "rotation.shown.day": "🎙 **사회자 순서**: {since}부터 학습일마다 바뀜, {notes}. "
    "순서: {order}.\n다음 차례:",
    "rotation.shown.week": "🎙 **사회자 순서**: {since}부터 학습 주마다 바뀜, {notes}. "
    "순서: {order}.\n다음 차례:",
    "rotation.notes_on": "기록자 있음",
    "rotation.notes_off": "기록자 없음",
    "rotation.week_label": "Week {week} ({day}부터)",
    "rotation.turn": "  - {day}: {roles}",
    "rotation.turn_passed": " ({away}의 차례, 부재)",
    "rotation.turn_notes": "; 기록: {who}",
    "rotation.turn_alone": "; 기록자 없음 (다른 참석자가 없음)",
    "rotation.everyone_away": "순서의 모두가 부재",
    "rotation.left_out": "  (이제 순서에서 빠진 사람: {who}. 팀에서 내보냈거나 멘토가 되었습니다)",
    "rotation.no_one": "  (순서에 남은 팀원이 없습니다. order:로 새 순서를 정하세요)",
    "rotation.mentor": "{who:은} 팀의 멘토입니다. 진행 역할은 팀원끼리 돌아가니 "
    "order:에서 빼 주세요.",
    "rotation.no_turns": "  (달력에 앞으로의 학습일이 없습니다)",
    "rotation.set": "🔁 {who:이} 세션 순서를 정했습니다.",
    "rotation.cleared": "🔁 {who:이} 세션 순서를 껐습니다.",
    "rotation.off_alone": "`/team rotation off` 에는 다른 옵션을 줄 수 없습니다. 먼저 순서를 "
    "지운 뒤 새로 정하세요.",
    "rotation.none_to_clear": "이 팀에는 끌 순서가 없습니다.",
    "rotation.order_needed": "먼저 순서를 정하세요. 예: order:@kim,@lee,@park",
    "rotation.order_empty": "순서에 팀원이 없습니다. 예: order:@kim,@lee,@park",
    "rotation.too_many": "순서에는 최대 {limit}명까지 넣을 수 있습니다.",
    "rotation.twice": "{who:이} 순서에 두 번 있습니다. 한 사람은 한 번만 넣으세요.",
    "rotation.unchanged": "이미 그렇게 정해져 있습니다. 바뀐 것이 없습니다.",
    # 피어세션 리마인더
    "remind.roles.moderator": "🎙 오늘의 사회자: {who}",
    "remind.roles.passed": "🎙 {away:이} 부재라 오늘은 {who:이} 사회를 봅니다",
    "remind.roles.notes": "📝 오늘의 기록자: {who}",
    "remind.roles.alone": "📝 오늘은 기록자가 없습니다: 순서의 다른 사람이 모두 부재입니다.",
    "remind.roles.everyone_away": "🎙 오늘은 순서의 모두가 부재라 사회자가 없습니다.",
    # 회의록 (peer-minutes)
    "digest.pm.moderator": "- 사회자: {who}",
    "digest.pm.note_taker": " · 기록자: {who}",
    "digest.pm.nobody": "없음 (순서의 모두가 부재)",
    "digest.pm.present": "- 참석: {who}",
    "digest.pm.no_one": "질문·답변·노트를 남긴 사람이 없음",
    "digest.pm.absent": " · 부재: {who}",
}
