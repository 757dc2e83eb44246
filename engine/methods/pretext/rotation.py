"""Rotation prediction.

Gidaris, Singh & Komodakis, "Unsupervised Representation Learning by Predicting Image Rotations",
ICLR 2018. Each image is turned by 0, 90, 180 or 270 degrees and the network must say which: to do it,
it has to recognise what is upright, which takes knowing what the objects are.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from engine.figures import Figure, ImageGrid, Value
from engine.methods.base import Batch, Method, figure_images
from engine.nn.networks import ConvEncoder
from engine.params import param

ANGLES = ("0°", "90°", "180°", "270°")
GALLERY_SIZE = 16  # captioned images in the Method view: two rows of eight stay readable


def rotate_batch(x: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    """Rotate each image x[i] by k[i] * 90 degrees (counter-clockwise)."""
    out = x.clone()
    for turns in range(1, 4):
        sel = k == turns
        if sel.any():
            out[sel] = torch.rot90(x[sel], turns, dims=(2, 3))
    return out


@dataclass(frozen=True)
class RotationParams:
    representation_dim: int = param(128, low=8, high=1024, help="size of the backbone's output: the embedding probed and mapped")
    width: int = param(32, low=8, high=128, help="channels of the backbone's first conv layer (doubling per stage)")


class RotationPrediction(Method):
    name = "rotation"
    label = "Rotation prediction"
    family = "pretext tasks"
    paper = "Gidaris et al., ICLR 2018"
    Params = RotationParams

    def __init__(self, params: RotationParams, image_shape: tuple[int, int, int]):
        super().__init__(params, image_shape)
        self.backbone = ConvEncoder(image_shape, params.representation_dim, params.width, norm="batch")
        self.classifier = nn.Sequential(nn.ReLU(), nn.Linear(params.representation_dim, 4))

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        return self.backbone(x)

    def training_step(self, batch: Batch) -> dict[str, torch.Tensor]:
        x = batch.images
        k = torch.randint(0, 4, (x.shape[0],), device=x.device, generator=self.generator)
        logits = self.classifier(self.backbone(rotate_batch(x, k)))
        accuracy = (logits.argmax(1) == k).float().mean()
        return {"loss": F.cross_entropy(logits, k), "rotation accuracy": accuracy.detach()}

    def _fixed_turns(self, x: torch.Tensor) -> torch.Tensor:
        return torch.arange(x.shape[0], device=x.device) % 4  # 0, 90, 180, 270, 0, ...: every angle shown

    def probe_rows(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> dict[str, torch.Tensor]:
        return {"rotated input": rotate_batch(x, self._fixed_turns(x))}

    def diagnostics(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> list[Figure]:
        """The rotated images as the network sees them, each captioned "true → predicted"."""
        k = self._fixed_turns(x)
        rotated = rotate_batch(x, k)
        predicted = self.classifier(self.backbone(rotated)).argmax(1)
        n = min(len(x), GALLERY_SIZE)
        truth, guess = k[:n].tolist(), predicted[:n].tolist()
        return [ImageGrid("rotated images: true → predicted angle (red: wrong)", figure_images(rotated[:n]),
                          columns=8, captions=tuple(f"{ANGLES[t]}→{ANGLES[p]}" for t, p in zip(truth, guess)),
                          flags=tuple(t != p for t, p in zip(truth, guess))),
                Value("rotation accuracy on these images", f"{(predicted == k).float().mean().item():.0%}")]
