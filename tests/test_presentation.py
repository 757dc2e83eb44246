"""Presentation mode (F11): large type, thick lines and a caption bar on, and everything back as it was
off; the plot scaler on its own, on a bare plot."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from gui.window.plot_scaling import PlotScaler, point_size
from tests.gui_helpers import wait_until


def _tick_pt(axis) -> float:
    font = axis.style["tickFont"]
    return point_size(font if font is not None else QApplication.font())


def _label_html(axis) -> str:
    return axis.label.toHtml()


@pytest.fixture
def trained(window):
    """The window fixture's VAE with some loss curves and one probe point drawn."""
    window.session.control.run_until(8)
    wait_until(lambda: window.loss_view.curve("loss") is not None and window.step >= 8, timeout=120, what="loss curves")
    return window


def test_f11_scales_type_lines_and_markers_and_shows_the_caption(trained, qtbot):
    window, app = trained, QApplication.instance()
    curve, axis = window.loss_view.curve("loss"), window.loss_view.plot.getAxis("left")
    scores = window.metrics_view.curves["knn"]
    font_pt, pen_w, tick_pt = point_size(app.font()), curve.opts["pen"].widthF(), _tick_pt(axis)
    tick_len, symbol = axis.style["tickLength"], scores.opts["symbolSize"]
    window.presentation.set_caption("watch the effective rank in Metrics")

    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.presentation.active and window.isFullScreen() and window.presentation_action.isChecked()
    assert point_size(app.font()) >= 1.5 * font_pt
    assert window.loss_view.curve("loss").opts["pen"].widthF() >= 1.5 * pen_w
    assert _tick_pt(axis) >= 1.5 * tick_pt and abs(axis.style["tickLength"]) >= 1.5 * abs(tick_len)
    assert scores.opts["symbolSize"] >= 1.5 * symbol
    bar = window.presentation.caption_bar
    assert bar.isVisible() and bar.text.text() == "watch the effective rank in Metrics"
    assert point_size(bar.text.font()) > point_size(app.font())  # larger still than the enlarged type
    window.presentation.set_caption("next: the stop-gradient off")
    assert bar.text.text() == "next: the stop-gradient off" == window.presentation.caption()
    tip = bar.toolTip()
    for key in ("F11", "Space", "S\t", "R\t", "Esc"):
        assert key in tip


def test_leaving_restores_fonts_pens_docks_and_geometry_exactly(trained, qtbot):
    window, app = trained, QApplication.instance()
    wait_until(lambda: not window.isFullScreen() and window.isVisible(), what="the window shown")
    curve, axis = window.loss_view.curve("loss"), window.loss_view.plot.getAxis("bottom")
    before = {"font": QFont(app.font()), "palette": app.palette().color(app.palette().ColorRole.WindowText),
              "pen": pg.mkPen(curve.opts["pen"]), "tick_font": axis.style["tickFont"],
              "tick_len": axis.style["tickLength"], "label": _label_html(axis), "geometry": window.geometry(),
              "docks": {t: d.isVisible() for t, d in window.docks.items()},
              "menu": window.menuBar().isVisible()}

    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.presentation.active and not window.docks["Experiment"].isVisible()
    assert _label_html(axis) != before["label"]
    qtbot.keyClick(window, Qt.Key.Key_F11)

    assert not window.presentation.active and not window.presentation_action.isChecked()
    assert app.font() == before["font"]
    assert app.palette().color(app.palette().ColorRole.WindowText) == before["palette"]
    assert curve.opts["pen"] == before["pen"]
    assert axis.style["tickFont"] is before["tick_font"] and axis.style["tickLength"] == before["tick_len"]
    assert _label_html(axis) == before["label"]
    assert not window.presentation.caption_bar.isVisible() and window.menuBar().isVisible() == before["menu"]
    assert {t: d.isVisible() for t, d in window.docks.items()} == before["docks"]
    wait_until(lambda: window.geometry() == before["geometry"], what=f"geometry {before['geometry']}")
    assert not window.isFullScreen()


