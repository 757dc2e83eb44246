"""Presentation mode (F11): large type, thick lines and a caption bar on, and everything back as it was
off; the plot scaler on its own, on a bare plot."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from gui.window.plot_scaling import PlotScaler, point_size
from tests.gui_helpers import wait_until


def _tick_pt(axis) -> float:
    font = axis.style["tickFont"]
    return point_size(font if font is not None else QApplication.font())


def _label_html(axis) -> str:
    return axis.label.toHtml()


def _paint(plot_widget, x_range, y_range) -> None:
    """Paint every item of the plot, whether or not its dock is in front, with ``x_range`` in view."""
    from PySide6.QtGui import QImage, QPainter

    plot_widget.getPlotItem().setRange(xRange=x_range, yRange=y_range, padding=0)
    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    plot_widget.scene().render(painter)
    painter.end()


def _label_pt(axis) -> float:
    """The point size an axis's label is drawn in."""
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setDefaultFont(axis.label.font())
    doc.setHtml(axis.label.toHtml())
    fmt = doc.begin().begin().fragment().charFormat()
    return fmt.fontPointSize() or point_size(axis.label.font())


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
    label_pt = _label_pt(axis)
    window.presentation.set_caption("watch the effective rank in Metrics")

    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.presentation.active and window.isFullScreen() and window.presentation_action.isChecked()
    assert point_size(app.font()) >= 1.5 * font_pt
    window.loss_view.plot.setYRange(0, 1e-4)  # a new range: pyqtgraph writes the axis's label again
    assert _label_pt(axis) >= 1.5 * label_pt
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
    """The marker scanned before its first paint (the race that failed about one full run in three):
    the paint set MiterJoin on its pen in place, the next scan took that for a new pen and scaled it
    again, and leaving put back the once-scaled pen. The scan and the paint are forced in that order."""
    window = trained
    window.presentation.enter()
    window.loss_view.mark(5, "beta=4")  # a live change's marker, first drawn now
    marker = window.loss_view._markers[-1]
    assert marker.pen.widthF() == 1  # as the view made it, until the next scan
    window.presentation._scale_new_items()  # the rescan timer, before any paint
    assert marker.pen.widthF() >= 1.5 and marker.pen.color().lightness() < 0x60  # its pale grey darkened
    _paint(window.loss_view.plot, (0, 10), (0, 1))  # the first paint of the marker
    assert marker.pen.joinStyle() == Qt.PenJoinStyle.MiterJoin  # pyqtgraph's paint changed the pen set
    scaled = marker.pen.widthF()
    window.presentation._scale_new_items()
    assert marker.pen.widthF() == scaled  # not scaled a second time
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


def test_a_pen_its_item_changed_while_painting_is_scaled_once_and_restored(plot):
    """InfiniteLine.paint sets MiterJoin on its own pen: not a pen the view replaced."""
    line = [i for i in plot.getPlotItem().items if isinstance(i, pg.InfiniteLine)][0]
    scaler = PlotScaler(plot, 1.5, QApplication.font())
    scaler.apply()
    plot.grab()
    assert line.pen.joinStyle() == Qt.PenJoinStyle.MiterJoin
    assert scaler.apply() == 0 and line.pen.widthF() == 1.5
    scaler.restore()
    assert line.pen.widthF() == 1 and line.pen.color().name() == "#aaaaaa"


def test_an_axis_label_stays_scaled_when_its_axis_writes_it_again(plot):
    """The Loss view's "step" and "loss" lost their large type: pyqtgraph writes an axis's label again
    from its style at every change of range, over the scaled text. The style's size is scaled instead."""
    axis = plot.getPlotItem().getAxis("left")
    axis.enableAutoSIPrefix(False)  # as the Loss view's: "loss", not "loss (x1e-06)"
    before, base = _label_html(axis), QFont(QApplication.font())
    scaler = PlotScaler(plot, 1.6, base)
    scaler.apply()
    plot.getPlotItem().setYRange(0, 1e-4)
    plot.grab()
    assert _label_pt(axis) == pytest.approx(1.6 * point_size(base), abs=0.2)
    assert scaler.apply() == 0
    scaler.restore()
    assert _label_html(axis) == before and "font-size" not in axis.labelStyle


