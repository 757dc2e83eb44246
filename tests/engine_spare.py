"""A spare engine process for the GUI tests, started while the test before runs.

Every window a test opens spawns an engine process, which imports torch before the window's first run can
start (2-3 s on an idle 2-core machine, far more in a busy CI): most of a GUI test's set-up. The next
test's engine starts as soon as one is taken, and imports torch while the current test runs (mostly
waiting on its window). A spare started under other environment variables (a test's own cache folder,
thread count) is not used: it would read them as they were when it started.
"""

from __future__ import annotations

import os
from typing import Any

_spare: tuple[Any, Any, dict[str, str]] | None = None
# Changed by every test and read by no engine: the window's settings file, pytest's test name.
NOT_THE_ENGINES = ("ENCODER_LAB_SETTINGS", "PYTEST_CURRENT_TEST")


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in NOT_THE_ENGINES}


def _spawn() -> tuple[Any, Any, dict[str, str]]:
    from engine.processes.engine_process import serve
    from gui.child_processes import spawn

    process, conn = spawn(serve, "encoder-lab-engine")
    return process, conn, _environment()


def take_worker() -> tuple[Any, Any]:
    """An engine process and its connection, as gui.child_processes.start_worker returns them; the spare
    if it suits, and a new spare started for the next window."""
    global _spare
    spare, _spare = _spare, None
    if spare is not None and (not spare[0].is_alive() or spare[2] != _environment()):
        end(spare)
        spare = None
    worker = spare or _spawn()
    _spare = _spawn()
    return worker[0], worker[1]


def spare_process():
    """The spare waiting for the next window, if any (not a child a test must see ended)."""
    return _spare[0] if _spare is not None else None


def end(spare=None) -> None:
    """End the spare (at the end of the session)."""
    global _spare
    if spare is None:
        spare, _spare = _spare, None
    if spare is None:
        return
    process, conn, _ = spare
    conn.close()  # the engine ends when the GUI's end of the pipe closes
    process.join(5)
    if process.is_alive():
        process.kill()
        process.join(5)
