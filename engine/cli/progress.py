"""A one-line progress bar for the headless CLI: steps, loss, images/s and time left; and the clock that
the app's status bar shows too."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def clock(seconds: float) -> str:
    """A duration as a clock reads, "mm:ss" or "h:mm:ss": the progress bar's and the app's status bar's."""
    seconds = int(max(seconds, 0))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


class ProgressBar:
    """Redraws itself in place on a terminal; elsewhere (a log file, CI) prints a line every 10%."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None, width: int = 24):
        self.total, self.label, self.width = max(total, 1), label, width
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.t0 = time.monotonic()
        self.last_draw = 0.0
        self.last_decile = -1

    def update(self, done: int, loss: float, images_per_s: float) -> None:
        now = time.monotonic()
        frac = min(done / self.total, 1.0)
        decile = int(frac * 10)
        if self.tty and now - self.last_draw < 0.1 and done < self.total:
            return
        if not self.tty and decile == self.last_decile and done < self.total:
            return
        self.last_draw, self.last_decile = now, decile
        elapsed = now - self.t0
        eta = elapsed / frac * (1 - frac) if frac > 0 else 0.0
        filled = int(frac * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        line = (f"{self.label} {done:>{len(str(self.total))}}/{self.total} [{bar}] {frac:4.0%}  "
                f"loss {loss:.4g}  {images_per_s:,.0f} img/s  {clock(elapsed)}<{clock(eta)}")
        if self.tty:
            self.stream.write("\r" + line + "\x1b[K")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
