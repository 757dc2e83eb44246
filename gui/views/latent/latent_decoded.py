"""The latent explorer's middle: the image decoded from the current code, and a strip of probe images
whose codes a click starts from."""

from __future__ import annotations

from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from PySide6.QtCore import QCoreApplication

from gui.widgets.export import ExportMenu
from gui.widgets.mosaic import cell_at, mosaic


def _tr(text: str) -> str:
    """The latent explorer's words in the user's language (gui/translations/, context "LatentView")."""
    return QCoreApplication.translate("LatentView", text)


PAD = 2  # pixels between the probe images of the strip


class DecodedPanel(QWidget):
    """``start_from(i)`` is called when probe image i is clicked; it returns whether it used the click."""

    def __init__(self, start_from: Callable[[int], bool], parent: QWidget | None = None):
        super().__init__(parent)
        self.start_from = start_from
        self.decoded_canvas = pg.GraphicsLayoutWidget()
        self.decoded_canvas.setBackground("w")
        vb = self.decoded_canvas.addViewBox(lockAspect=True, invertY=True, enableMenu=False)
        vb.setMouseEnabled(False, False)
        self.decoded_item = pg.ImageItem(levels=(0, 1))
        vb.addItem(self.decoded_item)
        self.start_canvas = pg.GraphicsLayoutWidget()
        self.start_canvas.setBackground("w")
        self.start_canvas.setFixedHeight(60)
        self.start_vb = self.start_canvas.addViewBox(lockAspect=True, invertY=True, enableMenu=False)
        self.start_vb.setMouseEnabled(False, False)
        self.start_item = pg.ImageItem(levels=(0, 1))
        self.start_vb.addItem(self.start_item)
        self.start_item.mouseClickEvent = self._on_start_clicked
        self.probe_images: np.ndarray | None = None  # (N, H, W, C) the strip's images
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_tr("decoded")))
        layout.addWidget(self.decoded_canvas, 1)
        note = QLabel(_tr("start from a probe image's code (click):"))
        note.setWordWrap(True)  # in large type (presentation mode) one line was wider than the view
        layout.addWidget(note)
        layout.addWidget(self.start_canvas)
        layout.addWidget(ExportMenu(self.decoded_canvas, "decoded"))

    def clear(self) -> None:
        self.decoded_item.clear()
        self.start_item.clear()
        self.probe_images = None

    def show_decoded(self, image: np.ndarray) -> None:
        """One decoded image (H, W, C) in [0, 1]."""
        self.decoded_item.setImage(image[..., 0] if image.shape[-1] == 1 else image, levels=(0, 1),
                                   autoLevels=False)

    def show_probe_images(self, images: np.ndarray) -> None:
        """The strip to start from, images (N, H, W, C) in [0, 1]."""
        self.probe_images = images
        self.start_item.setImage(mosaic([images], pad=PAD), levels=(0, 1), autoLevels=False)
        self.start_vb.autoRange(padding=0)

    def _on_start_clicked(self, event) -> None:
        if self.probe_images is None:
            return
        pos = event.pos()
        cell = cell_at(pos.x(), pos.y(), self.probe_images.shape[1:3], pad=PAD)
        if cell and cell[0] == 0 and self.start_from(cell[1]):
            event.accept()
