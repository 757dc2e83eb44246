"""Crash logs: faulthandler in every process of the app, and, at the next start, what crashed.

A segfault in native code (Qt, a BLAS, a driver) ends a process with no Python traceback and no dialog.
faulthandler writes the Python stack of every thread at that moment, so each process (the window, the
training engine, the analysis) turns it on at its start with ``enable(name)``, into a file of its own:
``<cache>/crash/<launch time>-<name>-<pid>.log``. The file stays empty unless the process crashes
(faulthandler writes on SIGSEGV, SIGFPE, SIGABRT, SIGBUS and SIGILL; a plain SIGTERM writes nothing).

The window also leaves a marker, ``<launch time>-gui-<pid>.running``, that only its clean exit removes
(``end_gui_session``). At the next start ``find_crashes`` reads the folder: a marker of a process that is
gone (killed, or crashed with no stack), or a non-empty log of a process that is gone, is a crash to
report. ``acknowledge`` then marks them reported (the log is renamed ``….crash.log`` and kept to read; the
marker goes) so each crash is said once, and ``prune`` keeps the folder bounded.

No Qt and no torch here: the analysis process imports this and must not pay for torch (480 MB).
"""

from __future__ import annotations

import faulthandler
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

MAX_LOGS = 20  # crash logs kept (reported ones included); the oldest go first
REPORTED = ".crash.log"
_NAME = re.compile(r"^(?P<stamp>\d{8}-\d{6})-(?P<process>[a-z]+)-(?P<pid>\d+)(?P<ext>\.crash\.log|\.log|\.running)$")

_open_log = None  # this process's log file, kept open: faulthandler writes to its descriptor at the crash


