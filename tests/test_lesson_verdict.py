"""Issue 19 §5, without a window: a run pauses itself at exactly the step it is told (a lesson's budget),
a copy saved for the check is not the run's save, the app's way of measuring (copies at the budget, a
process of its own) gives what `lesson run` gives, and the verdict says what held, with the numbers, or
what was measured and that the claim did not show."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from engine.lessons.loader import load_lesson
from engine.lessons.verdict import METRIC_NAMES, number, verdict_words
from engine.training.control import RunControl
from tests.test_lesson_app import tiny_lesson

ROOT = Path(__file__).resolve().parents[1]


def steps_taken(control: RunControl, limit: int = 100) -> int:
    """Steps a loop takes from step 0 under ``control`` (as engine/training/trainer.py asks may_step)."""
    step = 0
    while step < limit and control.may_step(step):
        step += 1
    return step


# -- pausing at the budget ------------------------------------------------------------------------
def test_a_playing_run_pauses_at_exactly_the_step_and_play_then_trains_on():
    control = RunControl(start_paused=False)
    control.pause_at_step(7)
    assert not control.paused  # playing until it gets there
    assert steps_taken(control) == 7 and control.paused
    control.resume()  # once: Play trains on past the budget
    assert control.may_step(7) and control.may_step(50)


def test_single_steps_stop_at_the_budget_too():
    control = RunControl(start_paused=True)
    control.pause_at_step(4)
    control.step(10)  # Step pressed ten times before the budget: the budget wins
    assert steps_taken(control) == 4
    control.step(2)  # pressed after it: the user's steps go on
    assert control.may_step(4) and control.may_step(5) and not control.may_step(6)


def test_a_pause_point_of_zero_takes_the_pause_away():
    control = RunControl(start_paused=False)
    control.pause_at_step(3)
    control.pause_at_step(0)  # leaving the lesson for free play
    assert steps_taken(control, limit=20) == 20


def _tiny_config(steps=None):
    from engine.training.config import Cadence, RunConfig

    return RunConfig(method="autoencoder", dataset="digits", method_params={"latent_dim": 2, "width": 8},
                     run_params={"batch_size": 16, "seed": 1}, steps=steps, cadence=Cadence(images_interval_s=0.0))


def test_the_training_loop_pauses_itself_at_the_step_and_a_copy_is_not_the_runs_save(tmp_path):
    from engine.training.checkpoint import read_checkpoint
    from engine.training.snapshots import RunEvent, StateChanged
    from engine.training.trainer import train

    control = RunControl(start_paused=False, interactive=True)
    control.pause_at_step(7)
    snapshots = train(_tiny_config(), control)
    for snap in snapshots:
        if isinstance(snap, StateChanged) and not snap.running:
            break
    assert snap.step == 7 and snap.reason == "paused"
    control.save_copy(str(tmp_path / "copy.safetensors"))
    event = next(s for s in snapshots if isinstance(s, RunEvent))
    snapshots.close()
    assert event.kind == "copy_saved" and event.step == 7  # not "saved": the window keeps its own file
    assert read_checkpoint(event.path).meta["step"] == 7


def test_where_a_run_pauses_its_embeddings_carry_the_probes_training_set():
    """Lesson 17's A and B at one step showed different probe scores: the probes run only on every other
    embedding update, so each run's scores were of its own earlier step. A pause sends them complete."""
    from engine.training.config import app_cadence
    from engine.training.snapshots import EmbeddingUpdate, StateChanged
    from engine.training.trainer import train

    control = RunControl(start_paused=False, interactive=True)
    control.pause_at_step(3)
    config = replace(_tiny_config(), cadence=replace(app_cadence(), embeddings_interval_s=1e6))  # none timed
    snapshots = train(config, control)
    seen = []
    for snap in snapshots:
        if isinstance(snap, EmbeddingUpdate) and snap.kind == "model":
            seen.append((snap.step, snap.train is not None))
        if isinstance(snap, StateChanged) and not snap.running:
            break
    snapshots.close()
    assert seen[-1] == (3, True)


