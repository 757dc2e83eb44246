"""What a lesson is, once loaded and validated: plain frozen dataclasses, no torch.

A lesson file (TOML) states one claim of the course and how to see it: run A and an optional run B that
differs in a setting or two, the step budget, the views to show, captions at given steps, and a check
(a metric and a comparison) that must hold at the end. See assets/lessons/README.md for the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.errors import EncoderLabError
from engine.words import Words

# The app's views a lesson may ask for: the name in the file -> the dock's title in the window.
VIEWS = {"images": "Images", "loss": "Loss", "latent": "Latent explorer", "map": "Embedding map",
         "metrics": "Metrics", "method": "Method view", "augmentations": "Augmentations"}

# The metrics a check may name, each measured on held-out images (see engine/lessons/observables.py).
METRICS = {
    "knn": "kNN accuracy (k=20, cosine) of the embeddings of held-out images, fit on training images",
    "linear_probe": "accuracy of a logistic regression on the frozen embeddings",
    "effective_rank": "effective rank (exp of the singular values' entropy) of the projector output, "
                      "or of the embedding when the method has no projector",
    "spread": "per-dimension std of the L2-normalised embedding over 1/sqrt(d): near 0 means collapse",
    "scale": "per-dimension std of the raw (unnormalised) embedding: near 0 means all images at one point",
    "final_loss": "the training loss at the end of the run",
    "reconstruction_error": "mean squared error of the reconstructions of held-out images",
    "denoising_error": "mean squared error against the clean held-out images of the model's reconstructions of "
                       "copies with Gaussian noise of std 0.5 (raw_pixels: the noisy copies themselves)",
    "prior_sample_distance": "Frechet distance between 1,000 decoded samples of the prior N(0, I) and the "
                             "held-out images, in the images' first 16 principal components",
    "sample_frechet_distance": "Frechet distance between 1,000 decoded samples of the prior N(0, I) (a GAN's "
                               "noise) and the held-out images, in the features of a LeNet judge trained on the "
                               "data set's labels",
    "active_dims": "latent dimensions whose mean KL to the prior exceeds 0.1 nats on the held-out images",
    "codes_in_use": "codebook entries picked by at least one grid cell of the held-out images",
    "codebook_perplexity": "exp(entropy) of the codebook usage on the held-out images",
    "hidden_patch_error": "mean squared error of the hidden patches only, 75% of the held-out images' patches "
                          "hidden (the same patches for every subject)",
    "cross_correlation_distance": "Barlow Twins' loss per dimension, sum (1 - C_ii)^2 + lambda sum C_ij^2 over D, "
                                  "of C the cross-correlation of the projector outputs of two augmented views "
                                  "of the held-out images: 0 when C is the identity",
    "map_neighbours_kept": "share of each held-out image's 10 nearest neighbours in the embedding that stay "
                           "among its 10 on the run's 2-d map",
    "map_clumps": "separate clumps on the run's 2-d map of the held-out embeddings: the groups of its mutual "
                  "5-nearest-neighbour graph",
    "modes_covered": "modes of a 2-d data set (the ring's 8, the grid's 25) that the generator's 2,000 points of "
                     "fixed noise cover: at least a tenth of the mode's fair share within 3 std of its centre",
    "high_quality_share": "share of the generator's 2,000 points of fixed noise within 3 std of the nearest mode",
    "translation_class_kept": "share of 500 held-out images of domain A whose translation to B a classifier of "
                              "B's images puts in their own class",
}

# Reference subjects beside the runs. "pca" is PCA of the raw pixels to as many dimensions as run A's
# embedding, fit on the training images: the linear counterpart of an autoencoder.
BASELINES = {
    "raw_pixels": "the flattened pixels themselves",
    "random_network": "an untrained network of run A's method and settings",
    "pca": "PCA of the pixels to as many dimensions as run A's embedding",
}

# Metrics a baseline cannot have: it was never trained, or (raw pixels) it is its own reconstruction.
UNDEFINED = {("final_loss", b) for b in BASELINES} | {("reconstruction_error", "raw_pixels")}
UNDEFINED |= {("cross_correlation_distance", b) for b in ("raw_pixels", "pca")}  # no network to see the views
# The autoencoder family's metrics need a network that decodes; raw pixels can only "denoise" by passing through.
UNDEFINED |= {(m, b) for m in ("prior_sample_distance", "sample_frechet_distance", "active_dims", "codes_in_use",
                               "codebook_perplexity", "hidden_patch_error") for b in ("raw_pixels", "pca")}
UNDEFINED |= {("denoising_error", "pca")}
# A generator's points and a translator's images need a network: the image baselines have neither.
UNDEFINED |= {(m, b) for m in ("modes_covered", "high_quality_share", "translation_class_kept")
              for b in ("raw_pixels", "pca")}
# On a data set of 2-D points there are no pixels: the only baseline there is the untrained network.
POINT_BASELINES = ("random_network",)


class LessonError(EncoderLabError):
    """A lesson file that cannot be used: the message names the file, the field and the valid choices.
    The problem is a Words, so the window shows it in the user's language; the names stay as they are."""

    def __init__(self, path: Path | str, where: str, problem: str):
        self.path, self.where, self.problem = str(path), where, problem
        super().__init__(Words("{file}: {field}: {problem}", file=Path(path).name, field=where, problem=problem))


