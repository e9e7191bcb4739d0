"""Progress of long stages on a terminal (done, rate, time left, the whole input's share); silent when output is a log."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _clock(seconds: float) -> str:
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


class Overall:
    """How far a build is through its whole input: bytes read of all the input files' bytes
    (compressed ones as stored), and the time left at the pace so far.

    >>> o = Overall(200 * 2**20); o.started = 0.0; o.done = 50 * 2**20
    >>> o.line(now=60.0)
    'input 50.0 of 200.0 MB (25%), 3:00 left'
    """

    def __init__(self, total_bytes: int) -> None:
        self.total, self.done = total_bytes, 0
        self.started = time.monotonic()

    def line(self, now: float | None = None) -> str:
        elapsed = (now if now is not None else time.monotonic()) - self.started
        share = min(self.done / self.total, 1.0) if self.total else 0.0
        left = f", {_clock(elapsed * (1 - share) / share)} left" if share > 0 else ""
        return f"input {self.done / 2**20:.1f} of {self.total / 2**20:.1f} MB ({share:.0%}){left}"


class Progress:
    """A one-line counter rewritten in place, at most five times a second.

    It prints only when ``stream`` is a terminal, so logs and CI output stay clean, and not
    at all once :attr:`quiet` is set (``kg --quiet``).
    """

    quiet = False

    def __init__(self, total: int, unit: str, label: str, stream: TextIO | None = None,
                 enabled: bool | None = None, overall: Overall | None = None) -> None:
        self.total, self.unit, self.label, self.overall = total, unit, label, overall
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
        """``ner: 120/1000 articles  35.2/s  1:25 left``; with :attr:`overall` (a batch of a bigger
        input), the whole input's share and time left in place of the batch's.

        >>> p = Progress(100, "articles", "ner", enabled=False); p.started = 0.0; p.done = 50
        >>> p.line(now=10.0)
        'ner: 50/100 articles  5.0/s  0:10 left'
        """
        now = now if now is not None else time.monotonic()
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        if self.overall is not None:
            return f"{self.label}: {self.done:,}/{self.total:,} {self.unit} of this batch  {rate:.1f}/s  " \
                   f"{self.overall.line(now)}"
        left = (self.total - self.done) / rate if rate else 0
        return f"{self.label}: {self.done}/{self.total} {self.unit}  {rate:.1f}/s  {_clock(left)} left"

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
