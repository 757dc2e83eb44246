"""Small networks every method builds from: a conv encoder, its mirror decoder, and mlp() heads
(the transformer pieces are in engine/nn/vit.py, the VQ quantiser in engine/nn/quantiser.py).

The conv pair adapts to 1 or 3 channels and square images of 8-64 pixels: the encoder halves the
image while its side stays even and above 4 (28 -> 14 -> 7, 32 -> 16 -> 8 -> 4, 8 -> 4), and the
decoder doubles back through the same sizes, so every image size reconstructs exactly.
"""

from __future__ import annotations

from typing import Callable

import torch
from torch import nn

from engine.errors import ParamError
from engine.words import Words


def downsampling_plan(size: int) -> tuple[int, int]:
    """(number of stride-2 stages, final side) for a square image of side ``size``."""
    stages = 0
    while size % 2 == 0 and size > 4:
        size //= 2
        stages += 1
    return stages, size


def _norm(kind: str, channels: int) -> nn.Module:
    if kind == "batch":
        return nn.BatchNorm2d(channels)
    if kind == "group":
        return nn.GroupNorm(min(8, channels), channels)
    return nn.Identity()


def check_image_shape(shape: tuple[int, int, int]) -> None:
    c, h, w = shape
    if h != w:
        raise ParamError(Words("images must be square; these are {h}x{w}", h=h, w=w))
    if c not in (1, 3):
        raise ParamError(Words("images must have 1 or 3 channels, not {c}", c=c))
    if not 8 <= h <= 64:
        raise ParamError(Words("image side must be 8-64 pixels, not {side}", side=h))


def conv_stages(image_shape: tuple[int, int, int], width: int,
                block: Callable[[int, int, int], list[nn.Module]]) -> tuple[nn.Sequential, int, int]:
    """The encoders' plan of sizes: stride-2 stages from ``width`` channels, doubling once (one stride-1
    stage for images too small to halve). ``block(c_in, c_out, stride)`` gives each stage's layers.
    Returns (the stages, their last channel count, the side they leave)."""
    check_image_shape(image_shape)
    c, s, _ = image_shape
    stages, final = downsampling_plan(s)
    layers: list[nn.Module] = []
    ch = c
    for i in range(max(stages, 1)):
        nxt = min(width * 2**i, width * 2)
        layers += block(ch, nxt, 2 if stages else 1)
        ch = nxt
    return nn.Sequential(*layers), ch, final


class ConvEncoder(nn.Module):
    """(B, C, S, S) -> (B, out_dim): stride-2 conv stages that double the width, then a linear head.

    There is no full-resolution layer: on a 2-core CPU the full-resolution convolutions cost most of a
    step and added little, so the first conv already halves the image.
    """

    def __init__(self, image_shape: tuple[int, int, int], out_dim: int, width: int = 32, norm: str = "batch"):
        super().__init__()
        self.features, ch, final = conv_stages(
            image_shape, width, lambda c_in, c_out, stride: [nn.Conv2d(c_in, c_out, 3, stride=stride, padding=1),
                                                             _norm(norm, c_out), nn.SiLU()])
        self.feature_shape = (ch, final, final)
        self.head = nn.Linear(ch * final * final, out_dim)
        self.out_dim = out_dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.features(x)  # (B, ch, final, final)
        return self.head(h.flatten(1))  # (B, out_dim)


class ConvDecoder(nn.Module):
    """(B, in_dim) -> (B, C, S, S) logits: the mirror of :class:`ConvEncoder`.

    Transposed convolutions with kernel 4 and stride 2 double the side exactly and, with the kernel a
    multiple of the stride, do not leave a checkerboard; the last doubling is a sub-pixel convolution.
    """

    def __init__(self, image_shape: tuple[int, int, int], in_dim: int, width: int = 32, norm: str = "batch"):
        super().__init__()
        check_image_shape(image_shape)
        c, s, _ = image_shape
        stages, final = downsampling_plan(s)
        widths = [min(width * 2**i, width * 2) for i in range(max(stages, 1))]
        ch = widths[-1]
        self.start_shape = (ch, final, final)
        self.head = nn.Linear(in_dim, ch * final * final)
        layers: list[nn.Module] = []
        for nxt in reversed(widths[:-1]):
            layers += [nn.SiLU(), nn.ConvTranspose2d(ch, nxt, 4, stride=2, padding=1), _norm(norm, nxt)]
            ch = nxt
        layers.append(nn.SiLU())
        if stages:
            # The last upsampling as a sub-pixel convolution (Shi et al., CVPR 2016): a 3x3 conv to
            # 4C channels and a pixel shuffle, about twice as fast on a CPU as a transposed conv to C.
            layers += [nn.Conv2d(ch, 4 * c, 3, padding=1), nn.PixelShuffle(2)]
        else:
            layers.append(nn.Conv2d(ch, c, 3, padding=1))
        self.body = nn.Sequential(*layers)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        h = self.head(z).view(-1, *self.start_shape)  # (B, ch, final, final)
        return self.body(h)  # (B, C, S, S) logits


def mlp(dims: list[int], norm: str | None = None, last_norm: bool = False) -> nn.Sequential:
    """Linear layers with ReLU between; ``norm="batch"`` puts BatchNorm1d after each hidden layer.

    ``last_norm`` adds a BatchNorm1d after the output, as the SimSiam projector has.
    """
    layers: list[nn.Module] = []
    for i, (a, b) in enumerate(zip(dims[:-1], dims[1:])):
        layers.append(nn.Linear(a, b, bias=norm != "batch" or i == len(dims) - 2))
        if i < len(dims) - 2:
            if norm == "batch":
                layers.append(nn.BatchNorm1d(b))
            layers.append(nn.ReLU(inplace=True))
    if last_norm:
        layers.append(nn.BatchNorm1d(dims[-1]))
    return nn.Sequential(*layers)
