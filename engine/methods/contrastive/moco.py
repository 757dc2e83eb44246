"""MoCo v2.

He, Fan, Wu, Xie & Girshick, "Momentum Contrast for Unsupervised Visual Representation Learning",
CVPR 2020; Chen, Fan, Girshick & He, "Improved Baselines with Momentum Contrastive Learning" (MoCo v2,
2020: MLP projector, stronger augmentation). Queries from the online encoder are contrasted with keys
from a slowly moving (momentum) copy of it; past keys wait in a queue as negatives, so the number of
negatives does not depend on the batch size.

Small-data trap: the queue must stay well below the number of training images (4,000 for mnist5k),
or an image meets an old key of itself among the "negatives".
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from engine.figures import Figure, Value
from engine.nn.losses import info_nce_with_queue
from engine.methods.base import Batch
from engine.methods.siamese import SiameseMethod, SiameseParams, ema_update
from engine.params import param
from engine.words import Words


@dataclass(frozen=True)
class MoCoParams(SiameseParams):
    queue_size: int = param(1024, low=0, high=65536,
                            help="negatives kept from past batches; keep it well below the training set size")
    momentum: float = param(0.99, low=0.0, high=0.99999, live=True,
                            help="how slowly the key encoder follows the query encoder (0.99: 1% a step)")
    temperature: float = param(0.2, low=0.01, high=2.0, live=True, help="softmax temperature")


class MoCo(SiameseMethod):
    name = "moco"
    label = "MoCo v2"
    family = "contrastive"
    paper = "He et al., CVPR 2020; Chen et al., 2020"
    Params = MoCoParams

    def __init__(self, params: MoCoParams, image_shape: tuple[int, int, int]):
        super().__init__(params, image_shape)
        self.key_backbone = copy.deepcopy(self.backbone).requires_grad_(False)
        self.key_projector = copy.deepcopy(self.projector).requires_grad_(False)
        self.register_buffer("queue", torch.zeros(params.queue_size, params.projection_dim))
        self.register_buffer("queue_filled", torch.zeros((), dtype=torch.long))
        self.register_buffer("queue_pointer", torch.zeros((), dtype=torch.long))

    def keys(self, x: torch.Tensor) -> torch.Tensor:
        with torch.no_grad():
            return F.normalize(self.key_projector(self.key_backbone(x)), dim=1)

    def training_step(self, batch: Batch) -> dict[str, torch.Tensor]:
        v1, v2 = batch.views
        q = F.normalize(self.project(v1), dim=1)  # (B, D)
        k = self.keys(v2)  # (B, D), no gradient
        negatives = self.queue[: int(self.queue_filled)].clone()  # enqueue below changes the buffer in place
        loss = info_nce_with_queue(q, k, negatives, self.params.temperature)
        self.enqueue(k)
        return {"loss": loss}

    @torch.no_grad()
    def enqueue(self, keys: torch.Tensor) -> None:
        size = self.params.queue_size
        if size == 0:
            return
        keys = keys[-size:]
        n, start = keys.shape[0], int(self.queue_pointer)
        idx = (torch.arange(n, device=keys.device) + start) % size
        self.queue[idx] = keys
        self.queue_pointer.fill_((start + n) % size)
        self.queue_filled.fill_(min(size, int(self.queue_filled) + n))

    def after_step(self, step: int) -> None:
        """theta_k <- m theta_k + (1 - m) theta_q (the paper's eq. 2)."""
        ema_update([(self.backbone, self.key_backbone), (self.projector, self.key_projector)], self.params.momentum)

    def diagnostics(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> list[Figure]:
        return super().diagnostics(x, views) + [
            Value("queue fill", Words("{filled:,} of {size:,} keys", filled=int(self.queue_filled),
                                      size=self.params.queue_size))]
