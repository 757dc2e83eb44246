"""Runs the engine's ``train()`` generator off the GUI thread and re-emits its snapshots as a Qt signal.

A new run starts as *pending* while the current one keeps going: only when the new run has really
started (its ``RunStarted`` arrived: data loaded, checkpoint accepted, device found) is it promoted and
the old one stopped. So a data set that fails to download, or a checkpoint that fails to load, costs
the user a dialog and nothing else. Stopping never waits: an old run's thread winds down on its own
and the GUI drops its late snapshots by run id. Only closing the app waits, briefly, for threads.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from PySide6.QtCore import QObject, Signal


class Session(QObject):
    snapshot = Signal(object)  # every snapshot of every live run, delivered on the GUI thread

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.controls: dict[int, Any] = {}  # run id -> engine.control.RunControl
        self.current_id: int | None = None
        self.pending_id: int | None = None
        self._threads: list[threading.Thread] = []
        self.last_saved: dict[int, str] = {}  # run id -> path of its last successful save

    @property
    def control(self):
        """The current run's control, or None."""
        return self.controls.get(self.current_id) if self.current_id is not None else None

    def start(self, config: Any, paused: bool = True) -> int:
        """Start a run as pending (paused unless told otherwise); returns its id."""
        from engine.control import RunControl

        if self.pending_id is not None:
            self.discard(self.pending_id)
        control = RunControl(start_paused=paused)
        self.controls[control.run_id] = control
        self.pending_id = control.run_id
        thread = threading.Thread(target=self._drive, args=(config, control), name=f"run-{control.run_id}",
                                  daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        return control.run_id

    def promote(self, run_id: int) -> None:
        """Make a started pending run the current one, and stop every other run."""
        for other in [i for i in self.controls if i != run_id]:
            self.discard(other)
        self.current_id, self.pending_id = run_id, None

    def discard(self, run_id: int) -> None:
        control = self.controls.pop(run_id, None)
        if control is not None:
            control.stop()
        if self.current_id == run_id:
            self.current_id = None
        if self.pending_id == run_id:
            self.pending_id = None

    def _drive(self, config: Any, control: Any) -> None:
        from engine.snapshots import RunEvent
        from engine.trainer import train

        for snap in train(config, control):
            if isinstance(snap, RunEvent) and snap.kind == "saved":
                self.last_saved[snap.run_id] = snap.path
            self.snapshot.emit(snap)

    def alive_threads(self) -> list[threading.Thread]:
        return [t for t in self._threads if t.is_alive()]

    def shutdown(self, timeout: float = 10.0) -> bool:
        """Stop every run and wait for their threads (only at exit); True when all ended."""
        for run_id in list(self.controls):
            self.discard(run_id)
        deadline = time.monotonic() + timeout
        for t in self._threads:
            t.join(max(0.0, deadline - time.monotonic()))
        return not self.alive_threads()
