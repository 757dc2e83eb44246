"""Crash logs (engine/crash_log.py): what counts as a crash at the next start, decided from the crash folder
alone; a clean exit leaves nothing to report; the folder stays bounded; faulthandler is on in the engine's
and the analysis's processes and writes a segfault's stack into the log; the notice names the log."""

import multiprocessing
import os
import subprocess
import sys
import time

import pytest

from engine import crash_log

DEAD = None  # a process id that has ended, set once below


def dead_pid() -> int:
    """The id of a process that ran and ended (so not alive; reuse within a test is not a worry)."""
    global DEAD
    if DEAD is None:
        child = subprocess.Popen([sys.executable, "-c", "pass"])
        child.wait()
        DEAD = child.pid
    return DEAD


def _write(folder, name, text=""):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


def test_a_stack_of_an_ended_process_is_a_crash_and_said_once(tmp_path):
    pid = dead_pid()
    log = _write(tmp_path, f"20250101-120000-engine-{pid}.log", "Fatal Python error: Segmentation fault\n")
    _write(tmp_path, f"20250101-120000-analysis-{pid}.log")  # empty: that process ended cleanly
    _write(tmp_path, f"20250101-120000-engine-{os.getpid()}.log", "stack")  # running (this process): not yet
    crashes = crash_log.find_crashes(tmp_path)
    assert [(c.process, c.pid, c.log, c.marker) for c in crashes] == [("engine", pid, log, None)]

    reported = crash_log.acknowledge(crashes)
    assert reported[0].log.name == f"20250101-120000-engine-{pid}.crash.log" and reported[0].log.exists()
    assert crash_log.find_crashes(tmp_path) == []  # said once; the log is kept to read


def test_a_window_that_ended_without_closing_is_a_crash_even_without_a_stack(tmp_path):
    pid = dead_pid()
    marker = _write(tmp_path, f"20250101-120000-gui-{pid}.running", "{}")
    _write(tmp_path, f"20250101-120000-gui-{pid}.log")  # killed: faulthandler wrote nothing
    alive_marker = _write(tmp_path, f"20250101-120000-gui-{os.getpid()}.running", "{}")  # another window, open
    crashes = crash_log.find_crashes(tmp_path)
    assert [(c.process, c.log, c.marker) for c in crashes] == [("gui", None, marker)]
    crash_log.acknowledge(crashes)
    assert not marker.exists() and alive_marker.exists()
    assert crash_log.find_crashes(tmp_path) == []


def test_a_window_crash_pairs_its_stack_with_its_marker(tmp_path):
    pid = dead_pid()
    marker = _write(tmp_path, f"20250101-120000-gui-{pid}.running", "{}")
    log = _write(tmp_path, f"20250101-120001-gui-{pid}.log", "Fatal Python error: Aborted\n")
    crashes = crash_log.find_crashes(tmp_path)
    assert [(c.process, c.log, c.marker) for c in crashes] == [("gui", log, marker)]


def test_a_clean_exit_leaves_no_crash_to_report(tmp_path):
    """What gui/app.py does (CrashWatch): enable, marker at start; at a clean exit the marker goes and so
    does the empty log. Judged as the next start would, with this process taken for ended."""
    import faulthandler

    was_enabled = faulthandler.is_enabled()
    try:
        log = crash_log.enable("gui", tmp_path)
        assert log is not None and log.exists() and faulthandler.is_enabled()
        marker = crash_log.start_gui_session(tmp_path)
        assert marker.exists()
        # While it runs, a next start (another window) reports nothing either; if it ended now, it would.
        assert crash_log.find_crashes(tmp_path) == []
        assert [c.process for c in crash_log.find_crashes(tmp_path, alive=lambda pid: False)] == ["gui"]
        crash_log.end_gui_session(marker)
        assert list(tmp_path.iterdir()) == []
        assert crash_log.find_crashes(tmp_path, alive=lambda pid: False) == []
    finally:
        faulthandler.enable() if was_enabled else faulthandler.disable()  # pytest's own, on stderr


