"""GAN Lab's ground in the Method view (engine.figures.PointField): the map under the points, an arrow per
generated point, drawn in place at every update, scaled for a projector, and the image views' one line in
place of pictures that a run on 2-D points never sends (issue 20 §2)."""

from types import SimpleNamespace

import numpy as np
import pytest

from engine import figures as fig


@pytest.fixture
def app():
    from gui.app import create_app

    return create_app([])


def ring_field(n_generated: int = 30, extent=(-3.0, 3.0, -3.0, 3.0), grid: int = 25, critic: bool = False,
               seed: int = 0) -> fig.PointField:
    """A ring of 8 modes, generated points near 3 of them, and a made-up discriminator's map."""
    rng = np.random.default_rng(seed)
    angle = 2 * np.pi * np.arange(8) / 8
    centres = 2 * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    real = centres[rng.integers(0, 8, 400)] + 0.05 * rng.standard_normal((400, 2))
    generated = centres[rng.integers(0, 3, n_generated)] + 0.3 * rng.standard_normal((n_generated, 2))
    x0, x1, y0, y1 = extent
    xs, ys = np.meshgrid(np.linspace(x0, x1, grid), np.linspace(y0, y1, grid))  # values[i, j] at (xs[j], ys[i])
    near = np.exp(-((xs[..., None] - centres[:, 0]) ** 2 + (ys[..., None] - centres[:, 1]) ** 2) / 0.3).sum(-1)
    values = near - 0.5 if critic else 1 / (1 + np.exp(-4 * (near - 0.5)))
    nearest = centres[np.argmin(((generated[:, None] - centres) ** 2).sum(-1), axis=1)]
    return fig.PointField("the game", real, generated, values, extent, 0.3 * (nearest - generated), centres=centres,
                          values_label="D(x)", low=0.0 if critic else 0.0, high=0.0 if critic else 1.0)


def _panel(qtbot, figure):
    from gui.views.method.point_field import PointFieldWidget

    widget = PointFieldWidget(figure)
    qtbot.addWidget(widget)
    widget.resize(600, 520)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _rect(item):
    r = item.mapRectToParent(item.boundingRect())
    return r.x(), r.y(), r.width(), r.height()


def test_the_panel_draws_the_figure_and_updates_it_in_place(qtbot, app):
    first = ring_field()
    w = _panel(qtbot, first)
    parts = (w.image, w.real, w.generated, w.shafts, w.heads, w.centres, w.bar)
    items = list(w.plot.getPlotItem().items)
    np.testing.assert_allclose(w.image.image, first.values)
    cell = 6.0 / 24  # the value [i, j] is sampled on the extent's edges: each pixel is centred on its point
    np.testing.assert_allclose(_rect(w.image), (-3 - cell / 2, -3 - cell / 2, 6 + cell, 6 + cell), atol=1e-6)
    assert len(w.real.data) == 400 and len(w.generated.data) == 30
    assert len(w.shafts.getData()[0]) == 2 * 30 and len(w.heads.getData()[0]) == 4 * 30
    x, y = w.shafts.getData()
    np.testing.assert_allclose(np.stack([x[1::2], y[1::2]], 1), first.generated + first.arrows, atol=1e-5)
    assert w.bar.levels() == (0.0, 1.0)  # a probability's fixed scale
    # rings in data units, half the closest modes' distance across: they never run together at any zoom
    ring = 0.5 * 4 * np.sin(np.pi / 8)
    x, y = w.centres.getData()
    assert w.ring == pytest.approx(ring) and np.isnan(x).sum() == 8  # 8 circles, each ended by a NaN
    np.testing.assert_allclose(np.hypot(x[:32] - 2, y[:32]), ring / 2)  # the first about (2, 0)
    assert "real" in w.legend.text() and "generated" in w.legend.text() and "D(x)" in w.legend.text()
    (x0, x1), (y0, y1) = w.view.viewRange()
    assert x0 <= -3 + 1e-6 and x1 >= 3 - 1e-6 and y0 <= -3 + 1e-6 and y1 >= 3 - 1e-6  # the whole extent

    w.view.setRange(xRange=(0.0, 1.0), yRange=(0.0, 1.0), padding=0)  # the user zooms in
    zoomed = w.view.viewRange()
    w.show_figure(ring_field(n_generated=50, seed=1))  # the next update, same extent
    assert list(w.plot.getPlotItem().items) == items and all(p in items or p is w.bar for p in parts)
    np.testing.assert_allclose(w.view.viewRange(), zoomed)  # no jump: the zoom stays
    assert len(w.generated.data) == 50 and len(w.shafts.getData()[0]) == 100 and len(w.heads.getData()[0]) == 200

    w.show_figure(ring_field(extent=(-5.0, 5.0, -4.0, 4.0), grid=11))  # another extent: the view follows
    (x0, x1), (y0, y1) = w.view.viewRange()
    assert x0 <= -5 + 1e-6 and x1 >= 5 - 1e-6 and y0 <= -4 + 1e-6 and y1 >= 4 - 1e-6
    np.testing.assert_allclose(_rect(w.image), (-5.5, -4.4, 11, 8.8), atol=1e-6)
    assert list(w.plot.getPlotItem().items) == items


