"""VICReg: Variance-Invariance-Covariance Regularization.

Bardes, Ponce & LeCun, ICLR 2022. Three terms on the two views' embeddings: invariance (they should
match), variance (each dimension's std across the batch should stay above 1: this alone prevents
collapse), covariance (dimensions should be decorrelated). Turn the variance term off and the
embeddings collapse; the collapse gauges show it.

The terms follow the paper's own code (Algorithm 1): the variance hinge is averaged over the two views,
not summed, which is how the published weights 25 / 25 / 1 were tuned (see engine.nn.losses.vicreg_terms).
Without the variance term nothing stops the embeddings from shrinking: invariance and covariance are
both satisfied by sending every image to the same point, so they shrink towards it together (about a
tenth of their size within 250 steps on mnist5k), and the gauges say "collapsing".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from engine.figures import Bars, Figure, Heatmap
from engine.nn.losses import vicreg_terms
from engine.methods.base import Batch
from engine.methods.siamese import SiameseMethod, SiameseParams
from engine.params import param


@dataclass(frozen=True)
class VICRegParams(SiameseParams):
    invariance_weight: float = param(25.0, low=0.0, high=100.0, live=True, help="lambda: weight of the invariance term")
    variance_weight: float = param(25.0, low=0.0, high=100.0, live=True, help="mu: weight of the variance term")
    covariance_weight: float = param(1.0, low=0.0, high=100.0, live=True, help="nu: weight of the covariance term")
    use_variance: bool = param(True, help="the variance term; without it the embeddings shrink towards one point (to a tenth of their size in about 250 steps on mnist5k)")


class VICReg(SiameseMethod):
    name = "vicreg"
    label = "VICReg"
    family = "redundancy reduction"
    paper = "Bardes, Ponce & LeCun, ICLR 2022"
    Params = VICRegParams

    def training_step(self, batch: Batch) -> dict[str, torch.Tensor]:
        v1, v2 = batch.views
        inv, var, cov = vicreg_terms(self.project(v1), self.project(v2))
        p = self.params
        loss = p.invariance_weight * inv + p.covariance_weight * cov
        if p.use_variance:
            loss = loss + p.variance_weight * var
        return {"loss": loss, "invariance": inv.detach(), "variance": var.detach(), "covariance": cov.detach()}

    def diagnostics(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> list[Figure]:
        """The similarity matrix, the covariance the covariance term penalises, and each term's share.

        The bars are the terms as they enter the loss (weight times term), so a learner sees which
        one drives the training; the variance bar stays 0 while that term is switched off.
        """
        figures = super().diagnostics(x, views)
        z1, z2 = self.project(views[0]), self.project(views[1])
        inv, var, cov = vicreg_terms(z1, z2)
        p = self.params
        centred = z1 - z1.mean(0)
        covariance = centred.T @ centred / (len(z1) - 1)
        terms = {"invariance": p.invariance_weight * inv.item(),
                 "variance" if p.use_variance else "variance (off)": p.variance_weight * var.item() * p.use_variance,
                 "covariance": p.covariance_weight * cov.item()}
        return figures + [
            Heatmap("covariance of view 1's projection (off-diagonal: penalised)", covariance.cpu().numpy()),
            Bars("loss terms on these images, weighted", np.array(list(terms.values())), names=tuple(terms),
                 help="each term as it enters the loss: weight x term")]
