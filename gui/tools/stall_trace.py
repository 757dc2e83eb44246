"""Where the GUI thread is when it stalls: a watchdog that writes every thread's Python stack when the
GUI thread has not ticked for a while (``main.py bench soak --trace-stalls FILE``).

It uses faulthandler's own watchdog, a C thread that needs no interpreter lock: PySide6 keeps the lock
while Qt lays out and paints, so a Python sampling thread would wait out exactly the stalls it should see.
Each tick of the GUI thread re-arms the watchdog; a stall lets it fire and dump.

The price: the watchdog reads the other threads' frames without the lock while they run, and it can
crash the app it traces (a soak's core dump: SIGSEGV in faulthandler's dump_frame while the GUI thread
ran). A soak with ``--trace-stalls`` finds where stalls go; its crash count is not the app's.
"""

from __future__ import annotations

import faulthandler
import re
from collections import Counter
from pathlib import Path


class StallTrace:
    def __init__(self, path: str | Path, after_s: float = 0.25):
        self.path, self.after_s = Path(path), after_s
        self.file = open(self.path, "w")  # noqa: SIM115 -- faulthandler writes to its fd until close()
        self.arm()

    def arm(self) -> None:
        """Call on every tick of the GUI thread: a dump follows only if the next tick is late."""
        faulthandler.dump_traceback_later(self.after_s, repeat=False, file=self.file)

    def close(self) -> None:
        faulthandler.cancel_dump_traceback_later()
        self.file.close()


def summarise(path: str | Path, gui_thread_id: int, top: int = 8) -> list[tuple[int, str]]:
    """The GUI thread's innermost frames in each dump, counted: [(dumps, 'file:line fn < caller ...')]."""
    text = Path(path).read_text(errors="replace")
    counts: Counter[str] = Counter()
    # faulthandler writes "Thread 0x... (most recent call first):" then '  File "f", line n in fn' lines
    blocks = re.split(r"\n(?=(?:Current thread|Thread) 0x)", text)
    want = f"0x{gui_thread_id:016x}"
    for block in blocks:
        lines = block.splitlines()
        if not lines or want not in lines[0]:
            continue
        frames = re.findall(r'File "([^"]+)", line (\d+) in (\S+)', block)
        key = " < ".join(f"{Path(f).name}:{n} {fn}" for f, n, fn in frames[:4])
        counts[key] += 1
    return [(n, where) for where, n in counts.most_common(top)]
