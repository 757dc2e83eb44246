"""The window's layout: the default proportions, View ▸ Reset layout, the saved layout, and a window
that fits the screen it opens on. A mixin of MainWindow (it needs its docks and settings)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

# Bump when docks are added or the default layout changes, so an old saved layout is not applied
# (4: layouts saved before plots had a minimum height could keep a 40-px Loss plot for good).
LAYOUT_VERSION = 4
DEFAULT_SIZE = (1500, 950)
COMPACT_HEIGHT = 860  # below this window height the run's settings start folded
TIDY_TAB_BARS_MS = 50  # after a resize or restoreState, once the docks' layout is applied
MIN_PLOT_HEIGHT = 200  # a view lower than this leaves its plot too low for tick labels and legend


class WindowLayout:
    """Needs from the window: docks, settings, fit_screen, _default_state and _sized."""

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None and self.restoreState(state, LAYOUT_VERSION):
            self._sized = True  # the user's own proportions
        self._fit_to_screen()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._tidy_tab_bars_soon()
        if not self._sized:
            self._sized = True
            self._fit_to_screen()
            self._apply_default_sizes()
        if not getattr(self, "_panel_fitted", False):
            self._panel_fitted = True
            self.panel.set_run_collapsed(self.height() < COMPACT_HEIGHT)  # a projector: the form fits
        QTimer.singleShot(0, self._fit_to_screen)  # again once the frame (title bar, borders) is known

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._tidy_tab_bars_soon()

    def restoreState(self, state, version: int = 0) -> bool:  # noqa: N802 (Qt override)
        restored = super().restoreState(state, version)
        self._tidy_tab_bars_soon()
        return restored

    def _tidy_tab_bars_soon(self) -> None:
        """Once the docks are laid out: hide the tab bars Qt left over the views (ghost_tab_bars.py)."""
        timer = getattr(self, "_tab_bar_tidy", None)
        if timer is None:
            from gui.window.ghost_tab_bars import hide_ghost_tab_bars

            timer = self._tab_bar_tidy = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(TIDY_TAB_BARS_MS)
            timer.timeout.connect(lambda: hide_ghost_tab_bars(self))
        timer.start()

    def reset_layout(self) -> None:
        """View ▸ Reset layout: the default docks, tabs and proportions, at the window's present size."""
        self.restoreState(self._default_state, LAYOUT_VERSION)
        for title in ("Experiment", "Latent explorer", "Loss"):
            self.docks[title].raise_()
        self._apply_default_sizes()
        # Then what the run and a lesson show in front, as when they started: not SimCLR's empty latent
        # explorer, and a lesson's own views.
        if getattr(self, "run_info", None) is not None:
            self.show_docks_of(self.run_info)
        player = getattr(self, "lesson_player", None)
        if player is not None and player.lesson is not None:
            player.show_views()

    def _apply_default_sizes(self) -> None:
        """Dock sizes as shares of the window, so a 1280x720 projector gets the same proportions as a
        1920x1080 screen: the panel a fixed readable width, the rest split between images and plots."""
        w, h = self.width(), self.height()
        panel = max(300, min(340, int(0.22 * w)))
        rest = max(w - panel, 2)
        self.resizeDocks([self.docks["Experiment"], self.docks["Images"], self.docks["Loss"]],
                         [panel, int(rest * 0.52), int(rest * 0.48)], Qt.Orientation.Horizontal)
        top = max(MIN_PLOT_HEIGHT + 40, int(0.42 * h))
        self.resizeDocks([self.docks["Images"], self.docks["Latent explorer"]], [top, max(h - top, 2)],
                         Qt.Orientation.Vertical)

    def _available_geometry(self):
        screen = self.screen() or QApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else None

    def _fitting_size(self, width: int, height: int) -> tuple[int, int]:
        area = self._available_geometry()
        if area is None or not self.fit_screen:
            return width, height
        return min(width, area.width()), min(height, area.height())

    def _fit_to_screen(self) -> None:
        """A window restored from a bigger screen (or a taller layout) is shrunk and moved onto this one:
        at 1280x720 a restored 950-px window left its tabs and status bar off the bottom of the screen."""
        area = self._available_geometry()
        if area is None or not self.fit_screen:
            return
        frame = self.frameGeometry()
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        w = min(self.width(), area.width() - extra_w)
        h = min(self.height(), area.height() - extra_h)
        if (w, h) != (self.width(), self.height()):
            self.resize(w, h)
            self._apply_default_sizes()
        x = min(max(frame.x(), area.x()), area.right() - w - extra_w + 1)
        y = min(max(frame.y(), area.y()), area.bottom() - h - extra_h + 1)
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def _save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        self.settings.sync()

