"""Loss curves: one per loss term, smoothing, log-y, hover read-out, markers at live changes.

Data arrives in chunks (``LossUpdate``) and is appended to growing numpy buffers (gui/views/loss_series.py);
the curves are redrawn on a timer, at most ``FPS`` times a second, with pyqtgraph's peak downsampling and
clip-to-view, so a run of 100,000 steps draws as fast as one of 100.

It follows the run contract (gui/views/run_view.py) for two runs: run B's curves overlay run A's in the
same plot, dashed, in the same colour per term, and a key above the plot says which run is which.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from gui.views.axis_ticks import spaced_axes
from gui.views.loss_series import LossSeries
from gui.views.run_view import ShownRun, run_label
from gui.widgets.export import ExportMenu


def _tr(text: str) -> str:
    """The Loss view's words in the user's language (gui/translations/, context "LossView")."""
    return QCoreApplication.translate("LossView", text)


FPS = 10
COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"]
LINE_STYLES = {"A": Qt.PenStyle.SolidLine, "B": Qt.PenStyle.DashLine}


def shown_term(name: str) -> str:
    """A loss term's name as the legend shows it. The methods name their terms (engine/methods/), in
    English, and the curves are kept by that name; a term not listed here shows as the method wrote it."""
    return {"loss": _tr("loss"), "kl": "KL", "reconstruction": _tr("reconstruction"),
            "commitment": _tr("commitment"), "invariance": _tr("invariance"), "variance": _tr("variance"),
            "covariance": _tr("covariance"), "on-diagonal": _tr("on-diagonal"),
            "rotation accuracy": _tr("rotation accuracy"), "discriminator loss": _tr("discriminator loss"),
            "generator loss": _tr("generator loss"), "R1 penalty": _tr("R1 penalty"),
            "gradient penalty": _tr("gradient penalty"), "Wasserstein estimate": _tr("Wasserstein estimate"),
            "share of modes covered": _tr("share of modes covered"), "high-quality share": _tr("high-quality share"),
            "adversarial A→B": _tr("adversarial A→B"), "adversarial B→A": _tr("adversarial B→A"),
            "cycle": _tr("cycle"), "identity": _tr("identity"), "discriminators": _tr("discriminators")}.get(name, name)


def param_text(name: str, value: Any) -> str:
    """A live change as the marker writes it: ``beta=4``."""
    return f"{name}={value:g}" if isinstance(value, float) else f"{name}={value}"


class _RunCurves:
    """One slot's run: its data, its (raw, smooth) curve per term, its markers and the run it is."""

    def __init__(self, alpha: float, shown: ShownRun | None = None):
        self.series = LossSeries(alpha)
        self.curves: dict[str, tuple[pg.PlotDataItem, pg.PlotDataItem]] = {}
        self.markers: list[pg.InfiniteLine] = []
        self.shown = shown

    def items(self) -> list:
        return [item for pair in self.curves.values() for item in pair] + self.markers


