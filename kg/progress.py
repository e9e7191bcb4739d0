"""Progress of long stages on a terminal (done, rate, time left); silent when output is a log."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """A one-line counter rewritten in place, at most five times a second.

    It prints only when ``stream`` is a terminal, so logs and CI output stay clean, and not
    at all once :attr:`quiet` is set (``kg --quiet``).
    """

    quiet = False

    def __init__(self, total: int, unit: str, label: str, stream: TextIO | None = None,
                 enabled: bool | None = None) -> None:
        self.total, self.unit, self.label = total, unit, label
        self.stream = stream or sys.stderr
        self.enabled = (self.stream.isatty() and not Progress.quiet) if enabled is None else enabled
        self.done = 0
        self.started = self._shown = time.monotonic()

    def update(self, done: int) -> None:
        self.done = done
        now = time.monotonic()
        if self.enabled and (now - self._shown >= 0.2 or done >= self.total):
            self._shown = now
            self.stream.write("\r" + self.line(now) + " " * 4)
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        """``ner: 120/1000 articles  35.2/s  1:25 left``

        >>> p = Progress(100, "articles", "ner", enabled=False); p.started = 0.0; p.done = 50
        >>> p.line(now=10.0)
        'ner: 50/100 articles  5.0/s  0:10 left'
        """
        elapsed = max((now if now is not None else time.monotonic()) - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0
        return f"{self.label}: {self.done}/{self.total} {self.unit}  {rate:.1f}/s  {int(left) // 60}:{int(left) % 60:02d} left"

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
