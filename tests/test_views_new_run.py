"""The Loss and Metrics views: a new run starts from a clean screen, legends and labels stay readable
and off the data, and the Metrics view exports whole to SVG."""

import numpy as np
import pytest

from tests.gui_helpers import wait_until

SMALL, LARGE = (450, 300), (1000, 650)


@pytest.fixture
def app():
    from gui.app import create_app

    return create_app([])


def _shown(qtbot, widget, size):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _metrics(view, steps=range(0, 200, 20)):
    for i, step in enumerate(steps):
        acc = 1 - 0.7 * np.exp(-step / 60)
        scores = {"knn": acc, "linear": acc - 0.05, "nmi": acc - 0.3, "ari": acc - 0.4, "std": 0.1,
                  "effective_rank": 20.0 + i, "std_reference": 0.088}
        view.add(step, "model", scores, np.geomspace(10, 0.1, 64), "")
    view.add(0, "pixels", {"knn": 0.9, "linear": 0.85}, None, "")
    view.add(0, "random", {"knn": 0.7, "linear": 0.6}, None, "")


def test_loss_view_clear_forgets_the_old_runs_range_and_markers(qtbot, app):
    from gui.views.loss_view import LossView

    view = _shown(qtbot, LossView(), SMALL)
    vb = view.plot.getPlotItem().vb
    view.add(np.arange(5000), {"loss": np.linspace(50, 1, 5000)})
    view.mark(2500, "beta=4")
    vb.setRange(xRange=(1000, 4000), yRange=(0, 60))  # the learner zoomed into the old run
    view.clear()
    view.add(np.arange(50), {"loss": np.linspace(1.0, 0.5, 50)})
    wait_until(lambda: vb.viewRange()[0][1] < 100 and vb.viewRange()[1][1] < 2, what="the new run's range")
    assert not [item for item in vb.addedItems if getattr(item, "label", None) is not None]  # no old markers


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_loss_marker_labels_lie_inside_the_plot(qtbot, app, size):
    from gui.views.loss_view import LossView

    view = _shown(qtbot, LossView(), size)
    view.add(np.arange(300), {"loss": np.linspace(2, 0.1, 300)})
    view.mark(100, "beta=4")
    view.mark(200, "invariance_weight=25")
    wait_until(lambda: view.plot.getPlotItem().vb.viewRange()[0][1] >= 299, what="the curve drawn")
    box = view.plot.getPlotItem().vb.sceneBoundingRect()
    for marker in view._markers:
        label = marker.label.mapRectToScene(marker.label.boundingRect())
        assert box.contains(label), (marker.label.toPlainText(), label, box)


def test_metrics_clear_shows_no_figure_of_the_old_run(qtbot, app):
    from gui.views.metrics_view import WAITING, MetricsView

    view = _shown(qtbot, MetricsView(), LARGE)
    _metrics(view)
    assert "kNN" in view.summary.text() and view.summary.text() != WAITING
    view.clear()
    assert view.summary.text() == WAITING
    assert "pixels" not in view.legend.text
    for curve in [*view.curves.values(), view.std_curve, view.rank_curve, view.spectrum]:
        assert curve.xData is None or len(curve.xData) == 0
    lines = [i for i in view.scores_plot.vb.addedItems if type(i).__name__ == "InfiniteLine"]
    assert not lines, "the old run's baselines are still drawn"


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_metrics_legend_is_shown_whole_and_off_the_plots(qtbot, app, size):
    from gui.views.metrics_view import SHORT, MetricsView

    view = _shown(qtbot, MetricsView(), size)
    _metrics(view)
    wait_until(lambda: view.legend.isVisible(), what="the legend")
    legend = view.legend.mapRectToScene(view.legend.itemRect())
    viewport = view.canvas.mapToScene(view.canvas.viewport().rect()).boundingRect()
    text = view.legend.item.mapRectToScene(view.legend.item.boundingRect())
    assert viewport.contains(text), "the legend is cut off"
    for name in SHORT.values():
        assert name in view.legend.text
    for plot in (view.scores_plot, view.spectrum_plot, view.std_plot, view.rank_plot):
        assert not legend.intersects(plot.vb.sceneBoundingRect()), "the legend covers a plot"
        assert viewport.contains(plot.sceneBoundingRect()), "a plot is cut off at the view's edge"


def test_metrics_svg_export_holds_the_whole_view_with_curves_inside_their_axes(qtbot, app, tmp_path):
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from gui.widgets.export import ExportMenu, export_view
    from gui.views.metrics_view import MetricsView

    view = _shown(qtbot, MetricsView(), (700, 460))
    _metrics(view)
    menu = view.findChild(ExportMenu)
    path = tmp_path / "metrics.svg"
    export_view(menu.target, path)  # what the view's Export ▸ SVG… writes
    renderer = QSvgRenderer(str(path))
    scene_rect = view.canvas.ci.sceneBoundingRect()
    size = renderer.defaultSize()
    assert abs(size.width() - scene_rect.width()) <= 2 and abs(size.height() - scene_rect.height()) <= 2
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    image.save(str(tmp_path / "metrics.png"))
    pixels = np.array([[image.pixelColor(x, y).name() for x in range(size.width())] for y in range(size.height())])
    # The effective-rank curve (red, bottom right) lies inside its plot's axes, drawn where it is on screen.
    ys, xs = np.nonzero(pixels == "#d62728")
    assert len(xs) > 50, "the effective-rank curve is missing: only part of the view was exported"
    box = view.rank_plot.vb.sceneBoundingRect().translated(-scene_rect.topLeft()).adjusted(-3, -3, 3, 3)
    assert box.left() <= xs.min() and xs.max() <= box.right() and box.top() <= ys.min() and ys.max() <= box.bottom()
    # And the probe curves of the first plot are there too.
    assert (pixels == "#1f77b4").sum() > 50