@dataclass(frozen=True)
class Text:
    """One text in English and Simplified Chinese."""

    en: str
    zh: str


@dataclass(frozen=True)
class MapSpec:
    """How a run's Embedding map is drawn: the projection and the settings given for it (the rest keep
    engine/analysis/map_settings.py's defaults). Lesson 17 shows one trained model at two perplexities."""

    method: str  # pca, tsne or umap (engine.analysis.project.METHODS)
    settings: dict[str, float] = field(default_factory=dict)  # e.g. {"perplexity": 5.0}

    def map_settings(self):
        """The settings as the map and the analysis process take them (a MapSettings)."""
        from engine.analysis.map_settings import MapSettings

        return MapSettings(**self.settings)


@dataclass(frozen=True)
class RunSpec:
    """One run of a lesson: what ``train`` is given (settings already checked and coerced)."""

    label: str  # what tells this run from the other: "stop-gradient on"
    method: str
    dataset: str
    method_params: dict[str, Any] = field(default_factory=dict)
    run_params: dict[str, Any] = field(default_factory=dict)
    dataset_options: dict[str, Any] = field(default_factory=dict)
    augment: dict[str, tuple[bool, float, float]] = field(default_factory=dict)  # op -> (on, strength, p)
    map: MapSpec | None = None  # how the Embedding map draws this run; None: the app's current settings

    def trains_like(self, other: RunSpec) -> bool:
        """Whether the two runs train the same model (they may differ in label and map only)."""
        return (self.method, self.dataset, self.method_params, self.run_params, self.dataset_options,
                self.augment) == (other.method, other.dataset, other.method_params, other.run_params,
                                  other.dataset_options, other.augment)


@dataclass(frozen=True)
class Caption:
    step: int
    text: Text


@dataclass(frozen=True)
class Check:
    """The observable: ``metric`` measured on each subject, then ``compare``, e.g. "B < 0.3 * A"."""

    metric: str
    compare: str


@dataclass(frozen=True)
class Lesson:
    name: str  # the file's stem: what `lesson run NAME` takes
    path: str
    title: Text
    claim: Text
    source: str  # paper and section the claim comes from
    runs: tuple[RunSpec, ...]  # A, then B when there is one
    steps: int  # the step budget of each run
    views: tuple[str, ...]
    captions: tuple[Caption, ...]
    check: Check
    minutes: float | None = None  # expected wall time on 2 CPU cores, both runs and the check

    @property
    def run_names(self) -> tuple[str, ...]:
        return ("A", "B")[: len(self.runs)]
