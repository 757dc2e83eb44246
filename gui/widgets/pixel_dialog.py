"""A large view of one image with its pixel values: printed in each pixel when the image is small,
and read out under the cursor always."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget
from PySide6.QtCore import QCoreApplication

from gui.widgets.export import ExportMenu


def _tr(text: str) -> str:
    """The enlarged image's words in the user's language (gui/translations/, context "PixelDialog")."""
    return QCoreApplication.translate("PixelDialog", text)


MAX_PRINTED_SIDE = 16  # bigger images get the hover read-out only: 28x28 numbers are unreadable


class PixelDialog(QDialog):
    def __init__(self, image: np.ndarray, title: str, parent: QWidget | None = None):
        """``image``: (H, W, C) float in [0, 1]."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.image = image
        h, w, c = image.shape
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        vb = self.view.addViewBox(lockAspect=True, invertY=True)
        vb.setMouseEnabled(False, False)
        self.item = pg.ImageItem(image[..., 0] if c == 1 else image, levels=(0, 1))
        vb.addItem(self.item)
        self.readout = QLabel(_tr("hover over a pixel to read its value"))
        self.texts = []
        if max(h, w) <= MAX_PRINTED_SIDE:
            for y in range(h):
                for x in range(w):
                    v = image[y, x]
                    t = pg.TextItem(f"{v.mean():.2f}", color="r" if v.mean() > 0.5 else "y", anchor=(0.5, 0.5))
                    t.setPos(x + 0.5, y + 0.5)
                    vb.addItem(t)
                    self.texts.append(t)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.readout)
        layout.addWidget(ExportMenu(self.view, title.replace(" ", "_")))
        self.view.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.vb = vb
        self.resize(520, 560)

    def value_text(self, x: int, y: int) -> str:
        v = self.image[y, x]
        values = ", ".join(f"{c:.3f}" for c in v)
        bytes_ = ", ".join(str(int(round(c * 255))) for c in v)
        return _tr("x {0}, y {1}: {2}  ({3} of 255)").format(x, y, values, bytes_)

    def _on_mouse_moved(self, pos) -> None:
        p = self.vb.mapSceneToView(pos)
        x, y = int(np.floor(p.x())), int(np.floor(p.y()))
        h, w = self.image.shape[:2]
        if 0 <= x < w and 0 <= y < h:
            self.readout.setText(self.value_text(x, y))
