"""``python main.py screenshot``: train headless for some steps, then render the whole window to a PNG.

It drives the real window offscreen, through the same session and views a user sees, with a layout
of its own (a temporary settings file), so the picture does not depend on the user's saved layout.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from typing import Any, Callable


def pump_until(cond: Callable[[], bool], timeout: float, what: str) -> None:
    """Run the Qt event loop until ``cond()`` holds; raise TimeoutError naming ``what`` otherwise.

    The loop runs in 20 ms slices of a real QEventLoop, as the app's own loop does, rather than
    spinning on processEvents, which would cost the CPU the training needs.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout
    loop = QEventLoop()
    while not cond():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        QTimer.singleShot(20, loop.quit)
        loop.exec()


def pump_for(seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def open_window(config: Any = None, open_file: str | None = None, size: tuple[int, int] = (1500, 950)):
    """An offscreen-capable window with the engine loaded and its first run started (not yet playing)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if "ENCODER_LAB_SETTINGS" not in os.environ:
        os.environ["ENCODER_LAB_SETTINGS"] = os.path.join(tempfile.mkdtemp(), "settings.ini")
    from gui.app import create_app, import_engine
    from engine.processes.thread_budget import apply_to_gui

    apply_to_gui()  # this process's share of the cores, as the app takes it (gui/app.py run_app)
    create_app([])
    from gui.window.main_window import MainWindow

    window = MainWindow(fit_screen=False)  # the size asked for, whatever screen Qt pretends to have
    window.ask_before_discard = False
    window.resize(*size)
    window.show()
    import_engine()  # and torch on one thread, as in the app: two spun on each other under load (a 0.5 s
    # pass of the soak reading a checkpoint's weights)
    window.load_engine(open_file, config)
    pump_until(lambda: window.run_info is not None or window.session.pending_id is None, 120, "the run to start")
    if window.run_info is None:
        raise RuntimeError(getattr(window, "last_error", ("", "the run did not start"))[1])
    return window


def train_steps(window, steps: int, timeout: float = 600) -> None:
    """Train the window's run ``steps`` more steps and wait until it has paused with every view fresh."""
    target = window.step + steps
    window.session.control.run_until(target)
    pump_until(lambda: window.step >= target and not window.running, timeout, f"step {target}")
    window.session.control.refresh()
    pump_for(1.0)


def main(args: Any) -> int:
    from engine.cli.commands import parse_assignments, split_settings
    from engine.training.config import RunConfig
    from engine.errors import EncoderLabError
    from engine.methods import get_method

    try:
        method_params, run_params = split_settings(get_method(args.method).Params, parse_assignments(args.set))
    except EncoderLabError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    from gui.window.main_window import MainWindow

    config = RunConfig(method=args.method, dataset=args.dataset, method_params=method_params,
                       run_params=run_params, cadence=MainWindow.cadence())
    try:
        window = open_window(config, size=(args.width, args.height))
        train_steps(window, args.steps)
    except (RuntimeError, TimeoutError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if window.latent_view.dim >= 2 and args.pad:
        window.latent_view.tabs.setCurrentWidget(window.latent_view.pad_tab)
    pump_for(0.5)
    ok = window.grab().save(args.out)
    window.close()
    if not ok:
        print(f"error: could not write {args.out}", file=sys.stderr)
        return 1
    print(args.out)
    return 0
