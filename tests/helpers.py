"""Small helpers for driving the training generator in tests."""

from engine.training.config import Cadence, RunConfig
from engine.training.control import RunControl
from engine.training.snapshots import LossUpdate, RunEnded
from engine.training.trainer import train

QUIET = Cadence(images_interval_s=None, latents_interval_s=None, check_every=5, latent_probe=200)


def run_to_end(config: RunConfig, control: RunControl | None = None) -> list:
    """Every snapshot of a run with a step budget, in order."""
    snaps = list(train(config, control))
    assert isinstance(snaps[-1], RunEnded), snaps[-1]
    return snaps


def of_type(snaps: list, cls) -> list:
    return [s for s in snaps if isinstance(s, cls)]


def losses(snaps: list, term: str = "loss"):
    import numpy as np

    ups = of_type(snaps, LossUpdate)
    return np.concatenate([u.steps for u in ups]), np.concatenate([u.terms[term] for u in ups])


def next_of(gen, cls, limit: int = 10_000):
    """Advance a snapshot generator to the next snapshot of ``cls``."""
    for _ in range(limit):
        s = next(gen)
        if isinstance(s, cls):
            return s
    raise AssertionError(f"no {cls.__name__} within {limit} snapshots")
