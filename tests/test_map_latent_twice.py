"""The map and the latent explorer shown twice (run A and run B side by side): each instance holds its
own data, items and timers, forgets its run on clear(), and draws only snapshots of the run it shows."""

from types import SimpleNamespace

import numpy as np
import pytest

from engine.training.snapshots import Decoded, LatentUpdate, MapUpdate
from gui.views.latent.latent_traversal import TRAVERSAL_SIGMAS, traversal_codes, traversal_dims
from tests.gui_helpers import wait_until


@pytest.fixture
def app():
    from gui.app import create_app

    return create_app([])


def _shown(qtbot, view, size=(900, 600)):
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    return view


def _feed_map(view, n_classes: int, seed: int, n: int = 60) -> np.ndarray:
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % n_classes
    images = (rng.random((n, 8, 8, 1)) * 255).astype(np.uint8)
    names = tuple("abcdefgh"[:n_classes])
    view.set_probe_set(images, labels, names, None, ())
    view.set_embedding(np.eye(n_classes)[labels] + 0.05 * rng.normal(size=(n, n_classes)), rng.random(n))
    coords = (10 * np.eye(n_classes, 2)[labels] + rng.normal(size=(n, 2))).astype(np.float32)
    view.add_frame(0, "pca", coords, f"map of seed {seed}")
    return coords


def _drawn(view) -> list:
    """The items visible on a map's plot, rings and outline aside."""
    return [i for i in view.plot.getPlotItem().items
            if i.isVisible() and i not in (view.highlight, view.lasso)]


def test_two_maps_keep_their_own_data_items_and_glides(qtbot, app):
    from gui.views.map.map_view import MapView

    a, b = _shown(qtbot, MapView()), _shown(qtbot, MapView())
    coords_a = _feed_map(a, n_classes=3, seed=0)
    a.thumbnails.setChecked(True)
    a.show_neighbours(5)
    assert len(a.scatter.shown) == 3 and len(a.thumbs.shown) == 60
    # B was given nothing: nothing of A's run is drawn, listed or kept there.
    assert not _drawn(b) and not b.frames and b.probe.images is None and len(b.coords) == 0
    assert not b.key.samples and not b.timeline.isEnabled() and b.side.images is None
    assert not b.highlight.data.size and b.colour.count() == 1

    coords_b = _feed_map(b, n_classes=2, seed=1, n=40)
    assert len(b.scatter.shown) == 2 and len(a.scatter.shown) == 3  # each its own legend
    assert not {id(i) for i in a.scatter.items + a.thumbs.items} & {id(i) for i in b.scatter.items + b.thumbs.items}
    np.testing.assert_array_equal(a.coords, coords_a)

    a.add_frame(10, "pca", coords_a + 20, "A moves")  # A glides; B's map stays where it is
    assert a.glide.active and not b.glide.active
    wait_until(lambda: not a.glide.active, timeout=5, what="A's glide")
    np.testing.assert_allclose(a.coords, coords_a + 20, atol=1e-4)
    np.testing.assert_array_equal(b.coords, coords_b)
    assert a.timeline.maximum() == 1 and b.timeline.maximum() == 0

    a.clear()  # clearing A leaves B whole
    assert not _drawn(a) and len(b.scatter.shown) == 2 and b.frames


def test_a_map_draws_only_the_run_it_shows(qtbot, app):
    from gui.views.map.map_view import MapView

    a, b = _shown(qtbot, MapView()), _shown(qtbot, MapView())
    a.begin_run(SimpleNamespace(run_id=1, method_label="SimCLR", dataset="digits"))
    b.begin_run(SimpleNamespace(run_id=2, method_label="VAE", dataset="digits"))
    coords = np.zeros((5, 2), np.float32)
    assert not a.receive(MapUpdate(run_id=2, step=3, method="pca", coords=coords, seconds=0.1))
    assert b.receive(MapUpdate(run_id=2, step=3, method="pca", coords=coords, seconds=0.1, note="B's map"))
    assert not a.frames and [f[0] for f in b.frames] == [3] and b.note.text() == "B's map"
    b.begin_run(SimpleNamespace(run_id=3, method_label="VAE", dataset="digits"))  # a new run in slot B
    assert not b.frames and not _drawn(b)


def _configured_latent(qtbot, dim: int, seed: int):
    from gui.views.latent.latent_view import LatentView

    view = _shown(qtbot, LatentView(), (1000, 500))
    asked: list[tuple[np.ndarray, str]] = []
    rng = np.random.default_rng(seed)
    w = rng.normal(size=(dim, 64))

    def decode(codes, tag):  # a stand-in decoder: a fixed linear map and a sigmoid, 8x8 grey images
        asked.append((codes, tag))
        view.show_decoded(tag, codes, (1 / (1 + np.exp(-codes @ w))).reshape(-1, 8, 8, 1).astype(np.float32))

    view.decode_requested.connect(decode)
    view.configure(dim, (8, 8))
    view.set_probe_images(rng.random((4, 8, 8, 1)).astype(np.float32))
    codes = rng.normal(size=(50, dim)).astype(np.float32)
    view.set_latents(codes, np.arange(50) % 3, codes.min(0), codes.max(0), codes.mean(0), codes.std(0),
                     np.linspace(1, 0.01, dim), codes[:4])
    return view, asked


