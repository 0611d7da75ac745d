"""English sentences of search: ranked `/questions <words>` and "asked before?" at /ask."""

MESSAGES: dict[str, str] = {
    "list.ranked": "Best matches first (by how well each question and its answers match the "
    "words' stems).",
    "list.ignored": "Too common in this team to rank by, left out: {words}.",
    "list.capped": "Only the newest {count} questions were looked at for: {words}.",
    "search.no_terms": "Those words have nothing to search by (only particles, endings or "
    "stop words); try the question's main words.",
    "ask.similar.title": "🔎 Was this asked before? Your question is not posted yet; these "
    "look alike:",
    "ask.similar.item": "  #{number} {state}: {text}",
    "ask.similar.answer": "      ✅ {who}: {text}",
    "ask.similar.choose": "Post yours anyway with {post}, or open one with {open}.",
    "button.post": "📝 Post anyway",
    "post.no_draft": "There is no question waiting to be posted under {number} (each asker "
    "posts their own).",
    "post.already": "That question is posted already, as #{number}.",
    "help.post": "post a question /ask held back because similar ones exist (its Post anyway "
    "button).",
    "example.post": "/post 7",
    "param.draft": "the number /ask gave the question it held back",
    "param.anyway": "yes: post without looking for similar questions first",
    "param.similar": "on (the default for a new team): /ask shows similar questions before "
    "posting; off: never",
}
