"""A figure of the status bar ("A: step 1,200", "534 img/s"): never narrower than its text.

The status bar squeezes its permanent widgets when they ask for more than the window's width, down to
their minimum width. A fixed minimum of 90 px let them be cut ("A: step 4(") in presentation mode's large
type while a recording's "● REC" sat beside them; the keys line beside them gives way instead.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel

MIN_WIDTH = 90  # so a figure does not jitter in width as its digits change


class StatusFigure(QLabel):
    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self.fontMetrics().horizontalAdvance(self.text()) + 2 * self.margin(),
                         MIN_WIDTH), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().sizeHint()
        return QSize(max(hint.width(), MIN_WIDTH), hint.height())
