"""What crosses from the training thread to the GUI: frozen dataclasses of numpy arrays and plain values.

Never a tensor or a module, so a snapshot can be drawn, queued or dropped without touching the model
while it trains. Every snapshot carries the id of the run it came from; the GUI drops snapshots of a run
that is no longer current. Images are float32 (B, H, W, C) in [0, 1].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from engine.figures import Figure


@dataclass(frozen=True)
class Snapshot:
    run_id: int


@dataclass(frozen=True)
class RunStarted(Snapshot):
    """The run is set up: everything a view needs to lay itself out."""

    method: str
    method_label: str
    family: str
    dataset: str
    dataset_description: str
    image_shape: tuple[int, int, int]  # (C, H, W)
    device: str
    step: int  # > 0 when continuing a checkpoint
    params: dict[str, Any]  # the method's hyper-parameters
    run_params: dict[str, Any]  # optimiser, learning rate, batch size, seed, device
    class_names: tuple[str, ...]
    factor_names: tuple[str, ...]
    latent_dim: int | None  # None: the method cannot decode
    n_train: int
    n_heldout: int
    resumed_from: str | None = None
    notes: tuple[str, ...] = ()  # e.g. how many files a folder load skipped
    views: int = 0  # augmented views per image the method trains on
    augment: dict[str, tuple[bool, float, float]] = field(default_factory=dict)  # op -> (on, strength, p)


@dataclass(frozen=True)
class LossUpdate(Snapshot):
    """Loss terms of consecutive steps since the last update."""

    steps: np.ndarray  # (K,) step number after each of the K steps
    terms: dict[str, np.ndarray]  # name -> (K,) values; always holds "loss"
    step: int
    epoch: float
    images_per_s: float
    elapsed_s: float  # training time, pauses excluded


@dataclass(frozen=True)
class ImagesUpdate(Snapshot):
    """The fixed probe batch as the model sees it now."""

    step: int
    inputs: np.ndarray  # (B, H, W, C)
    labels: np.ndarray  # (B,)
    corrupted: np.ndarray | None = None  # (B, H, W, C), e.g. the denoising autoencoder's noisy input
    reconstructions: np.ndarray | None = None  # (B, H, W, C)
    corrupted_name: str = "corrupted"  # what the method calls its corrupted input ("masked" for MAE)
    extra_rows: dict[str, np.ndarray] = field(default_factory=dict)  # more rows: two views, MAE's pasted


@dataclass(frozen=True)
class LatentUpdate(Snapshot):
    """Codes of the held-out probe set, for the latent sliders and the 2-D pad."""

    step: int
    codes: np.ndarray  # (P, D)
    labels: np.ndarray  # (P,)
    low: np.ndarray  # (D,) 1st percentile of each dimension: the slider range
    high: np.ndarray  # (D,) 99th percentile
    mean: np.ndarray  # (D,)
    std: np.ndarray  # (D,)
    kl_per_dim: np.ndarray | None = None  # (D,) VAE only
    probe_codes: np.ndarray | None = None  # (B, D) codes of the probe batch of ImagesUpdate


@dataclass(frozen=True)
class MethodUpdate(Snapshot):
    """The method's own figures (Method.diagnostics) on a batch of held-out images, in the order they
    are shown: typed figures of engine/figures.py, which the GUI draws by their type."""

    step: int
    figures: tuple[Figure, ...]
    images: np.ndarray | None = None  # (N, H, W, C) uint8: the batch the figures were computed on

    def __post_init__(self) -> None:
        object.__setattr__(self, "figures", _figures(self.figures, "diagnostics()"))


@dataclass(frozen=True)
class Interaction(Snapshot):
    """A method's answer to an edit of one of its figures (Method.interact): figures by title, drawn
    beside the edited figure. ``tag`` is the edited figure's type name; ``payload`` the edit as sent."""

    request_id: int
    tag: str
    payload: dict[str, Any]
    result: dict[str, Figure]

    def __post_init__(self) -> None:
        _figures(self.result.values(), "interact()")

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(self.result.values())


