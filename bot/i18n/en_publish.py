"""English: publishing to the team's repository (`/me`, `/team settings repo:…`, commits)."""

MESSAGES: dict[str, str] = {
    "help.me": "your own settings: publish:on puts your retrospective log or TIL review in the "
    "team's repository each week (off by default); alone, shows them.",
    "example.me": "/me publish:on",
    "param.publish": "on: your retrospectives go to the team's repository; off: they do not",
    "param.repo": "the team's repository to publish to (https://, ssh:// or git@host:path)",
    "param.branch": "the repository's branch to publish to (default main)",
    "param.layout": 'where files go, e.g. "peer-session/{week_dir}/{name}.md"',
    "param.push": "weekly: publish after each weekly post; off: only with peerbot publish",
    "param.publish_minutes": "on (default): the team's minutes are published; off: they are not",
    "publish.commit": "peerbot: Week {week} ({first} – {last}) of {team}",
    "publish.me": "**Your settings** in {team}\n"
    "  publish: {state} ({explain})\n"
    "Change it with /me publish:on or /me publish:off.",
    "publish.me.on": "your retrospectives go to the team's repository with each publish",
    "publish.me.off": "your retrospectives stay out of the team's repository",
    "publish.me.no_repo": "the team has no repository yet",
    "publish.me_changed.on": "✅ {who}: your retrospectives are now published with the team's "
    "week ({where}).",
    "publish.me_changed.off": "✅ {who}: your retrospectives are no longer published; files "
    "published before stay in the repository's history.",
    "publish.settings": "  repository: {repo} (branch {branch}, push {push}, minutes {minutes})\n"
    "  layout: {layout}",
    "publish.no_repo": "This team has no repository to publish to; an admin sets one with "
    "/team settings repo:https://github.com/team/til.git.",
    "publish.bad_url": "That is not a repository address peerbot can push to; give an https://, "
    "ssh:// or git@host:path address, e.g. repo:https://github.com/team/til.git.",
    "publish.url_credentials": "A repository address must not hold a password or token; give "
    "it without one and set the token in the bot's environment (PEERBOT_GIT_TOKEN).",
    "publish.bad_branch": "{branch} is not a branch name peerbot can push to; use letters, "
    "digits and . _ / -, e.g. branch:main.",
    "publish.layout_length": "A layout is a path of 1 to {limit} characters, e.g. "
    'layout:"peer-session/{{week_dir}}/{{name}}.md".',
    "publish.layout_braces": "The layout's braces do not match; a placeholder is written "
    "{{week_dir}}, and a brace alone is not allowed.",
    "publish.layout_placeholder": "The layout has the unknown or malformed placeholder {name}; "
    "use {choices}.",
    "publish.layout_collides": "With that layout two files of a week would have the same path; "
    "put {{name}} in it (or {{format}} and {{member}}).",
    "publish.layout_unsafe": "The layout makes the path {path}, which would leave the "
    "repository or touch git's own files; use a relative path without .., ., .git or "
    "backslashes.",
}
