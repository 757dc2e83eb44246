"""Representation quality against the step: probe accuracies with their baselines, collapse gauges,
and the singular-value spectrum, with a warning that cannot be missed when the embeddings collapse.

It follows the run contract (gui/views/run_view.py) for two runs: run B's curves overlay run A's in the
same plots, dashed, in the same colour per score, and the legend says which run is which.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui.widgets.export import ExportMenu
from gui.views.axis_ticks import spaced_axes
from gui.views.fitted_titles import FittedTitles
from gui.views.metrics_text import (NO_SUMMARY, ONE_LINE, SCORES, SHORT, WHOLE, legend_html,  # noqa: F401
                                    one_line_each, plots_in_a_row, short_summary, summary, text_level,
                                    title_row_height, warning_lines)  # SHORT: the tests read the legend's names here
from gui.views.method.method_figures import FreeWidthLabel
from gui.views.metrics_run_plots import _RunPlots
from gui.views.run_view import ShownRun, run_label


def _tr(text: str) -> str:
    """The Metrics view's words in the user's language (gui/translations/, context "MetricsView")."""
    return QCoreApplication.translate("MetricsView", text)


BASELINES = {"pixels": ("raw pixels", Qt.PenStyle.DashLine), "random": ("random encoder", Qt.PenStyle.DotLine)}
TITLE = '<span style="font-size:9pt">{}</span>'  # small titles leave the plots their height
WAITING = ("Probes appear after the first embeddings: kNN and a linear probe fit on training images and "
           "scored on held-out ones.")
# The English names above are the keys; metrics_run_plots.shown_score is what the plots show.


class MetricsView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setBackground("w")
        # The legend is a row of its own above a 2 x 2 grid of plots: readable in a dock of half the
        # window's height, and exported with the plots.
        self.legend = FreeWidthLabel(legend_html({}), size="8pt", color="#222")
        self.canvas.addItem(self.legend, row=0, col=0, colspan=2)
        def plot(**kwargs):  # labels that never touch, in a row of four narrow plots (gui/views/axis_ticks.py)
            return self.canvas.addPlot(axisItems=spaced_axes("bottom", "left"), **kwargs)
        # No axis labels ("step" under three plots, "index" under the spectrum): in a low dock they
        # cost each row of plots a fifth of its height; the canvas's tooltip names the axes.
        self.scores_plot = plot(row=1, col=0, title=TITLE.format(_tr("probes on held-out images")))
        self.scores_plot.showGrid(y=True, alpha=0.2)
        self.spectrum_plot = plot(row=1, col=1, title=TITLE.format(_tr("singular values (log)")))
        self.std_plot = plot(row=2, col=0, title=TITLE.format(_tr("std of normalised embeddings")))
        self.rank_plot = plot(row=2, col=1, title=TITLE.format(_tr("effective rank")))
        self.spectrum_plot.setLogMode(y=True)
        self.titles = FittedTitles([self.scores_plot, self.spectrum_plot, self.std_plot, self.rank_plot])
        self.canvas.setToolTip(_tr("x axes: the training step; for the singular values, their index, largest first"))

        self.warning = QLabel("")
        self.warning.setStyleSheet("background: #fde2e1; color: #5a1a14; padding: 4px;")
        self.warning.hide()
        self.summary = QLabel(_tr(WAITING))
        self.summary.setStyleSheet("color: gray")
        self.export = ExportMenu(self.canvas.ci, "metrics")  # the whole view: legend and four plots
        self.warning_row, self.summary_row = QHBoxLayout(), QHBoxLayout()  # Export: beside the summary, or
        self.warning_row.addWidget(self.warning, 1)  # beside the warning when the summary has no room
        self.summary_row.addWidget(self.summary, 1)
        self.summary_row.addWidget(self.export)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(self.warning_row)
        layout.addLayout(self.summary_row)
        layout.addWidget(self.canvas, 1)
        self._in_a_row, self.presenting = False, False  # presenting: the warning and the summary one line each
        self.level = WHOLE  # the text's form (gui/views/metrics_text.py): whole, one line each, no summary
        self._texts = {self.warning: "", self.summary: ""}  # the labels' whole texts
        [(label.setWordWrap(True), label.setMinimumWidth(1)) for label in self._texts]  # a cut line: not the width
        self.canvas.installEventFilter(self)  # its height changes when the warning shows, not only the view's
        self._kept: dict[str, _RunPlots] = {}  # each slot's plot items, made once (see _RunPlots)
        self.runs: dict[str, _RunPlots] = {}  # the slots shown, A first
        self.clear()

    # -- the plots' arrangement -------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if obj is self.canvas and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self._arrange)  # not inside the canvas's resize: pyqtgraph crashed
        return False

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_lines()

    def set_presenting(self, on: bool) -> None:
        """Presentation mode (gui/window/presentation.py): the warning and the summary one line each, cut
        to the view's width, their whole text in the tooltip; the plots get the height; titles cut with "…"."""
        self.presenting = on
        self._arrange()

    def _fit_lines(self) -> None:
        """The warning and the summary whole and wrapped, or, where the plots would have too little
        height left (and while presenting), one line per run, cut, the whole in the tooltip; in a still
        lower view the summary goes (into the warning's tooltip) and the warning stays."""
        margins, font_metrics = self.layout().contentsMargins(), self.warning.fontMetrics()
        room = self.height() - margins.top() - margins.bottom() - self.legend.item.boundingRect().height() - 8
        warning, summary_text = self._texts[self.warning], self._texts[self.summary]
        self.level = text_level(font_metrics, self.width() - 4, room, warning, summary_text, self.export.sizeHint(),
                                self.layout().spacing(), ONE_LINE if self.presenting else WHOLE)
        beside, away = (self.warning_row, self.summary_row)[::1 if self.level == NO_SUMMARY else -1]
        if beside.indexOf(self.export) < 0:
            away.removeWidget(self.export)
            beside.addWidget(self.export)
        for label, text in self._texts.items():
            beside_export = (label is self.summary) != (self.level == NO_SUMMARY)
            width = max(self.width() - (self.export.sizeHint().width() + 20 if beside_export else 16), 40)
            shown = text if self.level == WHOLE else one_line_each(label.fontMetrics(), text, width)
            label.setWordWrap(self.level == WHOLE)
            label.setText(shown)
            label.setToolTip(text if shown != text else "")
        self.summary.setVisible(self.level != NO_SUMMARY)
        if self.level == NO_SUMMARY:
            self.warning.setToolTip(f"{warning}\n\n{summary_text}")

    def fit_to_size(self) -> bool:
        """The text and the plots' arrangement for the view's size now (presentation mode settles the window
        with it, rather than waiting for the canvas's next resize); whether either changed."""
        before = (self._in_a_row, self.level)
        self._fit_lines()
        self._arrange()
        return (self._in_a_row, self.level) != before

    def _arrange(self) -> None:
        """A 2 x 2 grid, or the four plots in one row, whichever leaves each plot's shorter side the
        longer (a low dock across a projector, where two rows of plots had no height left to draw in)."""
        size, plots = self.canvas.size(), [self.scores_plot, self.spectrum_plot, self.std_plot, self.rank_plot]
        # pyqtgraph gives a title 30 pixels whatever its type; as high as its type, the rest is the plot's
        title = 30 if self.presenting else title_row_height(self.titles.drawn_font(self.titles.whole[self.scores_plot]))
        in_a_row = plots_in_a_row(size, self.legend.item.boundingRect().height(), title,
                                  self.scores_plot.getAxis("bottom").height(),
                                  max(p.getAxis("left").width() for p in plots), self.fontMetrics().height())
        self._refresh_text()  # the legend on one line or two, the cut lines: they follow the width too
        self.titles.fit(size.width() / (4 if in_a_row else 2) - 4 if self.presenting or in_a_row else None)
        for plot in plots:
            plot.layout.setRowFixedHeight(0, title)
            plot.titleLabel.setMaximumHeight(title)
        if in_a_row == self._in_a_row:
            return
        self._in_a_row, layout = in_a_row, self.canvas.ci
        for item in [self.legend, *plots]:
            layout.removeItem(item)
        layout.addItem(self.legend, row=0, col=0, colspan=4 if in_a_row else 2)
        for i, item in enumerate(plots):
            layout.addItem(item, row=1 if in_a_row else 1 + i // 2, col=i if in_a_row else i % 2)
        for row, stretch in enumerate((0, 1, 0 if in_a_row else 1)):  # the legend's row no taller than its text
            layout.layout.setRowStretchFactor(row, stretch)

    def clear(self) -> None:
        """Forget every run shown: curves, baselines, header, warning, and the axes' ranges."""
        for slot in list(self.runs):
            self._drop(slot)
        self._reframe()
        self.runs: dict[str, _RunPlots] = {"A": self._plots_of("A", None)}
        self._refresh_text()

    def _reframe(self) -> None:
        """Every axis framed afresh: empty plots show 0..1, not the last run's steps and ranks, and the
        curves still drawn (the other run's) are fitted again by auto-range."""
        for plot in (self.scores_plot, self.std_plot, self.rank_plot, self.spectrum_plot):
            plot.vb.setRange(xRange=(0, 1), yRange=(0, 1), padding=0, disableAutoRange=False)
            plot.enableAutoRange()
        self.scores_plot.setYRange(0, 1)

    # Run A's parts by their old names: the tests and the window read them.
    curves = property(lambda self: self.runs["A"].curves)
    std_curve = property(lambda self: self.runs["A"].std_curve)
    std_ref = property(lambda self: self.runs["A"].std_ref)
    rank_curve = property(lambda self: self.runs["A"].rank_curve)
    spectrum = property(lambda self: self.runs["A"].spectrum)
    history = property(lambda self: self.runs["A"].history)
    baselines = property(lambda self: self.runs["A"].baselines)
    last = property(lambda self: self.runs["A"].last)
    baseline_lines = property(lambda self: [line for run in self.runs.values() for line in run.baseline_lines])

    # -- the run contract -------------------------------------------------------------------------
    def begin_run(self, info: Any, slot: str = "A", label: str = "") -> None:
        if not any(run.shown for s, run in self.runs.items() if s != slot):
            self.clear()  # the only run: every axis is framed afresh
        self._drop(slot)
        self.runs[slot] = self._plots_of(slot, ShownRun(info.run_id, label or run_label(info)))
        # Framed afresh beside the other run too: a lesson's B starts beside the old A, then its A replaces
        # that one, and neither start left the "only run" to clear, so the old run's ranges stayed.
        self._reframe()
        self._refresh_text()

    def receive(self, snap: Any, slot: str = "A") -> bool:
        run = self.runs.get(slot)
        if run is None or run.shown is None or snap.run_id != run.shown.run_id or \
                type(snap).__name__ != "MetricsUpdate":
            return False
        self.add(snap.step, snap.kind, snap.scores, snap.singular_values, snap.warning, slot)
        return True

    def end_run(self, slot: str = "A") -> None:
        self._drop(slot)
        if slot == "A":
            self.runs["A"] = self._plots_of("A", None)
        self._refresh_text()

    def prebuild(self, slot: str = "B") -> bool:
        """Make ``slot``'s plot items ahead of its first run, hidden (the window does it in idle moments, as
        for B's panes: a lesson's B made them in the pass that began it). True when they were made."""
        if slot in self._kept:
            return False
        self._kept[slot] = _RunPlots(self, slot)
        self._kept[slot].set_visible(False)
        return True

    def _plots_of(self, slot: str, shown: ShownRun | None) -> _RunPlots:
        """``slot``'s plot items, made the first time and reused after, emptied and shown for ``shown``."""
        plots = self._kept.get(slot)
        if plots is None:
            plots = self._kept[slot] = _RunPlots(self, slot)
        plots.reset(shown)
        plots.set_visible(True)
        return plots

    def _drop(self, slot: str) -> None:
        """``slot``'s run leaves the plots: its curves emptied and hidden (kept for its next run), its
        baseline lines removed."""
        run = self.runs.pop(slot, None)
        if run is None:
            return
        for line in run.baseline_lines:
            self.scores_plot.removeItem(line)
        run.baseline_lines = []
        run.reset(None)
        run.set_visible(False)

    # -- data in ----------------------------------------------------------------------------------
    def add(self, step: int, kind: str, scores: dict[str, float], singular_values: np.ndarray, warning: str,
            slot: str = "A") -> None:
        run = self.runs[slot]
        if kind != "model":
            run.baselines[kind] = scores
            self._draw_baselines(run)
            return
        run.last = scores
        for key in list(SCORES) + ["std", "effective_rank"]:
            run.history.setdefault(key, []).append((step, scores[key]))
        for key, curve in run.curves.items():
            steps, values = zip(*run.history[key])
            curve.setData(steps, values)
        run.std_curve.setData(*zip(*run.history["std"]))
        run.std_ref.setPos(scores["std_reference"])
        run.rank_curve.setData(*zip(*run.history["effective_rank"]))
        s = np.maximum(singular_values, 1e-12)
        run.spectrum.setData(np.arange(1, len(s) + 1), s)
        run.warning = warning
        self._refresh_text()

    def _draw_baselines(self, run: _RunPlots) -> None:
        """Reference lines: dashed for raw pixels, dotted for a random encoder, in the probe's colour
        (run B's fainter: on the same data they lie on run A's)."""
        for line in run.baseline_lines:
            self.scores_plot.removeItem(line)
        run.baseline_lines = []
        alpha = "" if run.slot == "A" else "80"
        for kind, scores in run.baselines.items():
            style = BASELINES[kind][1]
            for key in ("knn", "linear"):
                pen = pg.mkPen(SCORES[key][1] + alpha, width=1, style=style)
                line = pg.InfiniteLine(pos=scores[key], angle=0, pen=pen)
                self.scores_plot.addItem(line)
                run.baseline_lines.append(line)
        self._refresh_text()

    def _refresh_text(self) -> None:
        """The legend, the warning and the summary line, from every run shown, A's first (a new run A
        comes after B in ``runs``)."""
        in_order = dict(sorted(self.runs.items()))
        shown = {slot: run.shown.label for slot, run in in_order.items() if run.shown is not None}
        two = len(shown) > 1
        kinds = {kind: None for run in self.runs.values() for kind in run.baselines}
        runs = shown if two else None
        plain = re.sub(r"<[^>]+>", "", legend_html(kinds, runs, True)).replace("&nbsp;", " ")
        one_line = self.fontMetrics().horizontalAdvance(plain) < 0.9 * self.canvas.width()  # else two lines
        if legend_html(kinds, runs, one_line) != getattr(self, "_legend", None):  # unchanged: left as scaled
            self._legend = legend_html(kinds, runs, one_line)
            self.legend.setText(self._legend)
        from gui.i18n_engine import engine_text  # engine/words.py: the engine's warning in the user's language
        warnings = warning_lines({slot: engine_text(r.warning) for slot, r in in_order.items()}, two)
        self._texts[self.warning] = "\n".join(warnings)
        self.warning.setVisible(bool(warnings))
        summaries = [f"{slot}: {short_summary(run.last)}" if two else summary(run.last, run.baselines)
                     for slot, run in in_order.items() if run.last]
        self._texts[self.summary] = " ‖ ".join(summaries) if summaries else _tr(WAITING)
        self._fit_lines()

