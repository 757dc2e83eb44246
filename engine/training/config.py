"""What a run is asked to do: the method, the data, the hyper-parameters and the cadence of snapshots.

Importing this module does not import torch: the app sends the first run to its engine process before
its own copy of torch has loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from engine.params import param

if TYPE_CHECKING:  # at run time this module stays free of torch, so the GUI can start a run at once
    from engine.data.augment import AugmentConfig


@dataclass(frozen=True)
class RunParams:
    """Hyper-parameters of the run itself (the method's own are in its Params dataclass)."""

    optimizer: str = param("adam", choices=("adam", "adamw", "sgd"), help="optimiser")
    lr: float = param(1e-3, low=1e-6, high=1.0, live=True, log=True, help="learning rate")
    weight_decay: float = param(0.0, low=0.0, high=1.0, live=True, help="L2 weight decay (decoupled for adamw)")
    momentum: float = param(0.9, low=0.0, high=0.999, help="momentum (sgd only)")
    batch_size: int = param(128, low=2, high=8192, help="images per step")
    seed: int = param(0, low=0, high=2**31 - 1, help="seed of initial weights, batch order and augmentation")
    device: str = param("auto", choices=("auto", "cpu", "cuda", "mps"),
                        help="where to train: auto picks CUDA, then MPS, then the CPU")


@dataclass(frozen=True)
class Cadence:
    """How often the engine sends what. The engine sets the pace; the GUI only draws what arrives."""

    check_every: int = 10  # steps between checks for a non-finite loss (each check syncs a GPU)
    loss_interval_s: float = 0.1  # at most this often a LossUpdate
    images_interval_s: float | None = 1.0  # None: only on pause, step and request
    latents_interval_s: float | None = 2.0
    probe_images: int = 10  # the fixed probe batch shown as rows of images
    latent_probe: int = 1000  # held-out images whose codes give the sliders their range
    embeddings_interval_s: float | None = None  # embeddings for the map; None: not sent
    # At most this share of the training's time goes to embeddings: when one update costs more than
    # share * interval (a slow CPU, a big encoder) the interval stretches. None: a fixed interval.
    embeddings_share: float | None = None
    probes_every: int = 1  # every n-th embedding update also carries the training set for the probes
    errors_every: int = 1  # every n-th embedding update also carries reconstruction errors
    map_points: int = 2000  # held-out images on the map (at most; fewer when the set is smaller)
    memory_bank: int = 2000  # training images the probes fit on


def app_cadence() -> Cadence:
    """The cadence of the app (and of the benchmarks that measure it).

    Images twice a second, latent codes of 500 held-out images every 2 s; embeddings of the 2,000 map
    images every 6 s, of the probes' 1,000 training images every 12 s and reconstruction errors every
    24 s, but never more than 4% of the training's time: that took about 6% on a 2-core CPU, and with
    the analysis process's share the map slowed training by 10%, so there the maps come every ~9 s
    (README, Performance). The probes and maps themselves run in the analysis process.
    """
    return Cadence(images_interval_s=0.5, latents_interval_s=2.0, latent_probe=500, embeddings_interval_s=6.0,
                   embeddings_share=0.04, memory_bank=1000, probes_every=2, errors_every=4)


@dataclass(frozen=True)
class RunConfig:
    """A run as the user asked for it. ``None`` and empty dicts mean "the default", or, when resuming,
    "what the checkpoint says"."""

    method: str | None = None  # None: the checkpoint's when resuming, else "autoencoder"
    dataset: str | None = None  # None: the checkpoint's when resuming, else "mnist5k"
    method_params: dict[str, Any] = field(default_factory=dict)  # overrides of the method's Params
    run_params: dict[str, Any] = field(default_factory=dict)  # overrides of RunParams
    dataset_options: dict[str, Any] = field(default_factory=dict)
    steps: int | None = None  # stop after this many more steps; None: until stopped
    resume: str | None = None  # checkpoint to continue
    save_on_end: str | None = None  # write a checkpoint here when the run ends, however it ends
    augment: AugmentConfig | None = None  # None: the data set's default recipe
    cadence: Cadence = field(default_factory=Cadence)
