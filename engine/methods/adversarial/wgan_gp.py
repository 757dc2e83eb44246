"""WGAN-GP: a critic estimates the Wasserstein distance between real and generated images, and the
generator learns to shrink it.

Gulrajani, Ahmed, Arjovsky, Dumoulin & Courville, "Improved Training of Wasserstein GANs", NeurIPS
2017; Arjovsky, Chintala & Bottou, "Wasserstein GAN", ICML 2017 (the critic and its estimate).

The critic D scores images with any real number; E[D(real)] - E[D(fake)] estimates the Wasserstein-1
distance when D is 1-Lipschitz, which a penalty on D's gradient norm at random points between real and
generated images keeps it near (lambda = 10). The critic takes n_critic = 5 updates per generator update
(Algorithm 1), so that the estimate the generator follows is a good one; Adam with beta1 = 0 and beta2 =
0.9, and no batch norm in the critic: the penalty is per image, and batch norm would tie each image's
score to the rest of its batch (section 4: "we recommend layer normalization [...] as a drop-in
replacement for batch normalization").
Unlike a GAN's losses, the estimate falls as the samples improve: its curve is worth watching.
On 2-D points (Kahng et al., GAN Lab, IEEE VIS 2018) the pair is an MLP pair without normalisation, as in
the paper's toy experiments, and the picture shows the critic's value as a map and the way the
generator's gradient pushes each point.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from engine.figures import Figure, Histograms, Value
from engine.methods.adversarial.image_generator import (
    HISTOGRAM_BINS, AdversarialImageMethod, GeneratorParams, frozen, histogram)
from engine.methods.base import Batch
from engine.nn.adversarial_losses import (
    gradient_penalty, interpolates, wasserstein_critic_loss, wasserstein_estimate, wasserstein_generator_loss)
from engine.params import param
from engine.training.optimizers import Optimizers


@dataclass(frozen=True)
class WGANGPParams(GeneratorParams):
    norm: str = param("layer", choices=("layer", "none"),
                      help="normalisation in the critic's conv layers (never batch: the penalty is per image); "
                           "none on 2-D points")
    n_critic: int = param(5, low=1, high=50, live=True, help="critic updates per generator update")
    gp_lambda: float = param(10.0, low=0.0, high=1000.0, live=True,
                             help="weight lambda of the gradient penalty that keeps the critic 1-Lipschitz")
    d_lr_scale: float = param(1.0, low=0.01, high=100.0, log=True,
                              help="the critic's learning rate as a multiple of the run's")


class WGANGP(AdversarialImageMethod):
    name = "wgan_gp"
    label = "WGAN-GP"
    family = "adversarial"
    paper = "Gulrajani et al., NeurIPS 2017; Arjovsky et al., ICML 2017"
    Params = WGANGPParams
    data_kinds = ("images", "points")
    discriminator_name = "critic"
    # The point map: the critic's value, unbounded, so its colour scale follows the values (low == high).
    values_label, values_range = "critic f(x)", (0.0, 0.0)
    betas = (0.0, 0.9)  # Algorithm 1's defaults: alpha = 1e-4, beta1 = 0, beta2 = 0.9

    def generator_loss(self, fake: torch.Tensor) -> torch.Tensor:
        """The generator's loss on its examples ``fake``, -E[D(fake)]."""
        return wasserstein_generator_loss(self.discriminator(fake))

    def field(self, points: torch.Tensor) -> torch.Tensor:
        """(P, 2) -> (P,): the critic's value at each point, the point figure's map."""
        return self.discriminator(points)

    def critic_terms(self, real: torch.Tensor, fake: torch.Tensor) -> dict[str, torch.Tensor]:
        """The critic's loss on real images and (detached) generated ones: eq. 3."""
        fake = fake.detach()
        mixed = interpolates(real, fake, self.generator).requires_grad_(True)  # (B, C, H, W)
        # Real and generated images in one pass (without batch norm each image's score is its own); the
        # interpolates apart, or the penalty's double backward would run over all three sets.
        real_scores, fake_scores = self.discriminator(torch.cat([real, fake])).split(len(real))  # (b,) each
        with torch.enable_grad():  # the penalty is a gradient: it needs a graph even when only measured
            penalty = gradient_penalty(self.discriminator(mixed), mixed, self.params.gp_lambda)
        return {"loss": wasserstein_critic_loss(real_scores, fake_scores) + penalty, "gradient penalty": penalty,
                "Wasserstein estimate": wasserstein_estimate(real_scores, fake_scores).detach()}

    def training_step(self, batch: Batch) -> dict[str, torch.Tensor]:
        """Both players' losses on one batch, without an update ("loss": the critic's, with its penalty)."""
        real = self.real_of(batch)  # (B, C, H, W), or (B, 2) points
        fake = self.generator_net(self.noise(len(real), real.device))
        return {**self.critic_terms(real, fake), "generator loss": self.generator_loss(fake)}

    def optimization_step(self, batch: Batch, optimizers: Optimizers) -> dict[str, torch.Tensor]:
        """n_critic updates of the critic, then one of the generator (Algorithm 1).

        Algorithm 1 draws new real images for each critic update: here they share the loop's batch, one
        part each (every image is seen once, and a step costs about one pass of the critic over the
        batch, whatever n_critic). "loss" is the critic's loss, penalty included, averaged over its
        updates like the other critic terms: its negative follows the Wasserstein estimate, where the
        generator's loss has no fixed zero (a critic may add any constant to its scores)."""
        n = self.params.n_critic
        parts = self.real_of(batch).chunk(n)  # fewer parts when the batch is smaller
        sums: dict[str, torch.Tensor] = {}
        for i in range(n):
            real = parts[i % len(parts)]  # (b, C, H, W), or (b, 2)
            with torch.no_grad():  # the critic's update needs no graph of the generator
                fake = self.generator_net(self.noise(len(real), real.device))
            out = self.critic_terms(real, fake)
            optimizers.step("critic", out["loss"])
            for k, v in out.items():
                sums[k] = sums.get(k, 0) + v.detach()
        real = self.real_of(batch)
        with frozen(self.discriminator):  # its gradients would never be stepped: not computed at all
            fake = self.generator_net(self.noise(len(real), real.device))
            generator_loss = self.generator_loss(fake)
            optimizers.step("generator", generator_loss)
        return {**{k: v / n for k, v in sums.items()}, "generator loss": generator_loss.detach(),
                **self.coverage_terms(fake)}

    def diagnostics(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> list[Figure]:
        """The samples, the critic's scores of held-out real images against the samples of fixed noise,
        and the estimate of the distance between them."""
        real = self.discriminator(x)  # (B,)
        fake = self.fake_scores_of_fixed_noise(len(x), x.device)
        both = torch.cat([real, fake]).float().cpu()
        lo, hi = float(both.min()), float(both.max())
        edges = torch.linspace(lo, hi if hi > lo else lo + 1, HISTOGRAM_BINS + 1)
        counts = torch.stack([histogram(real.cpu(), edges), histogram(fake.cpu(), edges)]).numpy()  # (2, K)
        return self.generator_figures(x) + [
            Histograms("the critic's scores of the data's points and of samples of fixed noise" if self.on_points
                       else "the critic's scores of held-out images and of samples of fixed noise", edges.numpy(), counts,
                       series=("real", "generated"), axis="critic score D(x)",
                       help="the further the samples' scores sit below the real images', the more the critic "
                            "tells them apart; the gap is its estimate of the Wasserstein distance"),
            Value("Wasserstein estimate, E[D(real)] - E[D(fake)]", round(float(wasserstein_estimate(real, fake)), 3),
                  help="the critic's estimate of the distance between real and generated images on this batch: "
                       "it falls as the samples improve"),
        ]
