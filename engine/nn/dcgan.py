"""The DCGAN pair, sized from the image: a generator from noise and a discriminator (or critic).

Radford, Metz & Chintala, "Unsupervised Representation Learning with Deep Convolutional Generative
Adversarial Networks", ICLR 2016, section 3: "Replace any pooling layers with strided convolutions
(discriminator) and fractional-strided convolutions (generator)", "Use batchnorm in both the generator
and the discriminator", "Use ReLU activation in generator for all layers except for the output, which
uses Tanh", "Use LeakyReLU activation in the discriminator for all layers" (slope 0.2, section 4).

The sizes follow engine/nn/networks.py: the side halves while it stays even and above 4 (28 -> 14 ->
7, 32 -> 16 -> 8 -> 4, 8 -> 4), so the generator doubles back through the same sides and every image
size of the app (square, 8-64 pixels, 1 or 3 channels) comes out exactly. Both networks work on images
in [0, 1], as the rest of the app does: the generator maps its tanh to [0, 1], and the discriminator
maps its input to [-1, 1], the range DCGAN trained on.
"""

from __future__ import annotations

import torch
from torch import nn

from engine.nn.networks import check_image_shape, downsampling_plan

LEAK = 0.2  # DCGAN's LeakyReLU slope
MAX_WIDTH_FACTOR = 4  # the widest stage has at most 4 times the first stage's channels
DISCRIMINATOR_NORMS = ("none", "layer", "batch")


def stage_widths(side: int, width: int) -> tuple[list[int], int]:
    """(channels of each stride-2 stage, from the image's side inwards; the final side)."""
    stages, final = downsampling_plan(side)
    return [min(width * 2**i, width * MAX_WIDTH_FACTOR) for i in range(max(stages, 1))], final


def _norm2d(kind: str, channels: int, side: int) -> nn.Module:
    if kind == "batch":
        return nn.BatchNorm2d(channels)
    if kind == "layer":
        # Over each image's whole feature map, as Gulrajani et al. (2017, section 4) recommend in
        # place of batch norm for a critic: no coupling between the images of a batch.
        return nn.LayerNorm([channels, side, side])
    return nn.Identity()


class DCGANGenerator(nn.Module):
    """(B, latent_dim) noise -> (B, C, S, S) images in [0, 1].

    A linear layer to the smallest feature map, then transposed convolutions (kernel 4, stride 2: the
    kernel a multiple of the stride leaves no checkerboard) that double the side, each but the last
    followed by batch norm and ReLU; the last gives the image through tanh."""

    def __init__(self, image_shape: tuple[int, int, int], latent_dim: int, width: int = 64):
        super().__init__()
        check_image_shape(image_shape)
        c, side, _ = image_shape
        widths, final = stage_widths(side, width)
        strided = side != final
        self.latent_dim = latent_dim
        self.start_shape = (widths[-1], final, final)
        n = widths[-1] * final * final
        self.project = nn.Sequential(nn.Linear(latent_dim, n, bias=False), nn.BatchNorm1d(n), nn.ReLU(True))
        layers: list[nn.Module] = []
        ch = widths[-1]
        for nxt in reversed(widths[:-1]):
            layers += [nn.ConvTranspose2d(ch, nxt, 4, stride=2, padding=1, bias=False), nn.BatchNorm2d(nxt),
                       nn.ReLU(True)]
            ch = nxt
        # An odd side (9, 11...) has no stride-2 stage: a 3x3 convolution at full size gives the image.
        layers.append(nn.ConvTranspose2d(ch, c, 4, stride=2, padding=1) if strided else nn.Conv2d(ch, c, 3, padding=1))
        self.body = nn.Sequential(*layers)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        h = self.project(z).view(-1, *self.start_shape)  # (B, ch, final, final)
        return (torch.tanh(self.body(h)) + 1) / 2  # (B, C, S, S) in [0, 1]


class DCGANDiscriminator(nn.Module):
    """(B, C, S, S) images in [0, 1] -> (B,) scores: a logit of "real" (GAN) or a critic's value (WGAN).

    Strided convolutions (kernel 4, stride 2) halve the side, each followed by LeakyReLU 0.2 and, but
    after the first (DCGAN: not on the input layer), the chosen normalisation; then a linear layer to
    ``features`` values (LeakyReLU) and one to the score. Those features are :meth:`features`: what the
    discriminator has learnt to tell real images from made ones, shown on the map and scored by the
    probes as the representation a GAN learns (DCGAN section 5.1 classifies with them)."""

    def __init__(self, image_shape: tuple[int, int, int], width: int = 64, norm: str = "none", features: int = 128):
        super().__init__()
        check_image_shape(image_shape)
        if norm not in DISCRIMINATOR_NORMS:
            raise ValueError(f"unknown normalisation {norm!r}; one of {DISCRIMINATOR_NORMS}")
        c, side, _ = image_shape
        widths, final = stage_widths(side, width)
        strided = side != final
        layers: list[nn.Module] = []
        ch, s = c, side
        for i, nxt in enumerate(widths):
            s = s // 2 if strided else s
            conv = nn.Conv2d(ch, nxt, 4, stride=2, padding=1) if strided else nn.Conv2d(ch, nxt, 3, padding=1)
            layers += [conv] + ([_norm2d(norm, nxt, s)] if i else []) + [nn.LeakyReLU(LEAK, True)]
            ch = nxt
        self.convs = nn.Sequential(*layers)
        self.feature_layer = nn.Sequential(nn.Linear(ch * final * final, features), nn.LeakyReLU(LEAK, True))
        self.score = nn.Linear(features, 1)
        self.feature_dim = features

    def features(self, x: torch.Tensor) -> torch.Tensor:
        h = self.convs(x * 2 - 1)  # (B, ch, final, final), from images in [-1, 1]
        return self.feature_layer(h.flatten(1))  # (B, features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.score(self.features(x)).squeeze(1)  # (B,)
