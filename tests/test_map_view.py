"""The map and metrics views, fed by hand (a mocked projection), and the whole pipeline once for real."""

import numpy as np
import pytest

from gui.views.map.map_panel import MapSidePanel
from gui.views.map.map_tools import points_in_polygon
from gui.views.map.map_view import MapView
from gui.views.metrics_view import MetricsView
from tests.gui_helpers import wait_until


@pytest.fixture
def map_view(qtbot):
    from gui.app import create_app

    create_app([])
    view = MapView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    rng = np.random.default_rng(0)
    labels = np.repeat(np.arange(3), 20)
    images = (rng.random((60, 8, 8, 1)) * 255).astype(np.uint8)
    images[labels == 1] //= 4  # class 1 is dark: its pixel neighbours are its own
    factors = np.stack([labels, rng.integers(0, 4, 60)], 1).astype(np.float32)
    view.set_probe_set(images, labels, ("a", "b", "c"), factors, ("shape", "scale"))
    centres = np.array([[0, 0], [10, 0], [0, 10]], dtype=np.float32)
    coords = centres[labels] + rng.normal(size=(60, 2)).astype(np.float32)
    emb = np.eye(3)[labels] + 0.05 * rng.normal(size=(60, 3))
    view.set_embedding(emb, recon_error=rng.random(60))
    view.add_frame(0, "pca", coords, "mocked PCA")  # the first frame is drawn at once, no glide
    return view


def wait_glided_to(view, coords) -> None:
    wait_until(lambda: not view.glide.active and np.allclose(view.coords, coords, atol=1e-4), timeout=5,
               what="the glide to the new frame")


def test_points_in_polygon():
    square = np.array([[0, 0], [2, 0], [2, 2], [0, 2]], dtype=float)
    pts = np.array([[1, 1], [3, 1], [-0.1, 1], [1.9, 1.9]])
    assert points_in_polygon(pts, square).tolist() == [True, False, False, True]


def click_scene(qtbot, view, scene_pos) -> None:
    """A real left click on the plot's widget, where ``scene_pos`` is drawn."""
    from PySide6.QtCore import Qt

    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=view.plot.mapFromScene(scene_pos))


def test_map_draws_one_item_per_class_and_a_legend_click_hides_a_class(map_view, qtbot):
    items = map_view.scatter.shown
    assert len(items) == 3
    assert sum(len(i.data) for i in items) == 60
    assert [item.name() for item in items] == ["a", "b", "c"]
    sample = map_view.key.samples[1]
    click_scene(qtbot, map_view, sample.sceneBoundingRect().center())
    assert [item.isVisible() for item in items] == [True, False, True]
    click_scene(qtbot, map_view, sample.sceneBoundingRect().center())
    assert items[1].isVisible()


def test_the_same_classes_keep_their_legend_entries_and_a_click_still_hides_the_class(map_view, qtbot):
    """A new run's first map in the same data set: the legend's entries stay (ten built anew took 50-100 ms
    of the event loop after every switch) and point at the items drawn now."""
    entries = list(map_view.key.legend.items)
    p = map_view.probe
    probe_set = (p.images, p.labels, p.class_names, p.factors, p.factor_names)
    map_view.clear()
    map_view.set_probe_set(*probe_set)
    map_view.add_frame(0, "pca", map_view_coords(), "another run")
    assert map_view.key.legend.items == entries
    assert [sample.item for sample, _ in entries] == map_view.scatter.shown
    click_scene(qtbot, map_view, entries[2][0].sceneBoundingRect().center())
    assert [item.isVisible() for item in map_view.scatter.shown] == [True, True, False]
    map_view.key.show_legend(map_view.scatter.shown[:2], ["a", "b"])  # other names: entries built anew
    assert [label.text for _, label in map_view.key.legend.items] == ["a", "b"]


def map_view_coords():
    labels = np.repeat(np.arange(3), 20)
    return (np.array([[0, 0], [10, 0], [0, 10]], dtype=np.float32)[labels]
            + np.random.default_rng(1).normal(size=(60, 2)).astype(np.float32))


def test_colour_choices_include_factors_clusters_and_error(map_view):
    map_view.set_clusters(np.arange(60) % 4)
    choices = [map_view.colour.itemData(i) for i in range(map_view.colour.count())]
    assert choices == ["label", "factor:0", "factor:1", "cluster", "error"]
    map_view.colour.setCurrentIndex(choices.index("cluster"))
    assert len(map_view.scatter.shown) == 4
    map_view.colour.setCurrentIndex(choices.index("error"))
    assert len(map_view.scatter.shown) == 1 and "reconstruction error" in map_view.scatter.shown[0].name()


