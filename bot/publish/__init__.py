"""Publishing a team's week to its git repository (`peerbot publish`, `push:weekly`).

`layout` (where files go, which addresses and branches are taken), `files` (the week's files,
rendered by the digests), `service` (the lease, the push in a worker thread, the rows retried like
outbox rows), `weekly` (once per team-week after the weekly post), `loop` (the running bot's
rounds); `ports` is what storage and the git remote (`storage.git_remote`) provide.
"""
