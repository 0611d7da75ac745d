"""Use cases by area; each takes a `Context` and parsed arguments and returns a `Reply`."""
