"""View ▸ Record: record the window, or one view, to a GIF or MP4 while training, the lesson's caption
(and, at its budget, its verdict) burned in a band below the picture. One recording at a time; the menu
entry turns into "Stop recording" while it runs, and the status bar shows its time and frames ("● REC",
left out of the frames themselves). Closing the window finishes the file first."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget)

from gui.recording.recorder import Recorder
from gui.recording.writers import FORMATS, RecordingError

WHOLE_WINDOW = "window"
RECORD_SHORTCUT = QKeySequence("Ctrl+Shift+R")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Recording", text)


def target_widget(window, target: str) -> QWidget | None:
    """The widget a target names: the whole window, or the view inside a dock (by its English title)."""
    if target == WHOLE_WINDOW:
        return window
    dock = window.docks.get(target)
    return None if dock is None else dock.widget()


def default_path(window, suffix: str = ".mp4") -> str:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.MoviesLocation) or str(Path.home())
    player = getattr(window, "lesson_player", None)
    info = getattr(window, "run_info", None)
    name = (player.lesson.name if player is not None and player.lesson is not None
            else info.method if info is not None else "encoder-lab")
    return str(Path(folder) / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}{suffix}")


def burned_text(window) -> str:
    """What the band under the frames says: the lesson's caption and, at its budget, its verdict."""
    player = getattr(window, "lesson_player", None)
    if player is not None and player.lesson is not None:
        return player.shown_text()
    return window.presentation.caption()


def start_recording(window, path: str, fps: float = 10.0, target: str = WHOLE_WINDOW,
                    caption: bool = True) -> Recorder | None:
    """Start recording ``target`` of ``window`` to ``path``; None (after a message) if it cannot. With
    ``caption``, while a lesson plays, the frames get a band below them with its caption."""
    if getattr(window, "recorder", None) is not None and window.recorder.state == "recording":
        window.show_error(_tr("Already recording"), _tr("Stop the current recording first."))
        return None
    if target != WHOLE_WINDOW and target not in window.docks:
        window.show_error(_tr("Cannot record"), _tr("There is no view called {0}.").format(target))
        return None
    player = getattr(window, "lesson_player", None)
    band = caption and player is not None and player.lesson is not None  # a free run's clip gets no empty band
    try:
        recorder = Recorder(lambda: target_widget(window, target), path, fps,
                            (lambda: burned_text(window)) if band else None, parent=window,
                            leave_out=lambda: [w for w in (window.status_labels.get("recording"),) if w is not None])
    except RecordingError as e:
        window.show_error(_tr("Cannot record"), str(e))
        return None
    window.recorder = recorder
    recorder.finished.connect(lambda p, error: _finished(window, p, error))
    recorder.start()
    _status(window).start(500)
    _update_status(window)
    window.record_action.setText(_tr("Stop &recording"))
    return recorder


def stop_recording(window, wait: bool = False) -> None:
    """Stop the recording, if one runs; ``wait`` blocks until the file is written (closing, headless)."""
    recorder = getattr(window, "recorder", None)
    if recorder is None or recorder.state != "recording":
        return
    recorder.stop()
    _update_status(window)
    if wait:
        recorder.wait()


def toggle_recording(window) -> None:
    recorder = getattr(window, "recorder", None)
    if recorder is not None and recorder.state == "recording":
        stop_recording(window)
        return
    dialog = RecordDialog(window)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        start_recording(window, dialog.path(), dialog.fps.value(), dialog.target.currentData(),
                        dialog.caption.isChecked())


def build_record_menu(window, menu) -> None:
    """View ▸ Record… (Ctrl+Shift+R), which becomes Stop recording while one runs."""
    window.record_action = menu.addAction(_tr("&Record…"), lambda: toggle_recording(window), RECORD_SHORTCUT)
    window.record_action.setToolTip(_tr("Record the window or one view to a GIF or MP4 while training, "
                                        "with the lesson's caption (Ctrl+Shift+R)"))