def test_hover_shows_the_image_under_the_cursor(map_view):
    from PySide6.QtCore import QPointF

    target = 7
    scene = map_view.vb.mapViewToScene(QPointF(*map_view.coords[target]))
    i = map_view.point_at(scene)
    assert i == target
    map_view._on_mouse_moved(scene)
    assert map_view.side.hovered == target and "image 7" in map_view.side.hover.caption.text()


def test_click_shows_neighbours_in_embedding_and_pixel_space(map_view):
    map_view.show_neighbours(25, k=5)  # a point of class "b"
    text = map_view.side.neighbours.caption.text()
    assert "image 25 (b)" in text and "embedding (top, 100% same label)" in text
    assert map_view.side.neighbours.item.image.shape[0] > 8  # two rows drawn


def test_box_and_lasso_select(map_view):
    box = map_view.selection_polygon([(-5, -5), (5, 5)], "box")
    chosen = map_view.select_polygon(box)
    assert set(map_view.probe.labels[chosen]) == {0} and len(chosen) >= 15
    assert "images selected" in map_view.side.selection.caption.text()
    lasso = map_view.selection_polygon([(5, -5), (15, -5), (15, 5), (5, 5)], "lasso")
    chosen = map_view.select_polygon(lasso)
    assert set(map_view.probe.labels[chosen]) == {1}


def test_frames_glide_and_the_timeline_scrubs_back(map_view):
    first = map_view.frames[0][2]
    second = first + np.array([100, 0], dtype=np.float32)
    map_view.add_frame(50, "pca", second, "moved")
    # Gliding, not jumping: some frame between the two is drawn on the way.
    wait_until(lambda: 1 < (map_view.coords[:, 0] - first[:, 0]).mean() < 99, timeout=5, what="a frame mid-glide")
    wait_until(lambda: not map_view.glide.active, timeout=5, what="the glide's end")
    np.testing.assert_allclose(map_view.coords, second, atol=1e-4)
    assert map_view.timeline.isEnabled() and map_view.timeline.maximum() == 1
    map_view.timeline.setValue(0)
    wait_glided_to(map_view, first)
    assert "scrubbed back" in map_view.timeline_label.text() and map_view.live.isEnabled()
    map_view.add_frame(60, "pca", second + 1, "newer")  # while scrubbed back, the view stays put
    assert not map_view.glide.active
    np.testing.assert_allclose(map_view.coords, first, atol=1e-4)
    map_view.live.click()
    wait_glided_to(map_view, second + 1)


def test_thumbnails_and_csv_export(map_view, tmp_path):
    map_view.thumbnails.setChecked(True)
    assert len(map_view.thumbs.shown) == 60
    map_view.thumbnails.setChecked(False)
    assert not map_view.thumbs.shown
    path = tmp_path / "map.csv"
    map_view.write_csv(path)
    lines = path.read_text().splitlines()
    assert lines[0] == "index,x,y,label,class,factor_shape,factor_scale,reconstruction_error"
    assert len(lines) == 61 and lines[1].split(",")[4] == "a"


def test_clear_leaves_nothing_of_the_last_run(map_view):
    """Issue 11: "298 images selected" from the last run stayed in the side panel after a switch."""
    from PySide6.QtCore import QPointF

    map_view.thumbnails.setChecked(True)
    map_view._on_mouse_moved(map_view.vb.mapViewToScene(QPointF(*map_view.coords[7])))
    map_view.show_neighbours(25)
    map_view.select_polygon(map_view.selection_polygon([(-5, -5), (5, 5)], "box"))
    map_view.lasso.setData([0, 1, 1], [0, 0, 1])
    map_view.add_frame(10, "pca", map_view.coords + 1, "second")
    map_view.clear()
    side, fresh = map_view.side, MapSidePanel()
    for name in ("hover", "neighbours", "selection"):
        strip = getattr(side, name)
        assert strip.caption.text() == getattr(fresh, name).caption.text() and strip.item.image is None, name
    assert side.hovered is None and len(side.selected) == 0
    assert not map_view.highlight.data.size and not map_view.lasso.getData()[0].size
    assert not [i for i in map_view.plot.getPlotItem().items if i.isVisible() and i not in
                (map_view.highlight, map_view.lasso)], "points or thumbnails of the last run are still drawn"
    assert not map_view.key.samples and not map_view.key.legend_box.isVisible()
    assert not map_view.timeline.isEnabled() and map_view.timeline_label.text() == ""
    assert map_view.note.text() == "The map appears after the first embeddings."


