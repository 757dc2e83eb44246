"""Barlow Twins.

Zbontar, Jing, Misra, LeCun & Deny, "Barlow Twins: Self-Supervised Learning via Redundancy Reduction",
ICML 2021. The cross-correlation matrix between the two views' embeddings (standardised over the batch)
is pushed towards the identity: diagonal 1 (invariance to the augmentations), off-diagonal 0 (every
dimension carries different information). The view shows that matrix as it forms.

Each dimension is standardised as the paper's code does it, with BatchNorm1d(affine=False):
(z - mean) / sqrt(Var + 1e-5) over the batch (engine.nn.losses.cross_correlation).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from engine.figures import Figure, Heatmap
from engine.nn.losses import barlow_twins_loss, cross_correlation
from engine.methods.base import Batch
from engine.methods.siamese import SiameseMethod, SiameseParams
from engine.params import param


@dataclass(frozen=True)
class BarlowTwinsParams(SiameseParams):
    off_diagonal_weight: float = param(0.02, low=0.0, high=1.0, live=True,
                                       help="lambda: weight of the redundancy term (the paper's 0.005 was for 8,192 dimensions; about 1/D suits small ones)")


class BarlowTwins(SiameseMethod):
    name = "barlow_twins"
    label = "Barlow Twins"
    family = "redundancy reduction"
    paper = "Zbontar et al., ICML 2021"
    Params = BarlowTwinsParams

    def training_step(self, batch: Batch) -> dict[str, torch.Tensor]:
        v1, v2 = batch.views
        c = cross_correlation(self.project(v1), self.project(v2))
        on = (1 - torch.diagonal(c)).pow(2).sum()
        return {"loss": barlow_twins_loss(c, self.params.off_diagonal_weight), "on-diagonal": on.detach()}

    def diagnostics(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> list[Figure]:
        c = cross_correlation(self.project(views[0]), self.project(views[1]))
        return super().diagnostics(x, views) + [Heatmap("cross-correlation (goal: identity)", c.cpu().numpy())]