def test_the_crash_folder_stays_bounded(tmp_path):
    pid = dead_pid()
    for i in range(30):
        path = _write(tmp_path, f"20250101-1200{i:02d}-engine-{pid + i * 100000}.log", "stack")
        os.utime(path, (1_000_000 + i, 1_000_000 + i))
    for i in range(5):
        _write(tmp_path, f"20250101-1300{i:02d}-analysis-{pid + i * 100000}.log")  # empty, ended: say nothing
    running = _write(tmp_path, f"20250101-120000-engine-{os.getpid()}.log")  # empty, but running: kept
    os.utime(running, (1, 1))
    crash_log.prune(tmp_path, keep=20, alive=lambda p: p == os.getpid())
    left = sorted(p.name for p in tmp_path.iterdir())
    assert running.name in left and len(left) == 21
    assert not any("analysis" in name for name in left)
    assert f"20250101-120029-engine-{pid + 29 * 100000}.log" in left  # the newest kept
    assert f"20250101-120000-engine-{pid}.log" not in left  # the oldest gone


def _segfault_child(folder: str) -> None:
    from pathlib import Path

    crash_log.enable("engine", Path(folder))
    import ctypes

    ctypes.string_at(0)  # reads address 0: SIGSEGV


def test_a_segfault_in_a_spawned_child_writes_its_stack_to_its_log(tmp_path):
    process = multiprocessing.get_context("spawn").Process(target=_segfault_child, args=(str(tmp_path),))
    process.start()
    process.join(60)
    assert process.exitcode not in (0, None)
    crashes = crash_log.find_crashes(tmp_path)
    assert [c.process for c in crashes] == ["engine"] and crashes[0].pid == process.pid
    stack = crashes[0].log.read_text()
    assert "Segmentation fault" in stack and "_segfault_child" in stack


@pytest.mark.parametrize("module", ["engine_process", "analysis_process"])
def test_the_engine_and_analysis_processes_turn_faulthandler_on(cache_dir, module):
    """The real serve() of each child: its log appears in <cache>/crash/ under its own id."""
    import importlib

    serve = importlib.import_module(f"engine.processes.{module}").serve
    ctx = multiprocessing.get_context("spawn")
    conn, child = ctx.Pipe()
    process = ctx.Process(target=serve, args=(child,), daemon=True)
    process.start()
    name = module.split("_")[0]
    try:
        deadline = time.monotonic() + 120
        while not list((cache_dir / "crash").glob(f"*-{name}-{process.pid}.log")):
            assert process.is_alive() and time.monotonic() < deadline, "no crash log from the child"
            time.sleep(0.05)
    finally:
        process.terminate()
        process.join(10)
    assert crash_log.find_crashes(cache_dir / "crash") == []  # ended by a signal: nothing written, no crash


def test_the_notice_names_what_crashed_when_and_its_log(qtbot, tmp_path):
    from PySide6.QtWidgets import QMainWindow

    from gui.window.crash_notice import crash_notice_text, show_crash_notice

    log = tmp_path / "20250101-120000-engine-42.crash.log"
    crashes = [crash_log.Crash("engine", 42, 0.0, time.mktime((2025, 1, 1, 12, 5, 0, 0, 0, -1)), log, None),
               crash_log.Crash("gui", 41, 0.0, time.mktime((2025, 1, 1, 12, 6, 0, 0, 0, -1)), None, None)]
    text = crash_notice_text(crashes, autosaved=2)
    assert "The training engine crashed at 2025-01-01 12:05:00" in text and str(log) in text
    assert "The window ended at about 2025-01-01 12:06:00" in text and "2 autosaved runs" in text

    window = QMainWindow()
    qtbot.addWidget(window)
    folder = tmp_path / "autosave"  # empty: nothing to reopen, so no Recover button
    box = show_crash_notice(window, crashes, folder)
    assert "No run was autosaved" in box.informativeText() and [b.text() for b in box.buttons()] == ["Close"]
    box.done(0)


def test_the_windows_process_ends_with_its_code_and_its_output_without_pythons_teardown(tmp_path):
    """After the window closed, the process ends by os._exit (no Qt object deleted in teardown order, where
    PySide6 and pyqtgraph can crash and leave a crash log for the next start), output flushed first."""
    import subprocess
    import sys

    code = ("import sys; from gui.app import end_without_teardown; "
            "import atexit; atexit.register(lambda: print('teardown ran'));"
            "print('saved', end=''); sys.stderr.write('bye'); end_without_teardown(3)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 3
    assert done.stdout == "saved" and done.stderr == "bye"  # written, and no teardown after it