class LossView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget(axisItems=spaced_axes("bottom", "left"))  # labels never touch in a narrow dock
        self.plot.setBackground("w")
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setLabel("bottom", _tr("step"))
        self.plot.setLabel("left", _tr("loss"))
        self.plot.getAxis("left").enableAutoSIPrefix(False)  # "0.1", not "100 (x0.001)"
        self.legend = self.plot.addLegend(offset=(-10, 10))
        item = self.plot.getPlotItem()
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)

        self.smoothing = QSlider(Qt.Orientation.Horizontal)
        self.smoothing.setRange(0, 99)
        self.smoothing.setValue(60)
        self.smoothing.setToolTip(_tr("Smoothing (exponential moving average); the raw curve shows faintly behind"))
        self.log_y = QCheckBox(_tr("log y"))
        self.readout = QLabel(" ")
        self.readout.setMinimumWidth(200)
        self.run_key = QLabel("")  # which run is solid and which dashed; shown only with two runs
        self.run_key.hide()
        controls = QHBoxLayout()
        controls.addWidget(QLabel(_tr("smoothing")))
        controls.addWidget(self.smoothing, 1)
        controls.addWidget(self.log_y)
        controls.addWidget(ExportMenu(self.plot.getPlotItem(), "loss"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(controls)
        layout.addWidget(self.run_key)
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
        self._runs: dict[str, _RunCurves] = {}
        self.clear()

    def set_presenting(self, on: bool) -> None:
        """Presentation mode (gui/window/presentation.py): the legend in columns, so that in large type
        its entries (each term for A and B) lie across the top of the plot, not down over the curves."""
        self.legend.setColumnCount(3 if on else 1)

    def clear(self) -> None:
        """Forget every run shown: curves, markers, the terms' colours and the zoom."""
        for slot in list(self._runs):
            self._drop(slot)
        self.legend.clear()
        self._colours: dict[str, str] = {}  # term -> colour, shared by the runs: "kl" is one colour in A and B
        self._smoothed_alpha = self._alpha()
        self._runs = {"A": _RunCurves(self._smoothed_alpha)}
        self._dirty = False
        self.readout.setText(" ")
        self._show_run_key()
        # A new run is drawn from scratch: the last run's zoom or range must not frame it. With no item
        # left to fit, pyqtgraph's auto-range keeps the old range (0..250 steps over an empty plot): a
        # neutral one until the first points come, auto-range kept on so that they frame themselves.
        self._reframe()
        self._vline.setVisible(False)

    def _reframe(self) -> None:
        """A neutral range with auto-range on: the curves still drawn (the other run's) frame themselves
        again, and an empty plot shows 0..1 rather than the last run's steps."""
        self.plot.getPlotItem().vb.setRange(xRange=(0, 1), yRange=(0, 1), padding=0, disableAutoRange=False)
        self.plot.enableAutoRange()

    def _drop(self, slot: str) -> None:
        run = self._runs.pop(slot, None)
        for item in run.items() if run is not None else []:
            self.plot.removeItem(item)
        if run is not None:
            for _raw, smooth in run.curves.values():
                self.legend.removeItem(smooth)

    # -- the run contract -------------------------------------------------------------------------
    def begin_run(self, info: Any, slot: str = "A", label: str = "") -> None:
        """``slot`` now shows the run of ``info``: its last run's curves and markers go."""
        if not any(run.shown for s, run in self._runs.items() if s != slot):
            self.clear()  # the only run: colours and legend start afresh, as for a first run
        self._drop(slot)
        self._runs[slot] = _RunCurves(self._smoothed_alpha, ShownRun(info.run_id, label or run_label(info)))
        self.readout.setText(" ")
        # Always reframed, not only for the only run: a lesson starts its B beside the old A, then its A
        # beside the new B, and neither start was "the only run", so the old run's range stayed.
        self._reframe()
        self._show_run_key()

    def receive(self, snap: Any, slot: str = "A") -> bool:
        run = self._runs.get(slot)
        if run is None or run.shown is None or snap.run_id != run.shown.run_id:
            return False  # a run this view does not show there
        kind = type(snap).__name__
        if kind == "LossUpdate":
            self.add(snap.steps, snap.terms, slot)
        elif kind == "ParamChanged":
            self.mark(snap.step, param_text(snap.name, snap.value), slot)
        else:
            return False
        return True

    def end_run(self, slot: str = "A") -> None:
        """``slot`` shows no run any more; A stays as an empty slot, B goes."""
        self._drop(slot)
        if slot == "A":
            self._runs["A"] = _RunCurves(self._smoothed_alpha)
        self._show_run_key()
        self._dirty = True

    def _show_run_key(self) -> None:
        shown = {slot: run.shown for slot, run in self._runs.items() if run.shown is not None}
        if "B" not in shown:
            self.run_key.hide()
            return
        a = shown["A"].label if "A" in shown else _tr("none")
        self.run_key.setText(_tr("━━ solid  A: {0}      ╌╌ dashed  B: {1}").format(a, shown["B"].label))
        self.run_key.show()

    # -- data in ----------------------------------------------------------------------------------
    def add(self, steps: np.ndarray, terms: dict[str, np.ndarray], slot: str = "A") -> None:
        run = self._runs[slot]
        for name in run.series.add(steps, terms):
            self._add_curve(run, slot, name)
        self._dirty = True

    def _alpha(self) -> float:
        return max(1.0 - self.smoothing.value() / 100.0, 0.002)

    def _on_smoothing(self, _value: int) -> None:
        self._smoothed_alpha = self._alpha()
        for run in self._runs.values():
            run.series.resmooth(self._smoothed_alpha)
        self._dirty = True

    def mark(self, step: int, text: str, slot: str = "A") -> None:
        """A vertical marker where a live hyper-parameter changed, its label written down along it.

        The label hangs from near the top of the plot (its end at the top, reading upwards) so that
        all of it lies inside the plot; anchored at its start it ran out of the top ("be" for beta).
        """
        if slot != "A":
            text = f"{slot}: {text}"
        line = pg.InfiniteLine(pos=step, angle=90, pen=pg.mkPen("#888", width=1, style=Qt.PenStyle.DashLine),
                               label=text, labelOpts={"position": 0.97, "color": "#444", "rotateAxis": (1, 0),
                                                      "anchors": [(1, 0), (1, 0)], "fill": (255, 255, 255, 200)})
        self.plot.addItem(line, ignoreBounds=True)
        self._runs[slot].markers.append(line)

    @property
    def _markers(self) -> list[pg.InfiniteLine]:
        return [line for run in self._runs.values() for line in run.markers]

    def _add_curve(self, run: _RunCurves, slot: str, name: str) -> None:
        colour = self._colours.setdefault(name, COLOURS[len(self._colours) % len(COLOURS)])
        style = LINE_STYLES.get(slot, Qt.PenStyle.DashLine)
        legend_name = shown_term(name) if slot == "A" else f"{shown_term(name)} ({slot})"
        raw = pg.PlotDataItem(pen=pg.mkPen(colour + "40", width=1, style=style))
        smooth = pg.PlotDataItem(pen=pg.mkPen(colour, width=2, style=style), name=legend_name)
        for item in (raw, smooth):
            item.setDownsampling(auto=True, method="peak")
            # pyqtgraph draws ~5 samples a pixel by default; peak mode already keeps each pixel's min
            # and max, so 1 is enough and paints a 100,000-step curve several times faster.
            item.opts["autoDownsampleFactor"] = 1.0
            item.setClipToView(True)
            self.plot.addItem(item)
        # The legend toggles a term: hiding the smooth curve hides its raw shadow with it.
        smooth.visibleChanged.connect(lambda: raw.setVisible(smooth.isVisible()))
        run.curves[name] = (raw, smooth)

    def _on_log_y(self, on: bool) -> None:
        self.plot.setLogMode(y=on)
        self._dirty = True

    def _redraw(self) -> None:
        if not self._dirty or not self.isVisible():
            return
        self._dirty = False
        started = time.perf_counter()
        log_y = self.log_y.isChecked()
        for run in self._runs.values():
            x = run.series.steps.view()
            for name, (raw, smooth) in run.curves.items():
                y, ys = run.series.values[name].view(), run.series.smooth[name].view()
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
        a = self._runs["A"].series if "A" in self._runs else None
        if not self.plot.sceneBoundingRect().contains(pos) or a is None or a.steps.n == 0:
            self._vline.setVisible(False)
            return
        step = vb.mapSceneToView(pos).x()
        at, values = a.value_at(step)
        self._vline.setPos(at)
        self._vline.setVisible(True)
        parts = [_tr("step {0}").format(at)] + [f"{shown_term(n)} {v:.4g}" for n, v in values.items()]
        for slot, run in self._runs.items():
            other = run.series.value_at(step) if slot != "A" else None
            if other is not None:
                parts.append(f"· {slot}: " + "  ".join(f"{shown_term(n)} {v:.4g}" for n, v in other[1].items()))
        self.readout.setText("   ".join(parts))

    def term_names(self, slot: str = "A") -> list[str]:
        run = self._runs.get(slot)
        return list(run.series.values) if run is not None else []

    def n_points(self, slot: str = "A") -> int:
        run = self._runs.get(slot)
        return run.series.steps.n if run is not None else 0

    def curve(self, name: str, slot: str = "A") -> pg.PlotDataItem | None:
        """The smoothed curve of term ``name`` in ``slot`` (None when that run has no such term)."""
        run = self._runs.get(slot)
        pair = run.curves.get(name) if run is not None else None
        return pair[1] if pair is not None else None
