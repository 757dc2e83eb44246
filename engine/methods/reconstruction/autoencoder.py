"""Autoencoder.

Hinton & Salakhutdinov, "Reducing the Dimensionality of Data with Neural Networks", Science 313, 2006.
An encoder squeezes each image into a small code and a decoder rebuilds the image from it; the only
signal is how well the rebuild matches. The code is the representation.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from engine.nn.losses import reconstruction_loss
from engine.methods.base import Batch, Method, Reconstruction
from engine.nn.networks import ConvDecoder, ConvEncoder
from engine.params import param


@dataclass(frozen=True)
class AutoencoderParams:
    latent_dim: int = param(8, low=1, high=256, help="size of the code each image is squeezed into")
    width: int = param(32, low=8, high=128, help="channels of the first conv layer (doubling per stage)")
    recon_loss: str = param("bce", choices=("bce", "mse"),
                            help="reconstruction error: Bernoulli log-likelihood (bce) or squared error (mse)")
    norm: str = param("group", choices=("group", "batch", "none"),
                      help="normalisation in the conv layers (group norm behaves the same in training and display)")


class Autoencoder(Method):
    name = "autoencoder"
    label = "Autoencoder"
    family = "reconstruction"
    paper = "Hinton & Salakhutdinov, Science 2006"
    Params = AutoencoderParams

    def __init__(self, params: AutoencoderParams, image_shape: tuple[int, int, int]):
        super().__init__(params, image_shape)
        self.encoder = ConvEncoder(image_shape, params.latent_dim, params.width, params.norm)
        self.decoder = ConvDecoder(image_shape, params.latent_dim, params.width, params.norm)

    @property
    def latent_dim(self) -> int:
        return self.params.latent_dim

    def corrupt(self, x: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
        """The input the encoder sees: the image itself here; noisy in the denoising subclass."""
        return x

    def training_step(self, batch: Batch) -> dict[str, torch.Tensor]:
        x = batch.images
        z = self.encoder(self.corrupt(x))  # (B, D)
        loss = reconstruction_loss(self.decoder(z), x, self.params.recon_loss)
        return {"loss": loss}

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        return self.encoder(x)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.decoder(z))

    def reconstruct(self, x: torch.Tensor) -> Reconstruction:
        # A fixed generator keeps the corruption of the probe images still between refreshes.
        g = torch.Generator(device=x.device).manual_seed(1234)
        seen = self.corrupt(x, g)
        return Reconstruction(None if seen is x else seen, self.decode(self.encoder(seen)))