def _figures(figures: Any, source: str) -> tuple[Figure, ...]:
    """The figures as a tuple, each checked to be a Figure: anything else would reach the GUI as
    something no view can draw, so it fails here, in the engine, naming the method's hook."""
    figures = tuple(figures)
    for f in figures:
        if not isinstance(f, Figure):
            raise TypeError(f"{source} returned a {type(f).__name__}, not a figure of engine/figures.py")
    return figures


@dataclass(frozen=True)
class Decoded(Snapshot):
    """The answer to a decode request."""

    request_id: int
    tag: str
    codes: np.ndarray  # (K, D)
    images: np.ndarray  # (K, H, W, C)


@dataclass(frozen=True)
class ParamChanged(Snapshot):
    """A live hyper-parameter took a new value before ``step``."""

    step: int
    name: str
    value: Any


@dataclass(frozen=True)
class StateChanged(Snapshot):
    """The run started or stopped stepping; ``reason`` says why when the engine paused it."""

    step: int
    running: bool
    reason: str = ""


@dataclass(frozen=True)
class RunEvent(Snapshot):
    """Something the user must be told about.

    kind: "diverged", "out_of_memory", "saved", "save_failed", "param_rejected", "warning"; "copy_saved" and
    "copy_failed" answer RunControl.save_copy (a lesson's check), which is not the run's save.
    """

    step: int
    kind: str
    message: str
    path: str | None = None


@dataclass(frozen=True)
class RunEnded(Snapshot):
    """The last snapshot of a run. kind: "finished", "stopped", "interrupted" or "failed"; headless
    (``RunControl.interactive`` false) also "diverged" or "out_of_memory", with the last good weights."""

    step: int
    kind: str
    message: str = ""
    saved_to: str | None = None
    metrics: dict[str, float] = field(default_factory=dict)


# -- representation quality (issue: probes, collapse gauges, embedding maps) -------------------------
@dataclass(frozen=True)
class ProbeSet(Snapshot):
    """The held-out images the map shows and the probes score, sent once per run."""

    images: np.ndarray  # (P, H, W, C) uint8
    labels: np.ndarray  # (P,)
    class_names: tuple[str, ...]
    factors: np.ndarray | None = None  # (P, F) generating factors (Sprites)
    factor_names: tuple[str, ...] = ()
    dataset: str = ""


@dataclass(frozen=True)
class EmbeddingUpdate(Snapshot):
    """Embeddings for the probes and the map. kind: "model" (the encoder now), or a baseline: "pixels"
    (raw pixels) or "random" (a randomly initialised encoder of the same architecture)."""

    step: int
    kind: str
    train: np.ndarray | None  # (M, D) training images the probes fit on; None: for the map only
    train_labels: np.ndarray | None  # (M,)
    probe: np.ndarray  # (P, D) the held-out probe set of ProbeSet: the probes score on these
    probe_labels: np.ndarray  # (P,)
    recon_error: np.ndarray | None = None  # (P,) per-image reconstruction error, when the method has one
    head: np.ndarray | None = None  # (P, D') the loss's own output (a projector's): the collapse gauges' input


@dataclass(frozen=True)
class MapUpdate(Snapshot):
    """A 2-D layout of the probe set's embeddings, aligned to the previous one."""

    step: int
    method: str  # "pca", "tsne" or "umap"
    coords: np.ndarray  # (P, 2)
    seconds: float  # how long the projection took
    note: str = ""


@dataclass(frozen=True)
class MetricsUpdate(Snapshot):
    """Probe scores and collapse gauges of one EmbeddingUpdate."""

    step: int
    kind: str  # as EmbeddingUpdate.kind
    scores: dict[str, float]  # knn, linear, nmi, ari, effective_rank, std, std_reference
    singular_values: np.ndarray
    clusters: np.ndarray  # (P,) k-means cluster of each probe point
    warning: str = ""  # a collapse warning, or ""


@dataclass(frozen=True)
class AnalysisStatus(Snapshot):
    """The analysis process's own news (run_id 0): whether UMAP has finished compiling."""

    umap_ready: bool
    message: str = ""


@dataclass(frozen=True)
class AnalysisProblem(Snapshot):
    """A map or probe job of a run that the analysis process skipped or that failed (non-finite
    embeddings, a t-SNE or UMAP error); the process goes on serving. Sent once until the job works again."""

    step: int
    job: str  # "map", "probes" or "analysis" (a message it could not handle)
    message: str
