"""GAN: a generator learns to make images that a discriminator cannot tell from real ones.

Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014 (the game, and the non-saturating
generator loss); Radford, Metz & Chintala, "Unsupervised Representation Learning with Deep
Convolutional Generative Adversarial Networks", ICLR 2016 (DCGAN: the networks, Adam with beta1 = 0.5);
Mescheder, Geiger & Nowozin, "Which Training Methods for GANs do actually Converge?", ICML 2018 (the
optional R1 penalty on real images).

Each step the discriminator D takes one update on real images (label 1) and the generator's images of
fresh noise (label 0), then the generator G takes one update to make D call its images real:
maximise log D(G(z)) rather than minimise log(1 - D(G(z))), whose gradient vanishes while D easily
rejects G's early images. The losses themselves say little about image quality (they are a game, not
an objective to minimise): the samples of fixed noise, and D's scores of real and generated images,
show what happens. On 2-D points (Kahng et al., GAN Lab, IEEE VIS 2018) the pair is an MLP pair and the
picture is GAN Lab's: D's probability of real as a map, and the way G's gradient pushes each point; on
the ring of 8 Gaussians the vanilla game often settles on a few modes (Metz et al., ICLR 2017).
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass

import torch

from engine.figures import Figure, Histograms, Value
from engine.methods.adversarial.image_generator import (
    HISTOGRAM_BINS, AdversarialImageMethod, GeneratorParams, batch_statistics, frozen, histogram)
from engine.methods.base import Batch
from engine.nn.adversarial_losses import discriminator_loss, non_saturating_generator_loss, r1_penalty
from engine.nn.dcgan import DISCRIMINATOR_NORMS
from engine.params import param
from engine.training.optimizers import Optimizers


@dataclass(frozen=True)
class GANParams(GeneratorParams):
    norm: str = param("batch", choices=DISCRIMINATOR_NORMS,
                      help="normalisation in the discriminator's conv layers: batch as in DCGAN (at the run's "
                           "learning rate, without it the discriminator soon wins outright); none on 2-D points, "
                           "whatever this says: batch norm would tie each point's score to its batch")
    d_lr_scale: float = param(1.0, low=0.01, high=100.0, log=True,
                              help="the discriminator's learning rate as a multiple of the run's")
    r1_gamma: float = param(0.0, low=0.0, high=1000.0, live=True,
                            help="weight gamma of the R1 penalty, gamma/2 * |grad D(x)|^2 on real images "
                                 "(0: off); it calms an overconfident discriminator")


class GAN(AdversarialImageMethod):
    name = "gan"
    label = "GAN (DCGAN)"
    family = "adversarial"
    paper = "Goodfellow et al., NeurIPS 2014; Radford et al., ICLR 2016; Mescheder et al., ICML 2018"
    Params = GANParams
    data_kinds = ("images", "points")
    values_label, values_range = "D(x)", (0.0, 1.0)  # the point map: D's probability of real
    # DCGAN section 4: beta1 at Adam's usual 0.9 "resulted in training oscillation and instability while
    # reducing it to 0.5 helped stabilize training".
    betas = (0.5, 0.999)

    def generator_loss(self, fake: torch.Tensor) -> torch.Tensor:
        """G's non-saturating loss on its examples ``fake``, scored by D."""
        return non_saturating_generator_loss(self.discriminator(fake))

    def field(self, points: torch.Tensor) -> torch.Tensor:
        """(P, 2) -> (P,): D's probability that each point is real, the point figure's map."""
        return torch.sigmoid(self.discriminator(points))

    def terms(self, real: torch.Tensor, fake: torch.Tensor) -> dict[str, torch.Tensor]:
        """The discriminator's loss terms on real images and (detached) generated ones."""
        gamma = self.params.r1_gamma
        # R1 is a gradient with respect to x: it needs a graph even when the terms are only measured.
        with torch.enable_grad() if gamma > 0 else nullcontext():
            real = real.detach().requires_grad_(gamma > 0)
            real_logits = self.discriminator(real)  # (B,)
            r1 = r1_penalty(real_logits, real, gamma) if gamma > 0 else real_logits.new_zeros(())
        fake_logits = self.discriminator(fake.detach())  # (B,)
        return {"discriminator loss": discriminator_loss(real_logits, fake_logits), "R1 penalty": r1,
                "D(real)": torch.sigmoid(real_logits.detach()).mean(),
                "D(fake)": torch.sigmoid(fake_logits.detach()).mean()}

    def training_step(self, batch: Batch) -> dict[str, torch.Tensor]:
        """Both players' losses on one batch, without an update ("loss": the generator's)."""
        real = self.real_of(batch)  # (B, C, H, W), or (B, 2) points
        fake = self.generator_net(self.noise(len(real), real.device))
        return {"loss": self.generator_loss(fake), **self.terms(real, fake)}

    def optimization_step(self, batch: Batch, optimizers: Optimizers) -> dict[str, torch.Tensor]:
        """One update of D on real and generated images, then one of G against the updated D.

        "loss" is the generator's non-saturating loss; the discriminator's and its scores are curves.
        The generated images are made once: D's update sees them detached (no gradient reaches G), and
        G's update scores them again with the updated D, whose parameters are frozen meanwhile: their
        gradients would never be stepped (D's next update zeroes them first), so they are not computed;
        the gradient still flows through D to the images and on into G. On points with known modes, the
        modes these generated points cover and their high-quality share are curves too."""
        real = self.real_of(batch)  # (B, C, H, W), or (B, 2) points
        fake = self.generator_net(self.noise(len(real), real.device))  # (B, C, H, W), in G's graph
        out = self.terms(real, fake)
        optimizers.step("discriminator", out["discriminator loss"] + out["R1 penalty"])
        with frozen(self.discriminator):
            loss = self.generator_loss(fake)
            optimizers.step("generator", loss)
        return {"loss": loss.detach(), **{k: v.detach() for k, v in out.items()}, **self.coverage_terms(fake)}

    def diagnostics(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> list[Figure]:
        """The samples, and how D scores held-out real images against the samples of fixed noise."""
        # Scored as in training: with batch norm, each batch by its own statistics (real apart from
        # generated), not by the running ones, which mix both (after 600 steps on mnist5k they had D
        # call real images 0.996 and generated ones 0.984 real, against 0.94 and 0.57 by batch).
        with batch_statistics(self.discriminator):
            real = torch.sigmoid(self.discriminator(x))  # (B,) D's probability that each image is real
            fake = torch.sigmoid(self.fake_scores_of_fixed_noise(len(x), x.device))
        edges = torch.linspace(0, 1, HISTOGRAM_BINS + 1)
        counts = torch.stack([histogram(real.cpu(), edges), histogram(fake.cpu(), edges)]).numpy()  # (2, K)
        return self.generator_figures(x) + [
            Histograms("D's probability of real, for the data's points and for samples of fixed noise" if self.on_points
                       else "D's probability of real, for held-out images and for samples of fixed noise", edges.numpy(),
                       counts, series=("real", "generated"), axis="D(x)",
                       help="a sure discriminator puts real images near 1 and samples near 0; when the two "
                            "overlap near 0.5 it can no longer tell them apart"),
            Value("mean D(real)", round(float(real.mean()), 3),
                  help="the discriminator's mean probability of real on held-out real images"),
            Value("mean D(fake)", round(float(fake.mean()), 3),
                  help="the discriminator's mean probability of real on the samples of fixed noise"),
        ]
