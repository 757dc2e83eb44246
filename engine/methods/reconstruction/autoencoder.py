"""Autoencoder.

Hinton & Salakhutdinov, "Reducing the Dimensionality of Data with Neural Networks", Science 313, 2006.
An encoder squeezes each image into a small code and a decoder rebuilds the image from it; the only
signal is how well the rebuild matches. The code is the representation.

The code may be real numbers (the paper's), binary or one-hot, the three kinds the course notes compare
(engine/nn/discrete_codes.py: each trained with a straight-through gradient; Gumbel-softmax samples the
one-hot code). A one-hot code is ``latent_dim / one_hot_k`` groups of ``one_hot_k`` values, one of which
is on in each group. The map, the probes and the sliders see the code as the decoder sees it.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from engine.nn.discrete_codes import CODES, apply_code, check_code
from engine.nn.losses import reconstruction_loss
from engine.methods.base import Batch, Method, Reconstruction
from engine.nn.networks import ConvDecoder, ConvEncoder
from engine.params import param


@dataclass(frozen=True)
class AutoencoderParams:
    latent_dim: int = param(8, low=1, high=256, help="size of the code each image is squeezed into")
    code: str = param("real", choices=CODES,
                      help="what the code is made of: real numbers; binary (each number is -1 or +1, a yes or no); "
                           "one-hot (groups of one_hot_k numbers, exactly one of them 1 in each group); gumbel "
                           "(one-hot too, but sampled at random while training, as Gumbel-softmax does)")
    one_hot_k: int = param(4, low=1, high=64,
                           help="values per group of a one-hot or gumbel code (K): each group names one of K things, "
                                "so latent_dim must be groups × K; at least 2, as one value says nothing")
    temperature: float = param(1.0, low=0.05, high=10.0, live=True, log=True,
                               help="gumbel code only: softmax temperature of the samples whose gradient trains "
                                    "the encoder; lower is closer to one-hot but gives noisier gradients")
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
        check_code(params.code, params.latent_dim, params.one_hot_k)
        self.encoder = ConvEncoder(image_shape, params.latent_dim, params.width, params.norm)
        self.decoder = ConvDecoder(image_shape, params.latent_dim, params.width, params.norm)

    @property
    def latent_dim(self) -> int:
        return self.params.latent_dim

    def corrupt(self, x: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
        """The input the encoder sees: the image itself here; noisy in the denoising subclass."""
        return x

    def code(self, x: torch.Tensor) -> torch.Tensor:
        """(B, C, H, W) -> (B, D): the code the decoder sees. A gumbel code is sampled (from the run's
        generator) only while training; outside training it is each group's most likely value."""
        p = self.params
        return apply_code(p.code, self.encoder(x), p.one_hot_k, p.temperature, self.generator, self.training)

    def training_step(self, batch: Batch) -> dict[str, torch.Tensor]:
        x = batch.images
        z = self.code(self.corrupt(x))  # (B, D)
        loss = reconstruction_loss(self.decoder(z), x, self.params.recon_loss)
        return {"loss": loss}

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        return self.code(x)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """(B, D) codes -> images, taken as they are: a slider between -1 and +1 of a binary code, or
        between 0 and 1 of a one-hot one, shows what the decoder makes of values it never trained on."""
        return torch.sigmoid(self.decoder(z))

    def reconstruct(self, x: torch.Tensor) -> Reconstruction:
        # A fixed generator keeps the corruption of the probe images still between refreshes.
        g = torch.Generator(device=x.device).manual_seed(1234)
        seen = self.corrupt(x, g)
        return Reconstruction(None if seen is x else seen, self.decode(self.code(seen)))
