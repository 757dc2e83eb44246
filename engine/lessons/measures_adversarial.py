"""Lesson metrics of the adversarial family: the modes a generator of 2-D points covers and the share of
its points that land on a mode (GAN, WGAN-GP on ring8, grid25), and how often CycleGAN's translations
keep their class.

Each takes (subject, bank labels, probe labels) and returns a float, NaN where the subject has no such
thing (a method that makes no points, a data set that does not know its modes); see
engine/lessons/subject.py for what a Subject holds. Describe each in engine/lessons/schema.py's METRICS.

The points are the generator's images of a fixed noise (the same noise the Method view draws with,
``sample_noise``), so two subjects, and two measurements of one, see the same noise; a mode counts as
covered with the threshold the Method view counts with (engine/analysis/mode_coverage.py's
COVERED_FAIR_SHARE).
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import torch

from engine.analysis.mode_coverage import COVERED_FAIR_SHARE, high_quality_share as share_of, modes_covered as covered

COVERAGE_SAMPLES = 2000  # generated points the coverage is counted on


def _modes(dataset) -> tuple[np.ndarray, float] | None:
    """(the data's mode centres (K, 2), their standard deviation), or None when it does not know them."""
    notes = getattr(dataset, "notes", None) or {}
    centres, std = notes.get("centres"), notes.get("mode_std", 0)
    if centres is None or len(centres) == 0 or not std or std <= 0:
        return None
    return np.asarray(centres, np.float64).reshape(-1, 2), float(std)


def generated_points(model, n: int = COVERAGE_SAMPLES) -> np.ndarray | None:
    """(n, 2) the generator's points of the fixed noise, or None for a model that makes no points."""
    from engine.training.util import evaluating  # the training package is heavier than this module

    if model is None or not getattr(model, "on_points", False) or not hasattr(model, "generator_net"):
        return None
    device = next(model.parameters()).device
    with evaluating(model), torch.no_grad():
        points = model.generator_net(model.sample_noise(n, device))  # (n, 2)
    return points.reshape(-1, 2).float().cpu().numpy()


def modes_covered(s, yb=None, yp=None) -> float:
    """How many of the data's modes the generator's COVERAGE_SAMPLES points of fixed noise cover: at least
    a tenth of the mode's fair share of them within 3 standard deviations of its centre (Metz et al. 2017,
    VEEGAN, PacGAN; the Method view's count)."""
    modes, points = _modes(s.dataset), generated_points(s.model)
    if modes is None or points is None:
        return float("nan")
    return float(covered(points, modes[0], modes[1], min_share=COVERED_FAIR_SHARE))


def high_quality_share(s, yb=None, yp=None) -> float:
    """The share of the generator's points of fixed noise within 3 standard deviations of the nearest mode
    (VEEGAN, Srivastava et al. 2017)."""
    modes, points = _modes(s.dataset), generated_points(s.model)
    if modes is None or points is None:
        return float("nan")
    return float(share_of(points, modes[0], modes[1]))


def translation_class_kept(s, yb=None, yp=None) -> float:
    """The share of held-out images of domain A whose translation to B a classifier of B's images puts in
    their own class (engine/analysis/translation_quality.py; Zhu et al. 2017's "FCN score" in spirit)."""
    from engine.analysis.translation_quality import class_kept_share

    if s.model is None or s.dataset is None or not hasattr(s.model, "a_to_b"):
        return float("nan")
    return float(class_kept_share(s.model, s.dataset))


MEASURES: dict[str, Callable[..., float]] = {
    "modes_covered": modes_covered,
    "high_quality_share": high_quality_share,
    "translation_class_kept": translation_class_kept,
}
