"""Subject: what a lesson's metrics measure on one subject, a trained run or a baseline (random network,
raw pixels, PCA). Its own module so that the families' measures (measures_ssl, measures_generative) can
name the type that observables.py, which imports them, builds."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from engine.data import Dataset
from engine.data.augment import AugmentConfig
from engine.lessons.schema import MapSpec
from engine.methods import Method


@dataclass
class Subject:
    """What a metric needs from one subject; None where the subject has no such thing."""

    bank: np.ndarray  # (N, D) embeddings of the training images the probes fit on
    probe: np.ndarray  # (M, D) embeddings of the held-out images
    head: np.ndarray | None = None  # (M, D') projector outputs of the held-out images
    reconstruction_error: float = float("nan")
    final_loss: float = float("nan")
    model: Method | None = None  # the trained (or random) network itself, for measures that need more
    images: torch.Tensor | None = None  # (M, C, H, W) the held-out images ``probe`` embeds
    points: torch.Tensor | None = None  # (M, 2) the held-out points ``probe`` embeds, on a data set of points
    # What a lesson's run adds (engine/lessons/lesson_subject.py), for the joint-embedding measures:
    augment: AugmentConfig | None = None  # the recipe its run trained with; None: the data set's usual one
    map: MapSpec | None = None  # how its run's Embedding map is drawn; None: t-SNE at the defaults
    dataset: Dataset | None = None  # the lesson's data set (the judge of generated images learns its labels)

    @property
    def gauged(self) -> np.ndarray:
        return self.probe if self.head is None else self.head
