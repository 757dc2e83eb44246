"""Lessons are data: the shipped files validate, a broken one is refused with a message naming the file,
the field and the valid choices, the comparison language judges hand-made numbers right, and
`lesson run` trains both runs, computes the observable and exits 0 only when it held."""

from __future__ import annotations

import json
import math

import pytest

from engine.lessons import METRICS, VIEWS, LessonError
from engine.lessons import runner
from engine.lessons.compare import CompareError, parse
from engine.lessons.loader import find_lesson, lesson_files, load_lesson
from main import main

SUBJECTS = ("A", "B", "raw_pixels", "random_network", "pca")

VALID = """
title = { en = "T", zh = "标题" }
claim = { en = "C", zh = "主张" }
source = "Chen & He, CVPR 2021, figure 2"
steps = 20
views = ["loss", "metrics"]

[A]
label = "stop-gradient on"
method = "simsiam"
dataset = "digits"
settings = { stop_gradient = true, representation_dim = 16, projection_dim = 8, hidden_dim = 16, width = 8 }
run = { batch_size = 16, seed = 3 }

[B]
label = "stop-gradient off"
settings = { stop_gradient = false }

[[captions]]
step = 10
en = "watch"
zh = "请看"

[check]
metric = "effective_rank"
compare = "B < 0.5 * A"
"""


@pytest.fixture(autouse=True)
def _own_cache(cache_dir):
    return cache_dir


def write(tmp_path, text: str, name: str = "mine"):
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def write_broken_lessons(folder, bad_view: str, bad_view_name: str) -> tuple[str, ...]:
    """A folder with one good lesson ("good") beside broken files: UTF-16 text, a bad ``views`` entry,
    arrays nested 3,000 deep, and (where the system has them) a FIFO named .toml. The broken names."""
    import os

    write(folder, VALID, "good")
    (folder / "wide.toml").write_bytes(VALID.encode("utf-16"))
    write(folder, VALID.replace('views = ["loss", "metrics"]', f"views = {bad_view}"), bad_view_name)
    write(folder, VALID.replace('views = ["loss", "metrics"]', "views = " + "[" * 3000 + "]" * 3000), "deep")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.toml")
    return ("wide", bad_view_name, "deep") + (("pipe",) if hasattr(os, "mkfifo") else ())


# -- the shipped lessons ----------------------------------------------------------------------------
def test_every_shipped_lesson_validates():
    files = lesson_files()
    for required in ("autoencoder_vs_pca", "bottleneck_2_vs_32", "denoising_noise_level", "vae_prior_samples",
                     "beta_vae_sprites", "vqvae_dead_codes", "mae_mask_ratio", "simclr_batch_negatives", "simclr_crop_matters",
                     "moco_queue_negatives", "simsiam_stop_gradient", "byol_predictor", "vicreg_variance",
                     "barlow_twins_identity", "rotation_pretext", "judge_an_encoder", "tsne_perplexity"):
        assert required in files
    for name, path in files.items():
        lesson = load_lesson(path)
        assert lesson.name == name and lesson.title.zh and lesson.claim.zh and lesson.source
        assert all(c.text.zh for c in lesson.captions)
        if len(lesson.runs) == 2:  # B differs from A in something, else the lesson shows nothing
            a, b = lesson.runs
            assert (a.method, a.method_params, a.run_params, a.augment, a.map) != \
                (b.method, b.method_params, b.run_params, b.augment, b.map), name


def test_a_run_b_inherits_run_a_and_overrides_its_settings(tmp_path):
    lesson = load_lesson(write(tmp_path, VALID))
    a, b = lesson.runs
    assert (b.method, b.dataset, b.run_params) == ("simsiam", "digits", {"batch_size": 16, "seed": 3})
    assert a.method_params["stop_gradient"] is True and b.method_params["stop_gradient"] is False
    assert b.method_params["width"] == 8  # kept from A
    assert lesson.run_names == ("A", "B") and lesson.captions[0].step == 10


