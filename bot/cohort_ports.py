"""The port of cohorts (`CohortRepository`): cohorts, their teams and their mentors.

Kept apart from `bot.ports` (which re-exports it) so that module stays small.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.model.cohort import Cohort, CohortMentor, CohortTeam


class CohortRepository(Protocol):
    async def add(self, cohort: Cohort) -> Cohort:
        """Store a new cohort (Conflict if its name, channel or join code is taken)."""
        ...

    async def get(self, cohort_id: int) -> Cohort | None: ...
    async def get_by_channel(self, platform: str, channel_id: str) -> Cohort | None:
        """The cohort whose mentors' channel this is."""
        ...

    async def get_by_code(self, join_code: str) -> Cohort | None: ...
    async def get_by_name(self, name: str) -> Cohort | None: ...
    async def list(self) -> Sequence[Cohort]:
        """Every cohort by id (export, tests)."""
        ...

    async def join(self, cohort_id: int, team_id: int, at: datetime) -> CohortTeam:
        """The team joins under the cohort's next team number (Conflict if it is in one)."""
        ...

    async def leave(self, team_id: int) -> bool:
        """The team leaves its cohort (its number is not given again); whether it was in one."""
        ...

    async def of_team(self, team_id: int) -> CohortTeam | None:
        """The team's place in its cohort, if it is in one."""
        ...

    async def teams(self, cohort_id: int) -> Sequence[CohortTeam]:
        """The cohort's teams by number."""
        ...

    async def mentors(self, cohort_id: int) -> Sequence[CohortMentor]:
        """The cohort-wide mentors, in the order they were added."""
        ...

    async def set_mentor(self, mentor: CohortMentor) -> None:
        """Add a cohort-wide mentor, or store a known one's name and admin flag."""
        ...

    async def remove_mentor(self, cohort_id: int, user_id: str) -> bool:
        """Take the cohort-wide entry away; whether there was one."""
        ...
