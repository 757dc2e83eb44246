"""Pieces the editable figures share (gui/views/method/mask_grid.py, code_grid.py): an image box, and
the area where the method's answer to an edit is drawn, figure by figure, through the registry."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from engine.figures import Figure
from gui.views.method import figure_text, method_figures  # noqa: F401 (their widgets draw the answers)
from gui.views.method.figure_registry import figure_key, widget_for


def image_box(title: str) -> tuple[QWidget, pg.ImageItem, pg.ViewBox]:
    """A titled, aspect-locked image: (the box, its ImageItem, its ViewBox)."""
    canvas = pg.GraphicsLayoutWidget()
    canvas.setBackground("w")
    canvas.setMinimumSize(90, 90)
    vb = canvas.addViewBox(lockAspect=True, invertY=True, enableMenu=False)
    vb.setMouseEnabled(False, False)
    item = pg.ImageItem(levels=(0, 1))
    vb.addItem(item)
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(1)
    label = QLabel(title)
    label.setWordWrap(True)  # a long hint must not widen the panel past a narrow dock
    label.setStyleSheet("font-size: 9pt")
    layout.addWidget(label)
    layout.addWidget(canvas, 1)
    return box, item, vb


def show_image(item: pg.ImageItem, vb: pg.ViewBox, image: np.ndarray) -> None:
    """(H, W, C) or (H, W) in [0, 1] into an ImageItem."""
    if image.ndim == 3 and image.shape[-1] == 1:
        image = image[..., 0]
    item.setImage(image, levels=(0, 1), autoLevels=False)
    vb.autoRange(padding=0.02)


class AnswerArea(QWidget):
    """The method's answer to an edit: its figures side by side, each drawn by its registered widget
    and updated in place by the next answer."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.widgets: dict[tuple[str, str], QWidget] = {}

    def show_figures(self, figures: tuple[Figure, ...]) -> None:
        for figure in figures:
            key = figure_key(figure)
            if key in self.widgets:
                self.widgets[key].show_figure(figure)
            else:
                self.widgets[key] = widget_for(figure)
                self.row.addWidget(self.widgets[key], max(1, round(10 * self.widgets[key].aspect())))

    def widget(self, title: str) -> QWidget | None:
        return next((w for (_, t), w in self.widgets.items() if t == title), None)