# -- refusals: the file, the field, the valid choices -----------------------------------------------
@pytest.mark.parametrize("old, new, field, choice", [
    ('method = "simsiam"', 'method = "simsam"', "A.method", "simsiam"),
    ("stop_gradient = true,", "stop_grad = true,", "A.settings.stop_grad", "stop_gradient"),
    ("batch_size = 16", "batchsize = 16", "A.run.batchsize", "batch_size"),
    ("batch_size = 16", "batch_size = 1", "A.run.batch_size", "2 .. 8192"),
    ('dataset = "digits"', 'dataset = "digitz"', "A.dataset", "mnist5k"),
    ('views = ["loss", "metrics"]', 'views = ["loss", "metrix"]', "views", "metrics"),
    ('metric = "effective_rank"', 'metric = "rank"', "check.metric", "effective_rank"),
    ('compare = "B < 0.5 * A"', 'compare = "C < 0.5 * A"', "check.compare", "raw_pixels"),
    ('compare = "B < 0.5 * A"', 'compare = "B << A"', "check.compare", "OP one of"),
    ('compare = "B < 0.5 * A"', 'compare = "B < A + 1"', "check.compare", "OP one of"),
    ('metric = "effective_rank"', 'metric = "final_loss"\ncompare2 = 1', "check.compare2", "metric, compare"),
    ("step = 10", "step = 99", "captions[0].step", "0 to 20"),
    ('label = "stop-gradient on"', 'label = "on"\nseeds = 1', "A.seeds", "settings"),
])
def test_a_broken_lesson_is_refused_naming_file_field_and_choices(tmp_path, old, new, field, choice):
    assert old in VALID
    path = write(tmp_path, VALID.replace(old, new, 1), "broken_lesson")
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    message = str(caught.value)
    assert message.startswith("broken_lesson.toml: ")
    assert caught.value.where == field and field in message
    assert choice in message


def test_a_metric_a_baseline_cannot_have_is_refused(tmp_path):
    path = write(tmp_path, VALID.replace('metric = "effective_rank"', 'metric = "final_loss"')
                 .replace('"B < 0.5 * A"', '"A < random_network"'))
    with pytest.raises(LessonError, match="random_network has no final_loss"):
        load_lesson(path)


def test_a_lesson_without_b_cannot_compare_b(tmp_path):
    text = VALID.split("[B]")[0] + VALID.split('zh = "请看"')[1]
    with pytest.raises(LessonError) as caught:
        load_lesson(write(tmp_path, text))
    assert caught.value.where == "check.compare" and "'B'" in str(caught.value)


def test_an_unknown_lesson_lists_the_known_ones(tmp_path):
    with pytest.raises(LessonError, match="simsiam_stop_gradient"):
        find_lesson("no_such_lesson")


def test_the_check_language_names_every_metric_and_view():
    assert {"knn", "linear_probe", "effective_rank", "final_loss", "reconstruction_error"} <= set(METRICS)
    assert {"loss", "metrics", "map", "images"} <= set(VIEWS)


# -- the comparison language ------------------------------------------------------------------------
@pytest.mark.parametrize("text, values, held", [
    ("B < 0.3 * A", {"A": 20.0, "B": 5.9}, True),
    ("B < 0.3 * A", {"A": 20.0, "B": 6.0}, False),  # strict: equal is not less
    ("B <= 0.3 * A", {"A": 20.0, "B": 6.0}, True),
    ("A > raw_pixels", {"A": 0.91, "raw_pixels": 0.90}, True),
    ("A > raw_pixels", {"A": 0.89, "raw_pixels": 0.90}, False),
    ("A >= 2.5e-1", {"A": 0.25}, True),
    ("0.5 * B > A", {"A": 1.0, "B": 2.5}, True),
    ("A<pca", {"A": 0.03, "pca": 0.05}, True),
    ("B < 0.5 * A", {"A": math.nan, "B": 1.0}, False),  # a metric that could not be measured never holds
])
def test_comparisons_evaluate_hand_made_numbers(text, values, held):
    assert parse(text, SUBJECTS).holds(values) is held


def test_a_comparison_reports_its_sides():
    c = parse("B < 0.3 * A", SUBJECTS)
    assert c.subjects == ("B", "A") and str(c) == "B < 0.3 * A"
    assert c.right.value({"A": 10.0}) == pytest.approx(3.0)


@pytest.mark.parametrize("text", ["B", "B < A < 2", "1 < 2", "B < A * 0.3", "B < -A", "sqrt(A) > B", ""])
def test_anything_else_is_not_a_comparison(text):
    with pytest.raises(CompareError):
        parse(text, SUBJECTS)


