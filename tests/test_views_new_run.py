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


# -- the run contract: every view follows the run it shows ---------------------------------------------
def _has_data(plot_item) -> bool:
    return any(getattr(item, "xData", None) is not None and len(item.xData) for item in plot_item.items)


def _view_kinds():
    """Each view as the window holds it (loss and metrics themselves, the others in a SideBySide), and
    whether run A's instance shows anything at all."""
    from gui.views.image_view import ImageView
    from gui.views.latent.latent_view import LatentView
    from gui.views.loss_view import LossView
    from gui.views.map.map_view import MapView
    from gui.views.method.method_view import MethodView
    from gui.views.metrics_view import WAITING, MetricsView
    from gui.views.side_by_side import SideBySide

    def a(view):
        return view.view("A")

    return {
        "loss": (LossView, lambda v: v.n_points() > 0 or _has_data(v.plot.getPlotItem())),
        "metrics": (MetricsView, lambda v: v.summary.text() != WAITING or _has_data(v.scores_plot)),
        "images": (lambda: SideBySide(ImageView), lambda v: bool(a(v).rows) or a(v).item.image is not None),
        "latent": (lambda: SideBySide(LatentView), lambda v: a(v).probe_codes is not None),
        "map": (lambda: SideBySide(MapView), lambda v: bool(a(v).frames) or len(a(v).coords) > 0),
        "method": (lambda: SideBySide(MethodView), lambda v: bool(a(v).widgets) or bool(a(v).step.text())),
    }


@pytest.mark.parametrize("kind", ["loss", "metrics", "images", "latent", "map", "method"])
def test_every_view_after_a_new_run_shows_nothing_of_the_old_run(qtbot, app, kind):
    from tests import run_snapshots as snaps

    make, shows_something = _view_kinds()[kind]
    view = _shown(qtbot, make(), LARGE)
    view.begin_run(snaps.run_started(1))
    assert not shows_something(view)
    drawn = [view.receive(snap, "A") for snap in snaps.everything(1)]
    assert any(drawn) and shows_something(view), "the view drew nothing of its own run"
    view.begin_run(snaps.run_started(2, method_label="Autoencoder", latent_dim=2))
    assert not shows_something(view), "the old run is still on screen"
    # The old run's stragglers (still in the queue at the switch) and an unknown run's are dropped.
    for stale in snaps.everything(1) + snaps.everything(3):
        assert not view.receive(stale, "A")
    assert not shows_something(view)
    assert any(view.receive(snap, "A") for snap in snaps.everything(2))  # the new run's own are drawn


def test_run_b_overlays_the_loss_curves_dashed_and_leaves_a_alone(qtbot, app):
    from PySide6.QtCore import Qt

    from gui.views.loss_view import LossView
    from tests import run_snapshots as snaps

    view = _shown(qtbot, LossView(), LARGE)
    view.begin_run(snaps.run_started(1, method_label="VAE"))
    view.receive(snaps.loss(1, n=50), "A")
    a_curve = view.curve("loss", "A")
    a_pen, a_points = a_curve.opts["pen"], view.n_points("A")
    view.begin_run(snaps.run_started(2, method_label="beta-VAE"), "B")
    assert view.receive(snaps.loss(2, n=30, scale=2.0), "B")
    assert not view.receive(snaps.loss(2, n=30), "A")  # B's run routed to A's slot is not drawn there
    b_curve = view.curve("loss", "B")
    assert b_curve.opts["pen"].style() == Qt.PenStyle.DashLine
    assert b_curve.opts["pen"].color() == a_pen.color()  # one colour per term, whichever run
    assert view.curve("kl", "B").opts["pen"].color() == view.curve("kl", "A").opts["pen"].color()
    assert view.curve("loss", "A") is a_curve and a_curve.opts["pen"].style() == Qt.PenStyle.SolidLine
    assert view.n_points("A") == a_points == 50 and view.n_points("B") == 30
    legend_names = [label.text for _sample, label in view.legend.items]
    assert "loss (B)" in legend_names and "loss" in legend_names
    assert not view.run_key.isHidden() and "B: beta-VAE · digits" in view.run_key.text()
    wait_until(lambda: b_curve.xData is not None and len(b_curve.xData) == 30, what="B's curve drawn")
    np.testing.assert_allclose(b_curve.yData[:1], [2.0], rtol=1e-6)  # B's own values, smoothed from its start
    view.end_run("B")  # closing B: one run again
    assert view.curve("loss", "B") is None and b_curve not in view.plot.getPlotItem().items
    assert "loss (B)" not in [label.text for _sample, label in view.legend.items]
    assert view.run_key.isHidden() and view.n_points("A") == 50


