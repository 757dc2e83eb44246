"""Captions of an image grid cut to their column with "…", the whole caption in the tooltip.

MAE's answer under the mask editor has two columns captioned "reconstruction" and "reconstruction +
visible"; pyqtgraph centres a caption on its column whatever its length, and in a narrow column (two
runs side by side at 1280 px, presentation mode's large type) the two ran into each other. The caption
the grid writes stays in its label, hidden, and a plain text item shows it cut to the column's width.
A plain text item, not the label's own rich text: presentation mode scales every rich text it finds
changed (gui/window/plot_scaling.py), so a caption shortened in place would be enlarged again.
"""

from __future__ import annotations

import weakref

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem
from shiboken6 import isValid

CAPTION_POINTS_LESS = 1.0  # the grid's captions are 8 pt beside the 9-pt type: a point less than the type's


def fit_captions(labels: list[pg.LabelItem | None]) -> None:
    """Show each label's caption whole if it fits its width, else cut with "…" (whole in the tooltip)."""
    for label in labels:
        if label is not None:
            _fitted(label).fit()


class _FittedCaption:
    """The plain text item over one label; it follows the label's width, text and colour.

    It holds its label weakly: the label holds it (and its geometryChanged holds ``fit``), and a cycle
    through a graphics item leaves the item's end to Python's garbage collector, at any moment, after Qt
    may have deleted it with its scene."""

    def __init__(self, label: pg.LabelItem):
        self.label = weakref.ref(label)
        self.shown = QGraphicsSimpleTextItem(label)  # a child: deleted with the label, by Qt
        label.geometryChanged.connect(self.fit)

    def fit(self) -> None:
        label = self.label()
        if label is None or not isValid(label) or not isValid(self.shown):
            return
        label.item.setVisible(False)  # the grid's own text, kept for its size and what it says
        whole = str(label.text)
        font = QApplication.font()
        font.setPointSizeF(max(font.pointSizeF() - CAPTION_POINTS_LESS, 1.0))
        metrics = QFontMetricsF(font)
        rect = label.rect()
        text = metrics.elidedText(whole, Qt.TextElideMode.ElideRight, rect.width())
        self.shown.setFont(font)
        self.shown.setText(text)
        self.shown.setBrush(QColor(label.opts.get("color") or "#222"))
        width = metrics.horizontalAdvance(text)
        self.shown.setPos(rect.x() + (rect.width() - width) / 2, rect.y() + (rect.height() - metrics.height()) / 2)
        label.setToolTip(whole if text != whole else "")


def _fitted(label: pg.LabelItem) -> _FittedCaption:
    fitted = getattr(label, "_fitted_caption", None)
    if fitted is None:
        fitted = label._fitted_caption = _FittedCaption(label)
    return fitted
