"""The map's side panel: the image under the cursor, a clicked image with its nearest neighbours in
embedding and in pixel space, and the images of a box or lasso selection; and the busy line that says
what the analysis is computing while a map is on its way."""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from gui.widgets.mosaic import mosaic


def _tr(text: str) -> str:
    """The map's words in the user's language (gui/translations/, context "MapView")."""
    return QCoreApplication.translate("MapView", text)


GRID_COLUMNS = 8
MAX_SELECTION_SHOWN = 64


class _ImageStrip(QWidget):
    """A caption over one mosaic image."""

    def __init__(self, caption: str, height: int):
        super().__init__()
        self.empty_caption = caption
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setBackground("w")
        self.canvas.setMinimumHeight(height)
        self.vb = self.canvas.addViewBox(lockAspect=True, invertY=True, enableMenu=False)
        self.vb.setMouseEnabled(False, False)
        self.item = pg.ImageItem(levels=(0, 1))
        self.vb.addItem(self.item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.canvas, 1)

    def display(self, rows: list[np.ndarray], caption: str | None = None) -> None:
        rows = [r for r in rows if len(r)]
        if caption is not None:
            self.caption.setText(caption)
        if not rows:
            self.item.clear()
            return
        self.item.setImage(mosaic(rows, pad=2, fill=1.0), levels=(0, 1), autoLevels=False)
        self.vb.autoRange(padding=0.02)

    def clear(self) -> None:
        self.item.clear()
        self.caption.setText(self.empty_caption)


class MapSidePanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.hover = _ImageStrip(_tr("hover over a point to see its image"), 50)
        self.neighbours = _ImageStrip(_tr("click a point: its nearest neighbours, in embedding space (top) "
                                          "and pixel space (bottom)"), 60)
        self.selection = _ImageStrip(_tr("choose 'box' or 'lasso' and drag to select images"), 70)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hover, 1)
        layout.addWidget(self.neighbours, 1)
        layout.addWidget(self.selection, 2)
        self.setMinimumWidth(150)
        self.images = None
        self.hovered: int | None = None
        self.selected = np.array([], dtype=np.int64)

    def clear(self) -> None:
        """Back to the empty panel with its hints: nothing of the last run stays."""
        self.images = None
        self.hovered = None
        self.selected = np.array([], dtype=np.int64)
        for strip in (self.hover, self.neighbours, self.selection):
            strip.clear()

    def set_images(self, images: np.ndarray, labels: np.ndarray, class_names: tuple[str, ...]) -> None:
        self.images = images.astype(np.float32) / 255.0  # (P, H, W, C)
        self.labels, self.class_names = labels, class_names

    def _name(self, i: int) -> str:
        label = int(self.labels[i])
        return self.class_names[label] if label < len(self.class_names) else str(label)

    def show_hover(self, i: int) -> None:
        if self.images is None or i == self.hovered:
            return
        self.hovered = i
        self.hover.display([self.images[i:i + 1]], _tr("image {0} · {1}").format(i, self._name(i)))

    def show_neighbours(self, i: int, by_embedding: np.ndarray, by_pixels: np.ndarray) -> None:
        if self.images is None:
            return
        rows = [np.concatenate([self.images[i:i + 1], self.images[by_embedding]]),
                np.concatenate([self.images[i:i + 1], self.images[by_pixels]])]
        same = [int(np.mean(self.labels[idx] == self.labels[i]) * 100) if len(idx) else 0
                for idx in (by_embedding, by_pixels)]
        self.neighbours.display(rows, _tr("image {0} ({1}) and its {2} nearest: embedding (top, {3}% same label) "
                                          "· pixels (bottom, {4}% same label)").format(
                                              i, self._name(i), len(by_embedding), same[0], same[1]))

    def show_selection(self, indices: np.ndarray) -> None:
        self.selected = indices
        if self.images is None:
            return
        shown = indices[:MAX_SELECTION_SHOWN]
        rows = [self.images[shown[r:r + GRID_COLUMNS]] for r in range(0, len(shown), GRID_COLUMNS)]
        more = _tr(" (first {0} shown)").format(MAX_SELECTION_SHOWN) if len(indices) > MAX_SELECTION_SHOWN else ""
        self.selection.display(rows, _tr("{0} images selected{1}").format(len(indices), more))


class BusyLine(QWidget):
    """"t-SNE: computing the first map · 12 s" and a moving bar, while the analysis works on a map.

    A first t-SNE takes tens of seconds on two cores and UMAP compiles for longer; without this the map
    looks stuck. The seconds are counted here, on a timer, so they move while no message arrives.
    """

    TICK_MS = 500

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # no known end: Qt's moving "busy" bar
        self.bar.setTextVisible(False)
        self.bar.setFixedSize(60, 10)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label, 1)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self.text, self.until_method, self.started_at = "", None, 0.0
        self.hide()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self, text: str, started_at: float | None, until_method: str | None) -> None:
        if not (self.active and text == self.text and started_at is None):  # the same news keeps its clock
            self.started_at = time.monotonic() if started_at is None else started_at
        self.text, self.until_method = text, until_method
        self._timer.start(self.TICK_MS)
        self._tick()
        self.show()

    def frame_arrived(self, method: str) -> None:
        if self.active and self.until_method in (None, method):
            self.stop()

    def stop(self) -> None:
        self._timer.stop()
        self.text, self.until_method = "", None
        self.hide()

    def _tick(self) -> None:
        self.label.setText(_tr("{0} · {1:.0f} s").format(self.text, time.monotonic() - self.started_at))
