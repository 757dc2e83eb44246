"""Plot titles cut to their plot's width with "…", in the type they are drawn in, the whole title in the
plot's tooltip.

In presentation mode (gui/window/presentation.py) a plot's title is drawn 1.6 times larger, and four
plots in a row beside the Loss view at 1280x720 showed only the middle of each ("es on held-out im"):
the title is centred and clipped at the plot's edges. Cut at its end instead, the start of each reads.
"""

from __future__ import annotations

import re

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication

from gui.views.method.method_figures import free_width

SIZE = re.compile(r"font-size:\s*([0-9.]+)pt")
TAG = re.compile(r"<[^>]+>")


def _points(font: QFont) -> float:
    return font.pointSizeF() if font.pointSizeF() > 0 else font.pixelSize() * 0.75


class FittedTitles:
    """The titles of ``plots`` as they are now (html with a size in points, or plain text) are the
    whole titles; ``fit(width)`` cuts each to ``width`` pixels, ``fit(None)`` puts them back whole.
    A title never widens its row of plots (free_width): it is cut, with "…" when fitted."""

    def __init__(self, plots: list[pg.PlotItem]):
        self.whole = {plot: plot.titleLabel.text for plot in plots}
        for plot in plots:
            free_width(plot.titleLabel)  # asks for no width, and is clipped at the plot's edges
        # The application's type now (the normal one): presentation mode enlarges it, and each title's
        # drawn size with it, by the same factor.
        self.normal_pt = _points(QApplication.font())

    def drawn_font(self, html: str) -> QFont:
        """The font a title of ``html`` is drawn in at the application's present scale."""
        font = QFont(QApplication.font())
        size = SIZE.search(html)
        scale = _points(QApplication.font()) / self.normal_pt
        font.setPointSizeF(float(size.group(1)) * scale if size else _points(font))
        return font

    def fit(self, width: float | None) -> None:
        """``width``: each plot's, axes included (a title lies over the plot's view box only)."""
        for plot, html in self.whole.items():
            shown, tip = html, ""
            if width is not None:
                text, room = TAG.sub("", html), width - plot.getAxis("left").width() - 8
                cut = QFontMetricsF(self.drawn_font(html)).elidedText(text, Qt.TextElideMode.ElideRight, max(room, 20))
                if cut != text:
                    shown, tip = html.replace(text, cut), text
            if plot.titleLabel.text != shown:  # unchanged: left as presentation mode scaled it
                plot.setTitle(shown)
            plot.setToolTip(tip)
