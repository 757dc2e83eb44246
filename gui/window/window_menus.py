"""The main window's menus (File: checkpoints and Quit; View: a toggle per dock, Reset layout and
Presentation) and its status bar (step, epoch, speed, device, elapsed time). A mixin of MainWindow."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel

from gui.i18n import build_language_menu


class WindowMenus:
    """Needs from the window: docks, and the actions' slots (open_dialog, save, save_as, reset_layout,
    rebuild_recent_menu)."""

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = file_menu.addAction("&Open checkpoint…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.save_action = file_menu.addAction("&Save checkpoint", self.save, QKeySequence.StandardKey.Save)
        self.save_as_action = file_menu.addAction("Save checkpoint &as…", self.save_as,
                                                  QKeySequence.StandardKey.SaveAs)
        file_menu.addSeparator()
        file_menu.addAction("&Quit", self.close, QKeySequence.StandardKey.Quit)
        for a in (self.open_action, self.save_action, self.save_as_action):
            a.setEnabled(False)
        view_menu = self.menuBar().addMenu("&View")
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        self.reset_layout_action = view_menu.addAction("Reset &layout", self.reset_layout)
        self.reset_layout_action.setToolTip("Every view back in its default place and size")
        view_menu.addSeparator()
        # F11 is taken first by gui/window/presentation.py's key filter; the shortcut here shows it in the menu.
        self.presentation_action = view_menu.addAction("&Presentation", lambda: self.presentation.toggle(),
                                                       QKeySequence(Qt.Key.Key_F11))
        self.presentation_action.setCheckable(True)
        self.presentation_action.setToolTip("Full screen, large type and thick lines for a projector (F11)")
        build_language_menu(self, view_menu)  # View ▸ Language: English / 简体中文 (gui/i18n.py)
        from gui.window.compare import build_run_menu

        build_run_menu(self)  # Run ▸ Compare…, Save B…, Close B (run B beside A)
        from gui.window.lesson_player import build_lesson_menu

        build_lesson_menu(self)  # Lesson ▸ Open lesson, Next caption, Restart lesson, Leave lesson
        self.rebuild_recent_menu()

    def _build_status_bar(self) -> None:
        self.status_labels = {}
        for key in ("step", "epoch", "speed", "device", "elapsed"):
            label = QLabel("")
            label.setMinimumWidth(90)
            self.statusBar().addPermanentWidget(label)
            self.status_labels[key] = label
        self.status_labels["step"].setText("loading…")