def test_two_explorers_keep_their_own_codes_and_requests(qtbot, app):
    from gui.views.latent.latent_view import LatentView

    a, asked_a = _configured_latent(qtbot, dim=3, seed=0)
    b = _shown(qtbot, LatentView(), (1000, 500))
    asked_b: list = []
    b.decode_requested.connect(lambda codes, tag: asked_b.append(tag))
    # B was given nothing: no sliders, code, image or bars of A's run.
    assert b.dim == 0 and not b.sliders and b.decoded_item.image is None and b.codes is None
    assert b.traversal.item.image is None and not b.tabs.isTabVisible(b.tabs.indexOf(b.kl_tab))

    b.configure(2, (8, 8))
    assert len(a.sliders) == 3 and len(b.sliders) == 2
    b.pad_target.setPos(1.5, -0.5)  # the user drags B's cursor: B's code moves, A's does not
    z_a = a.z.copy()
    asked_a.clear()
    assert b.z.tolist() == pytest.approx([1.5, -0.5]) and b.value_labels[0].text() == "+1.50"
    np.testing.assert_array_equal(a.z, z_a)
    assert not asked_a and asked_b == ["explorer"]
    a.sliders[0].setValue(1000)  # and A's slider moves only A's code
    assert a.z[0] == pytest.approx(a.high[0]) and b.z.tolist() == pytest.approx([1.5, -0.5])
    assert [tag for _codes, tag in asked_a] == ["explorer", "traversal"] and asked_b == ["explorer"]


def test_clear_leaves_the_explorer_empty(qtbot, app):
    view, asked = _configured_latent(qtbot, dim=3, seed=0)
    assert {tag for _c, tag in asked} == {"explorer", "traversal"} and view.kl.bars.opts["height"] is not None
    assert view.decoded_item.image is not None and view.traversal.item.image is not None
    view.tabs.setCurrentWidget(view.pad_tab)
    assert len(view.pad.scatter.data) == 50
    view.clear()
    assert view.dim == 0 and not view.sliders and len(view.z) == 0 and view.codes is None
    assert view.decoded_item.image is None and view.traversal.item.image is None
    assert view.decoded.start_item.image is None and len(view.pad.scatter.data) == 0
    assert len(view.kl.bars.opts["height"]) == 0 and not view.tabs.isTabVisible(view.tabs.indexOf(view.kl_tab))
    assert view.traversal.plot.getAxis("left")._tickLevels == [[], []]
    assert view.status.text() == "The explorer appears once the model has a latent space."
    asked.clear()
    view.centre()  # nothing to centre on, nothing asked of the engine
    view.request_traversal()
    assert not asked


def test_an_explorer_draws_only_the_run_it_shows(qtbot, app):
    from gui.views.latent.latent_view import LatentView

    view = _shown(qtbot, LatentView(), (1000, 500))
    info = SimpleNamespace(run_id=7, method_label="VAE", dataset="digits", latent_dim=2, image_shape=(1, 8, 8))
    view.begin_run(info)
    assert view.dim == 2 and len(view.sliders) == 2  # begin_run lays out the new latent space
    codes = np.ones((4, 2), np.float32)
    update = dict(step=1, codes=codes, labels=np.zeros(4, int), low=-codes[0], high=codes[0], mean=0 * codes[0],
                  std=codes[0], probe_codes=codes[:1])
    assert not view.receive(LatentUpdate(run_id=8, **update))  # another run's codes
    assert view.codes is None
    assert view.receive(LatentUpdate(run_id=7, **update)) and view.codes is codes
    image = np.full((1, 8, 8, 1), 0.25, np.float32)
    assert not view.receive(Decoded(run_id=8, request_id=1, tag="explorer", codes=codes[:1], images=image))
    assert view.decoded_item.image is None
    view.end_run()
    assert view.dim == 0 and view.shown is None


def test_traversal_codes_sweep_one_dimension_per_row():
    z, std = np.array([1.0, 2.0], np.float32), np.array([0.5, 1.0], np.float32)
    codes = traversal_codes(z, std, [0, 1])  # (2 * 7, 2)
    n = len(TRAVERSAL_SIGMAS)
    assert codes.shape == (2 * n, 2) and codes.dtype == np.float32
    np.testing.assert_allclose(codes[:n, 0], [-0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5])  # 1 + σ·0.5
    np.testing.assert_allclose(codes[:n, 1], 2.0)
    np.testing.assert_allclose(codes[n:, 1], [-1, 0, 1, 2, 3, 4, 5])  # 2 + σ·1
    np.testing.assert_allclose(codes[n:, 0], 1.0)
    spread = np.array([0.1, 5, 0.2, 4, 3], np.float32)
    assert traversal_dims(spread, max_rows=3) == [1, 3, 4] and traversal_dims(spread, max_rows=9) == [0, 1, 2, 3, 4]
