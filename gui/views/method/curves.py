"""Measures against the training step in one plot (engine.figures.Curves): a generator's Fréchet
distance as it trains, with the level real images already differ by as a dotted line in the same colour,
so that a number is read against its floor, not alone."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt

from engine import figures as fig
from gui.i18n_engine import engine_tr
from gui.views.method.figure_registry import draws
from gui.views.method.method_figures import TERM_COLOURS, PlotPanel


def _tr(text: str) -> str:
    """The widget's own words in the user's language (gui/translations/, context "Curves")."""
    return QCoreApplication.translate("Curves", text)


@draws(fig.Curves)
class CurvesWidget(PlotPanel):
    def __init__(self, figure: fig.Curves):
        super().__init__(figure)
        self.legend = self.plot.addLegend(offset=(-4, 4), labelTextSize="8pt", brush=pg.mkBrush(255, 255, 255, 210))
        self.plot.showGrid(y=True, alpha=0.2)
        self.plot.getAxis("bottom").setLabel(_tr("step"))
        for side in ("left", "bottom"):  # a share of 0.5 reads 0.5, not "500 (x0.001)"
            self.plot.getAxis(side).enableAutoSIPrefix(False)
        self.lines: list[pg.PlotDataItem] = []
        self.references: list[pg.InfiniteLine] = []
        self._names: list[str] = []
        self.show_figure(figure)

    def aspect(self) -> float:
        return 1.6

    def show_figure(self, figure: fig.Curves) -> None:
        self.figure = figure
        names = [engine_tr(name) for name in figure.series]
        reference_label = engine_tr(figure.reference_label) if figure.reference_label else ""
        if names + [reference_label] != self._names:
            self._make_lines(names, reference_label)
        steps = figure.steps
        span = [float(steps[0]), float(steps[-1])] if len(steps) else []
        for i, (line, ref) in enumerate(zip(self.lines, self.references)):
            values = figure.values[i] if i < len(figure.values) else np.zeros(len(steps))
            keep = np.isfinite(values)
            line.setData(steps[keep], values[keep])
            level = float(figure.references[i]) if i < len(figure.references) else float("nan")
            # A segment over the steps drawn, not an infinite line: it joins auto-range, so the floor stays
            # in view however far above it the curve starts.
            ref.setData(span, [level] * len(span)) if np.isfinite(level) and span else ref.setData([], [])
        self.plot.getAxis("left").setLabel(engine_tr(figure.axis) if figure.axis else "")

    def _make_lines(self, names: list[str], reference_label: str) -> None:
        for item in self.lines + self.references:
            self.legend.removeItem(item)
            self.plot.removeItem(item)
        self.lines, self.references = [], []
        for i, name in enumerate(names):
            colour = TERM_COLOURS[i % len(TERM_COLOURS)]
            line = pg.PlotDataItem(pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=4,
                                   symbolBrush=colour, symbolPen=None, name=name)
            # The dotted level in the series' colour; the legend names it once, after the series.
            ref = pg.PlotDataItem(pen=pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DotLine),
                                  name=reference_label if (reference_label and i == 0) else None)
            self.plot.addItem(line)
            self.plot.addItem(ref)
            self.lines.append(line)
            self.references.append(ref)
        self._names = names + [reference_label]
