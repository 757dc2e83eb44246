"""A lesson's verdict in the window, measured as `python main.py lesson run NAME` measures it.

At the budget (both runs paused there by the engine itself) each run writes a copy of itself
(RunControl.save_copy, answered by a "copy_saved" RunEvent that the window does not take for the user's
save); then a process of its own, ``python -m engine.lessons.verdict``, rebuilds the models from the
copies, measures the lesson's metric on them and the baselines its check names with `lesson run`'s own
function (engine/lessons/verdict.py: measure_check), and prints the result. The words of the verdict
("Held: B's effective rank 3.62 < 0.3 × A's 20.2") are an engine.words.Words, shown translated.

The window never waits on any of it: the copies come back as snapshots and the measuring process
through QProcess's signals. Restarting or leaving the lesson cancels it (the process is killed and the
copies are removed).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QProcessEnvironment, QTimer, Signal

from engine.training.snapshots import RunEvent
from engine.words import Words
from gui.i18n_engine import engine_text
from gui.widgets.retire import retire

ROOT = Path(__file__).resolve().parents[2]  # the folder that holds engine/: the measuring process's
COPY_WAIT_S = 120.0  # the runs' copies come within a second or two; past this, something went wrong


def _tr(text: str) -> str:
    return QCoreApplication.translate("LessonVerdict", text)


class LessonVerdict(QObject):
    """Measures ``lesson``'s check on the runs of ``controls`` ({"A": control, "B": control}), each
    paused at the budget. ``finished`` is emitted once, on the GUI thread, when ``text`` (the verdict in
    the user's language) and ``held`` (True, False, or None when it could not be measured) are set."""

    finished = Signal()

    def __init__(self, session, lesson, controls: dict, parent: QObject | None = None):
        super().__init__(parent)
        self.session, self.lesson, self.controls = session, lesson, dict(controls)
        self.state = "idle"  # idle -> copying -> measuring -> done
        self.text = ""
        self.words: Words | None = None
        self.held: bool | None = None
        self.result: dict | None = None  # what the measuring process printed
        self._folder: str | None = None
        self._due: dict[int, tuple[str, str]] = {}  # run id -> (run name, copy's path), until it is written
        self._process: QProcess | None = None
        self._listening = False  # connected to the session's snapshots
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.timeout.connect(lambda: self._fail(_tr("the runs' copies did not come")))

    # -- the copies ---------------------------------------------------------------------------------
    def start(self) -> None:
        self.state = "copying"
        self._folder = tempfile.mkdtemp(prefix="lesson-check-")
        self.session.snapshot.connect(self._on_snapshot)
        self._listening = True
        for name, control in self.controls.items():
            path = os.path.join(self._folder, f"{name}.safetensors")
            self._due[control.run_id] = (name, path)
            control.save_copy(path)
        self._timeout.start(int(COPY_WAIT_S * 1000))

    def _on_snapshot(self, snap) -> None:
        if not (isinstance(snap, RunEvent) and snap.run_id in self._due and self.state == "copying"):
            return
        if snap.kind == "copy_failed":
            self._fail(engine_text(snap.message))
        elif snap.kind == "copy_saved" and snap.path == self._due[snap.run_id][1]:
            self._due.pop(snap.run_id)
            if not self._due:
                self._measure()

    # -- the measuring process --------------------------------------------------------------------
    def _measure(self) -> None:
        self._timeout.stop()
        self._disconnect()
        self.state = "measuring"
        files = [f"{name}={path}" for name, path in
                 ((n, os.path.join(self._folder, f"{n}.safetensors")) for n in self.controls)]
        process = self._process = QProcess(self)
        process.setWorkingDirectory(str(ROOT))
        env = QProcessEnvironment.systemEnvironment()
        env.insert("PYTHONPATH", os.pathsep.join(p for p in (str(ROOT), env.value("PYTHONPATH")) if p))
        process.setProcessEnvironment(env)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        args = ["-m", "engine.lessons.verdict", self.lesson.path]
        for item in files:
            args += ["--run", item]
        process.start(sys.executable, args)

    def _on_error(self, error) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._fail(self._process.errorString() if self._process is not None else "")

    def _on_finished(self, code: int, status) -> None:
        if self.state != "measuring" or self._process is None:
            return
        out = bytes(self._process.readAllStandardOutput()).decode("utf-8", "replace").strip().splitlines()
        err = bytes(self._process.readAllStandardError()).decode("utf-8", "replace").strip().splitlines()
        try:
            result = json.loads(out[-1]) if out else {}
        except ValueError:
            result = {}
        if "held" not in result:
            why = result.get("error") or (err[-1] if err else _tr("the measuring process ended with code {0}")
                                          .format(code))
            self._fail(why)
            return
        from engine.lessons.verdict import verdict_words

        self.result = result
        self.held = bool(result["held"])
        self._done(verdict_words(self.lesson, result["values"], self.held))

    # -- the end ----------------------------------------------------------------------------------
    def _fail(self, why: str) -> None:
        if self.state == "done":
            return
        from engine.lessons.verdict import unmeasured_words

        self.held = None
        self._done(unmeasured_words(str(why)))

    def _done(self, words: Words) -> None:
        self._timeout.stop()
        self._disconnect()
        self.words, self.text, self.state = words, engine_text(words), "done"
        self._clean_up()
        self.finished.emit()

    def cancel(self) -> None:
        """Stop measuring (the lesson restarted or ended); nothing is emitted after this."""
        self._timeout.stop()
        self._disconnect()
        self.state = "cancelled"
        process, self._process = self._process, None
        if process is not None:
            process.finished.disconnect(self._on_finished)
            process.errorOccurred.disconnect(self._on_error)
            if process.state() != QProcess.ProcessState.NotRunning:
                process.kill()  # its finished signal deletes it later: the window does not wait for it
                process.finished.connect(process.deleteLater)
        if self._folder is not None and self._due:  # a copy may still be written there: sweep it later
            folder = self._folder
            QTimer.singleShot(int(COPY_WAIT_S * 1000), lambda: shutil.rmtree(folder, ignore_errors=True))
        self._clean_up()

    def _disconnect(self) -> None:
        if self._listening:
            self._listening = False
            self.session.snapshot.disconnect(self._on_snapshot)

    def _clean_up(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)  # a copy still being written is replaced into it
            self._folder = None


class VerdictLine(QObject):
    """The lesson player's verdict line: "Measuring…" from the budget, then the verdict, in the lesson bar
    and the caption bar; ``clear()`` (a restart, leaving) cancels the measuring and hides the line."""

    def __init__(self, player):
        super().__init__(player)
        self.player = player
        self.verdict: LessonVerdict | None = None  # the check measured at the budget, once asked
        self.text = ""  # the line shown now

    def measure(self, lesson, controls: dict, budget: int) -> None:
        """Measure ``lesson``'s check on the runs of ``controls`` ({"A": control, ...}), at ``budget``."""
        self.clear()
        verdict = self.verdict = LessonVerdict(self.player.window.session, lesson, controls, self)
        verdict.finished.connect(lambda: self.show(verdict.text, verdict.held))
        self.show(_tr("Measuring the check at step {0}…").format(budget), None)
        verdict.start()

    @property
    def done(self) -> bool:
        return self.verdict is not None and self.verdict.state == "done"

    def clear(self) -> None:
        if self.verdict is not None:
            self.verdict.cancel()
            retire(self.verdict)  # not deleteLater(): gui/widgets/retire.py
            self.verdict = None
        self.show("", None)

    def show(self, text: str, held: bool | None) -> None:
        self.text = text
        if self.player.bar is not None:
            self.player.bar.set_verdict(text, held)
        self.player.window.presentation.caption_bar.set_verdict(text, held)
