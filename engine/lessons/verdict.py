"""A lesson's verdict: its check measured on the runs as they stand at the budget, and said in words.

`lesson run` (engine/lessons/runner.py) trains the runs headless and measures them with
:func:`measure_check`. The app (gui/window/lesson_verdict.py) has each run write a copy of itself at the
budget and measures the copies in a process of its own, so the window never waits on it::

    python -m engine.lessons.verdict LESSON --run A=FILE --run B=FILE    # prints the result as JSON

which rebuilds the models from the copies as `lesson run` rebuilds them from its runs' checkpoints, and
measures them with the same function. Both say the result with :func:`verdict_words`:

    Held: B's effective rank 3.62 < 0.3 × A's 20.2
    Not this time: B's effective rank 25.1, not < 0.3 × A's 20.2. The claim did not show in this run.

This module imports torch and the measures only to measure: the window formats verdicts with it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from typing import Any, Callable

from engine.lessons.compare import Comparison, Side, parse
from engine.lessons.schema import BASELINES, Lesson
from engine.words import Words

Log = Callable[[str], None]

# What each metric is called in a verdict (engine/lessons/schema.py's METRICS says how it is measured).
METRIC_NAMES = {
    "knn": Words("kNN accuracy"),
    "linear_probe": Words("linear-probe accuracy"),
    "effective_rank": Words("effective rank"),
    "spread": Words("spread"),
    "scale": Words("scale"),
    "final_loss": Words("final loss"),
    "reconstruction_error": Words("reconstruction error"),
    "denoising_error": Words("denoising error"),
    "prior_sample_distance": Words("distance of the prior's samples from the held-out images"),
    "sample_frechet_distance": Words("distance of the samples from the held-out images, in a classifier's features"),
    "active_dims": Words("active latent dimensions"),
    "codes_in_use": Words("codes in use"),
    "codebook_perplexity": Words("codebook perplexity"),
    "hidden_patch_error": Words("hidden-patch error"),
    "cross_correlation_distance": Words("cross-correlation's distance from the identity"),
    "map_neighbours_kept": Words("share of neighbours kept on the map"),
    "map_clumps": Words("clumps on the map"),
    "modes_covered": Words("modes covered"),
    "high_quality_share": Words("share of points on a mode"),
    "translation_class_kept": Words("share of translations that keep their class"),
}
# Whose value it is, as the verdict names each subject.
SUBJECT_NAMES = {
    "A": Words("A's"),
    "B": Words("B's"),
    "raw_pixels": Words("the raw pixels'"),
    "random_network": Words("the untrained network's"),
    "pca": Words("PCA's"),
}
SHOWN_OPERATORS = {"<": "<", ">": ">", "<=": "≤", ">=": "≥"}


# -- measuring --------------------------------------------------------------------------------------
def measure_check(lesson: Lesson, trained: dict[str, tuple[Any, float]], log: Log | None = None) -> dict[str, Any]:
    """The lesson's metric on its trained runs ({name: (model, final loss)}) and the baselines its check
    names, and whether the check holds: {"values", "left", "right", "held"}."""
    import torch

    from engine.data import load_dataset
    from engine.lessons.lesson_subject import in_context
    from engine.lessons.observables import measure, subjects_for
    from engine.training.device import resolve_device

    log = log or (lambda _: None)
    comparison = parse(lesson.check.compare, lesson.run_names + tuple(BASELINES))
    a = lesson.runs[0]
    device = resolve_device(a.run_params.get("device", "auto"))
    for model, _ in trained.values():
        model.to(device)
    ds = load_dataset(a.dataset, **a.dataset_options)
    names = lesson.run_names + tuple(n for n in comparison.subjects if n in BASELINES)
    log(f"measuring {lesson.check.metric} of {', '.join(names)}")
    with torch.no_grad():
        subjects, labels = subjects_for(names, trained, ds, int(a.run_params.get("seed", 0)), device)
        subjects = in_context(subjects, dict(zip(lesson.run_names, lesson.runs)), ds)
        values = measure(lesson.check.metric, subjects, labels)
    return {"values": values, "left": comparison.left.value(values), "right": comparison.right.value(values),
            "held": comparison.holds(values)}


def measure_saved(lesson: Lesson, files: dict[str, str], log: Log | None = None) -> dict[str, Any]:
    """:func:`measure_check` on the runs saved in ``files`` ({run name: checkpoint}), each rebuilt as
    `lesson run` rebuilds its runs, its final loss the checkpoint's. A run B that trains as run A does
    and has no file of its own is run A's model (as `lesson run` has it)."""
    from engine.errors import EncoderLabError
    from engine.training.checkpoint import read_checkpoint, restore_method

    trained: dict[str, tuple[Any, float]] = {}
    steps: dict[str, int] = {}
    for name, spec in zip(lesson.run_names, lesson.runs):
        path = files.get(name) or (files.get("A") if spec.trains_like(lesson.runs[0]) else None)
        if path is None:
            raise EncoderLabError(Words("run {name} was not saved, so it cannot be measured", name=name))
        ckpt = read_checkpoint(path)
        trained[name] = (restore_method(ckpt), float(ckpt.meta.get("metrics", {}).get("loss", math.nan)))
        steps[name] = int(ckpt.meta.get("step", 0))
    return {**measure_check(lesson, trained, log), "steps": steps}


