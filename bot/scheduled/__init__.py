"""Scheduled posts: when they fall due (`occurrences`), writing them to the outbox (`writer`),
and the drivers that decide when to look (`drivers`)."""
