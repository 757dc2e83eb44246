"""VICReg: Variance-Invariance-Covariance Regularization.

Bardes, Ponce & LeCun, ICLR 2022. Three terms on the two views' embeddings: invariance (they should
match), variance (each dimension's std across the batch should stay above 1: this alone prevents
collapse), covariance (dimensions should be decorrelated). Turn the variance term off and the
embeddings collapse; the collapse gauges show it.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from engine.losses import vicreg_terms
from engine.methods.base import Batch
from engine.methods.siamese import SiameseMethod, SiameseParams
from engine.params import param


@dataclass(frozen=True)
class VICRegParams(SiameseParams):
    invariance_weight: float = param(25.0, low=0.0, high=100.0, live=True, help="lambda: weight of the invariance term")
    variance_weight: float = param(25.0, low=0.0, high=100.0, live=True, help="mu: weight of the variance term")
    covariance_weight: float = param(1.0, low=0.0, high=100.0, live=True, help="nu: weight of the covariance term")
    use_variance: bool = param(True, help="the variance term; without it VICReg collapses")


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
