"""The 2-D pad: the held-out codes scattered over two chosen latent dimensions, coloured by label,
and a cursor at the current code that drags it through the plane."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui.widgets.export import ExportMenu
from gui.widgets.flow_layout import FlowLayout
from gui.widgets.palette import PALETTE


def _tr(text: str) -> str:
    """The latent explorer's words in the user's language (gui/translations/, context "LatentView")."""
    return QCoreApplication.translate("LatentView", text)


def label_brushes(labels: np.ndarray) -> list:
    """One brush per point (N,), the palette's colour of its label."""
    brushes = [pg.mkBrush(c) for c in PALETTE]
    return [brushes[int(v) % len(brushes)] for v in labels]


class LatentPad(QWidget):
    axes_changed = Signal()  # the user chose another dimension for x or y
    target_moved = Signal(int, int, float, float)  # the user dragged the cursor: dx, dy, x, y

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget()
        self.plot.setBackground("w")
        self.plot.setAspectLocked(False)
        self.scatter = pg.ScatterPlotItem(size=5, pen=None)
        self.plot.addItem(self.scatter)
        self.target = pg.TargetItem(size=16, movable=True, pen=pg.mkPen("k", width=2))
        self.plot.addItem(self.target)
        self.target.sigPositionChanged.connect(self._on_target_moved)
        self._placing = False  # the target moves because the code did, not the user
        self.x_dim, self.y_dim = QComboBox(), QComboBox()
        self.x_dim.currentIndexChanged.connect(lambda _i: self.axes_changed.emit())
        self.y_dim.currentIndexChanged.connect(lambda _i: self.axes_changed.emit())
        # A row that wraps: on one line it asked for 360 px (515 in presentation mode's type), which made
        # each of two explorers side by side wider than half a 1280-px window. Each label stays with its box.
        axes = FlowLayout(last_right=True)
        axes.addWidget(QLabel(_tr("drag the cursor")))
        for name, combo in (("x:", self.x_dim), ("y:", self.y_dim)):
            pair = QWidget()
            pair_row = QHBoxLayout(pair)
            pair_row.setContentsMargins(0, 0, 0, 0)
            pair_row.addWidget(QLabel(name))
            pair_row.addWidget(combo)
            axes.addWidget(pair)
        axes.addWidget(ExportMenu(self.plot.getPlotItem(), "latent_pad"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(axes)
        layout.addWidget(self.plot, 1)

    def configure(self, dim: int) -> None:
        """Offer z0..z{dim-1} on each axis, z0 across and z1 up; with two dimensions there is no choice."""
        for combo, default in ((self.x_dim, 0), (self.y_dim, 1)):
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([f"z{d}" for d in range(dim)])
            combo.setCurrentIndex(min(default, dim - 1))
            combo.setEnabled(dim > 2)
            combo.blockSignals(False)

    def dims(self) -> tuple[int, int]:
        return max(self.x_dim.currentIndex(), 0), max(self.y_dim.currentIndex(), 0)

    def draw(self, codes: np.ndarray, labels: np.ndarray) -> None:
        """codes (N, D) scattered over the chosen dimensions, labels (N,) their colours."""
        dx, dy = self.dims()
        self.scatter.setData(codes[:, dx], codes[:, dy], brush=label_brushes(labels))
        self.plot.setLabel("bottom", f"z{dx}")
        self.plot.setLabel("left", f"z{dy}")

    def place_target(self, z: np.ndarray) -> None:
        """Put the cursor at the code ``z`` (D,), quietly (no ``target_moved``)."""
        dx, dy = self.dims()
        self._placing = True
        self.target.setPos(float(z[dx]), float(z[dy]))
        self._placing = False

    def clear(self) -> None:
        self.scatter.clear()

    def _on_target_moved(self) -> None:
        if self._placing:
            return
        p = self.target.pos()
        self.target_moved.emit(*self.dims(), p.x(), p.y())
