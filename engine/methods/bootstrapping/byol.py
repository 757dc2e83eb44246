"""BYOL: Bootstrap Your Own Latent.

Grill et al., "Bootstrap Your Own Latent: A New Approach to Self-Supervised Learning", NeurIPS 2020.
An online network (backbone, projector, predictor) learns to predict a target network's projection of
another view of the same image; the target is an exponential moving average of the online network,
with a rate that rises from tau_base to 1 along a cosine schedule. No negatives.

Collapse switches for teaching: without the predictor, or without the stop-gradient (the target is
then the online network itself, trained through), the outputs collapse to a constant; the collapse
gauges show it within a few hundred steps. BYOL needs batch norm in its projector and predictor at
small batch sizes.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass

import torch

from engine.nn.losses import byol_loss
from engine.methods.base import Batch
from engine.methods.siamese import SiameseMethod, SiameseParams, ema_update
from engine.nn.networks import mlp
from engine.params import param


@dataclass(frozen=True)
class BYOLParams(SiameseParams):
    tau_base: float = param(0.99, low=0.0, high=0.99999, help="EMA rate of the target at the start")
    schedule_steps: int = param(10000, low=1, high=10_000_000,
                                help="steps over which the EMA rate rises from tau_base to 1 (cosine)")
    use_predictor: bool = param(True, help="the predictor head; without it BYOL collapses")
    stop_gradient: bool = param(True, help="train only the online branch; without it BYOL collapses")


class BYOL(SiameseMethod):
    name = "byol"
    label = "BYOL"
    family = "bootstrapping"
    paper = "Grill et al., NeurIPS 2020"
    Params = BYOLParams

    def __init__(self, params: BYOLParams, image_shape: tuple[int, int, int]):
        super().__init__(params, image_shape)
        p = params
        self.predictor = mlp([p.projection_dim, p.hidden_dim, p.projection_dim], norm="batch")
        self.target_backbone = copy.deepcopy(self.backbone).requires_grad_(False)
        self.target_projector = copy.deepcopy(self.projector).requires_grad_(False)

    def tau(self, step: int) -> float:
        """tau = 1 - (1 - tau_base) (cos(pi k / K) + 1) / 2 (the paper's section 3.2)."""
        k = min(step, self.params.schedule_steps) / self.params.schedule_steps
        return 1 - (1 - self.params.tau_base) * (math.cos(math.pi * k) + 1) / 2

    def online(self, x: torch.Tensor) -> torch.Tensor:
        z = self.project(x)
        return self.predictor(z) if self.params.use_predictor else z

    def target(self, x: torch.Tensor) -> torch.Tensor:
        if not self.params.stop_gradient:
            return self.project(x)  # the switch: no separate target, gradients through both branches
        with torch.no_grad():
            return self.target_projector(self.target_backbone(x))

    def training_step(self, batch: Batch) -> dict[str, torch.Tensor]:
        v1, v2 = batch.views
        loss = byol_loss(self.online(v1), self.target(v2)) + byol_loss(self.online(v2), self.target(v1))
        return {"loss": loss}

    def after_step(self, step: int) -> None:
        ema_update([(self.backbone, self.target_backbone), (self.projector, self.target_projector)], self.tau(step))
