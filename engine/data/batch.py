"""What one training step sees: a :class:`Batch`, whatever the data set's kind.

A data set declares its kind (``Dataset.kind``), and every kind flows through the same loop, sampler,
device placement and checkpoints; only the fields that the kind has are set:

    "images"      images (B, C, H, W) float in [0, 1], their augmented views and labels
    "tokens"      tokens (B, T) int64: token sequences (text), and labels (zeros where there are none)
    "image_text"  images and captions (B, L) int64: each image with the tokens of its caption
    "points"      points (B, 2) float32: 2-D points (a ring of Gaussians, a drawing), and labels (the mode)

A method reads the fields it needs (``batch.images``, ``batch.tokens``...) and can say which kinds it
trains on with ``Method.data_kinds``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

import torch

if TYPE_CHECKING:
    from engine.data import Split

DATA_KINDS = ("images", "tokens", "image_text", "points")
# A method is built from a shape triple (Method.__init__, checkpoints keep it): 2-D points pass (1, 1, 2),
# one "image" of one row of two values, which no image data set has (the image networks need sides of 8+).
POINTS_SHAPE = (1, 1, 2)


@dataclass(frozen=True)
class Batch:
    """One step's examples, all on the training device. The order of the first three fields is the
    original one, so ``Batch(images, views, step)`` still builds an image batch."""

    images: torch.Tensor | None  # (B, C, H, W) the clean images, in [0, 1]; None for token sequences
    views: tuple[torch.Tensor, ...] = ()  # ``Method.views`` augmented copies of ``images``
    step: int = 0  # the number of optimiser steps taken before this one
    labels: torch.Tensor | None = None  # (B,) int64; methods without labels ignore them
    tokens: torch.Tensor | None = None  # (B, T) int64 token ids of a sequence (text)
    captions: torch.Tensor | None = None  # (B, L) int64 token ids of each image's caption
    points: torch.Tensor | None = None  # (B, 2) float32 2-D points

    def __len__(self) -> int:
        for t in (self.images, self.tokens, self.captions, self.points, self.labels):
            if t is not None:
                return int(t.shape[0])
        return 0

    def to(self, device: torch.device | str, non_blocking: bool = False) -> Batch:
        """The same batch with every tensor on ``device`` (a no-op for tensors already there)."""
        def move(t):
            return None if t is None else t.to(device, non_blocking=non_blocking)

        return replace(self, images=move(self.images), views=tuple(move(v) for v in self.views),
                       labels=move(self.labels), tokens=move(self.tokens), captions=move(self.captions),
                       points=move(self.points))

    @property
    def device(self) -> torch.device:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, torch.Tensor):
                return value.device
        return torch.device("cpu")


def batch_of(split: Split, index: torch.Tensor, step: int) -> Batch:
    """The examples of ``split`` at ``index`` (on the split's device), without views: the loop adds those."""

    def pick(t: torch.Tensor | None) -> torch.Tensor | None:
        return None if t is None else t[index]

    return Batch(pick(split.images), (), step, pick(split.labels), pick(split.tokens), pick(split.captions),
                 pick(split.points))
