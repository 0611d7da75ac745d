"""English messages the bot posts on its own: reminders, the mentor list, delivery problems."""

MESSAGES: dict[str, str] = {
    "remind.session": "⏰ **Peer session at {time}**, {day}: in {minutes} minutes. The agenda:",
    "remind.session.carried": "🔍 Earlier questions (deferred ones first)",
    "remind.session.today": "Today's open questions",
    "remind.session.nothing": "No open questions yet: bring yours with /ask.",
    "remind.retro": "📝 Time for the retrospective of {day}: {who}. Write it with /retro.",
    "remind.assignment": "📌 **{title}** ({kind}) is due {due}, in {hours} h. Not done yet: "
    "{who}. Mark it with /assignment done {number}.",
    "remind.mentor": "🙋 **For the mentor** at office hours ({time}), {count:question|questions}:",
    "remind.mentor.more_buttons": "The first {shown} have an Answer button; answer the "
    "{rest:other|others} with /answer and the number.",
    "button.assignment.done": "Done",
    "button.answer.numbered": "Answer #{number}",
    "button.question.numbered": "#{number}",
    "remind.digest": "📚 **Week {week} in numbers**: {asked:question|questions} asked, {resolved} "
    "resolved, {answered} answered, {open} still open; {notes:session note|session notes}; "
    "{retros:retrospective|retrospectives}.",
    "team.settings_next_digest": "  next weekly post: {day} {time} ({zone})",
    "team.settings_no_digest": "  next weekly post: none in the next {weeks} weeks (no study "
    "day in them)",
    "kind.basic": "basic",
    "kind.advanced": "advanced",
    "kind.optional": "optional",
    "kind.quiz": "quiz",
    "delivery.failed": "⚠️ I could not post a {kind} message to this channel after {attempts} "
    "attempts ({error}). It is kept and will be retried when the problem is fixed.",
}
