"""The start-up probe: in a process started by `main.py bench gui`, print when the window shows and the
first reconstructions land, then quit. It lives beside the app (not in gui/tools) because the app installs
it; the benchmark only sets PROBE_ENV and reads what it prints."""
from __future__ import annotations

import json
import time

PROBE_ENV = "ENCODER_LAB_STARTUP_PROBE"


def install_startup_probe(window) -> None:
    """In a probed process: print when the window shows and the first reconstructions land, then quit."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    marks: dict[str, float] = {}

    def mark(name: str) -> None:
        if name not in marks:
            marks[name] = time.time()

    QTimer.singleShot(0, lambda: mark("window"))

    def on_snapshot(snap) -> None:
        from engine.training.snapshots import ImagesUpdate, RunStarted

        if isinstance(snap, RunStarted):
            QTimer.singleShot(0, window.toggle_play)
        if isinstance(snap, ImagesUpdate) and snap.reconstructions is not None:
            QTimer.singleShot(0, lambda: mark("first_reconstruction"))
            if snap.step > 0:
                QTimer.singleShot(0, lambda: (mark("trained_reconstruction"), finish()))

    def finish() -> None:
        print(json.dumps(marks), flush=True)
        window.ask_before_discard = False
        QApplication.instance().quit()

    window.session.snapshot.connect(on_snapshot)
