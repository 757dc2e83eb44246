"""SimCLR.

Chen, Kornblith, Norouzi & Hinton, "A Simple Framework for Contrastive Learning of Visual
Representations", ICML 2020. Two augmentations of each image are pulled together and pushed away from
every other image in the batch (NT-Xent loss). The batch supplies the negatives, so SimCLR needs a
reasonable batch: at batch size 2 each image has a single negative and the representation degrades.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from engine.nn.losses import nt_xent
from engine.methods.base import Batch
from engine.methods.siamese import SiameseMethod, SiameseParams
from engine.params import param


@dataclass(frozen=True)
class SimCLRParams(SiameseParams):
    temperature: float = param(0.2, low=0.01, high=2.0, live=True,
                               help="softmax temperature: low values focus the loss on the hardest negatives")


class SimCLR(SiameseMethod):
    name = "simclr"
    label = "SimCLR"
    family = "contrastive"
    paper = "Chen et al., ICML 2020"
    Params = SimCLRParams

    def training_step(self, batch: Batch) -> dict[str, torch.Tensor]:
        v1, v2 = batch.views
        return {"loss": nt_xent(self.project(v1), self.project(v2), self.params.temperature)}
