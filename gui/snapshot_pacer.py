"""Snapshots reach the GUI thread a few at a time, so the event loop paints and keeps its timers between.

Qt runs every queued signal that is waiting in one pass of its event loop. After a switch the new run's
first snapshots arrive together (the run started, its images, the method's figures, the latent codes),
and their handlers, each 20-150 ms, then ran back to back: the window froze for 300-700 ms (2 s on a
busy machine) with nothing drawn. Here the reader threads queue snapshots and wake the GUI thread once;
it hands them on until a small time budget is spent, then lets the event loop turn before going on.

When the window is slower than the runs (a busy machine, a long repaint), what waits is bounded: the
queue is a Mailbox (engine/processes/mailbox.py) that keeps only the newest images, codes, figures,
embeddings and map of each run and merges their loss points, so the lag never grows memory.

And the handlers get at most a share of the GUI thread: after handing on for ``spent`` seconds the pacer
rests REST_FACTOR times as long before it hands on again, and what arrives meanwhile waits in the
Mailbox, where it is merged. On an idle machine a turn's handlers take a few milliseconds and the rest is
not seen; on a busy one each handler and the repaint it causes take several times longer, and without the
rest the GUI thread did nothing but draw snapshots: a soak at load 4 sampled it 40% in snapshot handlers
and 37% in painting, and a click or a timer waited behind them (p99 lateness 200-550 ms per minute).
"""

from __future__ import annotations

import threading
import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from engine.processes.mailbox import Mailbox, merge_snapshots, snapshot_key

BUDGET_S = 0.025  # handlers run per turn of the event loop: about one frame and a half
REST_FACTOR = 2.0  # after handing on for t seconds, rest 2t: handlers take at most a third of the thread
MAX_REST_S = 0.5  # however slow the last turn: the views never stay more than this behind the newest


class SnapshotPacer(QObject):
    delivered = Signal(object)  # on the GUI thread, in arrival order
    _wake = Signal()

    def __init__(self, parent: QObject | None = None, budget_s: float = BUDGET_S, rest_factor: float = REST_FACTOR):
        super().__init__(parent)
        self.budget_s, self.rest_factor = budget_s, rest_factor
        self._rest_until = 0.0  # perf_counter time before which no snapshot is handed on
        self._queue = Mailbox(snapshot_key, merge_snapshots)
        self._lock = threading.Lock()
        self._awake = False  # a drain is queued or running: no need to wake the GUI thread again
        self._wake.connect(self._woken)  # queued: put() is called from reader threads

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

    def _woken(self) -> None:
        resting = self._rest_until - time.perf_counter()
        if resting > 0:
            QTimer.singleShot(round(resting * 1000), self, self._drain)
        else:
            self._drain()

    def _drain(self) -> None:
        started = time.perf_counter()
        deadline = started + self.budget_s
        left = False  # the budget ran out with snapshots still queued
        while not left:
            with self._lock:
                snap = self._queue.get_nowait()
                if snap is None:
                    self._awake = False
                    break
            self.delivered.emit(snap)
            left = time.perf_counter() > deadline
        now = time.perf_counter()
        rest = min((now - started) * self.rest_factor, MAX_REST_S)
        self._rest_until = now + rest
        if left:  # the rest after the event loop has painted and ticked, and the window has had its share
            QTimer.singleShot(round(rest * 1000), self, self._drain)
