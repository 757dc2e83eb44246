"""Representation quality against the step: probe accuracies with their baselines, collapse gauges,
and the singular-value spectrum, with a warning that cannot be missed when the embeddings collapse."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui.widgets.export import ExportMenu
from gui.views.method.method_figures import FreeWidthLabel

SCORES = {"knn": ("kNN accuracy", "#1f77b4"), "linear": ("linear probe", "#ff7f0e"),
          "nmi": ("k-means NMI", "#2ca02c"), "ari": ("k-means ARI", "#9467bd")}
SHORT = {"knn": "kNN", "linear": "linear", "nmi": "NMI", "ari": "ARI",  # the legend must fit 450 px
         "pixels": "pixels", "random": "random net"}
BASELINES = {"pixels": ("raw pixels", Qt.PenStyle.DashLine), "random": ("random encoder", Qt.PenStyle.DotLine)}
BASELINE_SAMPLES = {"pixels": "╌╌", "random": "┈┈"}  # how the legend draws a dashed and a dotted line
TITLE = '<span style="font-size:9pt">{}</span>'  # small titles leave the plots their height
WAITING = ("Probes appear after the first embeddings: kNN and a linear probe fit on training images and "
           "scored on held-out ones.")


def legend_html(baselines) -> str:
    """The legend as one line of text above the plots: it is always shown and never covers a curve."""
    parts = [f'<span style="color:{colour}">━━</span>&nbsp;{SHORT[key]}' for key, (_, colour) in SCORES.items()]
    parts += [f'<span style="color:#444">{BASELINE_SAMPLES[kind]}</span>&nbsp;{SHORT[kind]}' for kind in baselines]
    return "&nbsp;&nbsp; ".join(parts)


class MetricsView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setBackground("w")
        # The legend is a row of its own above a 2 x 2 grid of plots: readable in a dock of half the
        # window's height, and exported with the plots.
        self.legend = FreeWidthLabel(legend_html({}), size="8pt", color="#222")
        self.canvas.addItem(self.legend, row=0, col=0, colspan=2)
        plot = self.canvas.addPlot
        # No axis labels ("step" under three plots, "index" under the spectrum): in a low dock they
        # cost each row of plots a fifth of its height; the canvas's tooltip names the axes.
        self.scores_plot = plot(row=1, col=0, title=TITLE.format("probes on held-out images"))
        self.scores_plot.showGrid(y=True, alpha=0.2)
        self.spectrum_plot = plot(row=1, col=1, title=TITLE.format("singular values (log)"))
        self.std_plot = plot(row=2, col=0, title=TITLE.format("std of normalised embeddings"))
        self.rank_plot = plot(row=2, col=1, title=TITLE.format("effective rank"))
        self.spectrum_plot.setLogMode(y=True)
        self.canvas.setToolTip("x axes: the training step; for the singular values, their index, largest first")

        self.warning = QLabel("")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("background: #fde2e1; color: #5a1a14; padding: 4px;")
        self.warning.hide()
        self.summary = QLabel(WAITING)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: gray")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(ExportMenu(self.canvas.ci, "metrics"))  # the whole view: legend and four plots
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.warning)
        layout.addLayout(top)
        layout.addWidget(self.canvas, 1)
        self.clear()

    def clear(self) -> None:
        """Forget the run shown: curves, baselines, header, warning, and the axes' ranges."""
        for plot in (self.scores_plot, self.std_plot, self.rank_plot, self.spectrum_plot):
            plot.clear()
            plot.enableAutoRange()
        self.scores_plot.setYRange(0, 1)
        self.summary.setText(WAITING)
        self.legend.setText(legend_html({}))
        self.history: dict[str, list[tuple[int, float]]] = {}
        self.curves = {k: self.scores_plot.plot(pen=pg.mkPen(c, width=2), symbol="o", symbolSize=4,
                                                symbolBrush=c, name=name) for k, (name, c) in SCORES.items()}
        self.std_curve = self.std_plot.plot(pen=pg.mkPen("#1f77b4", width=2), symbol="o", symbolSize=4)
        self.std_ref = pg.InfiniteLine(angle=0, pen=pg.mkPen("#888", style=Qt.PenStyle.DashLine),
                                       label="1/√d", labelOpts={"position": 0.05, "color": "#555"})
        self.std_plot.addItem(self.std_ref)
        self.rank_curve = self.rank_plot.plot(pen=pg.mkPen("#d62728", width=2), symbol="o", symbolSize=4)
        self.spectrum = self.spectrum_plot.plot(pen=pg.mkPen("#555", width=2))
        self.baselines: dict[str, dict[str, float]] = {}
        self.baseline_lines: list[pg.InfiniteLine] = []
        self.warning.hide()
        self.last: dict[str, float] = {}

    def add(self, step: int, kind: str, scores: dict[str, float], singular_values: np.ndarray, warning: str) -> None:
        if kind != "model":
            self.baselines[kind] = scores
            self._draw_baselines()
            return
        self.last = scores
        for key in list(SCORES) + ["std", "effective_rank"]:
            self.history.setdefault(key, []).append((step, scores[key]))
        for key, curve in self.curves.items():
            steps, values = zip(*self.history[key])
            curve.setData(steps, values)
        self.std_curve.setData(*zip(*self.history["std"]))
        self.std_ref.setPos(scores["std_reference"])
        self.rank_curve.setData(*zip(*self.history["effective_rank"]))
        s = np.maximum(singular_values, 1e-12)
        self.spectrum.setData(np.arange(1, len(s) + 1), s)
        if warning:
            self.warning.setText("⚠ " + warning)
            self.warning.show()
        else:
            self.warning.hide()
        self._summarise()

    def _draw_baselines(self) -> None:
        """Reference lines: dashed for raw pixels, dotted for a random encoder, in the probe's colour."""
        for line in self.baseline_lines:
            self.scores_plot.removeItem(line)
        self.baseline_lines = []
        for kind, scores in self.baselines.items():
            style = BASELINES[kind][1]
            for key in ("knn", "linear"):
                line = pg.InfiniteLine(pos=scores[key], angle=0, pen=pg.mkPen(SCORES[key][1], width=1, style=style))
                self.scores_plot.addItem(line)
                self.baseline_lines.append(line)
        self.legend.setText(legend_html(self.baselines))
        self._summarise()

    def _summarise(self) -> None:
        if not self.last:
            return
        parts = [f"kNN {self.last['knn']:.1%}", f"linear {self.last['linear']:.1%}", f"NMI {self.last['nmi']:.2f}",
                 f"effective rank {self.last['effective_rank']:.1f}"]
        for kind, scores in self.baselines.items():
            parts.append(f"{BASELINES[kind][0]}: kNN {scores['knn']:.1%}, linear {scores['linear']:.1%}")
        self.summary.setText(" · ".join(parts))
