"""English messages of editing and deleting questions and answers, and a question's history."""

MESSAGES: dict[str, str] = {
    "question.deleted": "Question #{number} was deleted (its number stays taken); type "
    "/questions to see the others.",
    "edit.question.done": "✏️ **#{number}** edited by {who}: {text}",
    "edit.answer.done": "✏️ Answer {index} to **#{number}** edited by {who}: {text}",
    "edit.question.not_allowed": "Only the asker ({asker}) or a team admin can edit or delete "
    "#{number}.",
    "edit.answer.not_allowed": "Only its author ({author}) or a team admin can edit or delete "
    "answer {index} to #{number}.",
    "edit.answer.gone": "That answer to #{number} was deleted meanwhile; type /question "
    "{number} to see the answers it has.",
    "edit.number_missing": "Which question? Type its number, like /edit question 12.",
    "delete.question.done": "🗑️ **#{number}** deleted by {who}: {text}. It is gone from the "
    "agenda, the lists and the digest, and its number is not given again; to bring it back, "
    "ask it again with /ask.",
    "delete.answer.done": "🗑️ Answer {index} to **#{number}** deleted by {who}: {text}. To "
    "bring it back, answer again with /answer {number}.",
    "delete.answer.back_to_open": "It was the accepted answer: **#{number}** is no longer "
    "resolved and is open again, back on the agenda.",
    "delete.answer.back_to_answered": "It was the accepted answer: **#{number}** is no longer "
    "resolved; it is answered ({count:answer|answers}) and back on the agenda until one is "
    "accepted.",
    "delete.answer.now_open": "**#{number}** has no answer now: it is open again.",
    "history.deferred": "    deferred on {day}",
    "history.escalated": "    left for the mentor on {day}",
    "history.carried": "    carried over since {day} (today is {today})",
    "history.resolved": "    resolved on {day}",
    "history.edited": "    edited by {who} on {day}",
    "history.edited_mark": "(edited)",
    "button.edit.question": "Edit",
    "button.delete.question": "Delete",
    "button.edit.answer": "Edit answer",
    "button.delete.answer": "Delete answer",
    "button.edit.answer.n": "Edit answer {index}",
    "button.delete.answer.n": "Delete answer {index}",
    "form.edit.question.title": "Edit #{number}",
    "form.edit.answer.title": "Edit answer {index} to #{number}",
    "form.edit.text": "Text",
    "form.edit.submit": "Save",
    "help.edit": "change the text of your question, answer or note (admins: anyone's).",
    "help.edit.question": "new text for a question you asked; without text, a form with the "
    "current text.",
    "help.edit.answer": "new text for your answer (numbered as /question shows them); without "
    "text, a form with the current text.",
    "help.delete": "delete your question, answer or note (admins: anyone's).",
    "help.delete.question": "delete a question you asked: it leaves the agenda, lists and "
    "digests, and its number is never given again.",
    "help.delete.answer": "delete your answer; if it was the accepted one, the question is "
    "no longer resolved.",
    "example.edit.question": "/edit question 12 Why call zero_grad() before backward()?",
    "example.edit.answer": "/edit answer 12 2 PyTorch adds gradients up, so reset them.",
    "example.delete.question": "/delete question 12",
    "example.delete.answer": "/delete answer 12 2",
    # --- notes -----------------------------------------------------------------------------
    "note.not_found": "There is no note {number} in this team; /questions today lists today's "
    "notes with their numbers.",
    "note.deleted": "Note {number} was deleted (its number stays taken); /questions today lists "
    "today's notes.",
    "edit.note.done": "✏️ Note {number} edited by {who}: {text}",
    "edit.note.not_allowed": "Only its author ({author}) or a team admin can edit or delete note "
    "{number}.",
    "edit.note.number_missing": "Which note? Type its number, like /edit note 3.",
    "delete.note.done": "🗑️ Note {number} deleted by {who}: {text}. It is gone from the agenda "
    "and the minutes, and its number is not given again; to bring it back, write it again with "
    "/note.",
    "button.edit.note": "Edit note",
    "button.delete.note": "Delete note",
    "form.edit.note.title": "Edit note {number}",
    "param.note": "the note's number, as its /note reply and the agenda show it",
    "help.edit.note": "new text for a note you wrote; without text, a form with the current text.",
    "help.delete.note": "delete a note you wrote: it leaves the agenda and the minutes, and its "
    "number is never given again.",
    "example.edit.note": "/edit note 3 transformer encoder walkthrough, part 2",
    "example.delete.note": "/delete note 3",
    # --- what the presser may change on a card (`/question 12 view:mine`) --------------------
    "button.question.mine": "✏️ Edit / delete",
    "mine.title": "What you may change on **#{number}**:",
    "mine.question": "    the question: {text}",
    "mine.more": "…and {count:more answer|more answers} without a button here: /edit answer "
    "{number} <answer> or /delete answer {number} <answer>.",
    "mine.nothing": "Nothing on #{number} is yours to change: only the asker ({asker}) or a "
    "team admin may edit or delete the question, and an answer's author (or an admin) the "
    "answer.",
}