# -- saying it --------------------------------------------------------------------------------------
def number(value: float) -> str:
    """A measured value as the verdict shows it: whole numbers whole, others to three figures."""
    if not math.isfinite(value):
        return str(value)
    if value == round(value) and abs(value) < 1e7:
        return str(int(round(value)))
    return f"{value:.1f}" if abs(value) >= 100 else f"{value:.3g}"


def _side(side: Side, values: dict[str, float], metric: Words | None) -> str:
    """One side of the comparison with its numbers: "B's effective rank 3.62", "0.3 × A's 20.2", "0.9"."""
    if side.subject is None:
        return number(side.factor)
    whose = SUBJECT_NAMES.get(side.subject, side.subject)
    value = number(values[side.subject])
    if metric is not None:  # the first side that names a subject says what is measured
        said = Words("{whose} {metric} {value}", whose=whose, metric=metric, value=value)
    else:
        said = Words("{whose} {value}", whose=whose, value=value)
    if side.factor == 1:
        return said
    return Words("{factor} × {said}", factor=number(side.factor), said=said)


def verdict_words(lesson: Lesson, values: dict[str, float], held: bool) -> Words:
    """The verdict in words: what held, with the numbers, or what was measured and that the claim did
    not show this time (or could not be measured at all)."""
    comparison: Comparison = parse(lesson.check.compare, lesson.run_names + tuple(BASELINES))
    metric = METRIC_NAMES.get(lesson.check.metric, lesson.check.metric)
    unmeasured = [n for n in comparison.subjects if not math.isfinite(values.get(n, math.nan))]
    if unmeasured:
        return Words("Not judged: {whose} {metric} could not be measured, so the claim cannot be checked.",
                     whose=SUBJECT_NAMES.get(unmeasured[0], unmeasured[0]), metric=metric)
    left_first = comparison.left.subject is not None
    left = _side(comparison.left, values, metric if left_first else None)
    right = _side(comparison.right, values, None if left_first else metric)
    op = SHOWN_OPERATORS[comparison.op]
    if held:
        return Words("Held: {left} {op} {right}", left=left, op=op, right=right)
    return Words("Not this time: {left}, not {op} {right}. The claim did not show in this run.",
                 left=left, op=op, right=right)


def unmeasured_words(why: str) -> Words:
    """What the app says when the check could not be measured at all (the measuring process failed)."""
    return Words("The check could not be measured: {why}", why=why)


# -- the app's measuring process ----------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    """Measure a lesson's check on saved runs; print {"values", "left", "right", "held", "steps"} (or
    {"error"}) as JSON on stdout. Exit status 0 when measured, 1 when it could not be."""
    parser = argparse.ArgumentParser(prog="python -m engine.lessons.verdict")
    parser.add_argument("lesson", help="the lesson's name or its .toml file")
    parser.add_argument("--run", action="append", default=[], metavar="NAME=FILE", help="a run's checkpoint")
    args = parser.parse_args(argv)
    if hasattr(os, "nice"):
        try:
            os.nice(5)  # yields to training and to the window, as the analysis process does
        except OSError:
            pass
    from engine.errors import EncoderLabError
    from engine.lessons.loader import find_lesson
    from engine.words import message_of

    try:
        lesson = find_lesson(args.lesson)
        files = dict(item.split("=", 1) for item in args.run)
        result = measure_saved(lesson, files, log=lambda line: print(line, file=sys.stderr))
    except (EncoderLabError, ValueError, OSError) as e:
        print(json.dumps({"error": str(message_of(e))}))
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
