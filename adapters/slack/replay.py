"""Refusing a replayed Slack request in HTTP mode.

bolt checks each request's signature and refuses timestamps more than 5 minutes off, which stops
old captures but not a signed request sent again within those minutes: the same `/ask` would
then be asked twice. Slack never sends a slash command or an interaction twice (it does not
retry them), so a signature seen before is a replay. `ReplayGuard` remembers each signature it
let through for as long as bolt would still accept its timestamp, and refuses it a second time.

The memory is per process; run HTTP mode behind one process per public URL, or use Socket Mode,
which has no signed requests to replay.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

WINDOW = 5 * 60.0  # seconds either side of now within which bolt accepts a timestamp
SIGNATURE = "x-slack-signature"


class ReplayGuard:
    """`admit(signature)` once per signature; `forget` when the request turns out unsigned."""

    def __init__(
        self, window: float = WINDOW, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        # A timestamp up to `window` in the future is accepted until `window` after it.
        self._keep = 2 * window + 60.0
        self._clock = clock
        self._seen: dict[str, float] = {}
        self._order: deque[tuple[float, str]] = deque()

    def admit(self, signature: str) -> bool:
        """True the first time a signature is seen within the window, False for a replay."""
        now = self._clock()
        while self._order and self._order[0][0] <= now:
            expiry, old = self._order.popleft()
            if self._seen.get(old) == expiry:
                del self._seen[old]
        if not signature:
            return True  # unsigned: bolt refuses it anyway
        if signature in self._seen:
            return False
        expiry = now + self._keep
        self._seen[signature] = expiry
        self._order.append((expiry, signature))
        return True

    def forget(self, signature: str) -> None:
        """The request was refused (a wrong signature): it does not use the signature up."""
        self._seen.pop(signature, None)

    def __len__(self) -> int:
        return len(self._seen)
