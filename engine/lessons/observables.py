"""The metrics a lesson's check compares, measured on each subject: the trained runs and the baselines.

The protocol is the one ``evaluate`` follows (engine/analysis/embeddings.py): probes fit on embeddings of
the first training images and score on the first held-out ones; the collapse gauges measure the
projector output where the method has one (collapse shows there first), else the embedding. On a data set
of 2-D points the same holds of its points (embedded by ``model.embed``, a GAN's discriminator features);
the image baselines (raw pixels, PCA) have no meaning there, and the loader refuses them.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import torch

from engine.analysis.embeddings import embed, head_outputs, probe_sets, random_encoder_like, reconstruction_errors
from engine.analysis.evaluate import collapse_stats, knn_accuracy, linear_probe_accuracy
from engine.data import Dataset, Split
from engine.lessons.measures_adversarial import MEASURES as ADVERSARIAL_MEASURES
from engine.lessons.measures_generative import MEASURES as GENERATIVE_MEASURES
from engine.lessons.measures_ssl import MEASURES as SSL_MEASURES
from engine.lessons.subject import Subject
from engine.methods import Method

MEMORY_BANK = 1000  # training images the probes fit on (fewer than the app's 2,000: a lesson waits on it)
PROBE_POINTS = 1000  # held-out images they score on


def examples(split: Split):
    """A split's examples as a model takes them: its images, or its (N, 2) points."""
    return split.points if split.images is None and split.points is not None else split.images


def model_subject(model: Method, bank: Split, probe: Split, final_loss: float = float("nan")) -> Subject:
    seen = examples(probe)
    errors = reconstruction_errors(model, seen) if probe.images is not None else None
    return Subject(embed(model, examples(bank)), embed(model, seen), head_outputs(model, seen),
                   float("nan") if errors is None else float(errors.mean()), final_loss, model, probe.images,
                   points=probe.points if probe.images is None else None)


def raw_pixels(bank: Split, probe: Split) -> Subject:
    return Subject(bank.images.flatten(1).cpu().numpy(), probe.images.flatten(1).cpu().numpy(),
                   images=probe.images)


def pca_subject(bank: Split, probe: Split, dim: int) -> Subject:
    """PCA of the pixels to ``dim`` components fit on the bank: the best *linear* code of that size."""
    from sklearn.decomposition import PCA

    x_bank = bank.images.flatten(1).cpu().numpy().astype(np.float64)  # (N, C*H*W)
    x_probe = probe.images.flatten(1).cpu().numpy().astype(np.float64)
    pca = PCA(n_components=min(dim, *x_bank.shape)).fit(x_bank)
    code = pca.transform(x_probe)  # (M, dim)
    error = float(((pca.inverse_transform(code) - x_probe) ** 2).mean())
    return Subject(pca.transform(x_bank).astype(np.float32), code.astype(np.float32), reconstruction_error=error)


def _collapse(attribute: str) -> Callable[[Subject, np.ndarray, np.ndarray], float]:
    return lambda s, yb, yp: float(getattr(collapse_stats(s.gauged), attribute))


MEASURES: dict[str, Callable[[Subject, np.ndarray, np.ndarray], float]] = {
    "knn": lambda s, yb, yp: knn_accuracy(s.bank, yb, s.probe, yp, k=20),
    "linear_probe": lambda s, yb, yp: linear_probe_accuracy(s.bank, yb, s.probe, yp),
    "effective_rank": _collapse("effective_rank"),
    "spread": _collapse("spread"),
    "scale": _collapse("scale"),
    "final_loss": lambda s, yb, yp: s.final_loss,
    "reconstruction_error": lambda s, yb, yp: s.reconstruction_error,
}
MEASURES.update(GENERATIVE_MEASURES)  # the autoencoder family's own (engine/lessons/measures_generative.py)
MEASURES.update(SSL_MEASURES)  # the joint-embedding family's and the map's (engine/lessons/measures_ssl.py)
MEASURES.update(ADVERSARIAL_MEASURES)  # the GANs' and CycleGAN's (engine/lessons/measures_adversarial.py)


def measure(metric: str, subjects: dict[str, Subject], labels: tuple[np.ndarray, np.ndarray]) -> dict[str, float]:
    """``metric`` of each subject, by name."""
    return {name: MEASURES[metric](s, *labels) for name, s in subjects.items()}


def subjects_for(names: tuple[str, ...], runs: dict[str, tuple[Method, float]], ds: Dataset, seed: int,
                 device: torch.device) -> tuple[dict[str, Subject], tuple[np.ndarray, np.ndarray]]:
    """The subjects ``names`` (runs "A"/"B" and baselines) and the (bank, probe) labels."""
    bank, probe = probe_sets(ds.to(device), MEMORY_BANK, PROBE_POINTS)
    subjects = {}
    for name in names:
        if name in runs:
            model, loss = runs[name]
            subjects[name] = model_subject(model, bank, probe, loss)
        elif name in ("raw_pixels", "pca") and bank.images is None:  # the loader refuses these on points
            raise KeyError(f"{name} is a baseline of images; {ds.name} holds {ds.kind}")
        elif name == "raw_pixels":
            subjects[name] = raw_pixels(bank, probe)
        elif name == "random_network":
            model = runs["A"][0]
            subjects[name] = model_subject(random_encoder_like(model, ds.image_shape, seed, device), bank, probe)
        elif name == "pca":
            dim = embed(runs["A"][0], probe.images[:2]).shape[1]  # as many components as A's embedding
            subjects[name] = pca_subject(bank, probe, dim)
        else:
            raise KeyError(name)
    return subjects, (bank.labels.cpu().numpy(), probe.labels.cpu().numpy())
