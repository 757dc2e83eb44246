"""The traversal grid: each row sweeps one latent dimension from -3σ to +3σ around the current code,
all else held, so a row shows what that dimension does to the decoded image."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from PySide6.QtCore import QCoreApplication

from gui.widgets.export import ExportMenu
from gui.widgets.mosaic import mosaic


def _tr(text: str) -> str:
    """The latent explorer's words in the user's language (gui/translations/, context "LatentView")."""
    return QCoreApplication.translate("LatentView", text)


TRAVERSAL_SIGMAS = np.linspace(-3, 3, 7)
MAX_TRAVERSAL_ROWS = 16
PAD = 2  # pixels between the grid's images


def traversal_dims(std: np.ndarray, max_rows: int = MAX_TRAVERSAL_ROWS) -> list[int]:
    """The dimensions to sweep, in order: all of them, or the ``max_rows`` most spread-out (which say
    the most) when there are more."""
    if len(std) <= max_rows:
        return list(range(len(std)))
    return sorted(np.argsort(-std)[:max_rows].tolist())


def traversal_codes(z: np.ndarray, std: np.ndarray, dims: list[int]) -> np.ndarray:
    """(len(dims) * S, D) float32: for each dimension d in ``dims``, S copies of the code ``z`` (D,)
    with z[d] moved to z[d] + σ·std[d] for σ in TRAVERSAL_SIGMAS."""
    n = len(TRAVERSAL_SIGMAS)
    codes = np.repeat(z[None], len(dims) * n, axis=0)
    for i, d in enumerate(dims):
        codes[i * n:(i + 1) * n, d] = z[d] + TRAVERSAL_SIGMAS * std[d]
    return codes.astype(np.float32)


class TraversalGrid(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setBackground("w")
        self.plot = self.canvas.addPlot(enableMenu=False)
        self.plot.hideAxis("bottom")
        self.plot.hideButtons()
        self.vb = self.plot.getViewBox()
        self.vb.setAspectLocked(True)
        self.vb.invertY(True)
        self.vb.setMouseEnabled(False, False)
        self.item = pg.ImageItem(levels=(0, 1))
        self.vb.addItem(self.item)
        self.plot.getAxis("left").setTicks([[], []])  # a dimension's name per row, once drawn
        self.dims: list[int] = []  # the dimensions of the rows asked for last
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        note = QLabel(_tr("each row sweeps one dimension from -3σ to +3σ around the current code"))
        note.setWordWrap(True)  # in large type (presentation mode) one line was wider than the view
        layout.addWidget(note)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(ExportMenu(self.canvas, "traversal"))

    def clear(self) -> None:
        self.item.clear()
        self.plot.getAxis("left").setTicks([[], []])
        self.dims = []

    def codes_for(self, z: np.ndarray, std: np.ndarray) -> np.ndarray:
        """The codes to decode for the grid around ``z``; their rows are remembered for the labels."""
        self.dims = traversal_dims(std)
        return traversal_codes(z, std, self.dims)

    def draw(self, images: np.ndarray) -> None:
        """The decoded traversal codes, images (len(dims) * S, H, W, C), a row per dimension."""
        n = len(TRAVERSAL_SIGMAS)
        rows = [images[i * n:(i + 1) * n] for i in range(len(images) // n)]
        self.item.setImage(mosaic(rows, pad=PAD), levels=(0, 1), autoLevels=False)
        h = images.shape[1]
        ticks = [(i * (h + PAD) + h / 2, f"z{d}") for i, d in enumerate(self.dims)]
        self.plot.getAxis("left").setTicks([ticks, []])
        self.vb.autoRange(padding=0.01)
