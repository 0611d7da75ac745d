"""Korean sentences of the platform adapters (see `en_adapters`)."""

MESSAGES: dict[str, str] = {
    "slack.form_too_long": (
        "회고가 Slack 양식에 담기에는 깁니다 (칸마다 3,000자). /retro 사실: … 처럼 "
        "명령어에 직접 적어 고쳐 주세요."
    ),
    "slack.cannot_post": (
        "Slack에서 {team} 팀 채널에 글을 올릴 수 없습니다 ({why}). 알림과 주간 정리는 outbox에서 "
        "기다리다가 다시 올릴 수 있게 되면 올라갑니다 (날짜가 지난 알림은 로그를 남기고 "
        "버립니다). 그 채널에 저를 초대하시거나 (/invite @peerbot) 다른 채널에서 "
        "/team setup 을 해 주세요."
    ),
    "slack.cannot_post_other": (
        "Slack 채널 {channel}에 {team} 팀의 글을 올릴 수 없습니다 ({why}). 올리지 못한 글은 "
        "outbox에서 기다리다가 다시 올릴 수 있게 되면 올라갑니다 (날짜가 지난 알림은 로그를 남기고 "
        "버립니다). 그 채널에 저를 초대해 주세요 (/invite @peerbot)."
    ),
    "slack.why.not_in_channel": "채널 멤버가 아님",
    "slack.why.channel_not_found": "채널이 없거나 볼 수 없음",
    "slack.why.is_archived": "보관된 채널",
    "discord.cannot_post.403": (
        "{team} 팀의 Discord 채널에 글을 올릴 수 없습니다: 권한이 없습니다. 올리지 못한 글은 "
        "보관했다가 다시 올릴 수 있게 되면 올립니다 (날짜가 지난 알림은 로그를 남기고 버립니다). "
        "그 채널에서 채널 보기, 메시지 보내기, 파일 첨부, 메시지 기록 보기 권한을 주세요."
    ),
    "discord.cannot_post.404": (
        "{team} 팀의 Discord 채널에 글을 올릴 수 없습니다: 채널이 없어졌거나 서버에서 "
        "제거되었습니다. 올리지 못한 글은 보관했다가 다시 올릴 수 있게 되면 올립니다 (날짜가 "
        "지난 알림은 로그를 남기고 버립니다). 서버에 다시 초대하거나 채널을 되살려 주세요."
    ),
    "discord.cannot_post_other.403": (
        "Discord 채널 {channel}에 {team} 팀의 글을 올릴 수 없습니다: 권한이 없습니다. 올리지 못한 "
        "글은 보관했다가 다시 올릴 수 있게 되면 올립니다 (날짜가 지난 알림은 로그를 남기고 "
        "버립니다). 그 채널에서 채널 보기, 메시지 보내기, 파일 첨부, 메시지 기록 보기 권한을 "
        "주세요."
    ),
    "discord.cannot_post_other.404": (
        "Discord 채널 {channel}에 {team} 팀의 글을 올릴 수 없습니다: 채널이 없어졌거나 그 서버에서 "
        "제거되었습니다. 올리지 못한 글은 보관했다가 다시 올릴 수 있게 되면 올립니다 (날짜가 지난 "
        "알림은 로그를 남기고 버립니다). 서버에 다시 초대하거나 채널을 되살려 주세요."
    ),
}
