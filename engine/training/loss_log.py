"""The loss log: each step's loss terms, kept on the device until the guard checks them, then sent to
the loss view as ``LossUpdate``s with the training speed and the training time (pauses excluded)."""

from __future__ import annotations

import time

import numpy as np
import torch

from engine.training.snapshots import LossUpdate


class LossLog:
    def __init__(self, run_id: int, n_train: int, batch_size: int):
        self.run_id, self.n_train, self.batch_size = run_id, n_train, batch_size
        self.term_names: list[str] | None = None  # the keys of the method's loss terms, in order
        self.pending: list[torch.Tensor] = []  # (T + 1,) per step not yet checked: terms, grad norm
        self._steps: list[np.ndarray] = []  # checked, not yet sent
        self._terms: list[np.ndarray] = []
        self.last_terms: dict[str, float] = {}  # of the last good weights
        self.rate = 0.0  # examples per second, smoothed
        self.elapsed = 0.0  # training time before the current stretch of running
        self.running = False
        now = time.monotonic()
        self.t_sent = self.t_run = self.t_rate = now
        self._rate_examples = 0

    # -- the clock --------------------------------------------------------------------------------
    def start_running(self) -> None:
        self.running = True
        self.t_run = self.t_rate = time.monotonic()
        self._rate_examples = 0

    def stop_running(self) -> None:
        self.running = False
        self.elapsed += time.monotonic() - self.t_run

    # -- steps ------------------------------------------------------------------------------------
    def record(self, terms: dict[str, torch.Tensor], grad_norm: torch.Tensor, examples: int) -> None:
        """One step's terms and gradient norm, left on the device (no host sync)."""
        if self.term_names is None:
            self.term_names = list(terms)
        values = [terms[k].detach().float() for k in self.term_names]
        self.pending.append(torch.stack([*values, grad_norm.to(values[0].device)]))
        self._rate_examples += examples

    def take_pending(self) -> np.ndarray | None:
        """The unchecked steps as (K, T + 1) on the host, the gradient norm last; None when there are none."""
        if not self.pending:
            return None
        rows = torch.stack(self.pending).cpu().numpy()
        self.pending.clear()
        return rows

    def keep(self, first_step: int, values: np.ndarray) -> None:
        """Checked terms (K, T) of steps ``first_step``... to send."""
        self._steps.append(np.arange(first_step, first_step + len(values)))
        self._terms.append(values)

    def good(self, values: np.ndarray) -> None:
        """The terms (T,) of the weights the guard just found good: the run's metrics at its end."""
        self.last_terms = dict(zip(self.term_names, map(float, values)))

    def due(self, interval_s: float) -> bool:
        return time.monotonic() - self.t_sent >= interval_s

    def flush(self, step: int) -> LossUpdate | None:
        """The kept terms as one update (None when nothing is kept); updates the speed either way."""
        now = time.monotonic()
        if self.running:
            dt = now - self.t_rate
            if dt > 0.05 and self._rate_examples:
                inst = self._rate_examples / dt
                self.rate = inst if self.rate == 0 else 0.7 * self.rate + 0.3 * inst
                self.t_rate, self._rate_examples = now, 0
        self.t_sent = now
        if not self._steps:
            return None
        steps, values = np.concatenate(self._steps), np.concatenate(self._terms)
        self._steps, self._terms = [], []
        if len(steps) == 0:
            return None
        elapsed = self.elapsed + (now - self.t_run if self.running else 0.0)
        return LossUpdate(
            self.run_id, steps, {k: values[:, i].copy() for i, k in enumerate(self.term_names)},
            step=int(steps[-1]), epoch=step * self.batch_size / self.n_train, images_per_s=self.rate,
            elapsed_s=elapsed)
