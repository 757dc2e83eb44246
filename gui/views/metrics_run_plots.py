"""One run's curves in the Metrics view's four plots (gui/views/metrics_view.py): made once per slot and
reused for every run that slot shows."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt

from gui.views.metrics_text import SCORES
from gui.views.run_view import ShownRun


def _tr(text: str) -> str:
    """The Metrics view's words in the user's language (gui/translations/, context "MetricsView")."""
    return QCoreApplication.translate("MetricsView", text)


RUN_STYLES = {"A": Qt.PenStyle.SolidLine, "B": Qt.PenStyle.DashLine}


def shown_score(key: str) -> str:
    return {"knn": _tr("kNN accuracy"), "linear": _tr("linear probe"), "nmi": _tr("k-means NMI"),
            "ari": _tr("k-means ARI")}[key]


class _RunPlots:
    """One slot's run in the four plots: its history, curves, baselines and last scores.

    A slot's plot items are made once and kept (MetricsView._plots_of): a new run empties and shows them,
    an ended one empties and hides them. Making them afresh for every run (eight pyqtgraph items, their
    scene bookkeeping, a labelled line) took 50-100 ms of the GUI thread on a busy machine at every
    switch, Reset and lesson start."""

    def __init__(self, view: Any, slot: str):  # view: the MetricsView (its four plots)
        self.slot = slot
        style = RUN_STYLES.get(slot, Qt.PenStyle.DashLine)
        symbol = "o" if slot == "A" else "t1"  # a triangle pointing up, as the legend draws it

        def pen(colour):
            return pg.mkPen(colour, width=2, style=style)

        self.curves = {k: view.scores_plot.plot(pen=pen(c), symbol=symbol, symbolSize=4, symbolBrush=c,
                                                name=shown_score(k))
                       for k, (_, c) in SCORES.items()}
        self.std_curve = view.std_plot.plot(pen=pen("#1f77b4"), symbol=symbol, symbolSize=4)
        # A's label on one side of the line and B's on the other, both from the left end rightwards (not cut):
        # at 0.05 and 0.3 of the width they ran into each other in a narrow plot, where both runs' lines
        # lie at the same height (the same d).
        a = slot == "A"
        self.std_ref = pg.InfiniteLine(angle=0, pen=pg.mkPen("#888", style=Qt.PenStyle.DashLine),
                                       label="1/√d" if a else f"1/√d ({slot})",
                                       labelOpts={"position": 0.02, "color": "#555",
                                                  "anchors": [(0, 0), (0, 1)] if a else [(0, 1), (0, 0)]})
        view.std_plot.addItem(self.std_ref)
        self.rank_curve = view.rank_plot.plot(pen=pen("#d62728"), symbol=symbol, symbolSize=4)
        self.spectrum = view.spectrum_plot.plot(pen=pen("#555"))
        self.baseline_lines: list[pg.InfiniteLine] = []
        self.reset(None)

    @property
    def items(self) -> list[pg.GraphicsObject]:
        return [*self.curves.values(), self.std_curve, self.std_ref, self.rank_curve, self.spectrum]

    def reset(self, shown: ShownRun | None) -> None:
        """Empty, and showing ``shown`` from now on (None: no run yet)."""
        self.shown = shown
        self.history: dict[str, list[tuple[int, float]]] = {}
        self.baselines: dict[str, dict[str, float]] = {}
        self.last: dict[str, float] = {}
        self.warning = ""
        for item in self.items:
            if isinstance(item, pg.PlotDataItem):
                item.setData([], [])
        self.std_ref.setPos(0)

    def set_visible(self, visible: bool) -> None:
        for item in self.items:
            item.setVisible(visible)
