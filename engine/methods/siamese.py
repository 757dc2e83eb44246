"""What the two-view methods share: a conv backbone (the representation), a projector, and the
similarity matrix of the two views' projections as their diagnostic. No method is registered here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F

from engine.figures import Figure, Heatmap
from engine.methods.base import Method
from engine.nn.networks import ConvEncoder, mlp
from engine.params import param


@dataclass(frozen=True)
class SiameseParams:
    representation_dim: int = param(128, low=8, high=1024, help="size of the backbone's output: the embedding probed and mapped")
    projection_dim: int = param(64, low=4, high=1024, help="size of the projector's output, where the loss is computed")
    hidden_dim: int = param(256, low=16, high=4096, help="width of the projector's hidden layer")
    width: int = param(32, low=8, high=128, help="channels of the backbone's first conv layer (doubling per stage)")


@torch.no_grad()
def ema_update(pairs: list[tuple[torch.nn.Module, torch.nn.Module]], keep: float) -> None:
    """target <- keep * target + (1 - keep) * online for each (online, target) pair; buffers (batch
    norm statistics) are copied. MoCo's key encoder and BYOL's target follow their online networks so."""
    for online, target in pairs:
        for po, pt in zip(online.parameters(), target.parameters()):
            pt.mul_(keep).add_(po.detach(), alpha=1 - keep)
        for bo, bt in zip(online.buffers(), target.buffers()):
            bt.copy_(bo)


class SiameseMethod(Method):
    """Backbone -> projector; subclasses add their heads and loss."""

    views = 2

    def __init__(self, params: Any, image_shape: tuple[int, int, int]):
        super().__init__(params, image_shape)
        # Batch norm in the backbone and projector: at small batch sizes the two-view methods train
        # markedly better with it (and BYOL / SimSiam need it in their heads).
        self.backbone = ConvEncoder(image_shape, params.representation_dim, params.width, norm="batch")
        self.projector = mlp([params.representation_dim, params.hidden_dim, params.projection_dim], norm="batch")

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        return self.backbone(x)

    def project(self, x: torch.Tensor) -> torch.Tensor:
        return self.projector(self.backbone(x))

    def head(self, x: torch.Tensor) -> torch.Tensor:
        return self.project(x)

    def diagnostics(self, x: torch.Tensor, views: tuple[torch.Tensor, ...]) -> list[Figure]:
        z1 = F.normalize(self.project(views[0]), dim=1)
        z2 = F.normalize(self.project(views[1]), dim=1)
        # Positives on the diagonal: a good encoder makes it bright and the rest dark.
        return [Heatmap("similarity of view 1 (rows) and view 2 (columns)", (z1 @ z2.T).cpu().numpy(),
                        help="cosine similarity of the projections; the diagonal pairs two views of one image")]
