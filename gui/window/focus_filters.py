"""Key filters where key events go (the focused widget and the window), not on the whole application.

The window's own keys (Space, S, R: gui/window/transport.py; F11, Escape, P, the digits:
gui/window/presentation_keys.py) must be taken before the focused widget takes them, so they were event
filters on the QApplication. But an application filter sees every event of every object: each paint,
timer, layout request and queued call of the window crossed into Python twice, thousands of times a
second (a soak's profile of the GUI thread: 4,275 filter calls in one method switch, half a second of a
busy machine's GUI thread, with Shiboken making a wrapper for each event and object).

A key event goes to the focused widget (a ShortcutOverride first, then the KeyPress), or to the window when
nothing has focus. So the filters sit on the window and on the focused widget, and move with the focus:
one Python call per focus change instead of one per event.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget


class FocusFilters(QObject):
    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        self.filters: list[QObject] = []
        self.on: QWidget | None = None  # the focused widget the filters sit on
        QApplication.instance().focusChanged.connect(self._follow)

    def add(self, key_filter: QObject) -> None:
        self.filters.append(key_filter)
        self.window.installEventFilter(key_filter)
        self._follow(None, QApplication.focusWidget())

    def _follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        old = self.on
        if old is not None and old is not self.window and shiboken6.isValid(old):
            for f in self.filters:
                old.removeEventFilter(f)
        self.on = new
        if new is not None and shiboken6.isValid(new):
            for f in self.filters:
                new.installEventFilter(f)