def cache_folder() -> Path:
    """The app's cache folder, as engine.data.downloads.cache_dir says it (rebuilt here: importing
    engine.data imports torch): $ENCODER_LAB_CACHE, else $XDG_CACHE_HOME/encoder-lab, else ~/.cache/encoder-lab."""
    if os.environ.get("ENCODER_LAB_CACHE"):
        return Path(os.environ["ENCODER_LAB_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "encoder-lab"


def crash_folder() -> Path:
    return cache_folder() / "crash"


def _stamp(when: float | None = None) -> str:
    return time.strftime("%Y%m%d-%H%M%S", time.localtime(when))


def enable(process: str, folder: Path | None = None) -> Path | None:
    """Turn faulthandler on for this process (``process``: "gui", "engine", "analysis"), writing to a log
    of its own; returns the log's path, or None when the folder cannot be written (faulthandler then
    writes to stderr, as before: a read-only home must not stop the app)."""
    global _open_log
    folder = folder or crash_folder()
    path = folder / f"{_stamp()}-{process}-{os.getpid()}.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        log = open(path, "w", encoding="utf-8")  # noqa: SIM115 -- open for the process's life
    except OSError:
        faulthandler.enable(all_threads=True)
        return None
    if _open_log is not None:
        _open_log.close()
    _open_log = log
    faulthandler.enable(file=log, all_threads=True)
    prune(folder)  # every process started (the tests start hundreds) keeps the folder bounded
    return path


def log_path() -> Path | None:
    """This process's crash log, when ``enable`` made one."""
    return Path(_open_log.name) if _open_log is not None else None


# -- the window's marker ---------------------------------------------------------------------------
def start_gui_session(folder: Path | None = None) -> Path | None:
    """Write the window's "running" marker (removed by ``end_gui_session`` at a clean exit)."""
    folder = folder or crash_folder()
    marker = folder / f"{_stamp()}-gui-{os.getpid()}.running"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        log = log_path()
        marker.write_text(json.dumps({"pid": os.getpid(), "log": log.name if log else None}), encoding="utf-8")
    except OSError:
        return None
    return marker


def heartbeat(marker: Path | None) -> None:
    """Touch the marker (the window does so every minute): a crash that leaves no stack is then dated
    by the marker's time to within that minute."""
    if marker is not None:
        try:
            os.utime(marker)
        except OSError:
            pass


def end_gui_session(marker: Path | None) -> None:
    """A clean exit: the marker goes, and so does this process's log if nothing was written to it."""
    if marker is not None:
        marker.unlink(missing_ok=True)
    global _open_log
    log = log_path()
    if log is not None:
        try:
            if log.stat().st_size == 0:
                faulthandler.disable()  # its descriptor is about to go
                _open_log.close()
                _open_log = None
                log.unlink()
        except OSError:
            pass


# -- after a crash ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Crash:
    process: str  # "gui", "engine" or "analysis"
    pid: int
    started: float  # the launch time in the file's name (seconds since the epoch)
    ended: float  # when the stack was written (the log's time), else the marker's
    log: Path | None  # the stack faulthandler wrote; None when the process left none (killed, or no log)
    marker: Path | None  # the window's marker, when the window is what ended


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs (another window of the app, or this one's children)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":  # there os.kill(pid, 0) would send a Ctrl+C
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: not one of ours that crashed, as far as we can tell
    return True


def _windows_pid_alive(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    code = ctypes.c_ulong()
    ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
    kernel32.CloseHandle(handle)
    return not ok or code.value == 259  # STILL_ACTIVE


def _parse(path: Path) -> dict | None:
    m = _NAME.match(path.name)
    if m is None:
        return None
    try:
        started = time.mktime(time.strptime(m["stamp"], "%Y%m%d-%H%M%S"))
    except ValueError:
        return None
    return {"process": m["process"], "pid": int(m["pid"]), "started": started, "ext": m["ext"]}


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def find_crashes(folder: Path | None = None, alive=pid_alive) -> list[Crash]:
    """The crashes not yet reported, oldest first: decided from the folder's contents alone (and whether
    each process still runs), so it is testable without a crash."""
    folder = folder or crash_folder()
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    parsed = [(p, info) for p in entries if (info := _parse(p)) is not None]
    crashes: list[Crash] = []
    markers = {(i["process"], i["pid"]): p for p, i in parsed if i["ext"] == ".running"}
    for path, info in parsed:
        if info["ext"] != ".log" or alive(info["pid"]) or _size(path) == 0:
            continue
        marker = markers.pop((info["process"], info["pid"]), None)
        crashes.append(Crash(info["process"], info["pid"], info["started"], _mtime(path), path, marker))
    for (process, pid), marker in markers.items():  # a window that ended without a stack: killed, or no log
        if not alive(pid):
            info = _parse(marker)
            crashes.append(Crash(process, pid, info["started"], _mtime(marker), None, marker))
    return sorted(crashes, key=lambda c: c.ended)


def acknowledge(crashes: list[Crash]) -> list[Crash]:
    """Mark ``crashes`` reported: each log is renamed ``….crash.log`` (kept to read), each marker goes.
    Returns them with their logs' new paths, the ones to name to the user."""
    out = []
    for crash in crashes:
        log = crash.log
        if log is not None and log.name.endswith(".log") and not log.name.endswith(REPORTED):
            renamed = log.with_name(log.name[:-len(".log")] + REPORTED)
            try:
                log.rename(renamed)
                log = renamed
            except OSError:
                pass
        if crash.marker is not None:
            crash.marker.unlink(missing_ok=True)
        out.append(Crash(crash.process, crash.pid, crash.started, crash.ended, log, None))
    return out


def prune(folder: Path | None = None, keep: int = MAX_LOGS, alive=pid_alive) -> None:
    """Keep the folder bounded: empty logs of ended processes go (they say nothing), then the oldest logs
    beyond ``keep``. Logs of running processes are never touched (one may still crash into it); a crash
    not yet reported is kept unless ``keep`` newer ones are there."""
    folder = folder or crash_folder()
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    logs = []
    for path in entries:
        info = _parse(path)
        if info is None or info["ext"] == ".running" or alive(info["pid"]):
            continue
        if _size(path) == 0:
            path.unlink(missing_ok=True)
        else:
            logs.append(path)
    logs.sort(key=_mtime, reverse=True)
    for path in logs[keep:]:
        path.unlink(missing_ok=True)
