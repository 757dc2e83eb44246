"""Checkpoints in the app: Save (Ctrl+S), Save As, Open (Ctrl+O), recent files, drag-and-drop, and the
offer to save when the window closes mid-run. A mixin of MainWindow, kept apart because it is the
window's file handling, not its views.

Opening checks the file on the GUI thread first (reading a few megabytes): a bad file is a dialog and
the current run goes on untouched. A good one starts a paused run from it, which fills every view
(inspection) and trains on when the user presses Play.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from engine.words import message_of
from gui.i18n_engine import engine_text
from gui.window.settings import add_recent, recent_files


def _tr(text: str) -> str:
    """The status bar's words in the user's language (gui/translations/, context "StatusBar")."""
    return QCoreApplication.translate("StatusBar", text)

FILTER = "Encoder Lab checkpoints (*.safetensors);;All files (*)"


def checkpoint_filter() -> str:
    return _tr(FILTER)


FOLLOW_MS = 200  # how often a question about a run reads its step again


def ask_following_step(parent, title: str, text_of: Callable[[], str], buttons, default):
    """QMessageBox.question whose text follows the run's step while it waits for the answer.

    The run trains on behind the question (and the snapshots queued behind a busy window arrive while it
    waits): a text made once said "step 286" beside a status bar at 315. ``text_of()`` is read when the
    question opens and again every FOLLOW_MS; the answer acts on the run as it is then (a save saves its
    newest step, at least the one shown)."""
    def follow() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.windowTitle() == title and box.text() != text_of():
            box.setText(text_of())

    timer = QTimer()  # no parent: ``parent`` need not be a QObject (a test's stand-in window)
    timer.timeout.connect(follow)
    timer.start(FOLLOW_MS)
    try:
        return QMessageBox.question(parent, title, text_of(), buttons, default)
    finally:
        timer.stop()
        timer.deleteLater()


class CheckpointActions:
    """Needs from the window: session, settings, run_info, step, saved_step, current_file, recent_menu,
    panel, confirm_discard(), start_run(config), and _on_snapshot routing RunEvents to ``_on_save_event``."""

    # -- open -------------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _tr("Open checkpoint"), self._last_folder(), checkpoint_filter())
        if path:
            self.open_checkpoint(path)

    def open_checkpoint(self, path: str) -> bool:
        """Inspect a checkpoint; True when it was accepted (the run itself starts asynchronously)."""
        from engine.training.checkpoint import read_checkpoint
        from engine.training.config import RunConfig
        from engine.errors import EncoderLabError

        try:
            ckpt = read_checkpoint(path)
        except EncoderLabError as e:
            self.show_error(_tr("Cannot open checkpoint"), engine_text(message_of(e)))
            return False
        doing = _tr("open {0}").format(Path(path).name)
        if not self.confirm_discard(doing) or (self.ask_before_discard and not self._offer_save_b(doing)):
            return False
        self.opening = path  # run B, "run A except …" of a run that goes, closes when it starts (_begin)
        self.start_run(RunConfig(resume=path, cadence=self.cadence()), paused=True)
        self.statusBar().showMessage(_tr("opening {0} (step {1})…").format(Path(path).name, ckpt.step), 4000)
        return True

    def _opened(self, path: str, step: int) -> None:
        """The pending run from ``path`` started: it is what the window shows now."""
        from gui.window.autosave import is_autosave

        if is_autosave(path):  # File ▸ Recover…: the autosave folder prunes itself, so Save asks where
            self.current_file, self.saved_step = None, 0
            self.setWindowTitle(_tr("Encoder Lab — recovered {0}").format(Path(path).name))
            return
        self.current_file, self.saved_step = path, step
        self._remember_recent(path)
        self.setWindowTitle(_tr("Encoder Lab — {0}").format(Path(path).name))

    # -- save -------------------------------------------------------------------------------------
    def save(self) -> None:
        if self.current_file:
            self.save_to(self.current_file)
        else:
            self.save_as()

    def save_as(self) -> str | None:
        if self.session.control is None:
            return None
        suggested = self.current_file or str(Path(self._last_folder()) / self._default_name())
        path = self.ask_save_path(_tr("Save checkpoint"), suggested)
        if path is not None:
            self.save_to(path)
        return path

    def ask_save_path(self, title: str, suggested: str) -> str | None:
        """A save dialog for a checkpoint; the chosen path ends in .safetensors, or None if cancelled."""
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, checkpoint_filter())
        if not path:
            return None
        return path if path.endswith(".safetensors") else path + ".safetensors"

    def save_to(self, path: str, control=None) -> None:
        """Ask ``control``'s run (default: run A) to save to ``path``; its answer lands in save_results."""
        control = control or self.session.control
        if control is not None:
            self.save_results.pop(path, None)
            control.save(path)

    def _on_save_event(self, event) -> None:
        self.save_results[event.path] = event.kind
        if event.kind == "saved":
            self.current_file, self.saved_step = event.path, event.step
            self._remember_recent(event.path)
            self.setWindowTitle(_tr("Encoder Lab — {0}").format(Path(event.path).name))
            self.statusBar().showMessage(engine_text(event.message), 5000)
        else:
            self.show_error(_tr("Save failed"), engine_text(event.message))

    def wait_for_save(self, path: str, timeout: float = 30.0) -> bool:
        """Block (at exit only) until the engine answers a save of ``path``; True when it was written."""
        deadline = time.monotonic() + timeout
        while path not in self.save_results and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.01)
        return self.save_results.get(path) == "saved"

    def _default_name(self) -> str:
        info = self.run_info
        if info is None:
            return "run.safetensors"
        return f"{info.method}-{info.dataset.replace('folder:', '').replace('/', '_')}-{self.step}.safetensors"

    # -- recent files and drag-and-drop -----------------------------------------------------------
    def _remember_recent(self, path: str) -> None:
        add_recent(self.settings, str(Path(path).resolve()))
        self.rebuild_recent_menu()

    def rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = recent_files(self.settings)
        for f in files:
            self.recent_menu.addAction(Path(f).name, lambda f=f: self.open_checkpoint(f)).setToolTip(f)
        self.recent_menu.setEnabled(bool(files))

    def _last_folder(self) -> str:
        files = recent_files(self.settings)
        return str(Path(files[0]).parent) if files else str(Path.cwd() / "runs")

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt override)
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.open_checkpoint(url.toLocalFile())
                event.acceptProposedAction()
                return

    # -- closing ----------------------------------------------------------------------------------
    def offer_save_before_close(self) -> bool:
        """Ask whether to save unsaved training, run A's and then run B's; False when the user cancels."""
        return self._offer_save_a() and self._offer_save_b()

    def _offer_save_b(self, doing: str | None = None) -> bool:
        """Offer to save run B's unsaved training before the window closes, or (``doing``: "open x.safetensors")
        before an action that closes B; False when the user cancels."""
        step_b = getattr(self, "step_b", 0)
        if self.session.control_b is None or step_b <= 0 or step_b == getattr(self, "saved_step_b", None):
            return True
        if doing is None:
            title, text = _tr("Save run B before closing?"), \
                _tr("Run B has trained to step {0} and is not saved. Save it before closing?")
        else:
            title = _tr("Save run B first?")
            text = _tr("Run B has trained to step {0} and is not saved; it closes when you {1}. Save it first?")
        answer = ask_following_step(
            self, title, lambda: text.format(getattr(self, "step_b", 0), doing),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer != QMessageBox.StandardButton.Save:
            if answer == QMessageBox.StandardButton.Discard:
                self.autosave.save("B")  # File ▸ Recover… has it, should the Discard have been a slip
            return answer == QMessageBox.StandardButton.Discard
        path = self.save_b()
        if doing is not None:  # B is asked to save before it is stopped, and serves that first: no waiting
            return path is not None
        return path is not None and self.wait_for_save(path)

    def _offer_save_a(self) -> bool:
        if not self.has_unsaved_training():
            return True
        answer = ask_following_step(
            self, _tr("Save before closing?"),
            lambda: _tr("The run has trained to step {0} and is not saved. Save it before closing?").format(self.step),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Discard:
            self.autosave.save("A")  # File ▸ Recover… has it, should the Discard have been a slip
            return True
        if self.current_file:
            path = self.current_file
            self.save_to(path)
        else:
            path = self.save_as()
            if path is None:
                return False
        # False keeps the window and the run when the save failed (its dialog already said why).
        return self.wait_for_save(path)

    def has_unsaved_training(self) -> bool:
        return self.session.control is not None and self.step > 0 and self.step != self.saved_step
