"""The run's guard: a non-finite loss, exploding weights or gradients, running out of memory.

Each update's loss is checked for a non-finite value before the update (engine/training/optimizers.py),
so the update that would spoil the weights is never taken. Every check (``Cadence.check_every`` steps)
the loop hands the guard the loss terms, each step's gradient norm and the total weight norm, moved to
the host together, and the guard watches the norms: a run whose weights have grown far past their size
at the start, or whose gradient norm jumps far above its recent median, is diverging even while its
loss is still finite (SimCLR at lr 1 reached weights of 4e9 so). Such a run goes back to the last good
weights the guard remembered, and pauses (the app) or ends (headless) with a message built here.
"""

from __future__ import annotations

import copy
import math
from collections import deque

import numpy as np
import torch

from engine.training.optimizers import Optimizers, total_norm
from engine.words import Words

WEIGHT_GROWTH_LIMIT = 100.0  # times the total weight norm at the run's start
GRAD_SPIKE_LIMIT = 1000.0  # times the median gradient norm of the last GRAD_HISTORY steps
GRAD_HISTORY = 200
GRAD_WARMUP = 20  # steps of history before gradient spikes count


def state_is_finite(model: torch.nn.Module) -> bool:
    return all(torch.isfinite(v).all() for v in model.state_dict().values() if v.is_floating_point())


def is_out_of_memory(e: BaseException) -> bool:
    return isinstance(e, (torch.OutOfMemoryError, MemoryError)) or "out of memory" in str(e).lower()


class Guard:
    """The last good weights (model and every optimiser's state) and the norms' recent history."""

    def __init__(self, model: torch.nn.Module, optimizers: Optimizers, step: int):
        self.model, self.optimizers = model, optimizers
        self.good: tuple[int, dict, dict] | None = None
        self.grad_history: deque[float] = deque(maxlen=GRAD_HISTORY)
        self.start_step = step  # the weights' size at this step is the yardstick of their growth
        self.start_weight_norm = self.weight_norm()

    def weight_norm(self) -> float:
        return float(total_norm(self.model.parameters()))

    def remember(self, step: int) -> None:
        model_state = {k: v.detach().clone() for k, v in self.model.state_dict().items()}
        self.good = (step, model_state, copy.deepcopy(self.optimizers.state_dict()))

    def restore(self) -> int | None:
        """Put the last good weights back; returns their step (None: nothing remembered yet)."""
        if self.good is None:
            return None
        step, model_state, optimizer_state = self.good
        self.model.load_state_dict(model_state)
        self.optimizers.load_state_dict(optimizer_state)
        return step

    def judge(self, values: np.ndarray, grad_norms: np.ndarray, weight_norm: float) -> tuple[int, str | None]:
        """The checked steps' loss terms (K, T) and gradient norms (K,): how many of the first steps
        have finite terms, and why the run is diverging, in words (None while it looks sane)."""
        finite = np.isfinite(values).all(axis=1)
        if not finite.all():
            return int(np.argmin(finite)), None
        return len(values), self._norms_exploded(grad_norms, weight_norm)

    def _norms_exploded(self, grad_norms: np.ndarray, weight_norm: float) -> str | None:
        """The gradient first: a spike is the cause, and the weights it throws off the effect."""
        peak = float(grad_norms.max())
        if len(self.grad_history) >= GRAD_WARMUP:
            median = float(np.median(self.grad_history))
            if not math.isfinite(peak) or (median > 0 and peak > GRAD_SPIKE_LIMIT * median):
                return Words("the gradient norm jumped to {peak:.3g}, {times:.3g} times its recent median",
                             peak=peak, times=peak / median)
        if not math.isfinite(weight_norm):
            return Words("the weights became NaN or infinite")
        start = self.start_weight_norm
        if start > 0 and weight_norm > WEIGHT_GROWTH_LIMIT * start:
            return Words("the weights grew {times:.3g}-fold since step {step} (norm {norm:.3g})",
                         times=weight_norm / start, step=self.start_step, norm=weight_norm)
        self.grad_history.extend(grad_norms.tolist())
        return None


def diverged_message(bad_step: int | None, why: str | None, good_step: int, lr: float, interactive: bool,
                     saving: bool) -> str:
    """What the user reads when the guard stepped in: what happened, where the weights are, what to do."""
    what = (Words("The loss became NaN or infinite at step {step}", step=bad_step) if bad_step is not None
            else Words("Training is diverging: {why}", why=why))
    advice = Words("Lower the learning rate (now {lr:g})", lr=lr)
    if interactive:
        return Words("{what}. Training is paused and the weights are back at step {step}, the last good "
                     "ones. {advice} and press Play to go on.", what=what, step=good_step, advice=advice)
    if saving:
        return Words("{what}. The run ends here with the weights of step {step}, the last good ones, and "
                     "saves them. {advice} and start again.", what=what, step=good_step, advice=advice)
    return Words("{what}. The run ends here with the weights of step {step}, the last good ones. {advice} "
                 "and start again.", what=what, step=good_step, advice=advice)


def out_of_memory_message(device: str, batch_size: int, interactive: bool) -> str:
    if interactive:
        return Words("Out of memory on {device} at batch size {batch}. Training is paused with the last good "
                     "weights kept; save them, then start again with a smaller batch size or on another "
                     "device.", device=device, batch=batch_size)
    return Words("Out of memory on {device} at batch size {batch}. The run ends here with the last good "
                 "weights kept; start again with a smaller batch size or on another device.",
                 device=device, batch=batch_size)