@pytest.mark.parametrize("select", ["click", "box"])
def test_rings_follow_their_points_and_stay_out_of_auto_range(map_view, select):
    """Issue 11: after a click in PCA, the t-SNE clusters sat in a corner beside the ring's old place."""
    if select == "click":
        map_view.show_neighbours(25)
        chosen = np.array([25])
    else:
        chosen = map_view.select_polygon(map_view.selection_polygon([(-5, -5), (5, 5)], "box"))
    old_ring = map_view.coords[chosen[0]].copy()
    bigger = map_view.coords * 100 + np.float32(5000)  # t-SNE's scale, elsewhere
    map_view.add_frame(10, "tsne", bigger, "t-SNE")
    wait_glided_to(map_view, bigger)
    ring = np.column_stack(map_view.highlight.getData())
    np.testing.assert_allclose(ring, bigger[chosen], atol=1e-3)
    (x0, x1), (y0, y1) = map_view.vb.viewRange()
    assert x0 <= bigger[:, 0].min() and bigger[:, 0].max() <= x1 and y0 <= bigger[:, 1].min() <= y1
    assert not (x0 <= old_ring[0] <= x1 and y0 <= old_ring[1] <= y1), "the ring's old place is in view"
    # The points fill the view: no empty part held open by something that is not a point.
    assert np.ptp(bigger[:, 0]) > 0.8 * (x1 - x0) and np.ptp(bigger[:, 1]) > 0.8 * (y1 - y0)


def test_clear_during_a_glide_stops_it(map_view, qtbot):
    """Issue 11: clear() mid-glide left the timer running and each tick raised a TypeError."""
    map_view.add_frame(10, "pca", map_view.coords + 50, "moved")
    assert map_view.glide.active
    with qtbot.captureExceptions() as exceptions:
        map_view.clear()
        assert not map_view.glide.active
        map_view.glide.step()  # a tick already queued when clear() ran is harmless
        map_view.add_frame(0, "pca", np.zeros((60, 2), np.float32), "the next run's first map")
        wait_until(lambda: len(map_view.coords) == 60, timeout=5, what="the next run's map")
    assert not exceptions


def test_recolouring_and_gliding_reuse_the_same_items(map_view):
    """Issue 11: items removed and re-added on every recolouring and glide frame (one crash was there)."""
    import pyqtgraph as pg

    def drawn(kind):
        return [i for i in map_view.plot.getPlotItem().items if isinstance(i, kind) and i.isVisible()]

    map_view.set_clusters(np.arange(60) % 4)
    map_view.thumbnails.setChecked(True)
    choices = [map_view.colour.itemData(i) for i in range(map_view.colour.count())]
    map_view.colour.setCurrentIndex(choices.index("cluster"))  # the most groups: the pool is full now
    scatters, thumbs = drawn(pg.ScatterPlotItem), drawn(pg.ImageItem)  # held: their ids stay unique
    assert len(thumbs) == 60
    for choice in ("error", "factor:1", "label", "cluster"):
        map_view.colour.setCurrentIndex(choices.index(choice))
        assert all(any(i is s for s in scatters) for i in drawn(pg.ScatterPlotItem)), choice
    target = map_view.coords + 30
    map_view.add_frame(10, "pca", target, "moved")
    wait_until(lambda: map_view.glide.i >= 3, timeout=5, what="glide frames")
    assert all(any(i is t for t in thumbs) for i in drawn(pg.ImageItem))
    wait_glided_to(map_view, target)
    assert {id(i) for i in drawn(pg.ImageItem)} == {id(t) for t in thumbs}
    assert {id(i) for i in drawn(pg.ScatterPlotItem)} <= {id(s) for s in scatters}


def apart(a, b) -> bool:
    """Whether two graphics items overlap by less than a pixel (a shared edge is not an overlap)."""
    both = a.sceneBoundingRect().intersected(b.sceneBoundingRect())
    return both.width() < 1 or both.height() < 1


@pytest.mark.parametrize("size", [(500, 350), (1400, 900)])
def test_error_colouring_has_a_colour_bar_and_the_key_stays_off_the_points(map_view, size):
    map_view.resize(*size)
    key, vb = map_view.key, map_view.vb
    assert key.legend_box.isVisible() and not key.colour_bar.isVisible()
    wait_until(lambda: apart(key.legend_box, vb) and key.legend_box.width() > 20, timeout=5,
               what="the legend beside the plot")
    assert key.legend.sceneBoundingRect().height() < vb.height()  # all three classes fit
    map_view.colour.setCurrentIndex(map_view.colour.findData("error"))
    assert key.colour_bar.isVisible() and not key.legend_box.isVisible()
    low, high = key.colour_bar.levels()
    assert (low, high) == pytest.approx((map_view.probe.recon_error.min(), map_view.probe.recon_error.max()))
    wait_until(lambda: apart(key.colour_bar, vb) and key.colour_bar.width() > 20, timeout=5,
               what="the colour bar beside the plot")