def test_a_critic_is_coloured_symmetrically_about_zero_and_nan_draws_nothing(qtbot, app):
    critic = ring_field(critic=True)
    w = _panel(qtbot, critic)
    bound = float(np.abs(critic.values).max())
    np.testing.assert_allclose(w.bar.levels(), (-bound, bound), rtol=1e-6)
    generated = critic.generated.copy()
    generated[0] = np.nan  # a diverged generator's point
    w.show_figure(fig.PointField("the game", critic.real, generated, np.full((4, 4), np.nan), critic.extent,
                                 np.zeros((0, 2))))  # no arrows, no centres, no finite value
    assert len(w.generated.data) == 29 and len(w.shafts.getData()[0]) == 0 and len(w.centres.getData()[0]) == 0
    assert np.isfinite(w.image.image).all()


def test_a_kept_panel_shows_the_next_runs_whole_extent(qtbot, app):
    """The FigurePool's reuse: a new run's figure is drawn whole, not at the last run's zoom."""
    from gui.views.method.figure_pool import FigurePool

    w = _panel(qtbot, ring_field())
    w.view.setRange(xRange=(0.0, 1.0), yRange=(0.0, 1.0), padding=0)
    pool = FigurePool()
    assert pool.keep(w)
    again = pool.widget_for(ring_field(seed=3))
    assert again is w
    (x0, x1), _ = w.view.viewRange()
    assert x0 <= -3 + 1e-6 and x1 >= 3 - 1e-6


def test_presentation_mode_scales_points_arrows_and_legend_and_keeps_them_through_updates(qtbot, app):
    from PySide6.QtGui import QFont

    from gui.views.method.point_field import POINT_SIZE
    from gui.window.plot_scaling import PlotScaler
    from gui.window.style_scaling import StyleScaler

    w = _panel(qtbot, ring_field())
    plots, styles = PlotScaler(w, 1.6, QFont(app.font())), StyleScaler(w, 1.6)
    plots.apply()
    styles.apply()
    assert w.real.opts["size"] == pytest.approx(POINT_SIZE * 1.6)
    assert w.generated.opts["size"] == pytest.approx(POINT_SIZE * 1.6)
    assert w.shafts.opts["pen"].widthF() == pytest.approx(1.6) and w.heads.opts["pen"].widthF() == pytest.approx(1.6)
    assert "14.4pt" in w.legend.styleSheet()
    w.show_figure(ring_field(seed=2))  # an update while presenting keeps the large markers
    assert w.generated.opts["size"] == pytest.approx(POINT_SIZE * 1.6)
    assert w.shafts.opts["pen"].widthF() == pytest.approx(1.6)
    plots.restore()
    styles.restore()
    assert w.real.opts["size"] == POINT_SIZE and w.shafts.opts["pen"].widthF() == pytest.approx(1.0)


def test_the_method_view_draws_a_point_field_among_other_figures(qtbot, app):
    from gui.views.method.method_view import MethodView
    from gui.views.method.point_field import PointFieldWidget

    view = MethodView()
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    view.begin_run(_info("ring8"))
    assert view.title.text() == "What GAN does, on 2-D points"
    scores = fig.Histograms("scores", np.linspace(0, 1, 5), np.array([[4, 3, 0, 0], [0, 1, 2, 4]]),
                            series=("real", "generated"), axis="D(x)")
    view.show_figures(1, (ring_field(), scores))
    qtbot.waitUntil(lambda: len(view.widgets) == 2, timeout=5000)
    (panel,) = view.widgets_of(fig.PointField)
    assert isinstance(panel, PointFieldWidget)
    view.show_figures(2, (ring_field(seed=5), scores))
    assert view.widgets_of(fig.PointField) == [panel]


def _info(dataset: str, run_id: int = 1):
    return SimpleNamespace(run_id=run_id, method_label="GAN", dataset=dataset, latent_dim=None, views=0,
                           family="adversarial")


def test_points_runs_are_told_by_their_data_set():
    from gui.views.points_run import points_run

    assert points_run(_info("ring8")) and points_run(_info("two_moons")) and points_run(_info("points:/tmp/a.csv"))
    assert not points_run(_info("mnist5k")) and not points_run(_info("folder:/tmp/images"))
    assert points_run(SimpleNamespace(dataset="mnist5k", data_kind="points"))  # the engine's word, once it sends it


def test_an_image_view_says_it_has_no_images_for_a_points_run(qtbot, app):
    from PySide6.QtWidgets import QWidget

    from gui.views.points_run import no_images_note
    from gui.views.run_view import OneRunView
    from gui.views.side_by_side import SideBySide

    class Pictures(OneRunView, QWidget):
        def clear(self):
            pass

    pair = SideBySide(Pictures, blank_note=no_images_note)
    qtbot.addWidget(pair)
    pair.show()
    pane = pair.panes["A"]
    pair.begin_run(_info("ring8"), "A")
    assert pane.note.isVisible() and not pane.view.isVisible()
    assert pane.note.text() == "no images: 2-D points are shown in the Method view"
    pair.begin_run(_info("mnist5k", run_id=2), "A")
    assert pane.view.isVisible() and not pane.note.isVisible()