# -- status ---------------------------------------------------------------------------------------
def _status(window) -> QTimer:
    timer = getattr(window, "_record_timer", None)
    if timer is None:
        timer = window._record_timer = QTimer(window)
        timer.timeout.connect(lambda: _update_status(window))
        label = window.status_labels["recording"] = QLabel("")
        label.setStyleSheet("color: #c00000; font-weight: bold;")
        window.statusBar().addPermanentWidget(label)
    return timer


def _update_status(window) -> None:
    recorder, label = window.recorder, window.status_labels["recording"]
    if recorder.state == "recording":
        seconds = int(recorder.seconds)
        label.setText(_tr("● REC {0}:{1:02d} · {2} frames").format(seconds // 60, seconds % 60, recorder.frames))
    elif recorder.state == "finishing":
        label.setText(_tr("writing {0}…").format(recorder.path.name))


def _finished(window, path: str, error: str) -> None:
    window._record_timer.stop()
    window.status_labels["recording"].setText("")
    window.record_action.setText(_tr("&Record…"))
    if error:
        window.show_error(_tr("The recording failed"), error)
        return
    dropped = window.recorder.dropped
    note = _tr(" ({0} frames dropped: the encoder could not keep up)").format(dropped) if dropped else ""
    window.statusBar().showMessage(_tr("Recording saved: {0}").format(path) + note, 15000)


# -- the dialog -----------------------------------------------------------------------------------
class RecordDialog(QDialog):
    """What to record (the window or a view), where, how many frames a second, and the caption."""

    def __init__(self, window):
        super().__init__(window)
        self.setWindowTitle(_tr("Record"))
        form = QFormLayout(self)
        self.target = QComboBox()
        self.target.addItem(_tr("The whole window"), WHOLE_WINDOW)
        for title, dock in window.docks.items():
            if dock.isVisible():
                self.target.addItem(dock.windowTitle(), title)
        self.target.setToolTip(_tr("What goes into the clip: the whole window, or one view alone at its size on "
                                   "screen. Only the views shown now are listed."))
        form.addRow(_tr("Record"), self.target)
        self.file = QLineEdit(default_path(window))
        self.file.setMinimumWidth(360)
        self.file.setToolTip(_tr("The file's ending chooses the format: .mp4 (small, for slides and players) "
                                 "or .gif (plays anywhere, larger)"))
        browse = QPushButton(_tr("Browse…"))
        browse.setToolTip(_tr("Choose the folder and the file's name"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        form.addRow(_tr("File"), row)
        self.fps = QSpinBox()
        self.fps.setRange(1, 60)
        self.fps.setValue(10)
        self.fps.setSuffix(_tr(" frames/s"))
        self.fps.setToolTip(_tr("10 is smooth enough for training curves; more frames cost the training time"))
        form.addRow(_tr("Frame rate"), self.fps)
        self.caption = QCheckBox(_tr("Burn in the lesson's caption"))
        self.caption.setChecked(True)
        self.caption.setToolTip(_tr("Add a dark band below every frame with the caption the lesson shows at "
                                    "each moment, and its verdict at the end, so the clip explains itself "
                                    "(no band when no lesson plays as the recording starts)"))
        form.addRow("", self.caption)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr("Start recording"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setToolTip(
            _tr("Record from now until View ▸ Stop recording (Ctrl+Shift+R)"))
        # Qt's own words for the standard buttons are not shipped in Chinese: ours are.
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def path(self) -> str:
        return str(Path(self.file.text().strip()).expanduser())

    def _browse(self) -> None:
        names = {".gif": _tr("animated GIF"), ".mp4": _tr("MP4 video (H.264)")}  # writers.FORMATS, translated
        filters = ";;".join(f"{names.get(suffix, what)} (*{suffix})" for suffix, what in FORMATS.items())
        path, _ = QFileDialog.getSaveFileName(self, _tr("Record to"), self.file.text(), filters)
        if path:
            self.file.setText(path)
