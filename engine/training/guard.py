"""The run's guard: a non-finite loss, exploding weights or gradients, running out of memory.

Each update's loss is checked for a non-finite value before the update (engine/training/optimizers.py),
so the update that would spoil the weights is never taken. Every check (``Cadence.check_every`` steps)
the loop hands the guard the loss terms, each step's gradient norm and the total weight norm, moved to
the host together, and the guard watches the norms: a run whose weights have grown far past their size
at the start, or whose gradient norm jumps far above its recent median, is diverging even while its
loss is still finite (SimCLR at lr 1 reached weights of 4e9 so). Such a run goes back to the last good
weights the guard remembered, and pauses (the app) or ends (headless) with a message built here.

The weights are watched tensor by tensor, not only as one total: the total is dominated by the big
tensors, which may hardly move while one layer runs away. SimCLR at lr 1 (Adam) grew its encoder's last
layer 80-fold in its first step and 340-fold by the first check, while the total had grown only 30- and
120-fold, so a run a little slower than that passed its first checks unwarned; the layers after it are
normalised (BatchNorm, the loss's cosine), so its loss stayed finite and the embeddings it showed reached
1e7.
"""

from __future__ import annotations

import copy
import math
from collections import deque

import numpy as np
import torch

from engine.training.optimizers import Optimizers, total_norm
from engine.words import Words

WEIGHT_GROWTH_LIMIT = 100.0  # times the total weight norm at the run's start, or a weight tensor's own
# A tensor initialised near zero (a zero-initialised last layer) grows by large factors while it learns:
# its growth is measured against at least this norm per value (a tenth of a typical initial weight).
TENSOR_NORM_FLOOR = 0.01
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
        # Each weight matrix or kernel's own yardstick (biases and norm scales start at 0 or 1: skipped).
        # Learned vectors shaped as tensors (MAE's mask token, (1, 1, D), std 0.02) are left out: one such
        # vector learning its scale may grow past 100x its start and be no sign of divergence.
        self.watched = [(name, p) for name, p in model.named_parameters()
                        if p.dim() >= 2 and p.shape[0] > 1 and p.numel() > p.shape[0]]
        self.start_tensor_norms = self._tensor_norms().clamp_min(
            torch.tensor([TENSOR_NORM_FLOOR * p.numel() ** 0.5 for _, p in self.watched]))

    def weight_norm(self) -> float:
        return float(total_norm(self.model.parameters()))

    def _tensor_norms(self) -> torch.Tensor:
        """The watched tensors' norms, on the CPU (one host sync for all of them)."""
        if not self.watched:
            return torch.zeros(0)
        return torch.stack(torch._foreach_norm([p.detach() for _, p in self.watched])).float().cpu()

    def largest_growth(self) -> tuple[float, str, float]:
        """(times its start, name, norm) of the weight tensor that grew the most since the run's start."""
        if not self.watched:
            return 1.0, "", 0.0
        norms = self._tensor_norms()
        growth = norms / self.start_tensor_norms
        growth = torch.where(torch.isfinite(growth), growth, torch.full_like(growth, math.inf))
        i = int(torch.argmax(growth))
        return float(growth[i]), self.watched[i][0], float(norms[i])

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
        times, name, norm = self.largest_growth()
        if times > WEIGHT_GROWTH_LIMIT:
            if not math.isfinite(norm):
                return Words("the weights became NaN or infinite in {tensor}", tensor=name)
            return Words("the weights grew {times:.3g}-fold in {tensor} since step {step} (norm {norm:.3g}), "
                         "though the loss stayed finite", tensor=name, times=times, step=self.start_step, norm=norm)
        self.grad_history.extend(grad_norms.tolist())
        return None


def _player_loss_not_finite(player: str, step: int) -> str | None:
    """Whose loss it was, for a method of several players (a GAN's two): one sentence each, so that each
    translates whole."""
    sentences = {
        "generator": Words("The generator's loss became NaN or infinite at step {step}", step=step),
        "discriminator": Words("The discriminator's loss became NaN or infinite at step {step}", step=step),
        "critic": Words("The critic's loss became NaN or infinite at step {step}", step=step),
        "discriminators": Words("The discriminators' loss became NaN or infinite at step {step}", step=step),
    }
    return sentences.get(player)


def diverged_message(bad_step: int | None, why: str | None, good_step: int, lr: float, interactive: bool,
                     saving: bool, player: str | None = None) -> str:
    """What the user reads when the guard stepped in: what happened, where the weights are, what to do.
    ``player``: the optimiser whose loss was not finite, in a method with several (a GAN's)."""
    what = (Words("The loss became NaN or infinite at step {step}", step=bad_step) if bad_step is not None
            else Words("Training is diverging: {why}", why=why))
    if bad_step is not None and player:
        what = _player_loss_not_finite(player, bad_step) or what
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