# -- a lesson's views on a projector --------------------------------------------------------------
def _no_two_overlap(widgets) -> bool:
    rects = [w.geometry() for w in widgets]
    return not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_a_lessons_views_share_the_screen_readably_and_leaving_restores_the_tabs(qtbot, size):
    """Loss and Metrics share a tab in the everyday layout: a lesson that needs both showed one, and the
    Metrics plots got almost no height at 1280x720. Presenting, each view has a cell of its own."""
    from engine.training.config import RunConfig
    from gui.window.main_window import MainWindow
    from tests.gui_helpers import open_app_window, settle

    w = open_app_window(qtbot, RunConfig(method="vae", dataset="digits", method_params={"latent_dim": 2},
                                         cadence=MainWindow.cadence()), fit_screen=False)
    w.ask_before_discard = False
    tabbed = {d.objectName() for d in w.tabifiedDockWidgets(w.docks["Loss"])}
    assert "Metrics" in tabbed
    views = ["Loss", "Metrics", "Method view"]
    w.presentation.set_lesson_views(views)
    w.presentation.enter()
    w.showNormal()
    w.resize(*size)
    wait_until(lambda: w.size().toTuple() == size, what=f"the window at {size}")
    settle(0.5)
    try:
        minimum = w.minimumSizeHint().expandedTo(w.minimumSize())
        assert minimum.width() <= size[0] and minimum.height() <= size[1], minimum
        shown = [w.docks[t] for t in views]
        assert [d for d in w.docks.values() if d.isVisible()] == shown
        assert all(d.titleBarWidget() is not None for d in shown)  # no title bars: rows for the plots
        for dock in shown:  # each in view, within the window, and none over another
            assert not set(w.tabifiedDockWidgets(dock)) & set(shown), dock.objectName()  # none behind a tab
            assert w.rect().contains(dock.geometry()), (dock.objectName(), dock.geometry())
        assert _no_two_overlap(shown)
        assert w.docks["Loss"].geometry().top() == w.docks["Metrics"].geometry().top()  # side by side
        assert w.docks["Method view"].width() >= 0.9 * size[0]  # A's and B's figures need the width
        least = 80 if size[1] == 720 else 120
        m = w.metrics_view
        for plot in (m.scores_plot, m.spectrum_plot, m.std_plot, m.rank_plot):
            assert plot.vb.height() >= least and plot.vb.width() >= least, (plot.vb.size(), size)
        assert w.loss_view.plot.getPlotItem().vb.height() >= least
        for title in ("Latent explorer", "Augmentations"):  # as a new run's start shows them
            w.docks[title].show()
        settle(0.3)
        assert [d for d in w.docks.values() if d.isVisible()] == shown and w.size().toTuple() == size
        bar = w.statusBar()
        children = [c for c in bar.findChildren(QWidget) if c.parent() is bar and c.isVisible()]
        assert _no_two_overlap(children)
        assert all(bar.rect().contains(c.geometry()) for c in children)
    finally:
        w.presentation.leave()
    assert {d.objectName() for d in w.tabifiedDockWidgets(w.docks["Loss"])} == tabbed
    assert all(d.titleBarWidget() is None for d in w.docks.values())
    w.close()


def test_thinned_ticks_leave_room_for_every_label_and_are_restored(plot):
    axis = plot.getPlotItem().getAxis("bottom")
    plot.resize(160, 120)
    scaler = PlotScaler(plot, 1.6, QApplication.font())
    scaler.apply()
    font = QFont(axis.style["tickFont"])
    spacing = axis.tickSpacing(0.0, 0.0025, 100)[0][0]
    from PySide6.QtGui import QFontMetricsF
    label = QFontMetricsF(font).horizontalAdvance("0.000")
    assert (0.0025 / spacing + 1) * label <= 100 + label  # the major labels do not run together
    assert pg.AxisItem.tickSpacing(axis, 0.0, 0.0025, 100)[0][0] < spacing  # pyqtgraph's own crowd it
    scaler.restore()
    assert "tickSpacing" not in axis.__dict__


