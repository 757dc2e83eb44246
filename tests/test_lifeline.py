"""The engine and analysis processes end with the app that started them (issue 11: orphans lived ~40 s)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _alive(pid: int) -> bool:
    """Running, not a zombie (an orphan's new parent may be slow to reap it)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _start_app(*args: str) -> tuple[subprocess.Popen, int]:
    app = subprocess.Popen([sys.executable, "-m", "tests.lifeline_child", *args], cwd=ROOT,
                           stdout=subprocess.PIPE, text=True)
    child = int(app.stdout.readline())
    return app, child


pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def test_a_busy_child_ends_within_seconds_of_its_app_being_killed():
    app, child = _start_app()
    try:
        assert _wait_until(lambda: _alive(child), 5)
        time.sleep(0.3)  # let it arm the lifeline and get busy
        assert _alive(child)
        os.kill(app.pid, signal.SIGKILL)
        app.wait(5)
        assert _wait_until(lambda: not _alive(child), 3), "the child outlived its app"
    finally:
        app.kill()
        if _alive(child):
            os.kill(child, signal.SIGKILL)


def test_a_child_started_from_a_thread_that_ended_lives_on_with_its_app():
    # Linux's parent-death signal fires when the starting *thread* ends; the app is still there.
    app, child = _start_app("thread")
    try:
        time.sleep(1.5)  # three polls: long enough for a wrong exit to have happened
        assert _alive(child), "the child died with the thread that started it, not with its app"
        os.kill(app.pid, signal.SIGKILL)
        app.wait(5)
        assert _wait_until(lambda: not _alive(child), 3)
    finally:
        app.kill()
        if _alive(child):
            os.kill(child, signal.SIGKILL)


class _ClosedPipe:
    def poll(self, timeout=None):
        raise EOFError

    def recv(self):
        raise EOFError


@pytest.mark.parametrize("module", ["engine.processes.analysis_process", "engine.processes.engine_process"])
def test_both_serve_loops_arm_the_lifeline_first(module, monkeypatch):
    import importlib

    import engine.processes.lifeline

    calls = []
    monkeypatch.setattr(engine.processes.lifeline, "watch_parent", lambda *a, **k: calls.append(a))
    serve = importlib.import_module(module).serve
    kwargs = {"warm_up_delay": 3600} if module == "engine.processes.analysis_process" else {}
    serve(_ClosedPipe(), **kwargs)  # the pipe is closed: it returns at once
    assert calls == [()]
