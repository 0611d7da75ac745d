"""English sentences of roles (member, admin, mentor), removing a member, and endorsements."""

MESSAGES: dict[str, str] = {
    "role.member": "member",
    "role.admin": "admin",
    "role.mentor": "mentor",
    "role.mentor_mark": "(mentor)",
    "team.roles_mark": " ({roles})",
    "team.members_removed": "({count:removed member is|removed members are} not listed; what "
    "they wrote keeps their name.)",
    "team.role_missing": "Say which role {who} gets: /team members set:{who} role:mentor (member, "
    "admin or mentor).",
    "team.role_without_set": "role:{role} needs the member it is for: /team members set:@name "
    "role:{role}.",
    "team.member_removed_already": "{who} was removed from this team; give them a role with "
    "/team members set:{who} role:member to bring them back.",
    "team.role_set": "{who} is now {role} of {team}.",
    "team.member_back": "{who} was removed before and is back in the team.",
    "team.member_removed": "{who} is no longer a member of {team}: not listed, nudged or counted; "
    "their questions, answers and notes stay with their name.",
    "param.set": "the member whose role role: sets (admins only)",
    "param.role": "member, admin or mentor (a mentor is never nudged or counted as missing)",
    "param.remove": "the member to remove from the team (what they wrote stays; admins only), "
    "or in /cohort mentor the mentor to remove",
    "param.undo": "undo: take the endorsement back",
    "help.endorse": "a mentor marks a peer's answer with ✅ (the latest unless you name one); "
    "add undo to take it back.",
    "example.endorse": "/endorse 12 2",
    "button.endorse": "Endorse",
    "button.endorse.n": "✅ Endorse {index}",
    "button.endorse.undo.n": "Undo ✅ {index}",
    "endorse.mark": "✅ endorsed by {who}",
    "endorse.mentors_only": "Only the team's mentors can endorse an answer (an admin makes one "
    "with /team members set:@name role:mentor).",
    "endorse.own_answer": "Answer {index} of #{number} is your own; a mentor endorses a peer's "
    "answer.",
    "endorse.already": "Answer {index} of #{number} is already endorsed; /endorse {number} "
    "{index} undo takes it back.",
    "endorse.not_endorsed": "Answer {index} of #{number} is not endorsed.",
    "endorse.done": "✅ {mentor} endorsed {who}'s answer {index} to **#{number}**.",
    "endorse.undone": "{mentor} took back the endorsement of {who}'s answer {index} to "
    "**#{number}**.",
    "stats.mentor": "**{name}** (mentor): ❓ asked {asked} · 💬 answered {answered} ({accepted} "
    "accepted) · ✅ endorsed {endorsements}",
    "stats.endorsed": " · ✅ {count} endorsed",
    "digest.mentor_mark": "(mentor)",
    "digest.endorsed_mark": "✅",
}
