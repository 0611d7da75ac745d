"""English messages."""

MESSAGES: dict[str, str] = {
    # --- errors: one sentence, saying what to type instead -----------------------------------
    "error.unknown_command": "There is no command /{name}. Type /help to see every command.",
    "error.unknown_subcommand": "/{group} has no {name}. Type one of: {choices}.",
    "error.missing_subcommand": "/{group} needs one of: {choices}. For example: {example}",
    "error.no_team": "This channel has no team yet. Start one with /team setup (the course "
    "starts today) or /team setup start:YYYY-MM-DD (your course's first day).",
    "error.internal": "Something went wrong on my side (ref {ref}); nothing was saved. "
    "Please try again.",
    "error.try_again": "The database is busy or unreachable right now; nothing was saved. "
    "Please try again in a moment.",
    "error.conflict": "Someone changed the same thing at the same moment; nothing was saved. "
    "Please try again.",
    "args.unknown_option": "/{command} has no option {option}:. Its options are: {options}.",
    "args.unknown_option_none": "/{command} takes no options; remove {option}:.",
    "args.unknown_option_suggest": "/{command} has no option {option}:; "
    "did you mean {suggestion}:?",
    "args.duplicate_option": "You gave {option}: twice; give it once.",
    "args.missing": "/{command} needs {param}. For example: {example}",
    "args.extra": "/{command} does not take {extra}. For example: {example}",
    "args.bad_number": "{value} is not a question number; type it like 12 or #12.",
    "args.bad_index": "{value} is not an answer number; type it like 1 or 2.",
    "args.bad_week": "{value} is not a week number; type it like week:2 (Week 1 is the "
    "course's first week).",
    "args.bad_date": "{value} is not a date; type it like 2021-08-02.",
    "args.bad_zone": "{value} is not a time zone I know; type one like Asia/Seoul or "
    "America/New_York.",
    "args.bad_country": "{value} is not a country the holiday calendar knows; type a code like "
    "KR or US, or none for no public holidays.",
    "args.bad_choice": "{value} is not a valid {param}; type one of: {choices}.",
    "text.empty": "The {what} is empty; type it after the command.",
    "text.too_long": "The {what} is {length} characters long; keep it to {limit} at most.",
    "input.bad_characters": "Your command contains a character I cannot store (a NUL or a "
    "broken character, such as a lone surrogate); remove it and try again.",
    "text.bad_characters": "The {what} contains a character I cannot store (NUL); remove it.",
    "what.question": "question",
    "what.answer": "answer",
    "what.note": "note",
    "what.name": "team name",
    "what.assignment": "assignment name",
    # --- questions ---------------------------------------------------------------------------
    "question.not_found": "There is no question #{number} in this team; type /questions to "
    "see the open ones.",
    "question.already_resolved": "Question #{number} is already resolved; type /reopen {number} "
    "to open it again.",
    "question.no_answers": "Question #{number} has no answer yet; answer it with "
    "/answer {number} <text>.",
    "question.no_such_answer": "Question #{number} has {count:answer|answers}; pick one from 1 to "
    "{count}, like /accept {number} 1.",
    "question.already_deferred": "Question #{number} is already deferred.",
    "question.already_escalated": "Question #{number} is already on the mentor list.",
    "question.not_closed": "Question #{number} is still open (not resolved, deferred, "
    "escalated or settled), so there is nothing to reopen.",
    "question.accept_not_allowed": "Only the asker ({asker}) or a team admin can accept an "
    "answer to #{number}.",
    "question.reopen_not_allowed": "Only the asker ({asker}) or a team admin can reopen #{number}.",
    "ask.done": "❓ **#{number}** {label} {text} (asked by {who})",
    "ask.not_study_day": "Today is not a study day, so #{number} is on the agenda of {day}.",
    "answer.done": "💬 Answer {index} to **#{number}** by {who}: {text}",
    "answer.to_resolved": "(#{number} was already resolved; the answer is kept with it.)",
    "accept.done": "✅ **#{number}** is resolved with {who}'s answer: {text}",
    "defer.done": "⏳ **#{number}** is deferred: it stays on the agenda until it is answered "
    "and accepted.",
    "escalate.done": "🙋 **#{number}** is on the mentor list for office hours.",
    "reopen.done": "🔄 **#{number}** is open again.",
    "question.asked": "    asked on {day}",
    "question.answer": "    {index}. {who}: {text}",
    "question.answer.accepted": "    {index}. {who}: {text} ✅ accepted",
    "question.page.no_answers": "    No answers yet.",
    "card.state": "    State: {state}",
    "card.more": "    …and {count:more answer|more answers}: /question {number}",
    "button.answer": "Answer",
    "button.accept": "Accept",
    "button.defer": "Answer tomorrow",
    "button.escalate": "For the mentor",
    "button.reopen": "Reopen",
    "form.answer.title": "Answer #{number}",
    "form.answer.text": "Your answer",
    "form.answer.submit": "Answer",
    "accept.pick.title": "Which answer to **#{number}** do you accept? Press its button, or type "
    "/accept {number} <answer>.",
    "button.accept.n": "Accept {index}",
    "form.accept.title": "Accept an answer to #{number}",
    "form.accept.answer": "The answer to accept",
    "form.accept.submit": "Accept",
    "accept.answer_gone": "That answer to #{number} was deleted meanwhile; pick another, or type "
    "/question {number} to see the answers it has.",
    "note.done": "📝 Note {number} saved for {day}: {text}",
    # --- lists -------------------------------------------------------------------------------
    "list.title.open": "**Unresolved questions** ({count})",
    "list.title.today": "**Agenda for {day}**",
    "list.title.week": "**Questions of week {week}** ({count})",
    "list.title.mentor": "**For the mentor** ({count})",
    "list.title.all": "**All questions** ({count})",
    "list.words_cut": "(Searched for the first {limit} of your {count} different words only.)",
    "list.title.search": "**Questions matching** {words} ({count})",
    "list.section.carried": "🔍 Earlier questions",
    "list.section.today": "Today's questions",
    "list.section.notes": "📝 Session notes",
    "list.empty": "No questions here.",
    "list.page": "Page {page} of {pages}; {command} for more.",
    "list.page.last": "Page {page} of {pages}; {command} goes back to the first.",
    "list.bad_page": "There is no page {page}: the list has {pages:page|pages}, so give page:1 to "
    "page:{pages}.",
    "list.today_has_no_pages": "The agenda has no pages; /questions open page:2 lists the "
    "questions it has no room for.",
    "agenda.more": "…and {count:more question|more questions} not shown here; /questions open "
    "lists them all.",
    "list.item": "**#{number}** {label} {text} ({who}, {state})",
    "list.answer": "    ↳ {who}: {text}",
    "list.note": "  - {text} ({who}, note {number})",
    "list.open_rest": "The first {count} have a button to open them; /question <number> opens "
    "any of them.",
    "state.open": "open",
    "state.answered": "{count:answer|answers}",
    "state.resolved": "resolved",
    "state.deferred": "deferred",
    "state.escalated": "for the mentor",
    "state.settled": "settled (no longer on the agenda)",
    "category.lecture": "📒 [Lecture]",
    "category.assignment": "📌 [Assignment]",
    "category.assignment_named": "📌 [{name}]",
    "category.general": "💡 [General]",
    # --- days --------------------------------------------------------------------------------
    "day.study": "{weekday} {date} (Day {n})",
    "day.plain": "{weekday} {date}",
    "weekday.0": "Mon",
    "weekday.1": "Tue",
    "weekday.2": "Wed",
    "weekday.3": "Thu",
    "weekday.4": "Fri",
    "weekday.5": "Sat",
    "weekday.6": "Sun",
    # --- team --------------------------------------------------------------------------------
    "team.already_setup": "This channel already has a team ({name}); change it with "
    "/team settings.",
    "team.admin_only": "Only team admins can change settings; ask {admins}.",
    "team.setup_done": "🎉 Team **{name}** is set up. Course start {start}, time zone {zone}, "
    "holidays {country}, language {lang}, retrospective template {template}; similar questions "
    "shown at /ask before posting: {similar} (/team settings similar:on|off). {who} is its "
    "admin. Next: ask a question with /ask <question>.",
    "team.settings": "**{name}** settings\n"
    "  start: {start} (today is {today})\n"
    "  zone: {zone}\n"
    "  country: {country}\n"
    "  lang: {lang}\n"
    "  template: {template}\n"
    "  capture: {capture} (thread replies recorded as answers: threads or off)\n"
    "  similar: {similar} (similar questions shown at /ask before posting: on or off)\n"
    "  days off: {days_off}\n"
    "Change one with /team settings <name>:<value>, for example /team settings zone:Asia/Seoul.",
    "team.settings_changed": "⚙️ {who} changed {changes}.",
    "team.members": "**Members of {name}** ({count})",
    "team.member": "  - {who}{admin}",
    "team.admin_mark": " (admin)",
    "team.member_not_found": "There is no member {name} in this team; type /team members to "
    "see them.",
    "team.admin_added": "{who} is now an admin of {team}.",
    "team.admin_removed": "{who} is no longer an admin of {team}.",
    "team.last_admin": "{who} is the last admin; make someone else admin first.",
    "none": "none",
    "today.none": "not a study day",
    # --- help --------------------------------------------------------------------------------
    "help.title": "**peerbot commands** (options are written name:value)",
    "help.entry": "**{usage}**: {summary}",
    "help.example": "    e.g. {example}",
    "help.ask": "log a question for today's session; category is lecture, assignment or general; "
    "a topic groups it in the minutes.",
    "help.answer": "answer a question; anyone may answer, several times.",
    "help.accept": "accept an answer (the latest unless you name one): resolves the question. "
    "The asker or an admin.",
    "help.defer": "look into it and answer on a later day; it stays on the agenda.",
    "help.escalate": "leave the question for the mentor / office hours.",
    "help.reopen": "open a resolved, deferred, escalated or settled question again.",
    "help.question": "one question with every answer, where it stands, and buttons to act on it.",
    "help.questions": "list questions: open (default), today's agenda, this week, for the "
    "mentor, or all; words after it search (Korean too).",
    "help.note": "add a bullet to today's peer-session minutes; place:mentor puts it before the "
    "questions left for the mentor.",
    "help.team": "set up and manage the team bound to this channel.",
    "help.team.setup": "bind this channel to a new team (the course starts today unless "
    "start: says otherwise); you become its admin.",
    "help.team.settings": "show the settings, or change them (admins only).",
    "help.team.members": "list the members and their roles; admins set a role (set:@kim "
    "role:mentor), add or remove admins, or remove a member (remove:@kim).",
    "help.help": "this list.",
    "param.question": "the question's text",
    "param.number": "the question number, like 12 or #12",
    "param.text": "the text",
    "param.answer": "which answer (1 = the first); the latest if left out",
    "param.category": "lecture, assignment or general",
    "param.assignment": 'the assignment\'s name, like "선택과제 1번 ViT"',
    "param.view": "page (every answer), card (as posted in the channel), accept (pick one) or "
    "mine (what you may edit or delete)",
    "param.scope": "open, today, week, mentor or all",
    "param.words": "search words",
    "param.start": "the course's first day, like 2021-08-02",
    "param.zone": "time zone, like Asia/Seoul",
    "param.country": "public holidays of this country, like KR, or none",
    "param.lang": "ko or en",
    "param.template": "retrospective template: fff or til",
    "param.name": "the team's name (in /cohort create: the cohort's)",
    "param.add_admin": "a member to make admin",
    "param.remove_admin": "an admin to make a member",
}
MESSAGES.update(
    {
        "import.bad_format": "This file is not a peerbot team export ({expected}).",
        "import.channel_taken": "The channel {platform}:{channel} already has a team; import "
        "with --channel to bind the data to another channel.",
        "import.name_taken": "A team named {name} exists; import with --name to choose another "
        "name.",
    }
)
MESSAGES.update(
    {
        "help.digest": "the week's peer sessions in the notes' own Markdown: a summary here and "
        "the .md file; formats peer-minutes and office-hours (the team's: the mentors' answers), "
        "retro-log and til-review (a member's).",
        "param.week": "the week number (Week N of the course); this week if left out",
        "param.page": "which page of a long list, 1 for the first",
        "param.format": "peer-minutes, retro-log, til-review or office-hours (or a team's own "
        "template)",
        "param.member": "whose retro-log or til-review; yours if left out",
        "help.stats": "who asked, answered and wrote retrospectives this week (or week:N); "
        "retro streaks.",
        "stats.title": "📊 **Week {week}** ({first} – {last}): questions {asked} · answers "
        "{answered} · retrospectives {retros}",
        "stats.member": "**{name}**: ❓ asked {asked} · 💬 answered {answered} ({accepted} "
        "accepted) · 📝 retros {retros}/{expected} · 🔥 {streak}-day streak",
        "stats.more": "… and {count} more members, less busy this week.",
        "stats.not_started": "This week has no study day so far.",
        "digest.member_not_for_format": "{format} is the whole team's; leave out member:, or "
        "choose format:retro-log or format:til-review.",
    }
)
# Each command's example, shown by /help and by the errors that show how to type it; a test
# parses every one with the table.
MESSAGES.update(
    {
        "example.ask": "/ask Why call zero_grad() every step? category:lecture",
        "example.answer": "/answer 12 PyTorch accumulates gradients, so reset them each step.",
        "example.accept": "/accept 12",
        "example.defer": "/defer 12",
        "example.escalate": "/escalate 12",
        "example.reopen": "/reopen 12",
        "example.question": "/question 12",
        "example.questions": "/questions week attention",
        "example.note": "/note transformer encoder code walkthrough",
        "example.retro": "/retro fact: lectures 1-3 feeling: it was hard plan: review",
        "example.assignment.add": "/assignment add Optional 1 ViT kind:optional due:fri 23:59",
        "example.assignment.list": "/assignment list all",
        "example.assignment.done": "/assignment done 2",
        "example.assignment.undo": "/assignment undo 2",
        "example.assignment.remove": "/assignment remove 2",
        "example.away": "/away 8/12-8/13",
        "example.team.setup": "/team setup zone:Asia/Seoul country:KR lang:ko",
        "example.team.settings": "/team settings lang:en session:16:00 retro_time:21:00",
        "example.team.holiday": "/team holiday add 2021-08-16",
        "example.team.members": "/team members add_admin:lee",
        "example.digest": "/digest week:2 format:peer-minutes",
        "example.stats": "/stats week:2",
        "example.help": "/help",
    }
)
