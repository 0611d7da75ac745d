"""English sentences of question cards' threads: links to them from lists and the digest."""

MESSAGES: dict[str, str] = {
    "list.thread": "    ↳ thread: {link}",
    "digest.thread": "[thread]({link})",
}
