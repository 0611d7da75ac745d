"""peerbot on Slack: slash commands from the command table, modals, and scheduled posts.

Built on slack-bolt's `AsyncApp` (Socket Mode or HTTP mode) and slack-sdk's `AsyncWebClient`.
`manifest_json(prefix)` is the app manifest `peerbot slack manifest` prints.
"""

from adapters.slack.adapter import SlackAdapter
from adapters.slack.manifest import manifest, manifest_json
from adapters.slack.poster import SlackPoster

__all__ = ["SlackAdapter", "SlackPoster", "manifest", "manifest_json"]
