"""Denoising autoencoder.

Vincent, Larochelle, Bengio & Manzagol, "Extracting and Composing Robust Features with Denoising
Autoencoders", ICML 2008. The encoder sees a corrupted image and the decoder must rebuild the clean
one, so the code has to capture the structure of the data rather than copy pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from engine.methods.reconstruction.autoencoder import Autoencoder, AutoencoderParams
from engine.params import param


@dataclass(frozen=True)
class DenoisingAutoencoderParams(AutoencoderParams):
    noise: str = param("gaussian", choices=("gaussian", "salt_pepper", "masking"),
                       help="corruption: add Gaussian noise, flip pixels to black/white, or blank pixels")
    noise_level: float = param(0.3, low=0.0, high=1.0, live=True,
                               help="noise std (gaussian) or share of pixels hit (salt_pepper, masking)")


class DenoisingAutoencoder(Autoencoder):
    name = "denoising_autoencoder"
    label = "Denoising autoencoder"
    paper = "Vincent et al., ICML 2008"
    Params = DenoisingAutoencoderParams

    def corrupt(self, x: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
        level, kind = self.params.noise_level, self.params.noise
        generator = self.generator if generator is None else generator  # training: the run's own
        if level <= 0:
            return x
        if kind == "gaussian":
            noise = torch.randn(x.shape, generator=generator, device=x.device, dtype=x.dtype)
            return (x + level * noise).clamp(0, 1)
        hit = torch.rand(x.shape, generator=generator, device=x.device) < level
        if kind == "masking":
            return x.masked_fill(hit, 0.0)
        salt = torch.rand(x.shape, generator=generator, device=x.device) < 0.5  # salt_pepper
        return torch.where(hit, salt.to(x.dtype), x)
