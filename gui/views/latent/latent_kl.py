"""The VAE's KL divergence per latent dimension, as bars: a dimension near 0 nats is dead, the decoder
ignores it (posterior collapse, Bowman et al. 2016)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from PySide6.QtCore import QCoreApplication

from gui.widgets.export import ExportMenu


def _tr(text: str) -> str:
    """The latent explorer's words in the user's language (gui/translations/, context "LatentView")."""
    return QCoreApplication.translate("LatentView", text)


BAR_WIDTH = 0.7


class KlBars(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget()
        self.plot.setBackground("w")
        self.plot.setLabel("bottom", _tr("latent dimension"))
        self.plot.setLabel("left", _tr("KL (nats)"))
        self.bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH, brush="#1f77b4")
        self.plot.addItem(self.bars)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        note = QLabel(_tr("a dimension near 0 nats is dead: the decoder ignores it"))
        note.setWordWrap(True)  # in large type (presentation mode) one line was wider than the view
        layout.addWidget(note)
        layout.addWidget(self.plot, 1)
        layout.addWidget(ExportMenu(self.plot.getPlotItem(), "kl_per_dimension"))

    def draw(self, kl: np.ndarray) -> None:
        """kl (D,): each dimension's KL in nats, averaged over the held-out images."""
        self.bars.setOpts(x=np.arange(len(kl)), height=kl, width=BAR_WIDTH)

    def clear(self) -> None:
        self.bars.setOpts(x=[], height=[], width=BAR_WIDTH)
