"""Loss curves: one per loss term, smoothing, log-y, hover read-out, markers at live changes.

Data arrives in chunks (``LossUpdate``) and is appended to growing numpy buffers; the curves are redrawn
on a timer, at most ``FPS`` times a second, with pyqtgraph's peak downsampling and clip-to-view, so a
run of 100,000 steps draws as fast as one of 100.
"""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from gui.widgets.export import ExportMenu

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


def ema_continue(values: np.ndarray, alpha: float, state: tuple[float, int]) -> tuple[np.ndarray, tuple[float, int]]:
    """Continue a bias-corrected exponential moving average over new values.

    ``state`` is (last raw average, number of finite values averaged so far); starting from (0, 0) the
    first points are not dragged towards 0. Non-finite values (a term that starts late) stay NaN and
    leave the average where it was. Returns the smoothed values and the new state.
    """
    from scipy.signal import lfilter

    out = np.full(len(values), np.nan)
    finite = np.isfinite(values)
    last, count = state
    if finite.any():
        x = values[finite]
        y, _ = lfilter([alpha], [1, alpha - 1], x, zi=[(1 - alpha) * last])
        t = count + np.arange(1, len(x) + 1)
        out[finite] = y / (1 - (1 - alpha) ** t)
        last, count = float(y[-1]), int(t[-1])
    return out, (last, count)


class LossView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget()
        self.plot.setBackground("w")
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setLabel("bottom", "step")
        self.plot.setLabel("left", "loss")
        self.plot.getAxis("left").enableAutoSIPrefix(False)  # "0.1", not "100 (x0.001)"
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

        self.smoothing.valueChanged.connect(self._on_smoothing)
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
        self._smooth: dict[str, _Buffer] = {}  # smoothed values, extended as data arrives
        self._ema_state: dict[str, tuple[float, int]] = {}
        self._smoothed_alpha = self._alpha()
        self._curves: dict[str, tuple[pg.PlotDataItem, pg.PlotDataItem]] = {}
        self._markers: list[pg.InfiniteLine] = []
        self._dirty = False
        self.readout.setText(" ")
        # A new run is drawn from scratch: the last run's zoom or range must not frame it.
        self.plot.enableAutoRange()
        self._vline.setVisible(False)

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
            self._extend_smooth(name, self._values[name].view()[-len(values):])
        self._dirty = True

    def _alpha(self) -> float:
        return max(1.0 - self.smoothing.value() / 100.0, 0.002)

    def _extend_smooth(self, name: str, values: np.ndarray) -> None:
        """Smooth only what is new: at 100,000 steps recomputing the average each frame cost 15 ms."""
        if name not in self._smooth:
            self._smooth[name] = _Buffer()
            self._ema_state[name] = (0.0, 0)
            head = self._values[name].n - len(values)
            if head:
                self._smooth[name].extend(np.full(head, np.nan))
        smoothed, self._ema_state[name] = ema_continue(values, self._smoothed_alpha, self._ema_state[name])
        self._smooth[name].extend(smoothed)

    def _on_smoothing(self, _value: int) -> None:
        self._smoothed_alpha = self._alpha()
        self._smooth.clear()
        self._ema_state.clear()
        for name, buf in self._values.items():
            self._extend_smooth(name, buf.view())
        self._dirty = True

    def mark(self, step: int, text: str) -> None:
        """A vertical marker where a live hyper-parameter changed, its label written down along it.

        The label hangs from near the top of the plot (its end at the top, reading upwards) so that
        all of it lies inside the plot; anchored at its start it ran out of the top ("be" for beta).
        """
        line = pg.InfiniteLine(pos=step, angle=90, pen=pg.mkPen("#888", width=1, style=Qt.PenStyle.DashLine),
                               label=text, labelOpts={"position": 0.97, "color": "#444", "rotateAxis": (1, 0),
                                                      "anchors": [(1, 0), (1, 0)], "fill": (255, 255, 255, 200)})
        self.plot.addItem(line, ignoreBounds=True)
        self._markers.append(line)

    def _add_curve(self, name: str) -> None:
        colour = COLOURS[len(self._curves) % len(COLOURS)]
        raw = pg.PlotDataItem(pen=pg.mkPen(colour + "40", width=1))
        smooth = pg.PlotDataItem(pen=pg.mkPen(colour, width=2), name=name)
        for item in (raw, smooth):
            item.setDownsampling(auto=True, method="peak")
            # pyqtgraph draws ~5 samples a pixel by default; peak mode already keeps each pixel's min
            # and max, so 1 is enough and paints a 100,000-step curve several times faster.
            item.opts["autoDownsampleFactor"] = 1.0
            item.setClipToView(True)
            self.plot.addItem(item)
        # The legend toggles a term: hiding the smooth curve hides its raw shadow with it.
        smooth.visibleChanged.connect(lambda: raw.setVisible(smooth.isVisible()))
        self._curves[name] = (raw, smooth)

    def _on_log_y(self, on: bool) -> None:
        self.plot.setLogMode(y=on)
        self._dirty = True

    def _redraw(self) -> None:
        if not self._dirty or not self.isVisible():
            return
        self._dirty = False
        started = time.perf_counter()
        x = self._steps.view()
        log_y = self.log_y.isChecked()
        for name, (raw, smooth) in self._curves.items():
            y, ys = self._values[name].view(), self._smooth[name].view()
            if log_y:  # the log of a non-positive value is not drawable
                y, ys = np.where(y > 0, y, np.nan), np.where(ys > 0, ys, np.nan)
            raw.setData(x, y, connect="finite")
            smooth.setData(x, ys, connect="finite")
        # Long runs cost more to draw: keep drawing under a fifth of the GUI thread's time.
        spent_ms = (time.perf_counter() - started) * 1e3
        self._timer.setInterval(int(min(1000, max(1000 // FPS, 5 * spent_ms))))

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
