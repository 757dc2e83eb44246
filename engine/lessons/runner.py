"""Run a lesson headless: train A, then B, through the one training loop, and check the claim.

Each run goes through ``engine.training.trainer.train`` like every other run (same set-up, guard and
seeding), saves its weights to a temporary checkpoint when it ends, and is rebuilt from it to be
measured, so a lesson measures exactly what a saved run would hold. A run B that trains exactly as A
does (it differs in its label and map settings only, as in lesson 17) is not trained again: it is A's
model, so whatever differs between them is the picture, not the data.
"""

from __future__ import annotations

import math
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from engine.errors import EncoderLabError
from engine.lessons.compare import parse
from engine.lessons.schema import BASELINES, Lesson, RunSpec
from engine.words import Words

Log = Callable[[str], None]


def scaled_steps(lesson: Lesson, steps_scale: float) -> int:
    """The step budget times ``steps_scale``, at least one step."""
    return max(1, int(round(lesson.steps * steps_scale)))


def run_config(spec: RunSpec, steps: int, save_to: str):
    """The RunConfig of one of a lesson's runs: its augmentations laid over the data set's recipe."""
    from engine.data import load_dataset
    from engine.data.augment import AugmentConfig
    from engine.training.config import Cadence, RunConfig

    augment = None
    if spec.augment:
        ds = load_dataset(spec.dataset, **spec.dataset_options)
        augment = AugmentConfig.for_dataset(ds.flip_ok, ds.image_shape[1]).updated(spec.augment)
    # No views are watched headless: images and latents only on request, losses rarely.
    cadence = Cadence(images_interval_s=None, latents_interval_s=None, loss_interval_s=1.0)
    return RunConfig(method=spec.method, dataset=spec.dataset, method_params=dict(spec.method_params),
                     run_params=dict(spec.run_params), dataset_options=dict(spec.dataset_options), steps=steps,
                     save_on_end=save_to, augment=augment, cadence=cadence)


def train_run(name: str, spec: RunSpec, steps: int, folder: Path, log: Log):
    """Train one run to its budget; (the model rebuilt from its checkpoint, final loss, seconds)."""
    from engine.training.checkpoint import read_checkpoint, restore_method
    from engine.training.snapshots import RunEnded, RunEvent
    from engine.training.trainer import train

    start = time.perf_counter()
    log(f"run {name} ({spec.label}): {spec.method} on {spec.dataset}, {steps} steps")
    end = None
    for snap in train(run_config(spec, steps, str(folder / f"{name}.safetensors"))):
        if isinstance(snap, RunEvent) and snap.kind not in ("saved",):
            log(f"  {snap.kind.replace('_', ' ')}: {snap.message}")
        elif isinstance(snap, RunEnded):
            end = snap
    if end is None or end.kind != "finished" or not end.saved_to:
        why = end.message if end is not None else "it ended without a word"
        raise EncoderLabError(Words("run {name} ({label}) did not finish ({kind}): {why}", name=name, label=spec.label,
                                    kind=end.kind if end else "?", why=why))
    seconds = time.perf_counter() - start
    loss = float(end.metrics.get("loss", math.nan))
    log(f"  done at step {end.step} in {seconds:.1f} s, loss {loss:.4g}")
    return restore_method(read_checkpoint(end.saved_to)), loss, seconds


def run_lesson(lesson: Lesson, steps_scale: float = 1.0, log: Log | None = None) -> dict[str, Any]:
    """Train the lesson's runs, measure its metric on them and the baselines it names, judge the check.

    Returns a plain dict (what ``lesson run --json`` prints): the values, whether the check held, and
    each run's steps, final loss and seconds.
    """
    from engine.lessons.verdict import measure_check, verdict_words

    log = log or (lambda _: None)
    started = time.perf_counter()
    steps = scaled_steps(lesson, steps_scale)
    parse(lesson.check.compare, lesson.run_names + tuple(BASELINES))  # a check that cannot be read fails first
    trained, runs = {}, []
    with tempfile.TemporaryDirectory(prefix="lesson-") as tmp:
        for name, spec in zip(lesson.run_names, lesson.runs):
            if name != "A" and spec.trains_like(lesson.runs[0]):
                log(f"run {name} ({spec.label}) trains as run A does: it is run A's model")
                trained[name], seconds = trained["A"], 0.0
            else:
                model, loss, seconds = train_run(name, spec, steps, Path(tmp), log)
                trained[name] = (model, loss)
            runs.append({"name": name, "label": spec.label, "method": spec.method, "dataset": spec.dataset,
                         "steps": steps, "final_loss": trained[name][1], "seconds": round(seconds, 2)})
    measured = measure_check(lesson, trained, log)  # as the app measures its runs at the budget
    values, held = measured["values"], measured["held"]
    return {"lesson": lesson.name, "title": lesson.title.en, "claim": lesson.claim.en, "source": lesson.source,
            "metric": lesson.check.metric, "compare": lesson.check.compare,
            "left": measured["left"], "right": measured["right"], "values": values, "held": held,
            "verdict": verdict_words(lesson, values, held), "steps": steps, "steps_scale": steps_scale, "runs": runs,
            "seconds": round(time.perf_counter() - started, 2)}
