"""What every method is: a torch.nn.Module with a hyper-parameter dataclass and a few hooks.

A subclass that sets ``name`` registers itself (see engine/methods/__init__.py), so a method is added
by adding its file. The trainer calls only what is defined here; an optional hook that returns
``None`` means "not applicable", and the GUI hides the view that would show it.

The contract with the training loop (engine/training/trainer.py), once per step:

1. The loop draws a :class:`Batch` (engine/data/batch.py) of the data set's kind, on the training
   device: images with ``views`` augmented copies, token sequences, or images with captions.
2. ``optimization_step(batch, optimizers)`` trains on it and returns the loss terms (a dict that holds
   "loss"; every key becomes a curve). By default it is ``training_step`` followed by one update of the
   one optimiser; a method that owns several parameter groups (a GAN's generator and discriminator)
   overrides it and decides which optimiser steps when, through ``optimizers.step(name, loss)``.
3. ``after_step(step)`` (a momentum update, a codebook reset).

``configure_optimizers(settings)`` makes the optimisers once, before the first step: by default one,
"model", over every parameter, from the run's optimiser settings. The loop's guard, live learning-rate
changes and checkpoints cover every optimiser it returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import torch
from torch import nn

from engine import params as hp
from engine.figures import Figure
from engine.data.batch import DATA_KINDS, Batch
from engine.words import Words

if TYPE_CHECKING:
    from engine.training.optimizers import Optimizers

FAMILIES = (
    "reconstruction",
    "masked modelling",
    "contrastive",
    "bootstrapping",
    "redundancy reduction",
    "pretext tasks",
    "adversarial",
    "anomaly detection",
)

_REGISTRY: dict[str, type[Method]] = {}


@dataclass(frozen=True)
class Reconstruction:
    corrupted: torch.Tensor | None  # (B, C, H, W) what the model saw, when that is not the input
    output: torch.Tensor  # (B, C, H, W) the reconstruction, in [0, 1]


class Method(nn.Module):
    name: ClassVar[str] = ""  # registry key and CLI name, e.g. "vae"
    label: ClassVar[str] = ""  # shown in the GUI, e.g. "VAE / β-VAE"
    family: ClassVar[str] = ""  # one of FAMILIES
    paper: ClassVar[str] = ""  # the reference the file opens with
    Params: ClassVar[type]  # the hyper-parameter dataclass
    views: ClassVar[int] = 0  # augmented views per image the method trains on (0: the clean images)
    # The kinds of data set it trains on (engine/data/batch.py DATA_KINDS); the run refuses others.
    data_kinds: ClassVar[tuple[str, ...]] = ("images",)
    # The run's own generator for training-time draws (noise, masks, rotations), set by the trainer:
    # runs share a process, and draws from the global generator would mix theirs. None: the global one.
    generator: torch.Generator | None = None

    def __init_subclass__(cls, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        if cls.name:
            if cls.family not in FAMILIES:
                raise TypeError(f"{cls.__name__}.family must be one of {FAMILIES}")
            if not set(cls.data_kinds) <= set(DATA_KINDS):
                raise TypeError(f"{cls.__name__}.data_kinds must be among {DATA_KINDS}")
            _REGISTRY[cls.name] = cls

    def __init__(self, params: Any, image_shape: tuple[int, int, int]):
        super().__init__()
        self.params = params
        self.image_shape = tuple(image_shape)

    # -- required ---------------------------------------------------------------------------------
    def training_step(self, batch: Batch) -> dict[str, torch.Tensor]:
        """The loss terms of one batch: must hold "loss"; every other key becomes a curve."""
        raise NotImplementedError

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """(B, C, H, W) -> (B, D): the representation drawn on the map and scored by the probes."""
        raise NotImplementedError

    # -- optimisation (override when the method owns several optimisers) -------------------------
    def configure_optimizers(self, settings: Any) -> dict[str, torch.optim.Optimizer]:
        """The optimisers of this method by name, made once before the first step.

        ``settings`` are the run's settings (engine/training/config.py RunParams: optimizer, lr,
        weight_decay, momentum). By default one optimiser, "model", over every parameter. A GAN
        returns {"generator": ..., "discriminator": ...}, each made with
        ``engine.training.optimizers.make_optimizer(settings, params, lr_scale=...)`` so that the
        user's live learning rate reaches both (scaled); the order of the dict is the checkpoint's."""
        from engine.training.optimizers import make_optimizer

        return {"model": make_optimizer(settings, self.parameters())}

    def optimization_step(self, batch: Batch, optimizers: Optimizers) -> dict[str, torch.Tensor]:
        """Train on one batch; returns the loss terms ("loss" and any other curves).

        ``optimizers.step(name, loss)`` takes one update of one optimiser: it zeroes that optimiser's
        gradients, back-propagates ``loss`` and steps, and it is the guard's hook, so call it for
        every update: a NaN or infinite ``loss`` stops the step before its update (the run keeps its
        last good weights), and each update's gradient norm is watched for divergence. WGAN's critic
        steps k times per generator step by calling it k times with "critic", then once with
        "generator". ``batch.step`` counts the loop's steps taken before this one. By default: one
        update of "model" on ``training_step``'s "loss"."""
        out = self.training_step(batch)
        optimizers.step("model", out["loss"])
        return out

    # -- optional ---------------------------------------------------------------------------------
    @property
    def latent_dim(self) -> int | None:
        """Size of the codes :meth:`decode` takes, or None when the method cannot decode."""
        return None

    def head(self, x: torch.Tensor) -> torch.Tensor | None:
        """(B, C, H, W) -> (B, D'): the output the loss acts on, when it is not the embedding (a
        projector's). Collapse shows there first, so the collapse gauges measure it; None: use embed."""
        return None

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        """(B, C, H, W) -> (B, latent_dim): the codes :meth:`decode` turns back into images."""
        return self.embed(x)

    def decode(self, z: torch.Tensor) -> torch.Tensor | None:
        """(B, latent_dim) -> (B, C, H, W) images in [0, 1], or None."""
        return None

    def generate(self, n: int, device: torch.device) -> torch.Tensor | None:
        """(n, C, H, W) images in [0, 1] that the method makes from noise of its prior, from the same noise
        at every call (their quality is measured as it trains: engine/training/quality_curve.py), or
        None for a method that is not a generator."""
        return None

    def reconstruct(self, x: torch.Tensor) -> Reconstruction | None:
        """What the model makes of a batch: its (corrupted) input and output, or None."""
        return None

    def latent_statistics(self, x: torch.Tensor) -> dict[str, np.ndarray] | None:
        """Extra per-dimension statistics of the codes of ``x`` (e.g. the VAE's KL per dimension)."""
        return None

    def after_step(self, step: int) -> None:
        """Called after each optimiser step (a momentum update, a codebook reset...)."""

    def use_dataset(self, dataset: Any, name: str) -> None:
        """The run's data set (an engine.data.Dataset, on the training device) and its name, given once before
        the first step, fresh or resumed: what a method needs to know of it beyond its batches (a 2-D set's
        mode centres, which a generator's coverage is measured against; CycleGAN's two domains). Raise
        engine.errors.DatasetError to refuse a data set the method cannot train on. By default unused."""

    def interact(self, x: torch.Tensor, payload: dict[str, Any]) -> dict[str, Figure] | None:
        """Answer an edit of one of the method's editable figures (a MaskGrid, a CodeGrid) on the
        figure batch ``x``. ``payload`` is engine.figures.edit_payload's: the edited figure's type and
        title, and the edit. Returns figures by title (engine.figures.by_title), drawn beside the
        edited figure; None: the method takes no edits. Raise ValueError for an edit it cannot take."""
        return None

    def probe_rows(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> dict[str, torch.Tensor]:
        """Extra rows of images (B, C, H, W) in [0, 1] shown under the probe batch, by row name.

        ``views`` are ``self.views`` augmentations of ``x``. By default: the augmented views themselves.
        """
        return {f"view {i + 1}": v for i, v in enumerate(views)}

    def diagnostics(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> list[Figure]:
        """Figures that explain the method, for its own view, in the order they are shown: the typed
        figures of engine/figures.py (Heatmap, Bars, Value, Labels, ImageGrid, MaskGrid, CodeGrid,
        TokenScores, PointField...), which the GUI draws by their type. Computed on a batch of held-out images
        ``x`` (its first images are the Images view's probe images) and its views, in eval mode; on 2-D
        points, ``x`` holds up to 512 of the data's points (N, 2) and there are no views."""
        return []

    # -- hyper-parameters -------------------------------------------------------------------------
    def set_param(self, name: str, value: Any) -> Any:
        """Change a live hyper-parameter between steps; returns the validated value."""
        s = hp.spec(self.Params, name)
        if not s.live:
            raise hp.ParamError(Words("{name} cannot change while training; restart the run to change it", name=name))
        self.params = hp.replace(self.params, name, value)
        return getattr(self.params, name)


def figure_images(x: torch.Tensor) -> np.ndarray:
    """(B, C, H, W) images -> (B, H, W, C) float32 in [0, 1], as the image figures hold them."""
    # A diverging model decodes NaN: grey stands for "no image" rather than breaking the drawing.
    return torch.nan_to_num(x.detach(), nan=0.5).clamp(0, 1).permute(0, 2, 3, 1).float().cpu().numpy()


def registry() -> dict[str, type[Method]]:
    return dict(_REGISTRY)
