"""Platform adapters: translate platform events to `Invocation`s and render `Reply`s."""
