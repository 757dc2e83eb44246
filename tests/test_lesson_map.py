"""A lesson run's map settings (lesson 17: t-SNE at perplexity 5 vs 50): the loader reads and checks
`map = { method = "tsne", perplexity = 5 }`, B inherits A's and lays its own over them, and a run B that
trains exactly as A does is not trained again but measured on A's very model."""

from __future__ import annotations

import pytest

from engine.lessons import LessonError
from engine.lessons import runner
from engine.lessons.loader import load_lesson
from engine.lessons.schema import MapSpec

LESSON = """
title = { en = "T", zh = "标题" }
claim = { en = "C", zh = "主张" }
source = "Wattenberg et al., Distill 2016"
steps = 20

[A]
label = "perplexity 5"
method = "simclr"
dataset = "digits"
settings = { representation_dim = 16, projection_dim = 8, hidden_dim = 16, width = 8 }
run = { batch_size = 16, seed = 3 }
map = { method = "tsne", perplexity = 5 }

[B]
label = "perplexity 50"
map = { perplexity = 50 }

[check]
metric = "map_neighbours_kept"
compare = "B < A"
"""


def write(tmp_path, text: str):
    path = tmp_path / "maps.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_each_run_carries_its_map_settings_and_b_inherits_the_projection(tmp_path):
    a, b = load_lesson(write(tmp_path, LESSON)).runs
    assert a.map == MapSpec("tsne", {"perplexity": 5.0}) and isinstance(a.map.settings["perplexity"], float)
    assert b.map == MapSpec("tsne", {"perplexity": 50.0})
    assert b.map.map_settings().perplexity == 50.0 and b.map.map_settings().n_neighbors == 15  # the rest: defaults


def test_a_run_without_map_settings_has_none(tmp_path):
    text = LESSON.replace('map = { method = "tsne", perplexity = 5 }\n', "").replace("map = { perplexity = 50 }\n", "")
    a, b = load_lesson(write(tmp_path, text)).runs
    assert a.map is None and b.map is None


def test_runs_that_differ_only_in_their_maps_train_alike(tmp_path):
    a, b = load_lesson(write(tmp_path, LESSON)).runs
    assert a.trains_like(b) and a.map != b.map
    other = load_lesson(write(tmp_path, LESSON.replace("map = { perplexity = 50 }", "run = { seed = 4 }"))).runs
    assert not other[0].trains_like(other[1])


@pytest.mark.parametrize("old, new, field, choice", [
    ('method = "tsne", perplexity = 5', 'method = "mds", perplexity = 5', "A.map.method", "valid: pca, tsne, umap"),
    ('method = "tsne", perplexity = 5', "perplexity = 5", "A.map.method", "missing; valid: pca, tsne, umap"),
    ('method = "tsne", perplexity = 5', 'method = "tsne", n_neighbors = 5', "A.map.n_neighbors",
     "not a setting of tsne; valid: perplexity"),
    ('method = "tsne", perplexity = 5', 'method = "umap", perplexity = 5', "A.map.perplexity",
     "not a setting of umap; valid: n_neighbors, min_dist"),
    ('method = "tsne", perplexity = 5', 'method = "pca", perplexity = 5', "A.map.perplexity",
     "not a setting of pca; valid: none"),
    ("map = { perplexity = 50 }", "map = { perplexity = 500 }", "B.map.perplexity", "between 2 and 100"),
    ("map = { perplexity = 50 }", 'map = { perplexity = "high" }', "B.map.perplexity", "must be a number"),
    ('map = { method = "tsne", perplexity = 5 }', 'map = "tsne"', "A.map", "must be a table like"),
])
def test_a_bad_map_is_refused_naming_file_field_and_choices(tmp_path, old, new, field, choice):
    assert old in LESSON
    with pytest.raises(LessonError) as caught:
        load_lesson(write(tmp_path, LESSON.replace(old, new)))
    message = str(caught.value)
    assert message.startswith("maps.toml: ") and field in message and choice in message, message


def test_a_run_b_that_trains_as_a_does_is_measured_on_as_model(tmp_path, monkeypatch):
    """One training, not two: B is A's model, so the data both maps draw is literally the same."""
    import engine.lessons.observables as observables
    from engine.methods import create_method

    trained = []

    def untrained(name, spec, steps, folder, log):
        trained.append(name)
        return create_method(spec.method, spec.method_params, (1, 8, 8)), 0.5, 0.0

    seen = {}

    def spy(metric, subjects, labels):
        seen.update(subjects)
        return {k: 1.0 for k in subjects}

    monkeypatch.setattr(runner, "train_run", untrained)
    monkeypatch.setattr(observables, "measure", spy)
    result = runner.run_lesson(load_lesson(write(tmp_path, LESSON)))
    assert trained == ["A"]
    assert seen["A"].model is seen["B"].model and (seen["A"].probe == seen["B"].probe).all()
    assert (seen["A"].map.settings, seen["B"].map.settings) == ({"perplexity": 5.0}, {"perplexity": 50.0})
    assert [r["final_loss"] for r in result["runs"]] == [0.5, 0.5] and result["runs"][1]["seconds"] == 0.0