# -- measuring as `lesson run` does ---------------------------------------------------------------
def test_the_apps_copies_measured_in_a_process_of_their_own_give_what_lesson_run_gives(tmp_path):
    """The app trains each run with views on, pauses it at the budget and saves a copy there; a process
    of its own measures the copies. The values are `lesson run`'s to the last digit."""
    from engine.lessons.runner import run_config, run_lesson
    from engine.training.snapshots import RunEvent, StateChanged
    from engine.training.trainer import train

    lesson = load_lesson(tiny_lesson(tmp_path, steps=6))
    headless = run_lesson(lesson)
    files = {}
    for name, spec in zip(lesson.run_names, lesson.runs):
        control = RunControl(start_paused=False, interactive=True)
        control.pause_at_step(lesson.steps)
        config = replace(run_config(spec, lesson.steps, None), steps=None, cadence=_tiny_config().cadence)
        snapshots = train(config, control)  # the app's way: no step budget, views on, paused by itself
        next(s for s in snapshots if isinstance(s, StateChanged) and not s.running)
        control.save_copy(str(tmp_path / f"{name}.safetensors"))
        files[name] = next(s for s in snapshots if isinstance(s, RunEvent)).path
        snapshots.close()
    out = subprocess.run([sys.executable, "-m", "engine.lessons.verdict", lesson.path,
                          *[arg for name, path in files.items() for arg in ("--run", f"{name}={path}")]],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    measured = json.loads(out.stdout.strip().splitlines()[-1])
    assert measured["steps"] == {"A": 6, "B": 6}
    assert measured["values"] == pytest.approx(headless["values"], rel=1e-6)
    assert measured["held"] == headless["held"]
    assert headless["verdict"] == verdict_words(lesson, measured["values"], measured["held"])


def test_the_measuring_process_says_why_it_could_not_measure(tmp_path):
    lesson = tiny_lesson(tmp_path)
    out = subprocess.run([sys.executable, "-m", "engine.lessons.verdict", str(lesson), "--run",
                          f"A={tmp_path / 'missing.safetensors'}"], cwd=ROOT, capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 1
    assert "error" in json.loads(out.stdout.strip().splitlines()[-1])


# -- the verdict in words -------------------------------------------------------------------------
def _with_check(tmp_path, metric, compare):
    lesson = load_lesson(tiny_lesson(tmp_path))
    from engine.lessons.schema import Check

    return replace(lesson, check=Check(metric, compare))


def test_a_held_claim_says_so_with_the_numbers(tmp_path):
    lesson = _with_check(tmp_path, "effective_rank", "B < 0.3 * A")
    words = verdict_words(lesson, {"A": 20.21, "B": 3.62}, True)
    assert words == "Held: B's effective rank 3.62 < 0.3 × A's 20.2"
    assert words.template == "Held: {left} {op} {right}"  # translated as a whole (gui/i18n_engine.py)


def test_a_claim_that_did_not_hold_says_what_was_measured_and_that_it_did_not_show(tmp_path):
    lesson = _with_check(tmp_path, "effective_rank", "B < 0.3 * A")
    words = verdict_words(lesson, {"A": 20.21, "B": 25.1}, False)
    assert words == ("Not this time: B's effective rank 25.1, not < 0.3 × A's 20.2. "
                     "The claim did not show in this run.")


def test_baselines_constants_and_the_other_operators_read_right(tmp_path):
    lesson = _with_check(tmp_path, "linear_probe", "A >= random_network")
    assert (verdict_words(lesson, {"A": 0.912, "B": 0.5, "random_network": 0.75}, True)
            == "Held: A's linear-probe accuracy 0.912 ≥ the untrained network's 0.75")
    lesson = _with_check(tmp_path, "knn", "0.9 < A")
    assert verdict_words(lesson, {"A": 0.95, "B": 0.5}, True) == "Held: 0.9 < A's kNN accuracy 0.95"
    lesson = _with_check(tmp_path, "map_clumps", "A > 1.5 * B")
    assert verdict_words(lesson, {"A": 87.0, "B": 31.0}, True) == "Held: A's clumps on the map 87 > 1.5 × B's 31"


def test_a_value_that_could_not_be_measured_is_said_not_judged(tmp_path):
    lesson = _with_check(tmp_path, "reconstruction_error", "B < A")
    words = verdict_words(lesson, {"A": 0.02, "B": math.nan}, False)
    assert words.startswith("Not judged: B's reconstruction error could not be measured")


def test_every_metric_has_a_name_in_the_verdict_and_numbers_read_well():
    from engine.lessons.schema import METRICS

    assert set(METRIC_NAMES) == set(METRICS)
    assert [number(v) for v in (87.0, 3.6213, 0.01234, 1234.56, 20.21)] == ["87", "3.62", "0.0123", "1234.6", "20.2"]
