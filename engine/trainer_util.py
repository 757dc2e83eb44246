"""Small helpers the trainer's parts share."""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np
import torch


def to_images(x: torch.Tensor) -> np.ndarray:
    """(B, C, H, W) tensor -> (B, H, W, C) float32 numpy in [0, 1]."""
    return x.detach().clamp(0, 1).permute(0, 2, 3, 1).float().cpu().numpy()


@contextmanager
def evaluating(model: torch.nn.Module):
    """Eval mode and no gradients for a moment between training steps; training mode after."""
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            yield
    finally:
        model.train(was_training)
