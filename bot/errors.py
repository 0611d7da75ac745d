"""Domain errors: a message key plus parameters, turned into one sentence by the core."""

from __future__ import annotations

from typing import Any


class PeerbotError(Exception):
    """A rejected command: `key` names a catalog sentence, `params` fill it in."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
        self.field: str | None = None  # the form field it is about, when it came from a form

    def __repr__(self) -> str:
        return f"PeerbotError({self.key!r}, {self.params!r})"


class TryAgainLater(Exception):
    """The database could not be reached or was busy; nothing was saved."""


class Conflict(Exception):
    """A concurrent change won the race (a unique key was taken); nothing was saved."""


class DatabaseUnusable(Exception):
    """The database cannot be used as configured (read-only, full, unsupported URL).

    Its message is one sentence for the operator saying what is wrong and what to do.
    """
