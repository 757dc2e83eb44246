"""Variational autoencoder and beta-VAE.

Kingma & Welling, "Auto-Encoding Variational Bayes", ICLR 2014.
Higgins et al., "beta-VAE: Learning Basic Visual Concepts with a Constrained Variational Framework",
ICLR 2017.

The encoder gives a Gaussian q(z|x) = N(mu, sigma^2) per image; a sample z = mu + sigma * eps is
decoded, and the loss is the reconstruction error plus beta times KL(q(z|x) || N(0, I)). beta > 1
presses the code towards the factorised prior, which the beta-VAE paper found to disentangle the
generating factors (on Sprites: shape, scale, orientation, position) into separate dimensions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from engine.figures import Bars, Figure, ImageGrid, Value
from engine.nn.losses import free_bits_kl, gaussian_kl_per_dim, reconstruction_loss
from engine.methods.base import Batch, Method, Reconstruction, figure_images
from engine.nn.networks import ConvDecoder, ConvEncoder
from engine.params import param
from engine.words import Words


ACTIVE_KL = 0.1  # nats: below it a dimension carries next to nothing about the image
PRIOR_SAMPLES, PRIOR_SEED = 16, 1234
TRAVERSAL_STEPS, TRAVERSED_DIMS = 7, 3


@dataclass(frozen=True)
class VAEParams:
    latent_dim: int = param(10, low=1, high=128, help="number of latent dimensions (one slider each)")
    beta: float = param(1.0, low=0.0, high=100.0, live=True,
                        help="weight of the KL term: 1 is the plain VAE, >1 a beta-VAE that disentangles more")
    kl_warmup_steps: int = param(0, low=0, high=1_000_000,
                                 help="ramp beta up from 0 over this many steps, so the KL cannot collapse early")
    free_bits: float = param(0.0, low=0.0, high=10.0,
                             help="nats per dimension the KL may use for free (stops dimensions dying)")
    width: int = param(32, low=8, high=128, help="channels of the first conv layer (doubling per stage)")
    recon_loss: str = param("bce", choices=("bce", "mse"),
                            help="reconstruction error: Bernoulli log-likelihood (bce) or squared error (mse)")
    norm: str = param("group", choices=("group", "batch", "none"),
                      help="normalisation in the conv layers")


class VAE(Method):
    name = "vae"
    label = "VAE / β-VAE"
    family = "reconstruction"
    paper = "Kingma & Welling, ICLR 2014; Higgins et al., ICLR 2017"
    Params = VAEParams

    def __init__(self, params: VAEParams, image_shape: tuple[int, int, int]):
        super().__init__(params, image_shape)
        self.encoder = ConvEncoder(image_shape, 2 * params.latent_dim, params.width, params.norm)
        self.decoder = ConvDecoder(image_shape, params.latent_dim, params.width, params.norm)

    @property
    def latent_dim(self) -> int:
        return self.params.latent_dim

    def posterior(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        mu, logvar = self.encoder(x).chunk(2, dim=1)  # (B, D) each
        # Bounding log sigma^2 keeps exp() finite when a bad learning rate throws the encoder off.
        return mu, logvar.clamp(-12.0, 8.0)

    def effective_beta(self, step: int) -> float:
        warm = self.params.kl_warmup_steps
        return self.params.beta * (min(1.0, step / warm) if warm > 0 else 1.0)

    def training_step(self, batch: Batch) -> dict[str, torch.Tensor]:
        x = batch.images
        mu, logvar = self.posterior(x)
        eps = torch.randn(mu.shape, generator=self.generator, device=mu.device, dtype=mu.dtype)
        z = mu + eps * torch.exp(0.5 * logvar)  # reparameterisation trick
        recon = reconstruction_loss(self.decoder(z), x, self.params.recon_loss)
        kl_dims = gaussian_kl_per_dim(mu, logvar)  # (D,)
        kl = kl_dims.sum()
        loss = recon + self.effective_beta(batch.step) * free_bits_kl(kl_dims, self.params.free_bits)
        return {"loss": loss, "reconstruction": recon, "kl": kl}

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        return self.posterior(x)[0]

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.decoder(z))

    def generate(self, n: int, device: torch.device) -> torch.Tensor:
        """The decoder as a generator: images of z ~ N(0, I), the prior (fixed noise)."""
        return self.decode(self._prior_z(device, n))

    def reconstruct(self, x: torch.Tensor) -> Reconstruction:
        return Reconstruction(None, self.decode(self.embed(x)))

    def latent_statistics(self, x: torch.Tensor) -> dict[str, np.ndarray]:
        mu, logvar = self.posterior(x)
        return {"kl_per_dim": gaussian_kl_per_dim(mu, logvar).detach().cpu().numpy()}

    def diagnostics(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> list[Figure]:
        """What the code holds: KL per dimension, what the decoder makes of the prior, and a traversal.

        The prior samples use the same z at every step, so the grid shows the decoder learning rather
        than new noise; the traversal sweeps the dimensions that carry most information (most KL).
        """
        mu, logvar = self.posterior(x)
        kl = gaussian_kl_per_dim(mu, logvar)
        in_use = int((kl > ACTIVE_KL).sum())
        dims = torch.argsort(kl, descending=True)[:TRAVERSED_DIMS]
        return [
            Bars("KL per dimension, nats (near 0: unused)", kl.cpu().numpy(),
                 help="how much each code dimension tells the decoder about the image"),
            ImageGrid("decoded samples of the prior N(0, I), the same z each time",
                      figure_images(self.decode(self._prior_z(x.device))), columns=4),
            ImageGrid("traversal of image 0: z from -2.5 to 2.5, a row per dimension",
                      figure_images(self.decode(self._traversal_z(mu[0], dims))), columns=TRAVERSAL_STEPS),
            Value(f"dimensions in use (KL > {ACTIVE_KL} nats)",
                  Words("{in_use} of {dim}", in_use=in_use, dim=self.latent_dim)),
            Value("traversal rows (most KL first)", ", ".join(f"z{d}" for d in dims.tolist())),
        ]

    def _prior_z(self, device: torch.device, n: int = PRIOR_SAMPLES) -> torch.Tensor:
        # Its own generator: the figures must not move the training's random stream.
        g = torch.Generator().manual_seed(PRIOR_SEED)
        return torch.randn(n, self.latent_dim, generator=g).to(device)

    def _traversal_z(self, mu: torch.Tensor, dims: torch.Tensor) -> torch.Tensor:
        values = torch.linspace(-2.5, 2.5, TRAVERSAL_STEPS, device=mu.device)
        z = mu.repeat(len(dims) * TRAVERSAL_STEPS, 1)
        for row, d in enumerate(dims.tolist()):
            z[row * TRAVERSAL_STEPS:(row + 1) * TRAVERSAL_STEPS, d] = values
        return z
