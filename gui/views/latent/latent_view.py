"""The latent explorer: a slider per latent dimension, the decoded image following while you drag,
a traversal grid, the VAE's KL per dimension, and a 2-D pad over two chosen dimensions.

The view never decodes anything itself: it asks (``decode_requested``) and shows the ``Decoded``
answers. The engine keeps only the newest request per tag, so dragging never queues stale work.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSlider,
                               QSplitter, QTabWidget, QVBoxLayout, QWidget)

from gui.widgets.export import ExportMenu
from gui.widgets.mosaic import cell_at, mosaic

TICKS = 1000  # slider resolution
TRAVERSAL_SIGMAS = np.linspace(-3, 3, 7)
MAX_TRAVERSAL_ROWS = 16
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
           "#17becf"]


def label_brushes(labels: np.ndarray) -> list:
    brushes = [pg.mkBrush(c) for c in PALETTE]
    return [brushes[int(v) % len(brushes)] for v in labels]


class LatentView(QWidget):
    decode_requested = Signal(object, str)  # codes (K, D) float32, tag

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.dim = 0
        self.z = np.zeros(0, dtype=np.float32)
        self.low = self.high = self.std = np.zeros(0, dtype=np.float32)
        self.sliders: list[QSlider] = []
        self.value_labels: list[QLabel] = []
        self.kl_labels: list[QLabel] = []
        self.probe_codes: np.ndarray | None = None
        self.probe_images: np.ndarray | None = None
        self.image_hw = (1, 1)
        self._dragging = False
        self._moving_target = False
        self.user_moved = False  # until the user moves the code, it follows probe image 0 as it trains

        # Left: one slider per dimension.
        self.slider_box = QWidget()
        self.slider_grid = QGridLayout(self.slider_box)
        self.slider_grid.setColumnStretch(1, 1)
        sliders_scroll = QScrollArea()
        sliders_scroll.setWidgetResizable(True)
        sliders_scroll.setWidget(self.slider_box)
        reset = QPushButton("Centre")
        reset.setToolTip("Set every dimension to the mean code of the held-out images")
        reset.clicked.connect(self.centre)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(sliders_scroll, 1)
        left_layout.addWidget(reset)

        # Middle: the decoded image, and the probe images to start from.
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
        middle = QWidget()
        mid_layout = QVBoxLayout(middle)
        mid_layout.setContentsMargins(0, 0, 0, 0)
        mid_layout.addWidget(QLabel("decoded"))
        mid_layout.addWidget(self.decoded_canvas, 1)
        mid_layout.addWidget(QLabel("start from a probe image's code (click):"))
        mid_layout.addWidget(self.start_canvas)
        mid_layout.addWidget(ExportMenu(self.decoded_canvas, "decoded"))

        # Right: traversal grid, KL bars, 2-D pad.
        self.tabs = QTabWidget()
        self.traversal_canvas = pg.GraphicsLayoutWidget()
        self.traversal_canvas.setBackground("w")
        self.traversal_plot = self.traversal_canvas.addPlot(enableMenu=False)
        self.traversal_plot.hideAxis("bottom")
        self.traversal_plot.hideButtons()
        self.traversal_vb = self.traversal_plot.getViewBox()
        self.traversal_vb.setAspectLocked(True)
        self.traversal_vb.invertY(True)
        self.traversal_vb.setMouseEnabled(False, False)
        self.traversal_item = pg.ImageItem(levels=(0, 1))
        self.traversal_vb.addItem(self.traversal_item)
        self.traversal_plot.getAxis("left").setTicks([[], []])  # a dimension's name per row, once drawn
        self.traversal_dims: list[int] = []
        trav = QWidget()
        trav_layout = QVBoxLayout(trav)
        trav_layout.setContentsMargins(0, 0, 0, 0)
        trav_layout.addWidget(QLabel("each row sweeps one dimension from -3σ to +3σ around the current code"))
        trav_layout.addWidget(self.traversal_canvas, 1)
        trav_layout.addWidget(ExportMenu(self.traversal_canvas, "traversal"))
        self.traversal_tab = trav
        self.tabs.addTab(trav, "Traversal")

        self.kl_plot = pg.PlotWidget()
        self.kl_plot.setBackground("w")
        self.kl_plot.setLabel("bottom", "latent dimension")
        self.kl_plot.setLabel("left", "KL (nats)")
        self.kl_bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush="#1f77b4")
        self.kl_plot.addItem(self.kl_bars)
        kl = QWidget()
        kl_layout = QVBoxLayout(kl)
        kl_layout.setContentsMargins(0, 0, 0, 0)
        kl_layout.addWidget(QLabel("a dimension near 0 nats is dead: the decoder ignores it"))
        kl_layout.addWidget(self.kl_plot, 1)
        kl_layout.addWidget(ExportMenu(self.kl_plot.getPlotItem(), "kl_per_dimension"))
        self.kl_tab = kl
        self.tabs.addTab(kl, "KL per dim")

        self.pad = pg.PlotWidget()
        self.pad.setBackground("w")
        self.pad.setAspectLocked(False)
        self.pad_scatter = pg.ScatterPlotItem(size=5, pen=None)
        self.pad.addItem(self.pad_scatter)
        self.pad_target = pg.TargetItem(size=16, movable=True, pen=pg.mkPen("k", width=2))
        self.pad.addItem(self.pad_target)
        self.pad_target.sigPositionChanged.connect(self._on_target_moved)
        self.pad_x, self.pad_y = QComboBox(), QComboBox()
        self.pad_x.currentIndexChanged.connect(self._redraw_pad)
        self.pad_y.currentIndexChanged.connect(self._redraw_pad)
        pad = QWidget()
        pad_layout = QVBoxLayout(pad)
        pad_layout.setContentsMargins(0, 0, 0, 0)
        axes = QHBoxLayout()
        axes.addWidget(QLabel("drag the cursor; x:"))
        axes.addWidget(self.pad_x)
        axes.addWidget(QLabel("y:"))
        axes.addWidget(self.pad_y)
        axes.addStretch(1)
        axes.addWidget(ExportMenu(self.pad.getPlotItem(), "latent_pad"))
        pad_layout.addLayout(axes)
        pad_layout.addWidget(self.pad, 1)
        self.pad_tab = pad
        self.tabs.addTab(pad, "2-D pad")

        self.tabs.currentChanged.connect(self._on_tab_changed)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(self.tabs)
        left.setMinimumWidth(230)
        middle.setMinimumWidth(180)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.status = QLabel("The explorer appears once the model has a latent space.")
        self.status.setStyleSheet("color: gray")
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

    # -- set-up for a run -------------------------------------------------------------------------
    def clear(self) -> None:
        """Forget the last run's model: no decoded image, traversal, KL bars, codes or sliders."""
        self.dim = 0
        self.z = np.zeros(0, dtype=np.float32)
        self.probe_codes = self.probe_images = None
        self.user_moved = self._dragging = False
        for item in (self.decoded_item, self.traversal_item, self.start_item):
            item.clear()
        self.kl_bars.setOpts(x=[], height=[], width=0.7)
        self.pad_scatter.clear()
        self.traversal_plot.getAxis("left").setTicks([[], []])
        self.traversal_dims = []
        for name in ("codes", "labels", "mean"):
            self.__dict__.pop(name, None)
        self._remove_sliders()
        self.status.setText("The explorer appears once the model has a latent space.")

    def _remove_sliders(self) -> None:
        while self.slider_grid.count():
            w = self.slider_grid.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.sliders, self.value_labels, self.kl_labels = [], [], []

    def configure(self, latent_dim: int, image_hw: tuple[int, int]) -> None:
        """Lay out sliders for a new run's latent space (after ``clear``, which the window calls)."""
        self.clear()
        self.dim = latent_dim
        self.image_hw = image_hw
        self.z = np.zeros(latent_dim, dtype=np.float32)
        self.low = np.full(latent_dim, -3.0, dtype=np.float32)
        self.high = np.full(latent_dim, 3.0, dtype=np.float32)
        self.std = np.ones(latent_dim, dtype=np.float32)
        for d in range(latent_dim):
            s = QSlider(Qt.Orientation.Horizontal)
            s.setRange(0, TICKS)
            s.valueChanged.connect(lambda v, d=d: self._on_slider(d, v))
            s.sliderPressed.connect(lambda: setattr(self, "_dragging", True))
            s.sliderReleased.connect(self._on_slider_released)
            value = QLabel("0.00")
            value.setMinimumWidth(44)
            kl = QLabel("")
            kl.setStyleSheet("color: gray")
            self.slider_grid.addWidget(QLabel(f"z{d}"), d, 0)
            self.slider_grid.addWidget(s, d, 1)
            self.slider_grid.addWidget(value, d, 2)
            self.slider_grid.addWidget(kl, d, 3)
            self.sliders.append(s)
            self.value_labels.append(value)
            self.kl_labels.append(kl)
        self._place_sliders()
        self.tabs.setTabVisible(self.tabs.indexOf(self.kl_tab), False)  # until a KL arrives (VAE)
        self.tabs.setTabVisible(self.tabs.indexOf(self.pad_tab), latent_dim >= 2)
        for combo, default in ((self.pad_x, 0), (self.pad_y, 1)):
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([f"z{d}" for d in range(latent_dim)])
            combo.setCurrentIndex(min(default, latent_dim - 1))
            combo.setEnabled(latent_dim > 2)
            combo.blockSignals(False)
        if latent_dim == 2:
            self.tabs.setCurrentWidget(self.pad_tab)
        self.status.setText(f"{latent_dim} latent dimensions: drag a slider and the image follows")
        self.traversal_dims = []

    # -- data in ----------------------------------------------------------------------------------
    def set_latents(self, codes: np.ndarray, labels: np.ndarray, low: np.ndarray, high: np.ndarray,
                    mean: np.ndarray, std: np.ndarray, kl: np.ndarray | None, probe_codes: np.ndarray | None) -> None:
        first = self.probe_codes is None
        margin = 0.1 * np.maximum(high - low, 1e-3)
        self.low, self.high = (low - margin).astype(np.float32), (high + margin).astype(np.float32)
        self.std = np.maximum(std, 1e-3).astype(np.float32)
        self.mean = mean.astype(np.float32)
        self.codes, self.labels = codes, labels
        self.probe_codes = probe_codes
        self.tabs.setTabVisible(self.tabs.indexOf(self.kl_tab), kl is not None)
        if kl is not None:
            self.kl_bars.setOpts(x=np.arange(len(kl)), height=kl, width=0.7)
            for d, v in enumerate(kl):
                self.kl_labels[d].setText(f"KL {v:.2f}")
                self.kl_labels[d].setStyleSheet("color: #b00" if v < 0.05 else "color: gray")
        if first or not self.user_moved:
            self.z = (probe_codes[0] if probe_codes is not None and len(probe_codes) else mean).astype(np.float32)
        if not self._dragging:
            self._place_sliders()
        self._redraw_pad()
        self.request_decode()
        self.request_traversal()

    def set_probe_images(self, images: np.ndarray) -> None:
        self.probe_images = images
        self.start_item.setImage(mosaic([images], pad=2), levels=(0, 1), autoLevels=False)
        self.start_vb.autoRange(padding=0)

    def show_decoded(self, tag: str, codes: np.ndarray, images: np.ndarray) -> None:
        if tag == "explorer":
            img = images[0]
            self.decoded_item.setImage(img[..., 0] if img.shape[-1] == 1 else img, levels=(0, 1), autoLevels=False)
        elif tag == "traversal":
            n = len(TRAVERSAL_SIGMAS)
            rows = [images[i * n:(i + 1) * n] for i in range(len(images) // n)]
            self.traversal_item.setImage(mosaic(rows, pad=2), levels=(0, 1), autoLevels=False)
            self._label_traversal(images.shape[1])

    # -- requests out -----------------------------------------------------------------------------
    def request_decode(self) -> None:
        if self.dim:
            self.decode_requested.emit(self.z[None].copy(), "explorer")

    def request_traversal(self) -> None:
        if not self.dim or self.tabs.currentWidget() is not self.traversal_tab:
            return  # drawn when its tab is shown: a hidden grid is not worth the training time
        dims = list(range(self.dim))
        if self.dim > MAX_TRAVERSAL_ROWS:  # the most spread-out dimensions say the most
            dims = sorted(np.argsort(-self.std)[:MAX_TRAVERSAL_ROWS].tolist())
        self.traversal_dims = dims
        codes = np.repeat(self.z[None], len(dims) * len(TRAVERSAL_SIGMAS), axis=0)
        for i, d in enumerate(dims):
            rows = slice(i * len(TRAVERSAL_SIGMAS), (i + 1) * len(TRAVERSAL_SIGMAS))
            codes[rows, d] = self.z[d] + TRAVERSAL_SIGMAS * self.std[d]
        self.decode_requested.emit(codes.astype(np.float32), "traversal")

    # -- interaction ------------------------------------------------------------------------------
    def set_code(self, z: np.ndarray) -> None:
        self.user_moved = True
        self.z = np.asarray(z, dtype=np.float32).copy()
        self._place_sliders()
        self._place_target()
        self.request_decode()
        self.request_traversal()

    def centre(self) -> None:
        if self.dim:
            self.set_code(getattr(self, "mean", np.zeros(self.dim, dtype=np.float32)))

    def _value_of(self, d: int, tick: int) -> float:
        return float(self.low[d] + (self.high[d] - self.low[d]) * tick / TICKS)

    def _tick_of(self, d: int, value: float) -> int:
        span = max(float(self.high[d] - self.low[d]), 1e-6)
        return int(np.clip(round((value - self.low[d]) / span * TICKS), 0, TICKS))

    def _place_sliders(self) -> None:
        for d, s in enumerate(self.sliders):
            s.blockSignals(True)
            s.setValue(self._tick_of(d, float(self.z[d])))
            s.blockSignals(False)
            self.value_labels[d].setText(f"{self.z[d]:+.2f}")

    def _on_slider(self, d: int, tick: int) -> None:
        self.user_moved = True
        self.z[d] = self._value_of(d, tick)
        self.value_labels[d].setText(f"{self.z[d]:+.2f}")
        self._place_target()
        self.request_decode()
        if not self._dragging:  # keyboard or a click on the groove: one change, refresh the grid too
            self.request_traversal()

    def _on_slider_released(self) -> None:
        self._dragging = False
        self.request_traversal()

    def _on_start_clicked(self, event) -> None:
        if self.probe_images is None or self.probe_codes is None:
            return
        pos = event.pos()
        cell = cell_at(pos.x(), pos.y(), self.probe_images.shape[1:3], pad=2)
        if cell and cell[0] == 0 and cell[1] < len(self.probe_codes):
            self.set_code(self.probe_codes[cell[1]])
            event.accept()

    def _on_tab_changed(self, _index: int) -> None:
        self._redraw_pad()
        self.request_traversal()

    # -- 2-D pad ----------------------------------------------------------------------------------
    def pad_dims(self) -> tuple[int, int]:
        return max(self.pad_x.currentIndex(), 0), max(self.pad_y.currentIndex(), 0)

    def _redraw_pad(self, *_args) -> None:
        if self.dim < 2 or not hasattr(self, "codes") or self.tabs.currentWidget() is not self.pad_tab:
            return
        dx, dy = self.pad_dims()
        self.pad_scatter.setData(self.codes[:, dx], self.codes[:, dy], brush=label_brushes(self.labels))
        self.pad.setLabel("bottom", f"z{dx}")
        self.pad.setLabel("left", f"z{dy}")
        self._place_target()

    def _place_target(self) -> None:
        if self.dim < 2:
            return
        dx, dy = self.pad_dims()
        self._moving_target = True
        self.pad_target.setPos(float(self.z[dx]), float(self.z[dy]))
        self._moving_target = False

    def _on_target_moved(self) -> None:
        if self._moving_target or self.dim < 2:
            return
        self.user_moved = True
        dx, dy = self.pad_dims()
        p = self.pad_target.pos()
        self.z[dx], self.z[dy] = p.x(), p.y()
        self._place_sliders()
        self.request_decode()

    def _label_traversal(self, h: int) -> None:
        ticks = [(i * (h + 2) + h / 2, f"z{d}") for i, d in enumerate(self.traversal_dims)]
        self.traversal_plot.getAxis("left").setTicks([ticks, []])
        self.traversal_vb.autoRange(padding=0.01)
