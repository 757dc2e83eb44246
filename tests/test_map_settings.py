"""t-SNE's perplexity and UMAP's n_neighbors and min_dist, from the map's controls to the projection (issue 13, 7)."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

import engine.analysis.tsne
from engine.analysis.map_settings import MapSettings
from engine.analysis.project import Projector, procrustes_align, umap_2d
from engine.processes.analysis_process import Analyst
from engine.processes.analysis_replay import AnalysisReplay
from engine.processes.protocol import message
from engine.training.snapshots import AnalysisProblem, EmbeddingUpdate, MapUpdate
from tests.helpers import of_type


def _blobs(n=60, d=8, seed=0):
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % 3
    return ((np.eye(d)[:3] * 4)[labels] + rng.normal(size=(n, d))).astype(np.float32), labels


def _update(run_id, step, seed=0):
    x, labels = _blobs(seed=seed)
    return EmbeddingUpdate(run_id, step, "model", None, None, x, labels)


def _settings(perplexity=30.0, n_neighbors=15, min_dist=0.1):
    return message("map_settings", perplexity=perplexity, n_neighbors=n_neighbors, min_dist=min_dist)


# -- the settings ---------------------------------------------------------------------------------

def test_the_defaults_are_the_maps_of_before():
    defaults = MapSettings()
    assert inspect.signature(engine.analysis.tsne.tsne).parameters["perplexity"].default == defaults.perplexity == 30
    umap_defaults = inspect.signature(umap_2d).parameters
    assert (umap_defaults["n_neighbors"].default, umap_defaults["min_dist"].default) == (15, 0.1)
    assert (defaults.n_neighbors, defaults.min_dist) == (15, 0.1)


@pytest.mark.parametrize("fields, says", [
    (dict(perplexity=1.5), "perplexity must be between 2 and 100, not 1.5"),
    (dict(perplexity=101), "perplexity must be between 2 and 100"),
    (dict(perplexity=float("nan")), "perplexity must be between 2 and 100, not nan"),
    (dict(perplexity="30"), "perplexity must be a number, not '30'"),
    (dict(n_neighbors=1), "n_neighbors must be between 2 and 200, not 1"),
    (dict(n_neighbors=201), "n_neighbors must be between 2 and 200"),
    (dict(n_neighbors=7.5), "n_neighbors must be a whole number, not 7.5"),
    (dict(n_neighbors=True), "n_neighbors must be a whole number, not True"),
    (dict(min_dist=-0.1), "min_dist must be between 0 and 0.99"),
    (dict(min_dist=1.0), "min_dist must be between 0 and 0.99, not 1.0"),
])
def test_settings_out_of_range_or_of_the_wrong_type_are_refused(fields, says):
    with pytest.raises(ValueError, match=says.replace("(", r"\(")):
        MapSettings(**fields)


def test_the_range_ends_are_accepted_and_say_which_maps_change():
    low, high = MapSettings(2, 2, 0.0), MapSettings(100.0, np.int64(200), 0.99)
    assert high.n_neighbors == 200 and type(high.n_neighbors) is int and type(low.perplexity) is float
    assert MapSettings(perplexity=5).changed_methods(MapSettings()) == {"tsne"}
    assert MapSettings(min_dist=0.5).changed_methods(MapSettings()) == {"umap"}
    assert MapSettings().changed_methods(MapSettings()) == set()
    assert MapSettings(5, 30, 0.5).describe("umap") == "n_neighbors 30, min_dist 0.5"
    assert MapSettings(5).describe("tsne") == "perplexity 5" and MapSettings().describe("pca") == ""


# -- the projector --------------------------------------------------------------------------------

def test_the_projector_makes_its_tsne_with_the_given_perplexity():
    x, _ = _blobs()
    for perplexity in (5.0, 15.0):
        by_projector = Projector(settings=MapSettings(perplexity=perplexity)).project(x, "tsne")
        by_hand = engine.analysis.tsne.tsne(x, perplexity=perplexity, seed=0)
        np.testing.assert_allclose(by_projector, by_hand, atol=1e-5)
    assert not np.allclose(Projector(settings=MapSettings(perplexity=5)).project(x, "tsne"),
                           Projector(settings=MapSettings(perplexity=15)).project(x, "tsne"), atol=1e-2)


def test_the_projector_builds_its_umap_with_the_given_n_neighbors_and_min_dist(monkeypatch):
    umap = pytest.importorskip("umap")
    built = []

    class Recorded:  # stands in for umap.UMAP: what the map is built with, without compiling numba code
        def __init__(self, **kwargs):
            built.append(kwargs)

        def fit_transform(self, x):
            return np.asarray(built[-1]["init"], dtype=np.float32)

    monkeypatch.setattr(umap, "UMAP", Recorded)
    x, _ = _blobs()
    projector = Projector(settings=MapSettings(n_neighbors=7, min_dist=0.6))
    projector.project(x, "umap")
    assert (built[-1]["n_neighbors"], built[-1]["min_dist"]) == (7, 0.6)
    assert built[-1]["precomputed_knn"][0].shape == (60, 7)  # the neighbour graph has as many
    Projector(settings=MapSettings(n_neighbors=200)).project(x, "umap")
    assert built[-1]["n_neighbors"] == 59  # capped at N - 1


def test_new_settings_start_that_projection_afresh_facing_the_old_map(monkeypatch):
    starts, real_tsne = [], engine.analysis.tsne.tsne

    def recorded(x, init=None, **kwargs):
        starts.append(init)
        return real_tsne(x, init=init, iterations=5, **kwargs)

    monkeypatch.setattr(engine.analysis.tsne, "tsne", recorded)
    x, _ = _blobs()
    projector = Projector()
    first = projector.project(x, "tsne")
    projector.project(x, "tsne")
    assert starts[0] is None and starts[1] is not None  # warm start from the last layout
    assert projector.configure(MapSettings(n_neighbors=30)) == {"umap"}
    projector.project(x, "tsne")
    assert starts[2] is not None  # a UMAP setting leaves t-SNE's warm start alone
    before = projector.last["tsne"]
    assert projector.configure(MapSettings(perplexity=5, n_neighbors=30)) == {"tsne"}
    fresh = projector.project(x, "tsne")
    assert starts[3] is None  # afresh with perplexity 5
    np.testing.assert_allclose(fresh, procrustes_align(real_tsne(x, perplexity=5), before), atol=1e-4)
    assert projector.settings.perplexity == 5 and not np.allclose(first, fresh, atol=1e-2)


# -- the analysis process -------------------------------------------------------------------------

def test_the_analyst_takes_settings_and_redraws_the_map_on_screen_with_them():
    sent = []
    a = Analyst(sent.append)
    a.take(message("map_method", method="tsne"))
    a.take(message("embeddings", snapshot=_update(1, 5)))
    a.work()
    assert "t-SNE (perplexity 30)" in of_type(sent, MapUpdate)[-1].note
    sent.clear()
    a.take(_settings(perplexity=5))
    assert a.map_settings.perplexity == 5 and a.projectors[1].settings.perplexity == 5
    a.work()  # no new embeddings: the map on screen is redrawn with perplexity 5
    (m,) = of_type(sent, MapUpdate)
    assert m.step == 5 and "t-SNE (perplexity 5)" in m.note
    sent.clear()
    a.take(_settings(perplexity=5, min_dist=0.5))  # UMAP's: the t-SNE map on screen stays
    a.work()
    assert not sent and a.map_settings.min_dist == 0.5
    a.take(message("embeddings", snapshot=_update(2, 1)))
    assert a.projector(2).settings == a.map_settings  # a new run's maps are made with them too


@pytest.mark.parametrize("fields, says", [
    (dict(perplexity=500), "perplexity must be between 2 and 100, not 500"),
    (dict(n_neighbors=1), "n_neighbors must be between 2 and 200, not 1"),
    (dict(min_dist=2.0), "min_dist must be between 0 and 0.99, not 2.0"),
    (dict(n_neighbors="many"), "n_neighbors must be a whole number"),
])
def test_the_analyst_refuses_settings_out_of_range_with_a_problem(fields, says):
    sent = []
    a = Analyst(sent.append)
    a.take(_settings(perplexity=10))
    a.take(message("embeddings", snapshot=_update(1, 5)))
    assert a.take(_settings(**{**dict(perplexity=10), **fields})) is True  # the process goes on serving
    (problem,) = of_type(sent, AnalysisProblem)
    assert problem.job == "map" and problem.run_id == 0
    assert problem.message.startswith("Map settings refused") and says in problem.message
    assert "Kept: perplexity 10; n_neighbors 15, min_dist 0.1." in problem.message
    assert a.map_settings == MapSettings(perplexity=10) and a.projector(1).settings == MapSettings(perplexity=10)


# -- after a restart ------------------------------------------------------------------------------

def test_the_replay_resends_the_settings_to_a_fresh_process():
    replay, old_sent = AnalysisReplay(), []
    old = Analyst(old_sent.append)
    for m in (message("map_method", method="tsne"), _settings(perplexity=5, n_neighbors=40, min_dist=0.3),
              message("embeddings", snapshot=_update(3, 10)), _settings(perplexity=800)):  # refused: out of range
        replay.record(m)
        old.take(m)
        old.work()
    for snap in old_sent:
        replay.seen(snap)
    kinds = [m["kind"] for m in replay.messages()]
    assert kinds[:3] == ["map_method", "map_settings", "layout"]  # settings before the layouts made with them
    fresh_sent = []
    fresh = Analyst(fresh_sent.append)
    for m in replay.messages():
        fresh.take(m)
    assert fresh.map_settings == old.map_settings == MapSettings(5, 40, 0.3)
    fresh.work()
    assert "t-SNE (perplexity 5)" in of_type(fresh_sent, MapUpdate)[-1].note


def test_a_layout_made_with_other_settings_is_not_replayed():
    replay = AnalysisReplay()
    replay.record(message("embeddings", snapshot=_update(3, 10)))
    replay.seen(MapUpdate(3, 10, "tsne", np.zeros((60, 2), np.float32), 0.1, ""))
    replay.record(_settings(min_dist=0.5))  # UMAP's: the t-SNE layout is still the one to start from
    assert "layout" in [m["kind"] for m in replay.messages()]
    replay.record(_settings(perplexity=5, min_dist=0.5))
    assert "layout" not in [m["kind"] for m in replay.messages()]  # a fresh map comes, as in the old process


# -- the map view ---------------------------------------------------------------------------------

@pytest.fixture
def map_view(qtbot):
    from gui.app import create_app
    from gui.views.map.map_view import MapView

    create_app([])
    view = MapView()
    qtbot.addWidget(view)
    view.show()
    return view


def _shown(view) -> set[str]:
    return {name for name, box in view.map_settings.boxes.items() if box.isVisibleTo(view)}


def test_the_map_shows_only_the_settings_of_its_projection(map_view):
    assert _shown(map_view) == set()  # PCA has none
    map_view.method.setCurrentIndex(map_view.method.findData("tsne"))
    assert _shown(map_view) == {"perplexity"}
    map_view.method.setCurrentIndex(map_view.method.findData("umap"))
    assert _shown(map_view) == {"n_neighbors", "min_dist"}
    map_view.add_frame(1, "tsne", np.zeros((4, 2), np.float32), "a t-SNE map")  # the analysis draws t-SNE
    assert _shown(map_view) == {"perplexity"}
    boxes = map_view.map_settings.boxes
    assert (boxes["perplexity"].value(), boxes["n_neighbors"].value(), boxes["min_dist"].value()) == (30, 15, 0.1)
    assert (boxes["perplexity"].minimum(), boxes["perplexity"].maximum()) == (2, 100)
    assert (boxes["n_neighbors"].minimum(), boxes["n_neighbors"].maximum()) == (2, 200)
    assert (boxes["min_dist"].minimum(), boxes["min_dist"].maximum()) == (0.0, 0.99)
    assert "how many neighbours each point keeps close" in boxes["perplexity"].toolTip()
    assert all(box.toolTip() for box in boxes.values())


def test_a_changed_setting_is_sent_once_the_user_stops_changing_it(map_view, qtbot):
    sent = []
    map_view.map_settings_changed.connect(lambda *values: sent.append(values))
    map_view.method.setCurrentIndex(map_view.method.findData("tsne"))
    map_view.add_frame(1, "tsne", np.zeros((4, 2), np.float32), "a t-SNE map")
    perplexity = map_view.map_settings.perplexity
    for value in (29, 20, 5):  # three clicks in a row: one fresh map, not three
        perplexity.setValue(value)
    qtbot.waitUntil(lambda: bool(sent), timeout=3000)
    assert sent == [(5.0, 15, 0.1)] and not map_view.map_settings._debounce.isActive()
    assert map_view.busy.isVisible() and "t-SNE with perplexity 5" in map_view.busy.label.text()
    map_view.method.setCurrentIndex(map_view.method.findData("umap"))
    map_view.map_settings.min_dist.setValue(0.5)
    map_view.map_settings.n_neighbors.setValue(40)
    qtbot.waitUntil(lambda: len(sent) == 2, timeout=3000)
    assert sent[-1] == (5.0, 40, 0.5)
    map_view.show_map_settings(50.0, 40, 0.5)  # chosen in run B's map: shown here, not sent again
    assert map_view.map_settings.perplexity.value() == 50 and map_view.map_settings.sent.perplexity == 50
    assert not map_view.map_settings._debounce.isActive() and len(sent) == 2


def test_the_window_sends_the_maps_settings_to_the_analysis(window, qtbot):
    view = window.map_view
    view.method.setCurrentIndex(view.method.findData("tsne"))
    view.map_settings.perplexity.setValue(50)
    replay = window.session._replay  # what a (re)started analysis process is told
    qtbot.waitUntil(lambda: replay.settings is not None, timeout=3000)
    assert MapSettings.from_message(replay.settings) == MapSettings(perplexity=50)
