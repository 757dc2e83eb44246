"""A generator's sample quality as it trains: the Fréchet distance of its samples to held-out images
in a digit classifier's features, with its floor, and how many classes its samples cover, as curves in
the Method view beside the method's own figures.

A GAN's losses are a game, not a measure (Goodfellow et al. 2014): they stay level or swing while the
samples go from noise to digits, so the loss curve cannot say when the samples are good. These curves
can. They are measured between training steps every INTERVAL_S seconds of the run (and at a pause, a
single step or a lesson's budget, when every view is sent), on SAMPLES images of the same fixed noise,
by the judge stored for the data set (engine/analysis/judge.py: cached, or shipped with the app for the
embedded digits). The loop never trains a judge (about 25 s of a core): without a stored one, a line
says how to get one. The curves begin with the run; a run opened from a checkpoint starts a new one.
"""

from __future__ import annotations

import math
import time

import torch

from engine.figures import Curves, Figure, Value
from engine.methods.base import Method
from engine.words import Words

INTERVAL_S = 10.0  # between two measures while training (each takes about 0.1-0.3 s of a CPU core)
SAMPLES = 500  # generated images per measure: the floor is measured with as many real ones
HELDOUT = 1000  # held-out images they are compared with (split in halves for the floor)

def no_judge(name: str) -> Words:
    return Words("The sample quality curves need a classifier trained on this data set's labels, and none is "
                 "stored yet: `python main.py judge {name}` trains one once (about 25 s); the curves start "
                 "with the next run.", name=name)


def is_generator(model: Method) -> bool:
    """Whether ``model`` makes images from noise (it overrides Method.generate)."""
    return type(model).generate is not Method.generate


class QualityCurve:
    """The history of one run's sample quality, and its figures."""

    def __init__(self, dataset, dataset_name: str):
        self.dataset, self.name = dataset, dataset_name
        self.judge, self.looked = None, False
        self.steps: list[int] = []
        self.distance: list[float] = []
        self.classes: list[float] = []
        self.floor = math.nan
        self.n_classes = 0
        self.t_last = -math.inf

    def figures(self, model: Method, step: int, device: torch.device, now: bool = False) -> list[Figure]:
        """The curves up to ``step``, measured again first when INTERVAL_S has passed (``now``: whatever
        the time, as at a pause); [] for a method that does not generate, or data without labels."""
        if not is_generator(model) or not self.dataset.has_images:
            return []
        if not self.looked:
            from engine.analysis.judge import stored_judge

            self.judge, self.looked = stored_judge(self.name, self.dataset), True
        if self.judge is None:
            if len(self.dataset.class_names) < 2:
                return []
            return [Value("sample quality", no_judge(self.name),
                          help="how far a generator's samples are from real images, judged by a classifier")]
        due = now or time.monotonic() - self.t_last >= INTERVAL_S
        if due and (not self.steps or self.steps[-1] != step):
            self._measure(model, step, device)
        return self._curves() if self.steps else []

    def _measure(self, model: Method, step: int, device: torch.device) -> None:
        from engine.analysis.generative_quality import generator_quality
        from engine.training.util import evaluating

        self.t_last = time.monotonic()
        with evaluating(model), torch.no_grad():
            samples = model.generate(SAMPLES, device).float().cpu()  # (N, C, H, W)
        if not torch.isfinite(samples).all():  # a diverged generator: no point, the loss view says why
            return
        heldout = self.dataset.heldout.images[:HELDOUT].cpu()
        quality = generator_quality(samples, heldout, self.judge)
        self.steps.append(step)
        self.distance.append(quality.fid)
        self.classes.append(quality.coverage.well_covered)
        self.floor, self.n_classes = quality.floor, quality.coverage.n_classes

    def _curves(self) -> list[Figure]:
        accuracy = f"{100 * self.judge.accuracy:.1f}%"
        return [
            Curves("Fréchet distance of the samples to held-out images", self.steps, [self.distance],
                   series=("samples",), references=[self.floor], reference_label="two halves of the real images",
                   axis="Fréchet distance",
                   help=Words("in the features of a LeNet classifier trained on the data set ({accuracy} held-out "
                              "accuracy), {n} samples of fixed noise against held-out images; lower is better, "
                              "and the dotted line is what two sets of real images already differ by",
                              accuracy=accuracy, n=SAMPLES)),
            Curves("classes the samples cover", self.steps, [self.classes], series=("classes",),
                   references=[self.n_classes], reference_label="every class", axis="classes",
                   help="classes given at least a quarter of a fair share of the samples by the classifier; "
                        "a generator that collapses onto a few kinds of image covers few"),
        ]
