"""Repaint a window's docks one per turn of the event loop after a change that touches them all.

A new run (a switch, Reset, a lesson's two runs, Compare) changes every view at once: each forgets its
curves, images, figures and map, many change size, and Qt then repaints all of them in one pass of the
event loop. On an idle 2-core machine that pass took 200-700 ms for a lesson's start (pyqtgraph's axes
and plots, mostly); on a busy one, where the GUI thread gets a third of a core, 1-2 s in which no click,
key or timer was served (issue 19's soak). Here each dock's painting is held (setUpdatesEnabled(False))
while the change is made, and given back one dock per turn: the same work in several short passes, with
the event loop turning between them. Nothing is lost: a dock whose painting is given back repaints
whole.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

GAP_MS = 0  # between two docks' repaints: the next turn of the event loop, after the last one painted


class StaggeredPaint(QObject):
    """Holds the painting of widgets and gives it back one widget per turn of the event loop."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._held: list[QWidget] = []  # in the order they get their painting back
        self._scheduled = False

    def hold(self, widgets) -> None:
        """Hold the painting of each visible widget of ``widgets`` until its turn comes."""
        for w in widgets:
            if w is None or not shiboken6.isValid(w) or not w.isVisible() or w in self._held:
                continue
            w.setUpdatesEnabled(False)
            self._held.append(w)
        self._schedule()

    def held(self) -> int:
        return len(self._held)

    def release_all(self) -> None:
        """Every widget paints again now (the window closes, a test wants it all)."""
        while self._held:
            self._release_one()

    def _schedule(self) -> None:
        if self._held and not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(GAP_MS, self, self._next)

    def _next(self) -> None:
        self._scheduled = False
        self._release_one()
        self._schedule()

    def _release_one(self) -> None:
        w = self._held.pop(0)
        if shiboken6.isValid(w):
            w.setUpdatesEnabled(True)  # and Qt repaints it whole
