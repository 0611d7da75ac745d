"""English messages of retrospectives, assignments, days away and schedule settings."""

MESSAGES: dict[str, str] = {}
