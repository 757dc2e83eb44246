"""Helpers for GUI tests: a window on a temporary settings file, and waiting on its run."""

import time

from PySide6.QtCore import QCoreApplication


def wait_until(cond, timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        QCoreApplication.processEvents()
        time.sleep(0.005)


def settle(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.005)


def open_app_window(qtbot, config, **kwargs):
    """A main window of the test's own (not the ``window`` fixture's), its first run on ``config`` up."""
    from gui.app import create_app
    from gui.window.main_window import MainWindow

    create_app([])
    w = MainWindow(**kwargs)
    qtbot.addWidget(w)
    w.show()
    w.load_engine(config=config)
    wait_until(lambda: w.run_info is not None, what="the first run to start")
    return w


def round_trip(window, timeout: float = 30.0) -> list:
    """Ask the current run for fresh views and wait for the answer: every request sent before it has
    then been served, so "nothing happened meanwhile" is checked on a condition, not after a sleep.
    Returns the ImagesUpdate snapshots that arrived."""
    from engine.training.snapshots import ImagesUpdate

    got: list = []

    def on_snapshot(snap) -> None:
        if isinstance(snap, ImagesUpdate) and snap.run_id == window.session.current_id:
            got.append(snap)

    window.session.snapshot.connect(on_snapshot)
    try:
        window.session.control.refresh()
        wait_until(lambda: got, timeout, what="the engine's answer to a refresh")
    finally:
        window.session.snapshot.disconnect(on_snapshot)
    return got
