"""English sentences of cohorts: `/cohort`, the mentors' channel, its queue and its posts."""

MESSAGES: dict[str, str] = {
    "help.cohort": "link teams into a cohort with one mentors' channel, where the mentors see, "
    "claim and answer every team's escalated questions.",
    "help.cohort.create": "make this channel (no team's) the mentors' channel of a new cohort; "
    "you become its first mentor and admin.",
    "help.cohort.join": "link this team to a cohort with its join code (team admins only); only "
    "escalated questions cross.",
    "help.cohort.leave": "take this team out of its cohort (team admins only).",
    "help.cohort.hours": "the office hours of a week across the cohort's teams, as the "
    "office-hours file: the escalated questions with the mentors' answers, each marked with its "
    "team (this week unless date: names a day of another).",
    "example.cohort.hours": "/cohort hours date:2021-08-12",
    "cohort.hours.done": "🎓 Office hours of cohort {cohort}, week of {monday}: {asked} "
    "questions answered by mentors, {waiting} still waiting, from {teams} teams.",
    "cohort.hours.not_yet": "{count} teams of the cohort had not started their course by that "
    "week, so they are not in it.",
    "cohort.hours.too_big": "The file is {size} MiB, over the {limit} MiB a message can carry, "
    "so it is not attached; each team's /digest format:office-hours has its part.",
    "param.date": "a day of the week wanted, like 2021-08-12 (default: today)",
    "help.cohort.show": "the cohort: in the mentors' channel its teams, mentors and queue; in a "
    "team's channel its name and what crosses.",
    "help.cohort.mentor": "add or remove a cohort-wide mentor, a mentor of every team of the "
    "cohort (cohort admins only).",
    "help.cohort.queue": "every team's escalated questions, oldest first, near-duplicates "
    "together, with who claimed each.",
    "help.cohort.claim": "take a question of the queue (with its near-duplicates) so the other "
    "mentors see you have it; release gives it back.",
    "help.cohort.answer": "answer questions of the queue once: recorded in each team and posted "
    "in the question's thread.",
    "example.cohort.create": '/cohort create name:"AI 3rd cohort"',
    "example.cohort.join": "/cohort join code:K7QX3MZP",
    "example.cohort.leave": "/cohort leave",
    "example.cohort.show": "/cohort show",
    "example.cohort.mentor": "/cohort mentor add:@lee",
    "example.cohort.queue": "/cohort queue",
    "example.cohort.claim": "/cohort claim 2#12",
    "example.cohort.answer": "/cohort answer 2#12,3#4 Use a learning-rate warm-up.",
    "param.code": "the cohort's join code (shown by /cohort show in its mentors' channel)",
    "param.ref": "a question of the queue as team#number, like 2#12 (several: 2#12,3#4)",
    "param.release": "release: give the question back to the queue",
    "param.add": "the person to add (a mention like @lee)",
    "button.cohort.claim": "Claim",
    "button.cohort.claim.ref": "🙋 Claim {ref}",
    "button.cohort.answer": "Answer",
    "button.cohort.answer.ref": "Answer {ref}",
    "cohort.form.title": "Answer {refs}",
    # refusals
    "cohort.not_here": "Run this in a cohort's mentors' channel, or make this channel one: "
    '/cohort create name:"AI 3rd cohort".',
    "cohort.team_channel": "This channel is the channel of team {team}; run /cohort create in a "
    "channel of its own for the mentors.",
    "cohort.mentors_channel": "This channel is the mentors' channel of cohort {name}; set the "
    "team up in the team's own channel.",
    "cohort.already_here": "This channel is already the mentors' channel of cohort {name}; "
    "/cohort show says more.",
    "cohort.name_needed": 'Give the cohort a name: /cohort create name:"AI 3rd cohort".',
    "cohort.name_taken": "A cohort called {name} exists already; choose another name.",
    "cohort.in_one_already": "This team is in cohort {name} already; /cohort leave first to "
    "join another.",
    "cohort.bad_code": "No cohort has that join code; ask a cohort admin for it (/cohort show "
    "in the mentors' channel) and type /cohort join code:XXXX.",
    "cohort.other_platform": "Cohort {name} lives on {platform}; a team joins a cohort of its "
    "own platform only.",
    "cohort.in_none": "This team is in no cohort; a team admin links it with /cohort join "
    "code:XXXX.",
    "cohort.not_mentor": "Only mentors of cohort {name} can do this; ask {admins} to add you "
    "with /cohort mentor add:@you.",
    "cohort.admin_only": "Only admins of cohort {name} can change its mentors.",
    "cohort.mentor_how": "Say whom to add or remove: /cohort mentor add:@lee or /cohort mentor "
    "remove:@lee.",
    "cohort.last_admin": "{who} is the cohort's last admin and cannot be removed.",
    "cohort.not_a_mentor": "{who} is no mentor of cohort {name}; /cohort show lists them.",
    "cohort.mentor_already": "{who} is a mentor of cohort {name} already.",
    "cohort.who_unknown": "I do not know {who} yet: mention them (@ and pick them from the list) "
    "so I know who they are.",
    "cohort.bad_ref": "{ref} is no question of the queue; write it as team#number, like 2#12 "
    "(/cohort queue shows them).",
    "cohort.unknown_ref": "{ref} is not in the mentors' queue; /cohort queue shows what is.",
    "cohort.claimed_by": "{who} has {ref} already; answer another one (/cohort queue).",
    "cohort.not_claimed": "No one has claimed {ref}; there is nothing to release.",
    # replies
    "cohort.created": "🎓 This channel is now the mentors' channel of cohort **{name}**; {who} is "
    "its first mentor and admin.\nTeams join with the cohort's join code: /cohort show here "
    "shows it to you alone, with the command their admin types.",
    "cohort.joined": "🎓 {who} linked team {team} to cohort **{name}** (team {number} there). "
    "Cohort mentors, now mentors here too: {mentors}.",
    "cohort.crosses": "What crosses to the mentors' channel: only questions escalated for the "
    "mentor (/escalate N), with their text, category or assignment and the asker's name; "
    "nothing else of this team.",
    "cohort.left": "🎓 {who} took team {team} out of cohort **{name}**: its escalated questions "
    "no longer cross. The cohort's mentors stay mentors of this team; an admin changes that with "
    "/team members set:@name role:member.",
    "cohort.mentor_added": "🎓 {who} is now a mentor of cohort **{name}**: of its {count:team|"
    "teams} and of every team that joins later.",
    "cohort.mentor_removed": "{who} is no longer a mentor of cohort **{name}** (no claim or "
    "answer in its queue). They stay mentors in the teams' own member lists; a team admin "
    "changes that with /team members set:@name role:member.",
    "cohort.admin_mark": " (admin)",
    "cohort.show.title": "🎓 Cohort **{name}**",
    "cohort.show.teams": "Teams ({count}):",
    "cohort.show.team": "  - {number}: {team}",
    "cohort.show.mentors": "Mentors: {who}",
    "cohort.show.queue": "In the queue: {count:question|questions} (/cohort queue)",
    "cohort.show.code": "Join code (only you see this): {code}\nA team admin types in the "
    "team's channel: {command}",
    "cohort.show.none": "This team is in no cohort; a team admin links it with /cohort join "
    "code:XXXX.",
    "cohort.show.of_team": "🎓 This team is team {number} of cohort **{name}**.",
    # the queue
    "cohort.queue.title": "🎓 Mentors' queue of **{name}**: {count:question|questions} in "
    "{items:item|items}, oldest escalation first",
    "cohort.queue.empty": "🎓 The mentors' queue of **{name}** is empty: no escalated question "
    "waits.",
    "cohort.queue.lecture": "📚 Lecture",
    "cohort.queue.general": "💬 General",
    "cohort.queue.assignment": "📝 Assignment: {name}",
    "cohort.queue.assignment_unnamed": "📝 Assignment",
    "cohort.queue.item": "  • {ref} · {who} ({team}): {text}",
    "cohort.queue.same": "    ↳ same question: {ref} · {who} ({team}): {text}",
    "cohort.queue.button_part": "    (its Answer button carries the first {shown}; for all of "
    "them type {command} and the answer)",
    "cohort.queue.claimed": "    🙋 claimed by {who}",
    "cohort.queue.more": "… and {count:more item|more items}: answer these first, then /cohort "
    "queue again.",
    "cohort.queue.no_buttons": "No buttons for {refs} (a message holds 25): type /cohort claim "
    "REF or /cohort answer REF text.",
    "cohort.claimed": "🙋 {who} claimed {refs}:",
    "cohort.released": "{who} released {refs}: back in the queue.",
    "cohort.answered": "✅ {who} answered {refs} ({count:team|teams}): {text}",
    # posts
    "cohort.answer_post": "🎓 Mentor {who} answered **#{number}** ({question}):\n{text}",
    "cohort.post.title": "🎓 Team {number}, {team}: {count:question|questions} for office hours "
    "at {time}",
}
