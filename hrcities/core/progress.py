"""A text progress bar for the commands that work through many records."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """Draw `label [#####.....] done/total rate/s` on one line of stderr, one line a label.

    Call it as `bar(label, done, total)`: it is the `progress` callback that the rebuild,
    suggest and import services take. The line is redrawn when the bar's percentage moves
    (about a hundred times for a long run, not once per row), and ends when done reaches
    total or another label begins. The rate counts from the label's first call.
    """

    def __init__(
        self, stream: TextIO | None = None, *, label_width: int = 24, width: int = 30
    ) -> None:
        # Django's OutputWrapper ends every write with a newline (and colours stderr red on
        # a terminal); the bar redraws one line, so it writes to the stream underneath.
        self._stream = getattr(stream, "_out", stream)
        self.label_width, self.width = label_width, width
        self._label = ""
        self._started = 0.0
        self._shown = -1

    @property
    def stream(self) -> TextIO:
        # Looked up at each call, so that a stderr replaced after construction is used.
        return self._stream or sys.stderr

    def __call__(self, label: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if label != self._label:
            if self._label:
                self.stream.write("\n")
            self._label, self._started, self._shown = label, now, -1
        percent = 100 * done // total if total else 100
        if percent == self._shown and done < total:
            return
        self._shown = percent
        self.stream.write("\r" + self.line(label, done, total, now - self._started))
        if done >= total:
            self.stream.write("\n")
            self._label = ""
        self.stream.flush()

    def line(self, label: str, done: int, total: int, seconds: float) -> str:
        """Return the text of the bar, e.g. `city  [###...] 120/240 300/s`."""
        filled = self.width * done // total if total else self.width
        rate = done / seconds if seconds > 0 else 0.0
        return (
            f"{label:<{self.label_width}} [{'#' * filled}{'.' * (self.width - filled)}] "
            f"{done}/{total} {rate:,.0f}/s"
        )
