"""File ▸ Recover…: the autosaved runs (gui/window/autosave.py), newest first, with their method, data set,
step, time and whether they were run A or B. Opening one goes the way File ▸ Open goes: the file is
checked whole before it replaces anything, and the current run is offered for saving first.

A recovered run is not the user's own file: the window does not make it its current file (Save asks
where to save, since the autosave folder prunes itself) nor adds it to the recent files.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout)

from gui.window.autosave import MAX_FILES, AutosavedRun, autosave_folder, list_autosaves


def _tr(text: str) -> str:
    """The Recover dialog's words in the user's language (gui/translations/, context "Recover")."""
    return QCoreApplication.translate("Recover", text)


def saved_at(when: float) -> str:
    """The autosave's time, with the date when it was not today."""
    local = time.localtime(when)
    same_day = time.strftime("%Y-%m-%d", local) == time.strftime("%Y-%m-%d")
    return time.strftime("%H:%M:%S" if same_day else "%Y-%m-%d %H:%M", local)


class RecoverDialog(QDialog):
    """The autosaved runs; double-click (or Open) opens one."""

    def __init__(self, window, folder=None):
        super().__init__(window)
        self.window = window
        self.folder = folder
        self.setWindowTitle(_tr("Recover an autosaved run"))
        self.resize(min(760, window.width()), min(420, window.height()))
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.intro)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_tr("Run"), _tr("Method"), _tr("Data set"), _tr("Step"), _tr("Saved")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.tree.itemActivated.connect(lambda item, _col: self.open_item(item))
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox()
        # Our own words rather than the standard buttons': Qt's translations of those are not shipped.
        self.open_button = buttons.addButton(_tr("Open"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setToolTip(_tr("Open the selected run, paused, as File ▸ Open would (or double-click it)"))
        buttons.addButton(_tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(lambda: self.open_item(self.tree.currentItem()))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.runs: list[AutosavedRun] = []
        self.fill()

    def fill(self) -> None:
        self.runs = list_autosaves(self.folder)
        folder = self.folder or autosave_folder()
        if self.runs:
            self.intro.setText(_tr("Runs saved by themselves while they trained or just before they were "
                                   "discarded, newest first. The {0} newest are kept, in {1}.").format(
                                       MAX_FILES, folder))
        else:
            self.intro.setText(_tr("Nothing was autosaved yet. A run is autosaved every few minutes while it "
                                   "trains and before it is discarded, in {0}.").format(folder))
        self.tree.clear()
        for run in self.runs:
            item = QTreeWidgetItem([run.slot, run.method, run.dataset, f"{run.step:,}", saved_at(run.saved)])
            item.setData(0, Qt.ItemDataRole.UserRole, str(run.path))
            item.setToolTip(1, str(run.path))
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tree.addTopLevelItem(item)
        if self.runs:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.open_button.setEnabled(bool(self.runs))

    def open_item(self, item: QTreeWidgetItem | None) -> bool:
        """Open the run of ``item`` as File ▸ Open does; the dialog closes when the window took it."""
        path = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return bool(path) and self.open_path(path)

    def open_path(self, path: str) -> bool:
        if not getattr(self.window, "engine_loaded", True):
            # As File ▸ Open, it waits for the engine (checking a checkpoint here imports torch: seconds).
            self.intro.setText(_tr("Waiting for the engine to load…"))
            QTimer.singleShot(250, self, lambda: self.open_path(path))  # cancelled if the dialog goes
            return False
        if self.window.open_checkpoint(path):
            self.accept()
            return True
        return False


def show_recover(window, folder=None) -> RecoverDialog:
    """The dialog, non-modal, so the window goes on drawing behind it."""
    dialog = RecoverDialog(window, folder)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    window.recover_dialog = dialog
    return dialog
