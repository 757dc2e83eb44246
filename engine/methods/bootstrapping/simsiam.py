"""SimSiam.

Chen & He, "Exploring Simple Siamese Representation Learning", CVPR 2021. Two views through the same
encoder and projector; a predictor maps one view's projection to the other's, whose gradient is
stopped. No negatives, no momentum encoder: the stop-gradient is what prevents collapse (the paper's
figure 2), and the predictor is needed too.

Collapse switches: turn off stop_gradient and watch the effective rank and the spread of the normalised
embedding fall (on mnist5k: rank 20 -> 10 and spread 99% -> 34% of random directions' by step ~125,
rank 4 and spread 5% by step 300; the gauges say "collapsing" at about step 130). Turning off
use_predictor collapses the paper's runs only over epochs: the batch norm that closes the projector
(needed at small batch sizes, as in the paper) keeps each output dimension at unit variance, so the
outputs cannot meet in one point and only their effective rank sinks, slowly.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from engine.nn.losses import negative_cosine
from engine.methods.base import Batch
from engine.methods.siamese import SiameseMethod, SiameseParams
from engine.nn.networks import mlp
from engine.params import param


@dataclass(frozen=True)
class SimSiamParams(SiameseParams):
    predictor_dim: int = param(32, low=4, high=1024, help="bottleneck width of the predictor")
    use_predictor: bool = param(True, help="the predictor head; the paper's SimSiam collapses without it over epochs, but here the projector's closing batch norm keeps every output dimension spread, so only the effective rank sinks (about 20 -> 8 of 64 in 300 steps on mnist5k) and no collapse shows within minutes")
    stop_gradient: bool = param(True, help="stop the gradient through the target branch; without it SimSiam collapses")


class SimSiam(SiameseMethod):
    name = "simsiam"
    label = "SimSiam"
    family = "bootstrapping"
    paper = "Chen & He, CVPR 2021"
    Params = SimSiamParams

    def __init__(self, params: SimSiamParams, image_shape: tuple[int, int, int]):
        super().__init__(params, image_shape)
        p = params
        self.projector = mlp([p.representation_dim, p.hidden_dim, p.projection_dim], norm="batch", last_norm=True)
        self.predictor = mlp([p.projection_dim, p.predictor_dim, p.projection_dim], norm="batch")

    def training_step(self, batch: Batch) -> dict[str, torch.Tensor]:
        v1, v2 = batch.views
        z1, z2 = self.project(v1), self.project(v2)
        p1, p2 = (self.predictor(z1), self.predictor(z2)) if self.params.use_predictor else (z1, z2)
        t1, t2 = (z1.detach(), z2.detach()) if self.params.stop_gradient else (z1, z2)
        # L = D(p1, sg(z2)) / 2 + D(p2, sg(z1)) / 2 (the paper's eq. 3)
        return {"loss": negative_cosine(p1, t2) / 2 + negative_cosine(p2, t1) / 2}
