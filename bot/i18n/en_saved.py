"""English sentences of the message actions: *Save as question* and *Save as answer*."""

MESSAGES: dict[str, str] = {
    # The actions' names in a message's menu (Discord: 32 characters; Slack: 24)
    "message_action.save_question": "Save as question",
    "message_action.save_answer": "Save as answer",
    "help.save_question": "Saves this message as a question asked by its author, with a link.",
    "help.save_answer": "Saves this message as its author's answer to an open question.",
    "save.question.done": "❓ **#{number}** {label} {text} (asked by {who}; saved by {by})",
    "save.answer.done": "💬 Answer {index} to **#{number}** by {who}: {text} (saved by {by})",
    "save.no_message": "This works on a chat message: use it from the message's menu.",
    "save.other_channel": "That message is not in this team's channel; save messages of the "
    "team's channel only.",
    "save.bot_message": "That message was written by a bot; only members' messages can be saved.",
    "save.empty": "That message is empty: it has no text to save.",
    "save.no_open_questions": "The team has no open question to answer; save the message as a "
    "question instead.",
    "save.closed": "#{number} is already resolved; reopen it first with /reopen {number}.",
    "save.pick_a_question": "Choose the question this message answers.",
    "form.save_answer.title": "Save as answer",
    "form.save_answer.question": "The question it answers",
    "form.save_answer.text": "The answer (from {who}'s message)",
    "form.save_answer.submit": "Save",
    "question.source": "    saved from a message: {link}",
    "question.answer.source": "       saved from a message: {link}",
}
