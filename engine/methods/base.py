"""What every method is: a torch.nn.Module with a hyper-parameter dataclass and a few hooks.

A subclass that sets ``name`` registers itself (see engine/methods/__init__.py), so a method is added
by adding its file. The trainer calls only what is defined here; an optional hook that returns
``None`` means "not applicable", and the GUI hides the view that would show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import torch
from torch import nn

from engine import params as hp

FAMILIES = (
    "reconstruction",
    "masked modelling",
    "contrastive",
    "bootstrapping",
    "redundancy reduction",
    "pretext tasks",
)

_REGISTRY: dict[str, type[Method]] = {}


@dataclass(frozen=True)
class Batch:
    images: torch.Tensor  # (B, C, H, W) the clean images, in [0, 1]
    views: tuple[torch.Tensor, ...]  # ``Method.views`` augmented copies of ``images``
    step: int  # the number of optimiser steps taken before this one


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
    # The run's own generator for training-time draws (noise, masks, rotations), set by the trainer:
    # runs share a process, and draws from the global generator would mix theirs. None: the global one.
    generator: torch.Generator | None = None

    def __init_subclass__(cls, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        if cls.name:
            if cls.family not in FAMILIES:
                raise TypeError(f"{cls.__name__}.family must be one of {FAMILIES}")
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

    def reconstruct(self, x: torch.Tensor) -> Reconstruction | None:
        """What the model makes of a batch: its (corrupted) input and output, or None."""
        return None

    def latent_statistics(self, x: torch.Tensor) -> dict[str, np.ndarray] | None:
        """Extra per-dimension statistics of the codes of ``x`` (e.g. the VAE's KL per dimension)."""
        return None

    def after_step(self, step: int) -> None:
        """Called after each optimiser step (a momentum update, a codebook reset...)."""

    def interact(self, x: torch.Tensor, payload: dict[str, Any]) -> dict[str, Any] | None:
        """Answer a request from the method's view about the figure batch ``x`` (see Method.diagnostics):
        tensors of images (K, C, H, W) or arrays, by name; None: the method takes no requests."""
        return None

    def probe_rows(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> dict[str, torch.Tensor]:
        """Extra rows of images (B, C, H, W) in [0, 1] shown under the probe batch, by row name.

        ``views`` are ``self.views`` augmentations of ``x``. By default: the augmented views themselves.
        """
        return {f"view {i + 1}": v for i, v in enumerate(views)}

    def diagnostics(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> dict[str, Any]:
        """Figures that explain the method, for its own view. Keys say how to draw them:
        "heatmap:<title>" a 2-D array; "bars:<title>" a 1-D array (an entry of 0 is drawn red: a
        dead code) or a dict {name: value} of named bars; "value:<title>" a number or short text;
        "labels:<title>" a list shown under the probe images; "images:<title>" a dict with "images"
        (N, H, W, C) in [0, 1] (see :func:`figure_images`), and optionally "columns" (images per
        row), "captions" (one text per image, drawn on it) and "flags" (True draws that caption in
        red: a wrong answer). Computed on a batch of held-out images ``x`` and its views, in eval mode."""
        return {}

    # -- hyper-parameters -------------------------------------------------------------------------
    def set_param(self, name: str, value: Any) -> Any:
        """Change a live hyper-parameter between steps; returns the validated value."""
        s = hp.spec(self.Params, name)
        if not s.live:
            raise hp.ParamError(f"{name} cannot change while training; restart the run to change it")
        self.params = hp.replace(self.params, name, value)
        return getattr(self.params, name)


def figure_images(x: torch.Tensor) -> np.ndarray:
    """(B, C, H, W) images -> (B, H, W, C) float32 in [0, 1], as an "images:" figure holds them."""
    # A diverging model decodes NaN: grey stands for "no image" rather than breaking the drawing.
    return torch.nan_to_num(x.detach(), nan=0.5).clamp(0, 1).permute(0, 2, 3, 1).float().cpu().numpy()


def registry() -> dict[str, type[Method]]:
    return dict(_REGISTRY)
