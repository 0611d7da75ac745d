"""English sentences of the minutes as the team writes them: topics and the notes' places."""

MESSAGES: dict[str, str] = {
    "what.topic": "topic",
    "param.topic": 'what the question is about, like "SVD"; the minutes group questions by it',
    "param.place": "notes (a session-notes bullet, the default) or mentor (our words before the "
    "mentor's questions)",
    "card.topic": "    topic: {topic}",
    "note.done.mentor": "📝 Note {number} saved for {day}, before the mentor's questions: {text}",
    "form.edit.topic": "Topic (empty: none)",
    "digest.pm.quiet_week": "No peer session left anything in the minutes this week.",
}
