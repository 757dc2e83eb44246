"""Snapshots reach the GUI thread a few at a time, so the event loop paints and keeps its timers between.

Qt runs every queued signal that is waiting in one pass of its event loop. After a switch the new run's
first snapshots arrive together (the run started, its images, the method's figures, the latent codes),
and their handlers, each 20-150 ms, then ran back to back: the window froze for 300-700 ms (2 s on a
busy machine) with nothing drawn. Here the reader threads queue snapshots and wake the GUI thread once;
it hands them on until a small time budget is spent, then lets the event loop turn before going on.

When the window is slower than the runs (a busy machine, a long repaint), what waits is bounded: the
queue is a Mailbox (engine/processes/mailbox.py) that keeps only the newest images, codes, figures,
embeddings and map of each run and merges their loss points, so the lag never grows memory.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from engine.processes.mailbox import Mailbox, merge_snapshots, snapshot_key

BUDGET_S = 0.025  # handlers run per turn of the event loop: about one frame and a half


class SnapshotPacer(QObject):
    delivered = Signal(object)  # on the GUI thread, in arrival order
    _wake = Signal()

    def __init__(self, parent: QObject | None = None, budget_s: float = BUDGET_S):
        super().__init__(parent)
        self.budget_s = budget_s
        self._queue = Mailbox(snapshot_key, merge_snapshots)
        self._lock = threading.Lock()
        self._awake = False  # a drain is queued or running: no need to wake the GUI thread again
        self._wake.connect(self._drain)  # queued: put() is called from reader threads

    def put(self, snap: Any) -> bool:
        """From any thread. Returns False once this object is gone (the window closed)."""
        with self._lock:
            self._queue.put(snap)
            if self._awake:
                return True
            self._awake = True
        try:
            self._wake.emit()
        except RuntimeError:  # "Signal source has been deleted"
            return False
        return True

    def pending(self) -> int:
        return len(self._queue)

    def _drain(self) -> None:
        deadline = time.perf_counter() + self.budget_s
        while True:
            with self._lock:
                snap = self._queue.get_nowait()
                if snap is None:
                    self._awake = False
                    return
            self.delivered.emit(snap)
            if time.perf_counter() > deadline:
                break
        QTimer.singleShot(0, self._drain)  # the rest after the event loop has painted and ticked
