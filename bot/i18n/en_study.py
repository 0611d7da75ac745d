"""English messages of retrospectives, assignments, days away and schedule settings."""

MESSAGES: dict[str, str] = {
    # --- dates and times as typed -------------------------------------------------------------
    "when.bad_time": "{value} is not a time; type it on a 24-hour clock like 09:30 or 21:00.",
    "when.bad_day": "{value} is not a day; type it like 2021-08-12, 8/12, today or tomorrow.",
    "when.bad_range": "{value} is not a day or a range of days; type it like 2021-08-12, "
    "8/12-8/13 or 2021-08-12 2021-08-13.",
    "when.bad_due": "{value} is not a due time I understand; type it like 2021-08-13 10:00, "
    "8/13 10:00, fri 23:59 or tomorrow 10:00.",
    "when.nonexistent": "{value} does not exist in {zone} (the clocks skip that hour for "
    "daylight-saving time); type an hour later or earlier.",
    "when.bad_minutes": "{value} is not a number of minutes; type a whole number from 0 to "
    "{limit}, like 10.",
    "when.bad_offsets": "{value} is not a list of hours; type hours before the due time "
    "separated by commas, like 24,1.",
    "when.too_many_offsets": "That is too many reminders; give at most {limit} hours, like 24,1.",
    "when.offset_range": "Reminder hours must be from 1 to {limit} (14 days); type them like 24,1.",
    "when.bad_digest": "{value} is not a digest time; type a weekday and a time like "
    'digest:"fri 18:00", or digest:"last 18:00" for the last study day of the week.',
    "when.out_of_range": "{value} is too far away; type a day from {first} to {last} (within "
    "{years} years of today and of the course start).",
    "when.start_out_of_range": "{value} is too far from today for a course start; type a day "
    "from {first} to {last} (within {years} years of today), or leave start: out for today.",
    "when.week_out_of_range": "There is no week {week} in this course yet; type a week from 1 "
    "to {last}.",
    # --- retrospectives ------------------------------------------------------------------------
    "what.peer": "Peer-Session",
    "what.fact": "Fact",
    "what.feeling": "Feeling",
    "what.plan": "Future Plan & Finding",
    "what.done": "Done",
    "what.not_done": "Not done",
    "what.learned": "Learned",
    "what.tomorrow": "Tomorrow",
    "what.impressions": "Impressions",
    "retro.no_label": "Start each part of your retrospective with its field name and a colon, "
    "like /retro {fields} followed by your text.",
    "retro.unknown_field": "{field} is not a field of this team's retrospective; use {fields}.",
    "retro.field_twice": "You gave {field}: twice; give each field once.",
    "retro.text_after_day": "Put day: on its own, before or after the fields, not in front of "
    "{extra}.",
    "retro.not_study_day": "{day} is not a study day, so it has no retrospective; pick a study "
    "day with day:YYYY-MM-DD.",
    "retro.future": "{day} has not come yet; write its retrospective on the day.",
    "retro.closed": "The retrospective of {day} could be written until the end of {until}; "
    "it is closed now (this week's retrospectives stay editable until the weekly digest is "
    "posted).",
    "retro.no_yesterday": "There is no study day before today in this course yet; leave out "
    "day: to write today's.",
    "retro.saved": "📝 Your retrospective of {day} is saved:",
    "retro.updated": "📝 Your retrospective of {day} is updated:",
    "retro.still_missing": "Still empty: {fields} (add them with /retro the same way).",
    "retro.none": "{who} has no retrospective of {day} yet.",
    "retro.title": "**{who}'s retrospective of {day}**",
    "retro.field": "- **{label}**: {text}",
    "retro.empty": "(empty)",
    "retro.peer_empty": "(empty: the retro-log shows the team's session notes instead)",
    "retro.how": "Write your retrospective of {day} inline: {example} (add day:yesterday for "
    "the previous study day's).",
    # --- assignments ---------------------------------------------------------------------------
    "assignment.due_missing": "Give the due time with due:, like /assignment add <title> "
    "due:fri 23:59.",
    "assignment.due_past": "The due time {due} has already passed; give one in the future.",
    "assignment.bad_link": "{value} is not a link; give a web address starting with https://.",
    "assignment.due_format": "{weekday} {date} {time}",
    "assignment.added": "📌 **#{number}** [{kind}] {title}, due {due} (added by {who}). Mark it "
    "with /assignment done {number}.",
    "assignment.link": "    🔗 {link}",
    "assignment.list_upcoming": "**Upcoming assignments** ({count})",
    "assignment.list_all": "**All assignments** ({count})",
    "assignment.list_empty": "No assignments here; add one with /assignment add <title> "
    "due:<when>.",
    "assignment.list_more": "…and more.",
    "assignment.item": "**#{number}** [{kind}] {title}, due {due}",
    "assignment.who": "    ✅ done: {done} · ⏳ not yet: {todo} · 🏖️ away: {away}",
    "assignment.already_done": "You already marked #{number} done; /assignment undo {number} "
    "takes it back.",
    "assignment.marked_done": "✅ {who} finished **#{number}** {title} ({done} of {count} done).",
    "assignment.not_done": "You have not marked #{number} done, so there is nothing to undo.",
    "assignment.undone": "↩️ **#{number}** {title} is no longer marked done for you.",
    "assignment.remove_not_allowed": "Only the one who added #{number} ({creator}) or a team "
    "admin can remove it.",
    "assignment.removed": "🗑️ **#{number}** {title} was removed by {who}.",
    "assignment.not_found": "There is no assignment #{number} in this team; type "
    "/assignment list all to see them.",
    "assignment.no_match": "No assignment's title starts with {title}; type its number, as "
    "/assignment list shows it.",
    "assignment.ambiguous": "Several assignments start with {title} ({numbers}); type the "
    "number instead.",
    # --- days away and days off ----------------------------------------------------------------
    "away.inverted": "The range ends ({last}) before it starts ({first}); type the earlier day "
    "first, like 8/12-8/13.",
    "away.past": "{day} is in the past; mark only today or later days away.",
    "away.too_long": "That is more than {limit} days; mark a shorter range at a time.",
    "away.done": "🏖️ {who} is away from {first} to {last} ({days:study day|study days}): no "
    "reminders to write the retrospective, and not counted as missing.",
    "away.list": "**Your upcoming days away** ({count})",
    "away.item": "  - {first} – {last}",
    "away.list_empty": "None; mark some with /away 8/12-8/13.",
    "holiday.which_action": "Say what to do with the days: /team holiday add 2021-08-16 or "
    "/team holiday remove 2021-08-16.",
    "holiday.missing": "Give the days, like /team holiday add 2021-08-16 2021-08-17.",
    "holiday.past": "{day} is in the past; add only today or later days off.",
    "holiday.not_found": "{day} is not one of the team's days off; /team holiday list shows them.",
    "holiday.too_many": "That is more than {limit} days at once; add fewer at a time.",
    "holiday.nothing_new": "Those days are already days off; nothing changed.",
    "holiday.added": "🌴 {who} added team days off: {days}. Reminders skip them.",
    "holiday.removed": "📅 {who} made these study days again: {days}.",
    "holiday.list": "**The team's own days off** ({count})",
    "holiday.item": "  - {day}",
    "holiday.list_empty": "None yet.",
    "holiday.public": "Public holidays of {country} are days off too.",
    # --- schedule settings ---------------------------------------------------------------------
    "team.settings_schedule": "  session: {session} (reminder session_remind: {session_remind} "
    "minutes before)\n"
    "  retro_time: {retro_time}\n"
    "  assignment_remind: {assignment_remind} hours before the due time\n"
    "  digest: {digest}\n"
    "  office_hours: {office_hours}\n"
    "  grace: {grace} minutes for reminders missed while the bot was down",
    # --- help ----------------------------------------------------------------------------------
    "help.retro": "write or edit your retrospective: each field starts with its name and a "
    "colon. fff: peer: (피어세션:, your own Peer-Session bullets; without them the retro-log "
    "shows the team's notes), fact: (사실:), feeling: (느낀점:), plan: (future:, 계획:); til: "
    "done: (완료:), not_done: (미완료:), learned: (배운점:), tomorrow: (내일 목표:), "
    "impressions: (소감:). peer: and learned: keep your Markdown (lists, **bold**, code fences) "
    "in the digest. day:yesterday for the previous study day's; /retro show [member] "
    "[day:DATE] reads one.",
    "help.assignment": "add assignments, list who is done, mark yours done.",
    "help.assignment.add": "add an assignment; due like 2021-08-13 10:00, 8/13 10:00, fri 23:59 "
    "or tomorrow 10:00 (due: last on the line, or quoted); kind basic, advanced, optional or "
    "quiz.",
    "help.assignment.list": "upcoming assignments (or all) with who is done, not yet, or away.",
    "help.assignment.done": "mark an assignment done, by number or title.",
    "help.assignment.undo": "take back your done mark.",
    "help.assignment.remove": "remove an assignment (who added it, or an admin).",
    "help.away": "mark days you are away, like 2021-08-12 or 8/12-8/13; alone, list yours.",
    "help.team.holiday": "the team's own days off: add or remove days (admins), or list them.",
    "param.fields": "the fields, each as name: text",
    "param.day": "the study day, like 2021-08-09 or yesterday",
    "param.title": "the assignment's title",
    "param.due": "when it is due, like fri 23:59",
    "param.kind": "basic, advanced, optional or quiz",
    "param.link": "a link to the assignment",
    "param.period": "upcoming (default) or all",
    "param.which": "the assignment's number or title",
    "param.days": "days, like 2021-08-12, 8/12-8/13 or 2021-08-12 2021-08-13",
    "param.action": "add, remove or list",
    "param.session": "peer-session time, like 16:00",
    "param.session_remind": "minutes before the session to remind, like 10",
    "param.retro_time": "retrospective reminder time, like 21:00",
    "param.assignment_remind": "hours before a due time to remind, like 24,1",
    "param.digest": 'weekly digest day and time, like "fri 18:00" or "last 18:00"',
    "param.office_hours": "office-hours time for the mentor list, like 14:00, or none",
    "param.grace": "minutes a missed reminder may still be posted late, like 120",
    # forms (Slack and Discord modals)
    "form.retro.title": "Retrospective, {day}",
    "form.retro.submit": "Save",
    "button.retro": "Write my retrospective",
    "form.retro.empty": "Write at least one field of your retrospective.",
    "form.expired": "This form is out of date; open it again with the command.",
    "form.assignment.title_text": "New assignment",
    "form.assignment.title": "Title",
    "form.assignment.due": "Due",
    "form.assignment.due_hint": "fri 23:59, or 2021-08-13 18:00",
    "form.assignment.kind": "Kind",
    "form.assignment.link": "Link",
    "form.assignment.submit": "Add",
}
