"""Every shipped lesson's check, run end to end on a budget of two steps (issue 13 §9): its runs start
and train through the one training loop, the metric is measured on every subject the check names, and
the verdict is what the comparison says of those numbers. Whether two steps show the claim is not the
point; the full budgets are `python main.py bench lessons`."""

from __future__ import annotations

import math

import pytest

from engine.lessons.compare import parse
from engine.lessons.loader import lesson_files, load_lesson
from engine.lessons.runner import run_lesson
from engine.lessons.schema import BASELINES


@pytest.fixture(autouse=True)
def _own_cache(cache_dir, monkeypatch):
    from engine.lessons import observables

    # The mechanics, not the numbers: 300 images each side instead of 1,000 (a t-SNE map of 1,000
    # points is most of a minute on a busy 2-core machine).
    monkeypatch.setattr(observables, "MEMORY_BANK", 300)
    monkeypatch.setattr(observables, "PROBE_POINTS", 300)
    return cache_dir


@pytest.mark.parametrize("name", sorted(lesson_files()))
def test_a_shipped_lesson_runs_its_check_on_a_tiny_budget(name):
    lesson = load_lesson(lesson_files()[name])
    result = run_lesson(lesson, steps_scale=2 / lesson.steps)
    assert [r["name"] for r in result["runs"]] == list(lesson.run_names)
    assert all(r["steps"] == 2 and math.isfinite(r["final_loss"]) for r in result["runs"])
    comparison = parse(lesson.check.compare, lesson.run_names + tuple(BASELINES))
    assert set(comparison.subjects) <= set(result["values"])
    assert all(isinstance(v, float) and not math.isnan(v) for v in result["values"].values()), result["values"]
    assert result["held"] == comparison.holds(result["values"])
    assert result["metric"] == lesson.check.metric
