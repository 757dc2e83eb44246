"""A LeNet-sized classifier: the judge that scores a generator's images (engine/analysis/judge.py).

LeCun, Bottou, Bengio and Haffner, "Gradient-based learning applied to document recognition",
Proc. IEEE 1998: LeNet-5 is two 5x5 convolutions, each followed by 2x2 subsampling, then fully
connected layers of 120 and 84 units and the classes. This one keeps that layout with the changes
every modern re-implementation makes (ReLU for the scaled tanh, max-pooling for the trainable
subsampling, a plain linear output for the RBF units) and adapts it to the image: the convolutions
pad to keep the side ("same"), so any side of 5 pixels or more fits, and the image is halved after
each convolution (and then again) while its sides are even and over 8 pixels:

    28x28 (mnist5k): 28 -> 14 -> 7      8x8 (digits): 8, no pooling
    32x32 (sprites): 32 -> 16 -> 8      64x64 (sprites): 64 -> 32 -> 16 -> 8

The 84 units of the penultimate layer (LeNet-5's F6) are :meth:`LeNet.features`, the space in which
a Fréchet distance compares generated images with real ones.
"""

from __future__ import annotations

import torch
from torch import nn

from engine.errors import ParamError
from engine.words import Words

FEATURE_DIM = 84  # LeNet-5's F6


def pooling_plan(height: int, width: int) -> tuple[int, int, int]:
    """(number of 2x2 max-pools, final height, final width): halve while both sides are even and > 8."""
    pools = 0
    while height % 2 == 0 and width % 2 == 0 and min(height, width) > 8:
        height, width, pools = height // 2, width // 2, pools + 1
    return pools, height, width


class LeNet(nn.Module):
    """(B, C, H, W) images in [0, 1] -> (B, n_classes) logits; :meth:`features` gives (B, 84)."""

    def __init__(self, image_shape: tuple[int, int, int], n_classes: int, widths: tuple[int, int] = (6, 16)):
        super().__init__()
        c, h, w = (int(v) for v in image_shape)
        if min(h, w) < 5 or c < 1:
            raise ParamError(Words("the judge classifier needs images of at least 5x5 pixels, not {c}x{h}x{w}",
                                   c=c, h=h, w=w))
        if n_classes < 2:
            raise ParamError(Words("the judge classifier needs at least 2 classes, not {n}", n=n_classes))
        self.image_shape = (c, h, w)
        self.n_classes = int(n_classes)
        pools, fh, fw = pooling_plan(h, w)
        first, second = widths
        layers: list[nn.Module] = [nn.Conv2d(c, first, 5, padding=2), nn.ReLU()]  # (B, first, H, W)
        if pools > 0:
            layers.append(nn.MaxPool2d(2))  # (B, first, H/2, W/2)
        layers += [nn.Conv2d(first, second, 5, padding=2), nn.ReLU()]
        # The second halving, and any more a large image needs to come down to about 8x8.
        layers += [nn.MaxPool2d(2) for _ in range(pools - 1)]  # (B, second, fh, fw)
        self.convolutions = nn.Sequential(*layers)
        self.fully_connected = nn.Sequential(
            nn.Linear(second * fh * fw, 120), nn.ReLU(),
            nn.Linear(120, FEATURE_DIM), nn.ReLU(),
        )
        self.classify = nn.Linear(FEATURE_DIM, self.n_classes)

    def features(self, x: torch.Tensor) -> torch.Tensor:
        """(B, C, H, W) -> (B, 84): the penultimate layer, after its ReLU."""
        h = self.convolutions(x)  # (B, second, fh, fw)
        return self.fully_connected(h.flatten(1))  # (B, 84)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classify(self.features(x))  # (B, n_classes) logits
