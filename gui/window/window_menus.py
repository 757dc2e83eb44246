"""The main window's menus (File: checkpoints and Quit; View: a toggle per dock, Reset layout and
Presentation) and its status bar (step, epoch, speed, device, elapsed time). A mixin of MainWindow."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence

from gui.i18n import build_language_menu
from gui.widgets.status_figure import StatusFigure


def _tr(text: str) -> str:
    """The menus' words in the user's language (gui/translations/, context "WindowMenus")."""
    return QCoreApplication.translate("WindowMenus", text)


class WindowMenus:
    """Needs from the window: docks, and the actions' slots (open_dialog, save, save_as, reset_layout,
    rebuild_recent_menu)."""

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_tr("&File"))
        self.open_action = file_menu.addAction(_tr("&Open checkpoint…"), self.open_dialog,
                                               QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu(_tr("Open &recent"))
        from gui.window.recover import show_recover

        self.recover_action = file_menu.addAction(_tr("Re&cover…"), lambda: show_recover(self))
        self.recover_action.setToolTip(_tr("Reopen a run that was autosaved (every few minutes, and before a "
                                           "switch discarded it)"))
        self.save_action = file_menu.addAction(_tr("&Save checkpoint"), self.save, QKeySequence.StandardKey.Save)
        self.save_as_action = file_menu.addAction(_tr("Save checkpoint &as…"), self.save_as,
                                                  QKeySequence.StandardKey.SaveAs)
        file_menu.addSeparator()
        from gui.window.lesson_menu import open_lesson_file

        self.open_lesson_file_action = file_menu.addAction(_tr("Open &lesson file…"), lambda: open_lesson_file(self))
        self.open_lesson_file_action.setToolTip(_tr("Play a lesson from a .toml file (see assets/lessons/README.md)"))
        file_menu.addSeparator()
        file_menu.addAction(_tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        for a in (self.open_action, self.save_action, self.save_as_action):
            a.setEnabled(False)
        view_menu = self.menuBar().addMenu(_tr("&View"))
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        self.reset_layout_action = view_menu.addAction(_tr("Reset &layout"), self.reset_layout)
        self.reset_layout_action.setToolTip(_tr("Every view back in its default place and size"))
        view_menu.addSeparator()
        # F11 is taken first by gui/window/presentation.py's key filter; the shortcut here shows it in the menu.
        self.presentation_action = view_menu.addAction(_tr("&Presentation"), lambda: self.presentation.toggle(),
                                                       QKeySequence(Qt.Key.Key_F11))
        self.presentation_action.setCheckable(True)
        self.presentation_action.setToolTip(_tr("Full screen, large type and thick lines for a projector (F11)"))
        from gui.recording.record_actions import build_record_menu

        build_record_menu(self, view_menu)  # View ▸ Record… (gui/recording/)
        build_language_menu(self, view_menu)  # View ▸ Language: English / 简体中文 (gui/i18n.py)
        from gui.window.compare import build_run_menu

        build_run_menu(self)  # Run ▸ Compare…, Save B…, Close B (run B beside A), Draw 2-D points…
        from gui.window.lesson_menu import build_lesson_menu

        build_lesson_menu(self)  # Lesson ▸ Open lesson, Next caption, Restart lesson, Leave lesson
        self.rebuild_recent_menu()
        self._keep_shortcuts_without_menu_bar()

    def _keep_shortcuts_without_menu_bar(self) -> None:
        """Every menu entry's shortcut on the window itself too. Presentation mode hides the menu bar, and
        a shortcut of an entry only in a hidden menu bar's menus is dead: Ctrl+L opened nothing and
        Ctrl+Shift+R neither started nor stopped a recording while presenting."""
        menus = [a.menu() for a in self.menuBar().actions() if a.menu() is not None]
        while menus:
            menu = menus.pop()
            for action in menu.actions():
                if action.menu() is not None:
                    menus.append(action.menu())
                elif not action.shortcut().isEmpty() and action not in self.actions():
                    self.addAction(action)

    def _build_status_bar(self) -> None:
        self.status_labels = {}
        for key in ("step", "epoch", "speed", "device", "elapsed"):
            label = StatusFigure("")
            self.statusBar().addPermanentWidget(label)
            self.status_labels[key] = label
        self.status_labels["step"].setText(_tr("loading…"))
