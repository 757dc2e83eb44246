"""Loss curves: one per loss term, smoothing, log-y, hover read-out, markers at live changes.

Data arrives in chunks (``LossUpdate``) and is appended to growing numpy buffers; the curves are redrawn
on a timer, at most ``FPS`` times a second, with pyqtgraph's peak downsampling and clip-to-view, so a
run of 100,000 steps draws as fast as one of 100.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from gui.views.export import ExportMenu

FPS = 10
COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"]


class _Buffer:
    """An append-only float array that doubles its capacity, so appends are amortised O(1)."""

    def __init__(self):
        self.data = np.empty(1024, dtype=np.float64)
        self.n = 0

    def extend(self, values: np.ndarray) -> None:
        need = self.n + len(values)
        if need > len(self.data):
            grown = np.empty(max(need, 2 * len(self.data)), dtype=np.float64)
            grown[: self.n] = self.data[: self.n]
            self.data = grown
        self.data[self.n:need] = values
        self.n = need

    def view(self) -> np.ndarray:
        return self.data[: self.n]


def ema(values: np.ndarray, alpha: float) -> np.ndarray:
    """Exponential moving average with bias correction (the first points are not dragged to 0)."""
    if alpha >= 1.0 or len(values) == 0:
        return values
    from scipy.signal import lfilter

    smoothed = lfilter([alpha], [1, alpha - 1], values)
    correction = 1 - (1 - alpha) ** np.arange(1, len(values) + 1)
    return smoothed / correction


class LossView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget()
        self.plot.setBackground("w")
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setLabel("bottom", "step")
        self.plot.setLabel("left", "loss")
        self.legend = self.plot.addLegend(offset=(-10, 10))
        item = self.plot.getPlotItem()
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)

        self.smoothing = QSlider(Qt.Orientation.Horizontal)
        self.smoothing.setRange(0, 99)
        self.smoothing.setValue(60)
        self.smoothing.setToolTip("Smoothing (exponential moving average); the raw curve shows faintly behind")
        self.log_y = QCheckBox("log y")
        self.readout = QLabel(" ")
        self.readout.setMinimumWidth(200)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("smoothing"))
        controls.addWidget(self.smoothing, 1)
        controls.addWidget(self.log_y)
        controls.addWidget(ExportMenu(self.plot.getPlotItem(), "loss"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(controls)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.readout)

        self.smoothing.valueChanged.connect(self._mark_dirty)
        self.log_y.toggled.connect(self._on_log_y)
        self._hover = pg.SignalProxy(self.plot.scene().sigMouseMoved, rateLimit=30, slot=self._on_mouse_moved)
        self._vline = pg.InfiniteLine(angle=90, pen=pg.mkPen("#999", style=Qt.PenStyle.DotLine))
        self._vline.setVisible(False)
        self.plot.addItem(self._vline, ignoreBounds=True)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._redraw)
        self._timer.start(1000 // FPS)
        self.clear()

    def clear(self) -> None:
        for curve in getattr(self, "_curves", {}).values():
            self.plot.removeItem(curve[0])
            self.plot.removeItem(curve[1])
        for marker in getattr(self, "_markers", []):
            self.plot.removeItem(marker)
        self.legend.clear()
        self._steps = _Buffer()
        self._values: dict[str, _Buffer] = {}
        self._curves: dict[str, tuple[pg.PlotDataItem, pg.PlotDataItem]] = {}
        self._markers: list[pg.InfiniteLine] = []
        self._dirty = False
        self.readout.setText(" ")

    # -- data in ----------------------------------------------------------------------------------
    def add(self, steps: np.ndarray, terms: dict[str, np.ndarray]) -> None:
        self._steps.extend(steps)
        for name, values in terms.items():
            if name not in self._values:
                self._values[name] = _Buffer()
                if self._steps.n > len(steps):  # a term that appears late starts with gaps
                    self._values[name].extend(np.full(self._steps.n - len(steps), np.nan))
                self._add_curve(name)
            self._values[name].extend(values)
        self._dirty = True

    def mark(self, step: int, text: str) -> None:
        """A vertical marker where a live hyper-parameter changed."""
        line = pg.InfiniteLine(pos=step, angle=90, pen=pg.mkPen("#888", width=1, style=Qt.PenStyle.DashLine),
                               label=text, labelOpts={"position": 0.92, "color": "#555", "rotateAxis": (1, 0),
                                                      "anchors": [(0, 0), (0, 0)]})
        self.plot.addItem(line, ignoreBounds=True)
        self._markers.append(line)

    def _add_curve(self, name: str) -> None:
        colour = COLOURS[len(self._curves) % len(COLOURS)]
        raw = pg.PlotDataItem(pen=pg.mkPen(colour + "40", width=1))
        smooth = pg.PlotDataItem(pen=pg.mkPen(colour, width=2), name=name)
        for item in (raw, smooth):
            item.setDownsampling(auto=True, method="peak")
            item.setClipToView(True)
            self.plot.addItem(item)
        # The legend toggles a term: hiding the smooth curve hides its raw shadow with it.
        smooth.visibleChanged.connect(lambda: raw.setVisible(smooth.isVisible()))
        self._curves[name] = (raw, smooth)

    def _mark_dirty(self, *_args) -> None:
        self._dirty = True

    def _on_log_y(self, on: bool) -> None:
        self.plot.setLogMode(y=on)
        self._dirty = True

    def _redraw(self) -> None:
        if not self._dirty or not self.isVisible():
            return
        self._dirty = False
        x = self._steps.view()
        alpha = 1.0 - self.smoothing.value() / 100.0
        alpha = max(alpha, 0.002)
        for name, (raw, smooth) in self._curves.items():
            y = self._values[name].view()
            if self.log_y.isChecked():
                y = np.where(y > 0, y, np.nan)  # log of a non-positive term is not drawable
            raw.setData(x, y, connect="finite")
            smooth.setData(x, ema(np.nan_to_num(y, nan=np.nanmean(y) if np.isfinite(y).any() else 0.0), alpha),
                           connect="finite")

    # -- hover read-out ---------------------------------------------------------------------------
    def _on_mouse_moved(self, event) -> None:
        pos = event[0]
        vb = self.plot.getPlotItem().vb
        if not self.plot.sceneBoundingRect().contains(pos) or self._steps.n == 0:
            self._vline.setVisible(False)
            return
        step = vb.mapSceneToView(pos).x()
        x = self._steps.view()
        i = int(np.clip(np.searchsorted(x, step), 0, len(x) - 1))
        self._vline.setPos(x[i])
        self._vline.setVisible(True)
        parts = [f"step {int(x[i])}"] + [f"{n} {self._values[n].view()[i]:.4g}" for n in self._values]
        self.readout.setText("   ".join(parts))

    def term_names(self) -> list[str]:
        return list(self._values)

    def n_points(self) -> int:
        return self._steps.n
