"""Embeddings for the probes and the maps: what the trainer sends and `evaluate` scores.

The protocol, in one place: the probes fit on the first ``memory_bank`` training images and score on
the first ``map_points`` held-out images (the same images the map shows); the baselines are the raw
pixels and a randomly initialised encoder of the same method and hyper-parameters.
"""

from __future__ import annotations

import numpy as np
import torch

from engine.data import Dataset, Split
from engine.methods import Method, create_method
from engine.training.util import evaluating, seeded

RANDOM_ENCODER_SEED_OFFSET = 7919  # not the run's own seed: a random encoder other than the run's start


def probe_sets(ds: Dataset, memory_bank: int = 2000, map_points: int = 2000) -> tuple[Split, Split]:
    """(training examples the probes fit on, held-out examples they score on): images, or points."""
    bank = ds.train.take(torch.arange(min(memory_bank, len(ds.train)), device=ds.train.labels.device))
    probe = ds.heldout.take(torch.arange(min(map_points, len(ds.heldout)), device=ds.heldout.labels.device))
    return bank, probe


def embed(model: Method, images: torch.Tensor, chunk: int = 500) -> np.ndarray:
    """(N, D) float32 embeddings in eval mode, without gradients, in chunks."""
    with evaluating(model):
        return torch.cat([model.embed(c).float() for c in images.split(chunk)]).cpu().numpy()


def head_outputs(model: Method, images: torch.Tensor, chunk: int = 500) -> np.ndarray | None:
    """(N, D') of Method.head, or None when the method has no separate head."""
    with evaluating(model):
        parts = [model.head(c) for c in images.split(chunk)]
    return None if parts[0] is None else torch.cat(parts).float().cpu().numpy()


def reconstruction_errors(model: Method, images: torch.Tensor, chunk: int = 500) -> np.ndarray | None:
    """(N,) mean squared error of each image's reconstruction, or None for a method that cannot."""
    errors = []
    with evaluating(model):
        for c in images.split(chunk):
            rec = model.reconstruct(c)
            if rec is None:
                return None
            errors.append(((rec.output - c) ** 2).flatten(1).mean(1))
    return torch.cat(errors).cpu().numpy()


def random_encoder_like(model: Method, image_shape: tuple[int, int, int], seed: int,
                        device: torch.device) -> Method:
    """A fresh, untrained copy of ``model``'s method and hyper-parameters (the random baseline)."""
    with seeded(seed + RANDOM_ENCODER_SEED_OFFSET, device):  # no other run's thread draws in between
        return create_method(model.name, model.params, image_shape).to(device)