def test_run_b_overlays_the_metrics_dashed(qtbot, app):
    from PySide6.QtCore import Qt

    from gui.views.metrics_view import MetricsView
    from tests import run_snapshots as snaps

    view = _shown(qtbot, MetricsView(), LARGE)
    view.begin_run(snaps.run_started(1))
    view.receive(snaps.metrics(1, knn=0.8), "A")
    view.begin_run(snaps.run_started(2, method_label="SimCLR"), "B")
    view.receive(snaps.metrics(2, knn=0.6), "B")
    b_knn = view.runs["B"].curves["knn"]
    assert b_knn.opts["pen"].style() == Qt.PenStyle.DashLine and list(b_knn.getData()[1]) == [0.6]
    assert list(view.curves["knn"].getData()[1]) == [0.8]  # A's untouched
    assert "B: SimCLR · digits" in view.legend.text
    assert view.summary.text() == ("A: kNN 80.0% · linear 75.0% · rank 6.0 ‖ "
                                   "B: kNN 60.0% · linear 55.0% · rank 6.0")
    view.end_run("B")
    # B's curves are hidden and emptied (kept for the next B: making them took 50-100 ms at load)
    assert not b_knn.isVisible() and len(b_knn.getData()[1] or []) == 0 and "B:" not in view.legend.text
    assert view.summary.text().startswith("kNN 80.0%")
    view.begin_run(snaps.run_started(3, method_label="BYOL"), "B")
    assert view.runs["B"].curves["knn"] is b_knn and b_knn.isVisible() and not view.runs["B"].last


def test_run_b_shows_beside_a_under_captions_and_hides_when_closed(qtbot, app):
    from gui.views.image_view import ImageView
    from gui.views.side_by_side import SideBySide
    from tests import run_snapshots as snaps

    view = _shown(qtbot, SideBySide(ImageView), LARGE)
    view.begin_run(snaps.run_started(1, method_label="VAE"))
    assert view.view("B") is None and not view.panes["A"].caption.isVisible()  # one run: as it always was
    view.receive(snaps.images(1, value=0.2), "A")
    view.begin_run(snaps.run_started(2, method_label="Autoencoder"), "B")
    b = view.view("B")
    assert b.isVisible() and view.panes["A"].caption.text() == "A: VAE · digits"
    assert view.panes["B"].caption.isVisible() and view.panes["B"].caption.text() == "B: Autoencoder · digits"
    assert view.receive(snaps.images(2, value=0.9), "B")
    assert b.rows[0][1].max() == pytest.approx(0.9) and view.view("A").rows[0][1].max() == pytest.approx(0.2)
    assert not view.receive(snaps.images(2), "A") and not view.receive(snaps.images(1), "B")
    view.end_run("B")
    assert not b.isVisible() and not b.rows and not view.panes["A"].caption.isVisible()
    assert view.view("A").rows  # A goes on showing its run


def test_row_names_are_cut_to_a_narrow_view_and_told_apart(qtbot):
    """Beside run B's images the view is ~240 pixels wide: "reconstruction + visible" took 150 of them
    and the four row names, at rows a few pixels high, ran into each other."""
    import numpy as np

    from gui.views.image_view import ImageView

    view = ImageView()
    qtbot.addWidget(view)
    view.resize(240, 200)
    view.show()
    images = np.zeros((10, 28, 28, 1), np.float32)
    view.show_batch(1, images, np.arange(10), images, images, "masked", {"reconstruction + visible": images})
    shown = [text for _, text in view.plot.getAxis("left")._tickLevels[0]]
    assert len(set(shown)) == 4 and any("…" in t for t in shown)
    assert "reconstruction + visible" in view.canvas.toolTip()
    view.resize(900, 300)
    qtbot.waitUntil(lambda: "reconstruction + visible" in [t for _, t in view.plot.getAxis("left")._tickLevels[0]],
                    timeout=2000)
    assert view.canvas.toolTip() == ""
