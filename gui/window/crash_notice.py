"""After a crash, the next start says so: which process crashed and when, the log that holds its stack,
and an offer to reopen what was autosaved (File ▸ Recover…).

``CrashWatch`` is made by gui/app.py at start-up, before the engine process is spawned: it reads the last
launch's crashes from the crash folder (engine/crash_log.py), marks them reported, turns faulthandler on
for this process and leaves this launch's marker, which ``end()`` removes at a clean exit.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from engine import crash_log

HEARTBEAT_MS = 60_000


def _tr(text: str) -> str:
    """The crash notice's words in the user's language (gui/translations/, context "CrashNotice")."""
    return QCoreApplication.translate("CrashNotice", text)


def process_name(process: str) -> str:
    names = {"gui": _tr("The window"), "engine": _tr("The training engine"),
             "analysis": _tr("The analysis process (maps and probes)")}
    return names.get(process, process)


def _when(t: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(t))


def crash_notice_text(crashes: list[crash_log.Crash], autosaved: int) -> str:
    """What the notice says: one line per crash (what, when, which log), then what can be reopened."""
    lines = [_tr("Encoder Lab did not close normally last time:")]
    for crash in crashes:
        if crash.log is not None:
            lines.append(_tr("• {0} crashed at {1}; its stack is in {2}").format(
                process_name(crash.process), _when(crash.ended), crash.log))
        else:
            lines.append(_tr("• The window ended at about {0} without closing (it was killed, or it crashed "
                             "without leaving a stack)").format(_when(crash.ended)))
    lines.append("")
    if autosaved:
        lines.append(_tr("{0} autosaved runs can be reopened: Recover… lists them (later: File ▸ Recover…).").format(
            autosaved))
    else:
        lines.append(_tr("No run was autosaved, so there is nothing to reopen."))
    if any(c.log is not None for c in crashes):
        lines.append(_tr("If you report the problem, please attach the log."))
    return "\n".join(lines)


def show_crash_notice(window, crashes: list[crash_log.Crash], autosave_folder: Path | None = None) -> QMessageBox:
    """The notice, window-modal but not blocking (open(), not exec()): the views go on drawing."""
    from gui.window.autosave import list_autosaves
    from gui.window.recover import show_recover

    autosaved = len(list_autosaves(autosave_folder))
    headline, details = crash_notice_text(crashes, autosaved).split("\n", 1)
    box = QMessageBox(QMessageBox.Icon.Warning, _tr("Encoder Lab closed unexpectedly"), headline,
                      QMessageBox.StandardButton.NoButton, window)
    box.setInformativeText(details)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the log's path, to copy
    # A log's path on one line where the screen allows (the text labels only: not the icon's).
    box.setStyleSheet("#qt_msgbox_label, #qt_msgbox_informativelabel { min-width: 40em; }")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if autosaved:
        recover = box.addButton(_tr("Recover…"), QMessageBox.ButtonRole.AcceptRole)
        recover.clicked.connect(lambda: show_recover(window, autosave_folder))
    box.addButton(_tr("Close"), QMessageBox.ButtonRole.RejectRole)
    box.open()
    window.crash_notice = box
    return box


class CrashWatch:
    """This launch's crash log and marker, and the last launch's crashes (said once the window is up)."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder or crash_log.crash_folder()
        # First, before this launch leaves files of its own: what the last one left.
        self.crashes = crash_log.acknowledge(crash_log.find_crashes(self.folder))
        crash_log.prune(self.folder)
        self.log = crash_log.enable("gui", self.folder)
        self.marker = crash_log.start_gui_session(self.folder)
        self.timer: QTimer | None = None

    def watch(self, window) -> None:
        """Once the window is up: say what crashed last time, and date this launch's marker every minute."""
        self.timer = QTimer(window)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(lambda: crash_log.heartbeat(self.marker))
        self.timer.start()
        if self.crashes:
            QTimer.singleShot(0, lambda: show_crash_notice(window, self.crashes))

    def end(self) -> None:
        """A clean exit: no marker is left, so the next start says nothing."""
        crash_log.end_gui_session(self.marker)