def test_items_made_in_presentation_mode_are_scaled_and_then_restored(trained):
    window = trained
    window.presentation.enter()
    window.loss_view.mark(5, "beta=4")  # a live change's marker, first drawn now
    marker = window.loss_view._markers[-1]
    assert marker.pen.widthF() == 1  # as the view made it, until the next scan
    wait_until(lambda: marker.pen.widthF() >= 1.5, what="the rescan to scale the new marker")
    assert marker.pen.color().lightness() < 0x60  # its pale grey darkened
    window.presentation.leave()
    assert marker.pen.widthF() == 1 and marker.pen.color().name() == "#888888"


def test_escape_leaves_and_digits_raise_views_only_while_presenting(trained, qtbot):
    window = trained
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.presentation.active  # Escape does nothing outside presentation mode
    window.presentation.enter()
    shown = window.presentation.shown_docks()
    metrics = shown.index(window.docks["Metrics"])
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{metrics + 1}"))
    wait_until(lambda: not window.docks["Metrics"].visibleRegion().isEmpty(), what="Metrics in front")
    qtbot.keyClick(window, Qt.Key.Key_P)
    assert window.docks["Experiment"].isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.presentation.active


def test_a_lesson_key_acts_only_in_presentation_mode(trained, qtbot):
    window, pressed = trained, []
    window.presentation.add_key(Qt.Key.Key_N, lambda: pressed.append(1), "next caption")
    qtbot.keyClick(window, Qt.Key.Key_N)
    assert pressed == []
    window.presentation.enter()
    assert "next caption" in window.presentation.caption_bar.toolTip()
    qtbot.keyClick(window, Qt.Key.Key_N)
    assert pressed == [1]
    window.presentation.leave()


# -- the scaler alone ---------------------------------------------------------------------------
@pytest.fixture
def plot(qtbot):
    from gui.app import create_app

    create_app([])
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.setLabel("left", "loss")
    widget.plot([0, 1, 2], [1, 0, 1], pen=pg.mkPen("#1f77b4", width=2), symbol="o", symbolSize=4)
    widget.addItem(pg.InfiniteLine(pos=1, angle=90, pen=pg.mkPen("#aaaaaa", width=1)))
    return widget


def test_scaler_scales_by_its_factor_darkens_pale_greys_and_restores(plot):
    curve = plot.getPlotItem().listDataItems()[0]
    line = [i for i in plot.getPlotItem().items if isinstance(i, pg.InfiniteLine)][0]
    scaler = PlotScaler(plot, 1.5, QApplication.font())
    assert scaler.apply() > 0
    assert curve.opts["pen"].widthF() == 3 and curve.opts["symbolSize"] == 6
    assert line.pen.widthF() == 1.5 and line.pen.color().lightness() < 0x60  # #aaa is hard to see projected
    assert scaler.apply() == 0  # nothing scaled twice
    scaler.restore()
    assert curve.opts["pen"].widthF() == 2 and curve.opts["symbolSize"] == 4
    assert line.pen.color().name() == "#aaaaaa"


def test_scaler_leaves_a_pen_a_view_replaced_as_the_view_made_it(plot):
    curve = plot.getPlotItem().listDataItems()[0]
    scaler = PlotScaler(plot, 2.0, QApplication.font())
    scaler.apply()
    curve.setPen(pg.mkPen("r", width=5))  # the view restyles while presenting
    assert scaler.apply() == 1 and curve.opts["pen"].widthF() == 10  # scaled again, once
    scaler.restore()
    assert curve.opts["pen"].widthF() == 5 and curve.opts["pen"].color().name() == "#ff0000"


def test_an_item_taken_out_of_its_plot_and_put_back_is_scaled_once_and_restored(plot):
    """The intermittent failure of the marker test, made certain: an item missing from one scan came
    back as new, was scaled again, and restore left it once-scaled."""
    line = [i for i in plot.getPlotItem().items if isinstance(i, pg.InfiniteLine)][0]
    scaler = PlotScaler(plot, 1.5, QApplication.font())
    scaler.apply()
    plot.removeItem(line)
    scaler.apply()  # a scan while it is out of the plot
    plot.addItem(line)
    assert scaler.apply() == 0 and line.pen.widthF() == 1.5  # not scaled a second time
    scaler.restore()
    assert line.pen.widthF() == 1 and line.pen.color().name() == "#aaaaaa"