def test_style_sheet_type_is_scaled_and_put_back(qtbot):
    from PySide6.QtWidgets import QLabel, QVBoxLayout

    from gui.window.style_scaling import StyleScaler

    root = QWidget()
    qtbot.addWidget(root)
    small, grey = QLabel("title"), QLabel("caption")
    small.setStyleSheet("font-size: 9pt")
    grey.setStyleSheet("color: gray")
    layout = QVBoxLayout(root)
    layout.addWidget(small)
    layout.addWidget(grey)
    scaler = StyleScaler(root, 1.6)
    assert scaler.apply() == 2
    assert small.styleSheet() == "font-size: 14.4pt" and grey.styleSheet() == "color: gray"
    assert scaler.apply() == 0
    scaler.restore()
    assert small.styleSheet() == "font-size: 9pt"


def test_metrics_warning_is_one_line_while_presenting(qtbot):
    from gui.views.metrics_view import MetricsView

    view = MetricsView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    long = "Not spread out yet: effective rank 6.1 of 64, spread 7% of that of random directions. " * 3
    view.runs["A"].warning = long
    view._refresh_text()
    assert view.warning.wordWrap()
    view.set_presenting(True)
    assert not view.warning.wordWrap() and view.warning.text().endswith("…")
    assert long.split()[0] in view.warning.toolTip()
    view.set_presenting(False)
    assert view.warning.text() == "⚠ " + long


def test_a_text_made_in_large_type_is_scaled_like_one_made_before(plot):
    """Run B's "1/√d (B)" label, made while presenting, came out 1.6 times larger than A's."""
    from gui.window.plot_scaling import scaled_html

    small, big = QFont(QApplication.font()), QFont(QApplication.font())
    small.setPointSizeF(9)
    big.setPointSizeF(9 * 1.6)
    made_before, made_during = pg.TextItem("1/√d"), pg.TextItem("1/√d (B)")
    made_before.textItem.setFont(small)
    made_during.textItem.setFont(big)
    sizes = []
    for item in (made_before, made_during):
        from PySide6.QtGui import QTextDocument
        doc = QTextDocument()
        doc.setHtml(scaled_html(small, item.textItem.toHtml(), 1.6))
        sizes.append(doc.begin().begin().fragment().charFormat().fontPointSize())
    assert sizes[0] == pytest.approx(14.4, abs=0.2) and sizes[1] == pytest.approx(sizes[0], abs=0.2)


def test_a_log_axis_is_labelled_in_whole_decades_while_presenting(plot):
    """The singular values' log axis labelled 9·10¹, 8·10¹, … one over another in large type."""
    plot.setLogMode(y=True)
    axis = plot.getPlotItem().getAxis("left")
    scaler = PlotScaler(plot, 1.6, QApplication.font())
    scaler.apply()
    spacings = [s for s, _ in axis.tickSpacing(-0.3, 0.7, 150)]
    assert spacings[0] >= 1
    labelled = axis.tickValues(-2.0, 2.0, 150)[: axis.style["maxTextLevel"] + 1]
    assert all(np.allclose(np.asarray(values) % 1, 0) for _, values in labelled)
    scaler.restore()
    assert axis.style["maxTextLevel"] == 2


def test_a_cut_plot_title_stays_inside_its_plot(qtbot):
    """Free-width titles let four plots share a row; a title longer than its plot is cut at the plot's
    edge rather than written over the next plot's title."""
    from gui.views.metrics_view import MetricsView

    view = MetricsView()
    qtbot.addWidget(view)
    title = view.std_plot.titleLabel
    assert title.minimumWidth() == 0
    assert title.flags() & title.GraphicsItemFlag.ItemClipsChildrenToShape
