"""A progress bar for builds that take more than a second; silent otherwise.

Click draws it on standard error, and only when that is a terminal, so
logs and pipes stay clean.
"""

from __future__ import annotations

import sys
import threading
import time

import click

DELAY = 1.0  # seconds before a bar appears: quick builds show none


class BuildProgress:
    def __init__(self, total: int = 0, enabled: bool | None = None, delay: float = DELAY, file=None) -> None:
        self.file = file or sys.stderr
        self.enabled = self.file.isatty() if enabled is None else enabled
        self.total = total
        self.delay = delay
        self.done = 0
        self.label = "building"
        self.started = time.monotonic()
        self.bar = None
        self._lock = threading.Lock()

    def expect(self, total: int) -> None:
        """How many steps the build will take, once the plan is known."""
        self.total = total

    def advance(self, steps: int = 1, label: str | None = None) -> None:
        with self._lock:  # outputs are rendered on several threads
            self._advance(steps, label)

    def _advance(self, steps: int, label: str | None) -> None:
        self.done += steps
        if label:
            self.label = f"building {label}"
        if not self.enabled:
            return
        if self.bar is None:
            if time.monotonic() - self.started < self.delay:
                return
            self.bar = click.progressbar(length=max(self.total, self.done, 1), label=self.label, file=self.file)
            self.bar.__enter__()
            self.bar.update(self.done)
            return
        self.bar.label = self.label
        self.bar.update(steps)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
