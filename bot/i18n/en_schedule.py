"""English messages the bot posts on its own: reminders, the mentor list, delivery problems."""

MESSAGES: dict[str, str] = {}
