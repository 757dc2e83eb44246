"""The run's guard: a non-finite loss, exploding weights or gradients, running out of memory.

A mixin of the trainer's run (engine/trainer.py). Each step's loss is checked for a non-finite value
before its update, so the update that would spoil the weights is never taken and the weights stay at
the last finite step. Every check (``Cadence.check_every`` steps) moves the loss terms, each step's
gradient norm and the total weight norm to the host together, and watches the norms: a run whose
weights have grown far past their size at the start, or whose gradient norm jumps far above its recent
median, is diverging even while its loss is still finite (SimCLR at lr 1 reached weights of 4e9 so).
Such a run goes back to the last checked weights and pauses (the app) or ends (headless) with a message.
"""

from __future__ import annotations

import copy
import math
import time
from collections import deque
from typing import Iterable, Iterator

import numpy as np
import torch

from engine.training.device import describe
from engine.training.snapshots import RunEvent, Snapshot

WEIGHT_GROWTH_LIMIT = 100.0  # times the total weight norm at the run's start
GRAD_SPIKE_LIMIT = 1000.0  # times the median gradient norm of the last GRAD_HISTORY steps
GRAD_HISTORY = 200
GRAD_WARMUP = 20  # steps of history before gradient spikes count


def total_norm(tensors: Iterable[torch.Tensor]) -> torch.Tensor:
    """The L2 norm of all the tensors together, as a 0-dim tensor on their device (no host sync)."""
    tensors = [t.detach() for t in tensors]
    if not tensors:
        return torch.zeros(())
    return torch.linalg.vector_norm(torch.stack(torch._foreach_norm(tensors)))


def state_is_finite(model: torch.nn.Module) -> bool:
    return all(torch.isfinite(v).all() for v in model.state_dict().values() if v.is_floating_point())


class RunGuard:
    def _start_guard(self) -> None:
        self.good = None
        self.grad_history: deque[float] = deque(maxlen=GRAD_HISTORY)
        self.start_weight_norm = float(total_norm(self.model.parameters()))

    def _remember_good(self) -> None:
        model_state = {k: v.detach().clone() for k, v in self.model.state_dict().items()}
        self.good = (self.step, model_state, copy.deepcopy(self.optimizer.state_dict()))

    def _restore_good(self) -> None:
        if self.good is None or self.model is None:
            return
        step, model_state, opt_state = self.good
        self.model.load_state_dict(model_state)
        self.optimizer.load_state_dict(opt_state)
        self._apply_run_params()
        self.pending.clear()
        self.step = step

    def _check(self, force_send: bool = False, remember: bool = True) -> Iterator[Snapshot]:
        """Move the pending loss terms and norms to the host; on a non-finite value or exploding norms,
        restore the last good weights and pause. Returns whether the run diverged."""
        if self.pending:
            rows = torch.stack(self.pending).cpu().numpy()  # (K, T + 1): the terms, then the grad norm
            weight_norm = float(total_norm(self.model.parameters()))
            values, grad_norms = rows[:, :-1], rows[:, -1]
            first = self.step - len(self.pending) + 1
            self.pending.clear()
            finite = np.isfinite(values).all(axis=1)
            if not finite.all():
                bad = int(np.argmin(finite))
                self._buffer(first, values[:bad])
                yield from self._flush_losses()
                yield from self._diverged(first + bad)
                return True
            self._buffer(first, values)
            why = self._norms_exploded(grad_norms, weight_norm)
            if why:
                yield from self._flush_losses()
                yield from self._diverged(None, why)
                return True
            self.last_terms = dict(zip(self.term_names, map(float, values[-1])))  # of the good weights
            if remember:
                self._remember_good()
        if force_send or time.monotonic() - self.t_loss >= self.cad.loss_interval_s:
            yield from self._flush_losses()
        return False

    def _buffer(self, first: int, values: np.ndarray) -> None:
        self.buffer_steps.append(np.arange(first, first + len(values)))
        self.buffer_terms.append(values)

    def _norms_exploded(self, grad_norms: np.ndarray, weight_norm: float) -> str | None:
        """Why the run is diverging, in words, or None while its norms look sane. The gradient first:
        a spike is the cause, and the weights it throws off the effect."""
        peak = float(grad_norms.max())
        if len(self.grad_history) >= GRAD_WARMUP:
            median = float(np.median(self.grad_history))
            if not math.isfinite(peak) or (median > 0 and peak > GRAD_SPIKE_LIMIT * median):
                return f"the gradient norm jumped to {peak:.3g}, {peak / median:.3g} times its recent median"
        if not math.isfinite(weight_norm):
            return "the weights became NaN or infinite"
        start = self.start_weight_norm
        if start > 0 and weight_norm > WEIGHT_GROWTH_LIMIT * start:
            return (f"the weights grew {weight_norm / start:.3g}-fold since step {self.start_step} "
                    f"(norm {weight_norm:.3g})")
        self.grad_history.extend(grad_norms.tolist())
        return None

    def _loss_not_finite(self) -> Iterator[Snapshot]:
        """This step's loss is NaN or infinite and its update was not taken: the weights are those of
        the last finite step, unless the forward pass spoilt a buffer (BatchNorm's running statistics,
        a codebook's moving averages); then the last checked weights come back."""
        bad_step = self.step + 1
        state_ok = state_is_finite(self.model)
        if (yield from self._check(force_send=True, remember=state_ok)):
            return  # the norms had exploded already; that is the message
        yield from self._diverged(bad_step)

    def _diverged(self, bad_step: int | None, why: str | None = None) -> Iterator[Snapshot]:
        self._restore_good()
        what = (f"The loss became NaN or infinite at step {bad_step}" if bad_step is not None
                else f"Training is diverging: {why}")
        advice = f"Lower the learning rate (now {self.rp.lr:g})"
        if self.control.interactive:
            self.control.pause_from_engine()
            message = (f"{what}. Training is paused and the weights are back at step {self.step}, the last "
                       f"good ones. {advice} and press Play to go on.")
        else:
            self.ended_as = "diverged"
            saving = ", and saves them" if self.config.save_on_end else ""
            message = (f"{what}. The run ends here with the weights of step {self.step}, the last good "
                       f"ones{saving}. {advice} and start again.")
        yield RunEvent(self.id, self.step, "diverged", message)
        if self.running:
            yield from self._halt("diverged")

    def _out_of_memory(self) -> Iterator[Snapshot]:
        self.optimizer.zero_grad(set_to_none=True)
        if self.device.type == "cuda":
            torch.cuda.empty_cache()
        self._restore_good()
        if self.control.interactive:
            self.control.pause_from_engine()
            then = "Training is paused with the last good weights kept; save them, then start again"
        else:
            self.ended_as = "out_of_memory"
            then = "The run ends here with the last good weights kept; start again"
        yield RunEvent(
            self.id, self.step, "out_of_memory",
            f"Out of memory on {describe(self.device)} at batch size {self.batch_size}. {then} with a smaller "
            "batch size or on another device.")
        if self.running:
            yield from self._halt("out_of_memory")
