"""The MLP pair of the 2-D playground: a generator from noise to points and a discriminator (or critic).

Kahng et al., "GAN Lab: Understanding Complex Deep Generative Models using Interactive Visual
Experimentation", IEEE VIS 2018 (a GAN on 2-D points: small fully connected networks with ReLU);
Metz et al., "Unrolled Generative Adversarial Networks", ICLR 2017 (the ring's networks: fully connected
ReLU layers of 128 units); Gulrajani et al., "Improved Training of Wasserstein GANs", NeurIPS 2017 (their
toy 2-D critics: ReLU MLPs without normalisation).

No normalisation in either network: a discriminator's batch norm ties each point's score to its batch
(and would break WGAN-GP's per-point penalty), and on 2-D points an MLP trains well without it. The
generator's output is linear: the points keep the data's own coordinates (the ring has radius 2, the
grid reaches 4).
"""

from __future__ import annotations

import torch
from torch import nn

HIDDEN_LAYERS = 3  # small: the 2-D toy networks of GAN Lab and the papers above have a few
LEAK = 0.2  # the discriminator's LeakyReLU slope, as DCGAN's (engine/nn/dcgan.py)


def _mlp(sizes: list[int], activation) -> nn.Sequential:
    """Linear layers between ``sizes``, each but the last followed by ``activation()``."""
    layers: list[nn.Module] = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(nn.Linear(a, b))
        if i < len(sizes) - 2:
            layers.append(activation())
    return nn.Sequential(*layers)


class PointGenerator(nn.Module):
    """(B, latent_dim) noise -> (B, 2) points: ``depth`` hidden ReLU layers of ``width`` units, then a
    linear layer to the two coordinates."""

    def __init__(self, latent_dim: int, width: int = 128, depth: int = HIDDEN_LAYERS):
        super().__init__()
        self.latent_dim = latent_dim
        self.net = _mlp([latent_dim] + [width] * depth + [2], lambda: nn.ReLU(True))

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.net(z)  # (B, 2)


class PointDiscriminator(nn.Module):
    """(B, 2) points -> (B,) scores: a logit of "real" (GAN) or a critic's value (WGAN). ``depth`` hidden
    LeakyReLU layers of ``width`` units; the last hidden layer's values are :meth:`features`, as
    DCGANDiscriminator's are (what the discriminator has learnt of the data)."""

    def __init__(self, width: int = 128, depth: int = HIDDEN_LAYERS):
        super().__init__()
        self.body = nn.Sequential(_mlp([2] + [width] * depth, lambda: nn.LeakyReLU(LEAK, True)),
                                  nn.LeakyReLU(LEAK, True))
        self.score = nn.Linear(width, 1)
        self.feature_dim = width

    def features(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x.reshape(len(x), 2))  # (B, width), from points (B, 2) or (B, 1, 1, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.score(self.features(x)).squeeze(1)  # (B,)
