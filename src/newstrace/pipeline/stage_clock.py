"""Wall-clock time per stage of a run, as ``--timings`` prints them (every runner uses it)."""

from __future__ import annotations

import time


class StageClock:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        """Charge the time since the last lap to ``stage`` (added up when a stage comes back)."""
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self._last
        self._last = now
