"""The `Checked 120 files…` line the CLI keeps on a terminal's stderr while it checks
many files. It only makes the strings; the CLI decides whether to show them (a terminal,
a human format) and writes them."""

from __future__ import annotations

import time
from collections.abc import Callable

CLEAR_LINE = "\r\x1b[K"
INTERVAL = 0.1  # seconds between updates: more is flicker and wasted writes
# A run shows progress once it has checked this many files or taken this long, so a
# quick run over a few files prints nothing but its findings.
MANY_FILES = 10
PATIENCE = 1.0  # seconds


class Progress:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._started = clock()
        self._shown_at: float | None = None
        self._showing = False

    def update(self, files: int) -> str:
        """The line for `files` checked so far, or '' while the run is still short or one
        was shown a moment ago."""
        now = self._clock()
        if files < MANY_FILES and now - self._started < PATIENCE:
            return ""
        if self._shown_at is not None and now - self._shown_at < INTERVAL:
            return ""
        self._shown_at = now
        self._showing = True
        noun = "file" if files == 1 else "files"
        return f"\rChecked {files} {noun}…"

    def clear(self) -> str:
        """What erases the line, before other output and at the end; '' if none is shown."""
        if not self._showing:
            return ""
        self._showing = False
        return CLEAR_LINE
