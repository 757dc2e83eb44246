"""Tick labels that never touch (gui/views/axis_ticks.py), in a narrow plot, while presenting and after."""

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from gui.views.axis_ticks import SpacedAxis, apart, next_nice, spread_levels
from gui.window.plot_scaling import PlotScaler

MIN_GAP = 4  # px between two drawn labels: touching labels read as one number ("100200")


def label_rects(axis: pg.AxisItem) -> list[QRectF]:
    """The rects the axis draws its labels in, as paint() computes them."""
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    if axis.style["tickFont"]:
        painter.setFont(axis.style["tickFont"])
    specs = axis.generateDrawSpecs(painter)
    painter.end()
    return [rect for rect, _flags, _text in specs[2]]


def smallest_gap(rects: list[QRectF]) -> float:
    ordered = sorted(rects, key=QRectF.left)
    return min(b.left() - a.right() for a, b in zip(ordered, ordered[1:]))


def narrow_plot(qtbot, axis_class) -> pg.PlotWidget:
    """A plot 100 px wide (its bottom axis about 65 px, beside the left axis) with x from 0 to 250."""
    plot = pg.PlotWidget(axisItems={"bottom": axis_class("bottom")})
    qtbot.addWidget(plot)
    plot.resize(100, 120)
    plot.setXRange(0, 250, padding=0)
    plot.setYRange(0, 1, padding=0)
    plot.show()
    qtbot.waitExposed(plot)
    QApplication.processEvents()
    return plot


def test_plain_pyqtgraph_axis_crowds_its_labels(qtbot):
    """The fault itself: without SpacedAxis the labels of a 100-px plot come closer than the gap."""
    plot = narrow_plot(qtbot, pg.AxisItem)
    rects = label_rects(plot.getAxis("bottom"))
    assert len(rects) >= 2 and smallest_gap(rects) < MIN_GAP


def test_labels_of_a_narrow_plot_do_not_touch(qtbot):
    plot = narrow_plot(qtbot, SpacedAxis)
    rects = label_rects(plot.getAxis("bottom"))
    assert len(rects) >= 2, "at least two labels still tell the scale"
    assert smallest_gap(rects) >= MIN_GAP
    plot.setXRange(0, 25000, padding=0)  # wider labels
    rects = label_rects(plot.getAxis("bottom"))
    assert len(rects) >= 2, "at least two labels still tell the scale"
    assert smallest_gap(rects) >= MIN_GAP


def test_labels_do_not_touch_while_presenting_and_after(qtbot):
    plot = narrow_plot(qtbot, SpacedAxis)
    axis = plot.getAxis("bottom")
    scaler = PlotScaler(plot, 1.6, QApplication.font())
    scaler.apply()
    QApplication.processEvents()  # the axis grows to its larger type
    assert "tickSpacing" in axis.__dict__  # presentation's own thinning, on top of the axis's guard
    rects = label_rects(axis)
    assert rects and (len(rects) == 1 or smallest_gap(rects) >= MIN_GAP)
    scaler.restore()
    QApplication.processEvents()
    assert "tickSpacing" not in axis.__dict__ and axis.style["tickFont"] is None
    rects = label_rects(axis)
    assert len(rects) >= 2 and smallest_gap(rects) >= MIN_GAP


def test_a_log_axis_drops_crowded_labels(qtbot):
    plot = pg.PlotWidget(axisItems={"left": SpacedAxis("left")})
    qtbot.addWidget(plot)
    plot.resize(120, 110)
    plot.setLogMode(y=True)
    plot.plot([1, 2, 3, 4], [3.0, 1.0, 0.3, 0.08])
    plot.show()
    qtbot.waitExposed(plot)
    QApplication.processEvents()
    rects = sorted(label_rects(plot.getAxis("left")), key=QRectF.top)
    assert len(rects) >= 2
    assert min(b.top() - a.bottom() for a, b in zip(rects, rects[1:])) >= MIN_GAP


@pytest.mark.parametrize("spacing, nice", [(1, 2), (2, 5), (5, 10), (20, 50), (0.5, 1), (100, 200)])
def test_next_nice(spacing, nice):
    assert next_nice(spacing) == pytest.approx(nice)


def test_spread_levels_widens_the_major_spacing_until_labels_fit():
    levels = [(100.0, 0.0), (50.0, 0.0), (10.0, 0.0)]
    # 250 over 65 px: a major tick every 26 px; a label needs 30
    assert spread_levels(levels, 250, 65, lambda _s: 30)[0][0] == 200
    assert spread_levels(levels, 250, 65, lambda _s: 30)[1:] == [(100.0, 0.0), (50.0, 0.0), (10.0, 0.0)]
    assert spread_levels(levels, 250, 650, lambda _s: 30) == levels  # room enough: as pyqtgraph chose
    assert spread_levels([(20.0, 0.0), (10.0, 0.0)], 100, 40, lambda _s: 30)[0][0] == 100


def test_apart_keeps_the_first_and_drops_the_crowding():
    rects = [QRectF(0, 0, 20, 10), QRectF(22, 0, 20, 10), QRectF(50, 0, 20, 10)]
    assert apart(rects, True, 5) == [0, 2]
    assert apart(rects, True, 1) == [0, 1, 2]


def test_metrics_and_loss_views_use_spaced_axes(qtbot):
    from gui.views.loss_view import LossView
    from gui.views.metrics_view import MetricsView

    metrics, loss = MetricsView(), LossView()
    qtbot.addWidget(metrics)
    qtbot.addWidget(loss)
    plots = [metrics.scores_plot, metrics.spectrum_plot, metrics.std_plot, metrics.rank_plot,
             loss.plot.getPlotItem()]
    assert all(isinstance(p.getAxis(side), SpacedAxis) for p in plots for side in ("bottom", "left"))