def test_the_map_says_what_the_analysis_is_computing(map_view):
    import time

    map_view.method.setCurrentIndex(map_view.method.findData("tsne"))  # the user asks for t-SNE
    busy = map_view.busy
    assert busy.isVisible() and "t-SNE: computing the map" in busy.label.text()
    map_view.set_busy("t-SNE: first map", started_at=time.monotonic() - 5, until_method="tsne")
    assert busy.label.text().endswith("5 s")
    wait_until(lambda: busy.label.text().endswith("6 s"), timeout=5, what="the seconds counting on")
    map_view.add_frame(10, "pca", map_view.coords, "a PCA map meanwhile")
    assert busy.isVisible()
    map_view.add_frame(20, "tsne", map_view.coords, "t-SNE")
    assert not busy.isVisible()
    map_view.set_busy("UMAP: compiling", until_method="umap")
    map_view.show_analysis_status(False, "UMAP is not available: ImportError")
    assert not busy.isVisible() and "not available" in map_view.note.text()
    map_view.show_analysis_status(True, "UMAP ready (compiled in 9.1 s)")  # good news: the note stays the map's
    assert "not available" in map_view.note.text()
    map_view.set_busy("t-SNE: first map")
    map_view.clear()
    assert not busy.isVisible()


def test_the_side_panel_gives_way_to_a_narrow_map_and_comes_back(map_view, qtbot):
    """Two runs side by side at 1280 pixels: each map pane is about 440 wide, and the side panel pushed
    run B's map out of the window."""
    assert map_view.side.isVisible()  # 900 wide
    map_view.resize(450, 600)
    qtbot.waitUntil(lambda: not map_view.side.isVisible(), timeout=2000)
    map_view.resize(700, 600)  # between the thresholds: stays as it is, no flicker
    qtbot.wait(50)
    assert not map_view.side.isVisible()
    map_view.resize(900, 600)
    qtbot.waitUntil(lambda: map_view.side.isVisible(), timeout=2000)
    map_view.set_presenting(True)
    assert not map_view.side.isVisible()
    map_view.set_presenting(False)
    assert map_view.side.isVisible()


def test_the_control_row_wraps_in_a_narrow_map_instead_of_widening_it(map_view, qtbot):
    controls = map_view.controls
    one_line = controls.heightForWidth(900)
    assert controls.heightForWidth(330) > 1.5 * one_line  # two or three lines
    assert controls.minimumSizeHint().width() < 330
    map_view.resize(330, 500)
    qtbot.waitUntil(lambda: controls.width() <= 330, timeout=2000)
    for w in (controls.method, controls.colour, controls.drag_mode, controls.thumbnails, controls.export):
        box = w.geometry() if w.parent() is controls else w.parent().geometry()
        assert box.right() <= controls.width() and box.bottom() <= controls.height(), w


def test_a_new_runs_first_embeddings_start_the_busy_line(map_view):
    map_view.method.setCurrentIndex(map_view.method.findData("umap"))
    map_view.clear()
    assert not map_view.busy.isVisible()
    map_view.set_embedding(np.eye(3)[map_view.probe.labels % 3] if len(map_view.probe.labels) else np.eye(3), None)
    assert map_view.busy.isVisible() and "UMAP: computing the first map" in map_view.busy.label.text()


def test_metrics_view_plots_scores_baselines_and_warns_of_collapse(qtbot):
    from gui.app import create_app

    create_app([])
    view = MetricsView()
    qtbot.addWidget(view)
    view.show()
    scores = dict(knn=0.8, linear=0.75, nmi=0.5, ari=0.4, effective_rank=6.0, std=0.3, std_reference=0.35)
    view.add(0, "pixels", {**scores, "knn": 0.9}, np.ones(3), "")
    view.add(0, "random", {**scores, "knn": 0.4}, np.ones(3), "")
    view.add(10, "model", scores, np.array([3.0, 2.0, 1.0]), "")
    view.add(20, "model", {**scores, "std": 0.0, "effective_rank": 1.0}, np.array([3.0, 0, 0]),
             "Collapse: the embeddings span about 1.0 of 8 dimensions")
    assert len(view.baseline_lines) == 4
    assert list(view.curves["knn"].getData()[0]) == [10, 20]
    assert not view.warning.isHidden() and "Collapse" in view.warning.text()
    assert "raw pixels: kNN 90.0%" in view.summary.text()


@pytest.mark.analysis
def test_the_window_draws_maps_and_probes_from_the_analysis_process(window):
    window.docks["Embedding map"].raise_()
    window.docks["Metrics"].raise_()
    window.single_step()
    wait_until(lambda: window.map_view.frames, timeout=60, what="a map")
    wait_until(lambda: window.metrics_view.last and len(window.metrics_view.baselines) == 2, timeout=60,
               what="probes and baselines")
    assert window.map_view.probe.images is not None and len(window.map_view.coords) == 359
    window.map_view.method.setCurrentIndex(window.map_view.method.findData("tsne"))
    wait_until(lambda: window.map_view.frames[-1][1] == "tsne", timeout=60, what="a t-SNE map")
