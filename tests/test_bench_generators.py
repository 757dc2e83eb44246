"""`bench methods` measures the generators by their samples, trained with the presets the app applies."""

import math

import pytest

from tests.helpers import QUIET, run_to_end


def test_the_bench_trains_with_the_apps_preset():
    from engine.cli.benchmarks.generators import run_config
    from engine.presets import preset_for

    config = run_config("wgan_gp", "ring8", QUIET)
    preset = preset_for("wgan_gp", "ring8")
    assert config.method_params == preset.settings and config.run_params == preset.run
    assert run_config("vae", "mnist5k", QUIET).method_params == {}  # no preset: the defaults


@pytest.mark.parametrize("method, dataset, keys", [
    ("gan", "digits", {"fid", "floor", "classes", "n_classes"}),
    ("gan", "ring8", {"modes_covered", "modes", "high_quality_share"}),
    ("cyclegan", "mnist5k_thick", {"class_kept"}),
])
def test_each_generator_checkpoint_is_measured_by_its_samples(tmp_path, monkeypatch, method, dataset, keys):
    from engine.cli.benchmarks.generators import describe, measure
    from engine.training.config import RunConfig

    monkeypatch.setenv("ENCODER_LAB_CACHE", str(tmp_path))  # the judges shipped in assets/judges/, none trained
    path = tmp_path / f"{method}.safetensors"
    small = {"cyclegan": {"width": 4, "residual_blocks": 0, "halvings": 1}}.get(method, {"width": 8})
    snaps = run_to_end(RunConfig(method=method, dataset=dataset, steps=2, method_params=small, cadence=QUIET,
                                 run_params={"batch_size": 16}, save_on_end=str(path)))
    assert snaps[-1].kind == "finished"
    scores = measure(str(path))
    assert set(scores) == keys and all(not math.isnan(v) for v in scores.values())
    if "fid" in scores:
        assert scores["fid"] > scores["floor"] > 0 and scores["n_classes"] == 10  # two steps: far from digits
    if "modes" in scores:
        assert scores["modes"] == 8 and 0 <= scores["modes_covered"] <= 8
    if "class_kept" in scores:
        assert 0 <= scores["class_kept"] <= 1
    assert describe(scores)  # one readable cell
