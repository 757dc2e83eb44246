"""Autosave: each open run (A and, in a comparison, B) is saved to the cache folder every few minutes when
it trained since its last autosave, and just before anything discards it (a switch of method or data
set, Reset, opening a checkpoint or a lesson, Close B, the Discard answer of the save question), so a
crash or a hasty click loses at most a few minutes. File ▸ Recover… (gui/window/recover.py) lists them.

The save is the app's own checkpoint save: a "save" verb to the run in the engine process, answered by a
RunEvent; the engine writes atomically (a temporary file renamed over the old one), so an autosave
interrupted by a crash leaves the previous one whole. The GUI thread only sends the verb: it never
waits. Each run has one file, rewritten by its later autosaves, and the folder keeps the newest
MAX_FILES runs (the oldest are deleted).

Off until ``start()`` (gui/app.py starts it): the tests and the offscreen tools make windows that need none.
"""

from __future__ import annotations

import json
import os
import re
import struct
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from engine.crash_log import cache_folder

MAX_FILES = 10  # autosaved runs kept
INTERVAL_S = 180.0  # between two timed autosaves of a run that trains
STALE_TEMP_S = 600.0  # a temporary file this old was left by a save a crash interrupted
HEADER_LIMIT = 1 << 20  # an autosave's JSON header is a few kilobytes; a larger one is not ours
_NAME = re.compile(r"-run\d+-(?P<slot>[AB])-")


def _tr(text: str) -> str:
    """The autosave's words in the user's language (gui/translations/, context "Autosave")."""
    return QCoreApplication.translate("Autosave", text)


def autosave_folder() -> Path:
    return cache_folder() / "autosave"


def is_autosave(path: str | os.PathLike, folder: Path | None = None) -> bool:
    """Whether ``path`` is a file of the autosave folder (opened from Recover: not the user's own file)."""
    try:
        return Path(path).resolve().parent == (folder or autosave_folder()).resolve()
    except OSError:
        return False


@dataclass(frozen=True)
class AutosavedRun:
    path: Path
    slot: str  # "A" or "B": which run of the window it was
    method: str
    dataset: str
    step: int
    saved: float  # when (the file's time, seconds since the epoch)


def read_summary(path: Path) -> AutosavedRun | None:
    """Method, data set and step from a checkpoint's JSON header alone (no weights read, no torch);
    None for a file that is not a readable Encoder Lab checkpoint."""
    try:
        with open(path, "rb") as f:
            (n,) = struct.unpack("<Q", f.read(8))
            if n > HEADER_LIMIT:
                return None
            header = json.loads(f.read(n))
        meta = json.loads(header["__metadata__"]["encoder_lab"])
        saved = path.stat().st_mtime
        match = _NAME.search(path.name)
        return AutosavedRun(path, match["slot"] if match else "A", str(meta["method"]), str(meta["dataset"]),
                            int(meta["step"]), saved)
    except (OSError, struct.error, ValueError, KeyError, TypeError):
        return None


def _autosave_files(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.suffix == ".safetensors" and not p.name.startswith(".")]
    except OSError:
        return []


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def list_autosaves(folder: Path | None = None) -> list[AutosavedRun]:
    """The autosaved runs, newest first (unreadable files left out)."""
    runs = [r for p in _autosave_files(folder or autosave_folder()) if (r := read_summary(p)) is not None]
    return sorted(runs, key=lambda r: r.saved, reverse=True)


def prune_autosaves(folder: Path | None = None, keep: int = MAX_FILES, now: float | None = None) -> list[Path]:
    """Delete all but the newest ``keep`` autosaves, and temporary files that a crash left mid-save;
    returns what was deleted."""
    folder = folder or autosave_folder()
    now = time.time() if now is None else now
    files = sorted(_autosave_files(folder), key=_mtime, reverse=True)
    gone = files[keep:]
    try:
        gone += [p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")
                 and now - _mtime(p) > STALE_TEMP_S]
    except OSError:
        pass
    for path in gone:
        try:
            path.unlink()
        except OSError:
            pass
    return gone


class Autosaver(QObject):
    """The window's autosave. Needs from the window: control_of(slot), shown_runs, shown_infos, step,
    step_b, saved_step, saved_step_b, current_file and statusBar()."""

    def __init__(self, window, folder: Path | None = None, interval_s: float = INTERVAL_S):
        super().__init__(window)
        self.window = window
        self.folder = folder
        self.enabled = False
        self.pending: dict[str, int] = {}  # path asked for -> run id, until the engine answers
        self.saved_steps: dict[int, int] = {}  # run id -> step of its newest autosave
        self.launch = f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"  # this launch's files never collide
        self.timer = QTimer(self)
        self.timer.setInterval(int(interval_s * 1000))
        self.timer.timeout.connect(self.save_all)

    def start(self) -> None:
        self.enabled = True
        self.timer.start()

    def stop(self) -> None:
        self.enabled = False
        self.timer.stop()

    def save_all(self) -> list[str]:
        """Autosave run A and run B where each trained since its last autosave (the timer's tick, and
        what comes before a discard); returns the paths asked for."""
        return [p for slot in ("A", "B") if (p := self.save(slot)) is not None]

    def save(self, slot: str) -> str | None:
        """Ask the run ``slot`` shows to save itself to its autosave file, if it trained in this launch
        and since its last autosave and is not saved at this step by the user; returns the path or None."""
        w = self.window
        control, info = w.control_of(slot), w.shown_infos.get(slot)
        if not self.enabled or control is None or info is None or info.run_id != control.run_id:
            return None
        step = w.step if slot == "A" else getattr(w, "step_b", 0)
        user_saved = (w.saved_step if w.current_file else None) if slot == "A" else getattr(w, "saved_step_b", None)
        if step <= info.step or step == self.saved_steps.get(info.run_id) or step == user_saved:
            return None
        folder = self.folder or autosave_folder()
        dataset = re.sub(r"[^A-Za-z0-9_.-]+", "_", info.dataset)[-40:]
        path = str(folder / f"{self.launch}-run{info.run_id}-{slot}-{info.method}-{dataset}.safetensors")
        self.saved_steps[info.run_id] = step
        self.pending[path] = info.run_id
        control.save(path)
        prune_autosaves(folder, MAX_FILES)  # a few names in one folder: no wait worth a thread
        return path

    def take_event(self, snap) -> bool:
        """True when ``snap`` answers an autosave (it is then handled here: it is not the user's save and
        must not change the window's file, title or recent files)."""
        from engine.training.snapshots import RunEvent

        if not isinstance(snap, RunEvent) or snap.kind not in ("saved", "save_failed") or snap.path not in self.pending:
            return False
        run_id = self.pending.pop(snap.path)
        if snap.kind == "saved":
            prune_autosaves(self.folder or autosave_folder(), MAX_FILES)
        else:
            self.saved_steps.pop(run_id, None)  # the next tick tries again
            from gui.i18n_engine import engine_text

            self.window.statusBar().showMessage(_tr("Autosave failed: {0}").format(engine_text(snap.message)), 8000)
        return True
