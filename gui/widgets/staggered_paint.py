"""Repaint a window's docks one per turn of the event loop after a change that touches them all.

A new run (a switch, Reset, a lesson's two runs, Compare) changes every view at once: each forgets its
curves, images, figures and map, many change size, and Qt then repaints all of them in one pass of the
event loop. On an idle 2-core machine that pass took 200-700 ms for a lesson's start (pyqtgraph's axes
and plots, mostly); on a busy one, where the GUI thread gets a third of a core, 1-2 s in which no click,
key or timer was served (issue 19's soak). Here each dock's painting is held (setUpdatesEnabled(False))
while the change is made, and given back one dock per turn: the same work in several short passes, with
the event loop turning between them. Nothing is lost: a dock whose painting is given back repaints
whole.

Work that lays a dock out anew can wait its turn too (``later``): showing run B's pane beside A's
resizes every plot of that view at once (pyqtgraph's resizeEvent sets each plot's range), 20-40 ms a
view on an idle machine, all in the pass that began B. Those calls come first, one per turn, while the
docks' painting is still held; then the docks paint.
"""

from __future__ import annotations

import shiboken6
from typing import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

GAP_MS = 0  # between two docks' repaints: the next turn of the event loop, after the last one painted


class StaggeredPaint(QObject):
    """Holds the painting of widgets and gives it back one widget per turn of the event loop."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._held: list[QWidget] = []  # in the order they get their painting back
        self._calls: list[Callable[[], None]] = []  # layout work that waits its turn, before any repaint
        self._scheduled = False

    def hold(self, widgets) -> None:
        """Hold the painting of each visible widget of ``widgets`` until its turn comes."""
        for w in widgets:
            if w is None or not shiboken6.isValid(w) or not w.isVisible() or w in self._held:
                continue
            w.setUpdatesEnabled(False)
            self._held.append(w)
        self._schedule()

    def later(self, call: Callable[[], None]) -> None:
        """Run ``call`` on a turn of its own, before the held widgets paint again."""
        self._calls.append(call)
        self._schedule()

    def held(self) -> int:
        return len(self._held)

    def release_all(self) -> None:
        """Every call made and every widget painting again, now (the window closes, a test wants it all)."""
        while self._calls or self._held:
            self._release_one()

    def _schedule(self) -> None:
        if (self._calls or self._held) and not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(GAP_MS, self, self._next)

    def _next(self) -> None:
        self._scheduled = False
        try:
            self._release_one()
        finally:  # a call that raised does not stop the rest
            self._schedule()

    def _release_one(self) -> None:
        if self._calls:
            self._calls.pop(0)()
            return
        w = self._held.pop(0)
        if shiboken6.isValid(w):
            w.setUpdatesEnabled(True)  # and Qt repaints it whole
