"""English words of the weekly digest: the seeds' headings translated, and its sentences."""

MESSAGES: dict[str, str] = {
    # --- errors and the chat summary ------------------------------------------------------------
    "digest.unknown_format": "There is no digest format called {name}; pick one of {choices}, "
    "like format:peer-minutes.",
    "digest.member_needed": "The {format} format is one person's file; say whose, like member:kim.",
    "digest.bad_week": "There is no week {week}; the course started on {start}, so give a week "
    "from 1 on, like week:1.",
    "digest.summary": "📚 Week {week} digest ({format}): {first} to {last}, {days} study days\n"
    "{asked} questions ({resolved} resolved, {answered} answered, {mentor} for the mentor), "
    "{notes} session notes, "
    "{retros} retrospectives",
    "digest.too_big": "The file is {size} MiB, over the {limit} MiB a chat message can "
    "carry, so it is not attached. Write it to a directory with: {command}",
    "digest.summary.so_far": "The week is not over: its {later} later study days are not in "
    "the file yet.",
    "digest.summary.member": "{who}'s file",
    # --- peer-minutes --------------------------------------------------------------------------
    "digest.pm.title": "### Peer sessions (WEEK{week})",
    "digest.pm.day": "{stamp} peer session",
    "digest.pm.last_week": "🔍[Last week's questions]",
    "digest.pm.earlier": "🔍[Earlier questions]",
    "digest.pm.lecture": "📒 [Lecture questions]",
    "digest.pm.assignment": "📌 [Assignment questions]",
    "digest.pm.assignment_named": "📌 [{name} questions]",
    "digest.pm.general": "💡 [Other questions]",
    "digest.pm.notes": "📝 [Session notes]",
    "digest.pm.mentor": "The questions we could not resolve go to the mentor's office hours.",
    # --- retro-log -----------------------------------------------------------------------------
    "digest.retro.title": "# Retrospective",
    # --- til-review ----------------------------------------------------------------------------
    "digest.til.title": "# WEEK{week} TIL",
    "digest.til.day": "Day{n} Review",
    "digest.til.done": "Done",
    "digest.til.not_done": "Not done",
    "digest.til.learned": "Learned today",
    "digest.til.tomorrow": "Goals for tomorrow",
    "digest.til.weekend": "Goals for the weekend",
    "digest.til.impressions": "DAY {n} thoughts",
    "digest.til.week": "WEEK{n} Review",
    "digest.til.week_peer": "Peer sessions",
    "digest.til.week_retro": "Looking back",
}
