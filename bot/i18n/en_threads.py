"""English sentences of question cards' threads: links to them from lists and the digest."""

MESSAGES: dict[str, str] = {
    "list.thread": "    ↳ thread: {link}",
    "digest.thread": "[thread]({link})",
    "param.capture": "threads: replies in a question card's thread become answers; off (the "
    "default): they are not recorded",
    "thread.capture_off": "Replies in this thread are not recorded as answers; an admin can "
    "turn that on with /team settings capture:threads (or answer with /answer {number}).",
}
