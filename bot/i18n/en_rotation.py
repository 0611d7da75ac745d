"""English sentences of the session's roles: `/team rotation`, and the roles in the reminder
and the minutes."""

MESSAGES: dict[str, str] = {
    "help.team.rotation": "who moderates the peer session (and takes notes), in turn: show the "
    "next turns, or set the order (admins only).",
    "param.switch": "off: clear the rotation (admins only); show (the default): the next turns",
    "param.order": "the members in turn, like @kim,@lee,@park",
    "param.every": "day: a new moderator each study day (the default); week: each study week",
    "param.notes": "on: a note-taker too (the next member present); off (the default): none",
    "example.team.rotation": "/team rotation order:@kim,@lee,@park every:week notes:on",
    "rotation.none": "This team has no rotation yet; an admin sets one like this: {example}",
    "rotation.shown.day": "🎙 **Rotation**: a new moderator each study day since {since}, "
    "{notes}. Order: {order}.\nNext turns:",
    "rotation.shown.week": "🎙 **Rotation**: a new moderator each study week since {since}, "
    "{notes}. Order: {order}.\nNext turns:",
    "rotation.notes_on": "with a note-taker",
    "rotation.notes_off": "no note-taker",
    "rotation.week_label": "Week {week} (from {day})",
    "rotation.turn": "  - {day}: {roles}",
    "rotation.turn_passed": " (the turn of {away}, away)",
    "rotation.turn_notes": "; notes: {who}",
    "rotation.turn_alone": "; no note-taker (no one else is there)",
    "rotation.everyone_away": "everyone in the rotation is away",
    "rotation.left_out": "  (no longer taking turns: {who}; removed from the team or mentors now)",
    "rotation.no_one": "  (no one in the order takes turns any more; set a new order:)",
    "rotation.mentor": "{who} is a mentor of the team, and the session's roles go round its "
    "members; leave them out of order:.",
    "rotation.no_turns": "  (no study day ahead on the calendar)",
    "rotation.set": "🔁 {who} set the session's rotation.",
    "rotation.cleared": "🔁 {who} turned the session's rotation off.",
    "rotation.off_alone": "`/team rotation off` takes no other option; clear the rotation first, "
    "then set a new one.",
    "rotation.none_to_clear": "This team has no rotation to turn off.",
    "rotation.order_needed": "Give the order of the rotation first, like order:@kim,@lee,@park.",
    "rotation.order_empty": "The order names no member; write them like order:@kim,@lee,@park.",
    "rotation.too_many": "A rotation takes at most {limit} members.",
    "rotation.twice": "{who} is in the order twice; name each member once.",
    "rotation.unchanged": "The rotation is already set that way; nothing changed.",
    # the session reminder
    "remind.roles.moderator": "🎙 Moderator today: {who}",
    "remind.roles.passed": "🎙 {away} is away: {who} moderates today",
    "remind.roles.notes": "📝 Notes today: {who}",
    "remind.roles.alone": "📝 No note-taker today: no one else in the rotation is here.",
    "remind.roles.everyone_away": "🎙 Everyone in the rotation is away today: no moderator.",
    # the minutes (peer-minutes)
    "digest.pm.moderator": "- Moderator: {who}",
    "digest.pm.note_taker": " · Notes: {who}",
    "digest.pm.nobody": "none (everyone in the rotation was away)",
    "digest.pm.present": "- Present: {who}",
    "digest.pm.no_one": "no one asked, answered or wrote a note",
    "digest.pm.absent": " · Away: {who}",
}
