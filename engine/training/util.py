"""Small helpers the trainer's parts share."""

from __future__ import annotations

import threading
from contextlib import contextmanager

import numpy as np
import torch

# Runs are threads of one process (engine/processes/engine_process.py), and torch's global generator is the process's:
# whoever seeds it must hold it until done drawing, or another run's draws land in between.
_GLOBAL_RNG_LOCK = threading.Lock()


class RunStopped(Exception):
    """The run was stopped in the middle of long work (set-up, views): end it now, not after the work."""


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


@contextmanager
def seeded(seed: int, device: torch.device):
    """The global generator seeded with ``seed`` for code that can only draw from it (a network's
    weight initialisation), without racing another run's thread and leaving the global state as it was."""
    devices = [device] if device.type == "cuda" else []
    with _GLOBAL_RNG_LOCK, torch.random.fork_rng(devices=devices):
        torch.manual_seed(seed)
        yield


def all_finite(*arrays: np.ndarray | None) -> bool:
    """Whether every (float) array given holds finite values only; None counts as finite."""
    return all(a is None or not np.issubdtype(np.asarray(a).dtype, np.floating) or np.isfinite(a).all()
               for a in arrays)
