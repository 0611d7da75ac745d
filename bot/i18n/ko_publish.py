"""한국어: 팀 저장소에 올리기 (`/me`, `/team settings repo:…`, 커밋)."""

MESSAGES: dict[str, str] = {
    "help.me": "내 설정: publish:on 이면 매주 내 학습 회고나 TIL 리뷰가 팀 저장소에 올라갑니다 "
    "(기본은 꺼짐); 옵션 없이 쓰면 설정을 보여 줍니다.",
    "example.me": "/me publish:켜기",
    "param.publish": "on: 내 회고를 팀 저장소에 올립니다; off: 올리지 않습니다",
    "param.repo": "올릴 팀 저장소 (https://, ssh:// 또는 git@host:path)",
    "param.branch": "올릴 브랜치 (기본 main)",
    "param.layout": '파일을 둘 경로, 예: "peer-session/{week_dir}/{name}.md"',
    "param.push": "weekly: 매주 주간 게시 뒤에 올립니다; off: peerbot publish 로만 올립니다",
    "param.publish_minutes": "on(기본): 팀 회의록을 올립니다; off: 올리지 않습니다",
    "publish.commit": "peerbot: {team}의 Week {week} ({first} – {last})",
    "publish.me": "**{team}의 내 설정**\n"
    "  publish: {state} ({explain})\n"
    "/me publish:on 또는 /me publish:off 로 바꿉니다.",
    "publish.me.on": "올릴 때마다 내 회고가 팀 저장소에 함께 올라갑니다",
    "publish.me.off": "내 회고는 팀 저장소에 올라가지 않습니다",
    "publish.me.no_repo": "팀에 아직 저장소가 없습니다",
    "publish.me_changed.on": "✅ {who}: 이제 내 회고가 팀의 한 주와 함께 올라갑니다 ({where}).",
    "publish.me_changed.off": "✅ {who}: 이제 내 회고는 올라가지 않습니다. 이미 올라간 파일은 "
    "저장소 기록에 남습니다.",
    "publish.settings": "  저장소: {repo} (브랜치 {branch}, 올리기 {push}, 회의록 {minutes})\n"
    "  경로: {layout}",
    "publish.no_repo": "이 팀에는 올릴 저장소가 없습니다. 관리자가 "
    "/team settings repo:https://github.com/team/til.git 으로 정합니다.",
    "publish.bad_url": "peerbot이 올릴 수 있는 저장소 주소가 아닙니다. https://, ssh:// 또는 "
    "git@host:path 주소를 주세요. 예: repo:https://github.com/team/til.git",
    "publish.url_credentials": "저장소 주소에 비밀번호나 토큰을 넣으면 안 됩니다. "
    "주소만 주고 토큰은 봇의 환경 변수(PEERBOT_GIT_TOKEN)에 넣으세요.",
    "publish.bad_branch": "{branch:은} peerbot이 올릴 수 있는 브랜치 이름이 아닙니다. 영문, 숫자와 "
    ". _ / - 만 쓰세요. 예: branch:main",
    "publish.layout_length": "경로는 1~{limit}자여야 합니다. 예: "
    'layout:"peer-session/{{week_dir}}/{{name}}.md"',
    "publish.layout_braces": "경로의 중괄호가 맞지 않습니다. 자리표시자는 {{week_dir}} 처럼 쓰고, "
    "중괄호 하나만 쓸 수는 없습니다.",
    "publish.layout_placeholder": "경로에 모르는 자리표시자나 잘못된 자리표시자 "
    "{name:이} 있습니다. {choices} 중에서 쓰세요.",
    "publish.layout_collides": "그 경로로는 한 주의 두 파일이 같은 경로가 됩니다. {{name}}(또는 "
    "{{format}}과 {{member}})을 넣으세요.",
    "publish.layout_unsafe": "그 경로는 {path:이} 되어 저장소 밖이나 git 자체 파일을 건드립니다. "
    ".., ., .git, 역슬래시 없는 상대 경로를 쓰세요.",
}
