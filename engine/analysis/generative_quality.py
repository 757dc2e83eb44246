"""Honest numbers for a generator: a Fréchet distance with its floor beside it, class coverage, and the
mode counts of the 2-D playground.

A Fréchet distance on its own means little (its scale depends on the features and it is biased by the
number of samples), so :func:`generator_quality` always gives the *floor*: the distance between two
halves of the held-out set, measured with the same number of samples. A generator whose distance is
near the floor makes images the judge cannot tell from real ones; the class shares say whether it makes
every class or only a few (mode collapse). The judge is a LeNet trained on the data set's labels
(engine/analysis/judge.py), so these numbers are on a scale of their own: they are not comparable with
published FIDs, which use Inception's features on other images.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.analysis.judge import JudgeClassifier, judge_classifier
# The 2-D playground's measures live in engine/analysis/mode_coverage.py (the training loop logs them
# without the judge); named here too, with the rest of a generator's honest numbers.
from engine.analysis.mode_coverage import HIGH_QUALITY_STDS, high_quality_share, modes_covered
from engine.errors import ParamError
from engine.words import Words

__all__ = ["judge_classifier", "JudgeClassifier", "frechet_distance", "feature_frechet_distance",
           "frechet_floor", "class_coverage", "ClassCoverage", "generator_quality", "GeneratorQuality",
           "class_kept", "modes_covered", "high_quality_share", "HIGH_QUALITY_STDS"]

FLOOR_SEED = 0  # which held-out images fall in which half (split k takes FLOOR_SEED + k)
FLOOR_SPLITS = 5  # random half-splits that a distance and its floor are averaged over


# -- the Fréchet distance ---------------------------------------------------------------------------
def _psd_sqrt(c: np.ndarray) -> np.ndarray:
    """The symmetric square root of a symmetric positive semi-definite matrix (tiny negative
    eigenvalues, left by rounding, count as 0)."""
    values, vectors = np.linalg.eigh((c + c.T) / 2)
    return (vectors * np.sqrt(np.clip(values, 0, None))) @ vectors.T


def frechet_distance(mu1, cov1, mu2, cov2) -> float:
    """The Fréchet (2-Wasserstein) distance between the Gaussians N(mu1, cov1) and N(mu2, cov2), as the
    FID uses it (Heusel et al., "GANs trained by a two time-scale update rule converge to a local Nash
    equilibrium", NeurIPS 2017; Dowson and Landau 1982):

        d^2 = ||mu1 - mu2||^2 + Tr(C1 + C2 - 2 (C1 C2)^(1/2))

    (the squared distance, as the FID reports it). (C1 C2)^(1/2) need not be symmetric, and
    scipy.linalg.sqrtm of the product can turn complex from rounding; but C1 C2 = S1 (S1 C2 S1) S1^-1
    with S1 = C1^(1/2), so its trace is that of (S1 C2 S1)^(1/2), a symmetric PSD matrix whose root
    comes stably from its eigenvalues. Computed in float64; NaN when any input is not finite.
    """
    mu1, mu2 = np.atleast_1d(np.asarray(mu1, np.float64)), np.atleast_1d(np.asarray(mu2, np.float64))
    cov1, cov2 = np.atleast_2d(np.asarray(cov1, np.float64)), np.atleast_2d(np.asarray(cov2, np.float64))
    d = mu1.shape[0]
    if mu2.shape != (d,) or cov1.shape != (d, d) or cov2.shape != (d, d):
        raise ParamError(Words("the two Gaussians of a Fréchet distance must have the same dimension: means "
                               "{a} and {b}, covariances {c} and {e}", a=str(mu1.shape), b=str(mu2.shape),
                               c=str(cov1.shape), e=str(cov2.shape)))
    if not all(np.isfinite(a).all() for a in (mu1, mu2, cov1, cov2)):
        return float("nan")
    s1 = _psd_sqrt(cov1)
    middle = s1 @ cov2 @ s1  # (d, d), symmetric PSD
    root_trace = np.sqrt(np.clip(np.linalg.eigvalsh((middle + middle.T) / 2), 0, None)).sum()
    diff = mu1 - mu2
    value = diff @ diff + np.trace(cov1) + np.trace(cov2) - 2 * root_trace
    return float(max(value, 0.0))  # >= 0 in exact arithmetic; rounding can leave -1e-13


def feature_statistics(features) -> tuple[np.ndarray, np.ndarray]:
    """(mean (D,), covariance (D, D)) of features (N, D), the unbiased covariance (N - 1)."""
    x = np.asarray(features, np.float64)
    if x.ndim != 2 or x.shape[0] < 2:
        raise ParamError(Words("a Fréchet distance needs at least 2 feature vectors on each side, as rows "
                               "of a matrix; these are of shape {shape}", shape=str(x.shape)))
    return x.mean(axis=0), np.cov(x, rowvar=False).reshape(x.shape[1], x.shape[1])


def feature_frechet_distance(features_a, features_b) -> float:
    """The Fréchet distance between Gaussians fitted to two sets of features (N, D) and (M, D)."""
    return frechet_distance(*feature_statistics(features_a), *feature_statistics(features_b))


def heldout_halves(n: int, seed: int = FLOOR_SEED) -> tuple[np.ndarray, np.ndarray]:
    """Indices of two disjoint random halves of n held-out examples (the same for the same n, seed)."""
    order = np.random.default_rng(seed).permutation(n)
    return order[: n // 2], order[n // 2: 2 * (n // 2)]


def frechet_floor(heldout_features, size: int | None = None, splits: int = FLOOR_SPLITS,
                  seed: int = FLOOR_SEED) -> float:
    """The Fréchet distance between two random halves of the held-out features: what two sets of real
    images of this size already differ by, averaged over ``splits`` random splits (on mnist5k's halves
    of 500 images one split's value is 8.7 +- 2). ``size`` (at most half the set) takes that many of each first half, to
    match the number of samples that a generator's distance is measured on."""
    x = np.asarray(heldout_features, np.float64)
    values = []
    for k in range(max(splits, 1)):
        a, b = heldout_halves(len(x), seed + k)
        values.append(feature_frechet_distance(x[a[: max(2, min(size or len(a), len(a)))]], x[b]))
    return float(np.mean(values))


# -- classes -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ClassCoverage:
    """How a set of samples spreads over the classes (by the judge's guesses)."""

    shares: tuple[float, ...]  # per class: the share of the samples guessed to be of it (sums to 1)
    covered: int  # classes with at least one sample
    well_covered: int  # classes with a share of at least 1 / (4 n_classes): a quarter of a fair share
    entropy: float  # of the shares, in nats: log(n_classes) for an even spread, 0 for one class
    n_samples: int

    @property
    def n_classes(self) -> int:
        return len(self.shares)

    @property
    def evenness(self) -> float:
        """entropy / log(n_classes): 1 for an even spread over the classes, 0 for a single class."""
        return self.entropy / np.log(self.n_classes) if self.n_classes > 1 else float("nan")


def class_coverage(predictions, n_classes: int) -> ClassCoverage:
    """The share of samples per class; ``predictions`` are labels (N,) or probabilities (N, n_classes),
    whose most likely class counts."""
    p = np.asarray(predictions)
    labels = p.argmax(axis=1) if p.ndim == 2 else p.astype(np.int64)
    if labels.ndim != 1 or (labels.size and (labels.min() < 0 or labels.max() >= n_classes)):
        raise ParamError(Words("class guesses must be labels 0..{last} (one per sample) or a row of "
                               "{n} probabilities per sample", last=n_classes - 1, n=n_classes))
    counts = np.bincount(labels, minlength=n_classes).astype(np.float64)
    shares = counts / max(counts.sum(), 1.0)
    nonzero = shares[shares > 0]
    entropy = max(0.0, float(-(nonzero * np.log(nonzero)).sum()))
    return ClassCoverage(tuple(float(s) for s in shares), int((counts > 0).sum()),
                         int((shares >= 1.0 / (4 * n_classes)).sum()), entropy, int(labels.size))


def class_kept(translated_images, source_labels, classifier: JudgeClassifier) -> float:
    """The share of translated images (CycleGAN's A -> B, or A -> B -> A) that the judge puts in the
    class of the image they were made from."""
    guesses = classifier.predict(translated_images)
    source = np.asarray(source_labels, np.int64).reshape(-1)
    if len(source) != len(guesses):
        raise ParamError(Words("{n} translated images but {m} source labels", n=len(guesses), m=len(source)))
    return float((guesses == source).mean()) if len(source) else float("nan")


# -- a generator's images -------------------------------------------------------------------------------
@dataclass(frozen=True)
class GeneratorQuality:
    """A generator's images judged against held-out ones. Lower ``fid`` is better; ``floor`` is what
    real images score at the same sample size, so ``fid`` near ``floor`` is as good as it gets."""

    fid: float  # Fréchet distance in the judge's LeNet features: generated vs a half B of the held-out set
    floor: float  # Fréchet distance of held-out half A vs half B, with as many samples as ``fid``
    floor_spread: float  # the std of the floor over the random splits: differences below it are noise
    n_compared: int  # generated (and half A's) images in each distance, against all of half B
    coverage: ClassCoverage  # of the generated images, by the judge's guesses
    heldout_coverage: ClassCoverage  # of the held-out images, for comparison
    judge_accuracy: float  # the judge's held-out accuracy: how far its guesses can be trusted
    dataset: str

    @property
    def shares(self) -> tuple[float, ...]:
        return self.coverage.shares

    @property
    def classes_covered(self) -> int:
        return self.coverage.covered

    @property
    def over_floor(self) -> float:
        """fid / floor: 1 is indistinguishable from real images (to this judge, at this size)."""
        return self.fid / self.floor if self.floor > 0 else float("inf")


def generator_quality(sample_images, heldout_images, classifier: JudgeClassifier, splits: int = FLOOR_SPLITS,
                      seed: int = FLOOR_SEED) -> GeneratorQuality:
    """Judge ``sample_images`` (N, C, H, W) in [0, 1] against ``heldout_images`` of the data set the
    classifier was trained on. The held-out set splits at random into halves A and B; the distance
    takes n = min(N, half) generated images, the floor n of half A's, both against all of half B, so
    that the two carry the same small-sample bias; both are averaged over ``splits`` random splits."""
    heldout = classifier.features(heldout_images)  # (M, 84)
    samples = classifier.features(sample_images)  # (N, 84)
    n = min(len(samples), len(heldout) // 2)
    if n < 2 or len(heldout) < 4:
        raise ParamError(Words("judging a generator needs at least 2 generated and 4 held-out images, not "
                               "{n} and {m}", n=len(samples), m=len(heldout)))
    fids, floors = [], []
    for k in range(max(splits, 1)):
        a, b = heldout_halves(len(heldout), seed + k)
        fids.append(feature_frechet_distance(samples[:n], heldout[b]))
        floors.append(feature_frechet_distance(heldout[a[:n]], heldout[b]))
    return GeneratorQuality(
        fid=float(np.mean(fids)),
        floor=float(np.mean(floors)),
        floor_spread=float(np.std(floors)),
        n_compared=n,
        coverage=class_coverage(classifier.predict(sample_images), classifier.n_classes),
        heldout_coverage=class_coverage(classifier.predict(heldout_images), classifier.n_classes),
        judge_accuracy=classifier.accuracy,
        dataset=classifier.dataset,
    )
