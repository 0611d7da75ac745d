"""English words of the office-hours digest (seeds/daily-notes.md "# 3.오피스아워", translated)."""

MESSAGES: dict[str, str] = {
    "digest.oh.day": "# Office hours {day}",
    "digest.oh.qna": "Q&A",
    "digest.oh.waiting": "Not answered yet: waiting for a mentor.",
    "digest.oh.team": "[{team}]",
    "digest.oh.quiet": "No office hours in week {week}: no mentor answered a question.",
    "digest.oh.quiet_week_of": "No office hours in the week of {monday}: no mentor answered an "
    "escalated question.",
    "digest.oh.still_waiting": "# Waiting for the next office hours",
}