# -- the CLI ---------------------------------------------------------------------------------------
def test_lesson_list_prints_names_titles_claims_and_budgets(tmp_path, capsys):
    write(tmp_path, VALID, "my_lesson")
    assert main(["lesson", "list", "--lessons", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "simsiam_stop_gradient" in out and "SimSiam: the stop-gradient prevents collapse" in out
    assert "my_lesson" in out and "[20 steps x 2 runs]" in out


def test_lesson_list_reports_a_broken_user_lesson_and_lists_the_rest(tmp_path, capsys):
    write(tmp_path, VALID.replace('method = "simsiam"', 'method = "nope"'), "bad")
    assert main(["lesson", "list", "--lessons", str(tmp_path)]) == 2
    out = capsys.readouterr().out
    assert "bad.toml: A.method: unknown method 'nope'" in out and "vicreg_variance" in out


def test_the_app_refuses_a_lessons_folder_that_is_not_there(tmp_path, capsys):
    from gui.app import run_app

    assert run_app(lesson_folders=[str(tmp_path / "typo")]) == 2  # before any window or process starts
    assert f"--lessons {tmp_path / 'typo'}: no such folder" in capsys.readouterr().err


def test_lesson_run_refuses_a_broken_lesson_before_training(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(runner, "train_run", lambda *a: pytest.fail("trained a broken lesson"))
    write(tmp_path, VALID.replace("stop_gradient = true,", "stop_grad = true,"), "bad")
    assert main(["lesson", "run", "bad", "--lessons", str(tmp_path)]) == 2
    assert "bad.toml: A.settings.stop_grad: unknown setting; valid: " in capsys.readouterr().err


def test_lesson_run_trains_both_runs_and_prints_the_observable(tmp_path, capsys):
    """The mechanics with a tiny budget (20 steps x 0.1): both runs trained through train(), the
    metric measured on each, the JSON's fields; whether 2 steps collapse anything is not the point."""
    write(tmp_path, VALID, "tiny")
    code = main(["lesson", "run", "tiny", "--lessons", str(tmp_path), "--json", "--steps-scale", "0.1"])
    result = json.loads(capsys.readouterr().out)
    assert code == (0 if result["held"] else 1)
    assert [r["name"] for r in result["runs"]] == ["A", "B"]
    assert [r["label"] for r in result["runs"]] == ["stop-gradient on", "stop-gradient off"]
    assert all(r["steps"] == 2 and math.isfinite(r["final_loss"]) for r in result["runs"])
    assert set(result["values"]) == {"A", "B"}
    assert all(1.0 <= v <= 8 for v in result["values"].values())  # effective rank of an 8-d projection
    assert result["left"] == result["values"]["B"] and result["right"] == pytest.approx(0.5 * result["values"]["A"])
    assert result["held"] == (result["values"]["B"] < 0.5 * result["values"]["A"])
    for key in ("lesson", "metric", "compare", "steps", "seconds", "title", "claim", "source"):
        assert key in result


@pytest.mark.parametrize("values, code", [({"A": 10.0, "B": 2.0, "random_network": 1.0}, 0),
                                          ({"A": 10.0, "B": 9.0, "random_network": 1.0}, 1)])
def test_the_exit_status_follows_whether_the_check_held(tmp_path, capsys, monkeypatch, values, code):
    import engine.lessons.observables as observables
    from engine.methods import create_method

    def untrained(name, spec, steps, folder, log):  # no training: this test is about the verdict
        return create_method(spec.method, spec.method_params, (1, 8, 8)), 0.5, 0.0

    monkeypatch.setattr(runner, "train_run", untrained)
    monkeypatch.setattr(observables, "measure", lambda metric, subjects, labels: {k: values[k] for k in subjects})
    write(tmp_path, VALID, "forced")
    assert main(["lesson", "run", "forced", "--lessons", str(tmp_path)]) == code
    out = capsys.readouterr().out
    assert ("held" if code == 0 else "did NOT hold") in out


def test_bench_lessons_prints_a_row_per_lesson_and_fails_when_one_did_not_hold(tmp_path, capsys, monkeypatch):
    from engine.cli import lessons as cli_lessons
    from engine.lessons import loader

    write(tmp_path, VALID, "forced")
    monkeypatch.setattr(loader, "lesson_files", lambda folders=None: {"forced": tmp_path / "forced.toml"})
    verdicts = iter([True])

    def fake_run(lesson, steps_scale, log):
        return {"metric": "effective_rank", "values": {"A": 10.0, "B": 2.0}, "compare": "B < 0.3 * A",
                "held": next(verdicts)}

    monkeypatch.setattr(runner, "run_lesson", fake_run)
    assert cli_lessons.cmd_bench() == 0
    out = capsys.readouterr().out
    assert "| forced | effective_rank: A 10, B 2 (B < 0.3 * A) | yes |" in out
    verdicts = iter([False])
    assert cli_lessons.cmd_bench() == 1
    assert "| no |" in capsys.readouterr().out
