"""Histograms drawn over one another in one plot (engine.figures.Histograms): a discriminator's scores
of real images and of generated ones as two filled steps, so that where they overlap shows at a glance
(two bar charts side by side, each on its own scale, did not show it)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from engine import figures as fig
from gui.i18n_engine import engine_tr
from gui.views.method.figure_registry import draws
from gui.views.method.method_figures import TERM_COLOURS, PlotPanel


def _tr(text: str) -> str:
    """The widget's own words in the user's language (gui/translations/, context "Histograms")."""
    return QCoreApplication.translate("Histograms", text)


@draws(fig.Histograms)
class HistogramsWidget(PlotPanel):
    def __init__(self, figure: fig.Histograms):
        super().__init__(figure)
        # On a white see-through ground: in a narrow pane the legend lies over the steps and stays readable.
        self.legend = self.plot.addLegend(offset=(-4, 4), labelTextSize="8pt", brush=pg.mkBrush(255, 255, 255, 210))
        self.steps: list[pg.PlotDataItem] = []
        self.plot.getAxis("left").setLabel(_tr("count"))
        self.show_figure(figure)

    def aspect(self) -> float:
        return 1.6

    def show_figure(self, figure: fig.Histograms) -> None:
        self.figure = figure
        names = [engine_tr(name) for name in figure.series]
        if len(self.steps) != len(names) or [self.legend.getLabel(s).text for s in self.steps] != names:
            self._make_steps(names)
        counts = np.nan_to_num(figure.counts, nan=0.0, posinf=0.0, neginf=0.0)
        for step, row in zip(self.steps, counts):
            step.setData(figure.edges, row)  # stepMode "center": len(x) == len(y) + 1
        self.plot.getAxis("bottom").setLabel(engine_tr(figure.axis) if figure.axis else "")

    def _make_steps(self, names: list[str]) -> None:
        for step in self.steps:
            self.legend.removeItem(step)
            self.plot.removeItem(step)
        self.steps = []
        for i, name in enumerate(names):
            colour = pg.mkColor(TERM_COLOURS[i % len(TERM_COLOURS)])
            fill = pg.mkColor(colour)
            fill.setAlpha(90)  # see-through: the overlap of two series shows as their mix
            step = pg.PlotDataItem(stepMode="center", fillLevel=0, fillOutline=True, brush=fill,
                                   pen=pg.mkPen(colour, width=2), name=name)
            self.plot.addItem(step)
            self.steps.append(step)
