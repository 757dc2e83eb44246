"""The map and metrics views, fed by hand (a mocked projection), and the whole pipeline once for real."""

import numpy as np
import pytest

from gui.views.map_tools import points_in_polygon
from gui.views.map_view import MapView
from gui.views.metrics_view import MetricsView
from tests.gui_helpers import settle, wait_until


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
    view.add_frame(0, "pca", coords, "mocked PCA")
    settle(0.6)  # past the glide
    return view


def test_points_in_polygon():
    square = np.array([[0, 0], [2, 0], [2, 2], [0, 2]], dtype=float)
    pts = np.array([[1, 1], [3, 1], [-0.1, 1], [1.9, 1.9]])
    assert points_in_polygon(pts, square).tolist() == [True, False, False, True]


def test_map_draws_one_item_per_class_with_a_legend(map_view):
    assert len(map_view._items) == 3
    assert sum(len(i.data) for i in map_view._items) == 60
    names = [item.name() for item in map_view._items]
    assert names == ["a", "b", "c"]
    map_view._items[1].setVisible(False)  # what clicking its legend entry does
    assert not map_view._items[1].isVisible()


def test_colour_choices_include_factors_clusters_and_error(map_view):
    map_view.set_clusters(np.arange(60) % 4)
    choices = [map_view.colour.itemData(i) for i in range(map_view.colour.count())]
    assert choices == ["label", "factor:0", "factor:1", "cluster", "error"]
    map_view.colour.setCurrentIndex(choices.index("cluster"))
    assert len(map_view._items) == 4
    map_view.colour.setCurrentIndex(choices.index("error"))
    assert len(map_view._items) == 1 and "reconstruction error" in map_view._items[0].name()


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
    assert set(map_view.labels[chosen]) == {0} and len(chosen) >= 15
    assert "images selected" in map_view.side.selection.caption.text()
    lasso = map_view.selection_polygon([(5, -5), (15, -5), (15, 5), (5, 5)], "lasso")
    chosen = map_view.select_polygon(lasso)
    assert set(map_view.labels[chosen]) == {1}


def test_frames_glide_and_the_timeline_scrubs_back(map_view):
    first = map_view.frames[0][2]
    second = first + np.array([100, 0], dtype=np.float32)
    map_view.add_frame(50, "pca", second, "moved")
    settle(0.1)
    mid = map_view.coords.copy()
    assert 0 < (mid[:, 0] - first[:, 0]).mean() < 100  # gliding, not jumping
    settle(0.6)
    np.testing.assert_allclose(map_view.coords, second, atol=1e-4)
    assert map_view.timeline.isEnabled() and map_view.timeline.maximum() == 1
    map_view.timeline.setValue(0)
    settle(0.6)
    np.testing.assert_allclose(map_view.coords, first, atol=1e-4)
    assert "scrubbed back" in map_view.timeline_label.text() and map_view.live.isEnabled()
    map_view.add_frame(60, "pca", second + 1, "newer")  # while scrubbed back, the view stays put
    settle(0.6)
    np.testing.assert_allclose(map_view.coords, first, atol=1e-4)
    map_view.live.click()
    settle(0.6)
    np.testing.assert_allclose(map_view.coords, second + 1, atol=1e-4)


def test_thumbnails_and_csv_export(map_view, tmp_path):
    map_view.thumbnails.setChecked(True)
    assert len(map_view._thumbs) == 60
    map_view.thumbnails.setChecked(False)
    assert not map_view._thumbs
    path = tmp_path / "map.csv"
    map_view.write_csv(path)
    lines = path.read_text().splitlines()
    assert lines[0] == "index,x,y,label,class,factor_shape,factor_scale,reconstruction_error"
    assert len(lines) == 61 and lines[1].split(",")[4] == "a"


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
    assert window.map_view.images is not None and len(window.map_view.coords) == 359
    window.map_view.method.setCurrentIndex(window.map_view.method.findData("tsne"))
    wait_until(lambda: window.map_view.frames[-1][1] == "tsne", timeout=60, what="a t-SNE map")
