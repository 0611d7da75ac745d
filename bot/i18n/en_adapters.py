"""English sentences of the platform adapters: what only a Slack or Discord user is told (a
platform's own limits and permissions). The core never says these; adapters use them by key."""

MESSAGES: dict[str, str] = {
    "slack.form_too_long": (
        "Your retrospective is longer than a Slack form can hold (3,000 characters a field); "
        "edit it with /retro and the text, like /retro fact: …"
    ),
    "slack.cannot_post": (
        "I cannot post in the Slack channel of team {team} ({why}). Its reminders and digests "
        "wait in the outbox and go out once I can post there again (a reminder whose day is "
        "over is dropped, with a log line). Please invite me there (/invite @peerbot), or bind "
        "another channel with /team setup."
    ),
    "slack.cannot_post_other": (
        "I cannot post team {team}'s posts in the Slack channel {channel} ({why}). They wait in "
        "the outbox and go out once I can post there again (a reminder whose day is over is "
        "dropped, with a log line). Please invite me there (/invite @peerbot)."
    ),
    "slack.why.not_in_channel": "I am not a member",
    "slack.why.channel_not_found": "the channel is gone or private to me",
    "slack.why.is_archived": "the channel is archived",
    "discord.cannot_post.403": (
        "I cannot post in the Discord channel of team {team}: a permission is missing. Posts "
        "that did not go out are kept and go out once I can post there again (a reminder whose "
        "day is over is dropped, with a log line). Please let me View Channel, Send Messages, "
        "Attach Files and Read Message History in that channel."
    ),
    "discord.cannot_post.404": (
        "I cannot post in the Discord channel of team {team}: the channel is gone, or I was "
        "removed from the server. Posts that did not go out are kept and go out once I can "
        "post there again (a reminder whose day is over is dropped, with a log line). Please "
        "invite me to the server again, or restore the channel."
    ),
    "discord.cannot_post_other.403": (
        "I cannot post team {team}'s posts in the Discord channel {channel}: a permission is "
        "missing. They are kept and go out once I can post there again (a reminder whose day is "
        "over is dropped, with a log line). Please let me View Channel, Send Messages, Attach "
        "Files and Read Message History in that channel."
    ),
    "discord.cannot_post_other.404": (
        "I cannot post team {team}'s posts in the Discord channel {channel}: the channel is "
        "gone, or I was removed from its server. They are kept and go out once I can post there "
        "again (a reminder whose day is over is dropped, with a log line). Please invite me to "
        "the server again, or restore the channel."
    ),
}
