"""Runs in one engine process take their steps in turn, first come first served.

The thread budget (engine/processes/thread_budget.py) gives the engine a number of torch threads so that
a 2-core laptop keeps a core for the window and the analysis. But each run trains on a thread of its own,
and a comparison or a lesson trains two runs at once: each step used the budget's threads, so two runs
used twice the budget, both cores. Measured on this 2-core machine during a lesson: the engine at 175%
CPU, the GUI thread running a third of the wall time of its longest passes (issue 19's soak: 1.15 s
stalls after a lesson's start). With turns, the engine's compute stays within its budget whatever the
number of runs: one run's step (and the views computed after it) at a time, each with all the budget's
threads, and the other run's step next.

First come, first served: a plain lock lets the thread that has just released it take it again before
the waiting one wakes, and run B would starve behind A. A run waiting between steps (paused, or serving
a request) holds no turn. Each turn is a time slice (QUANTUM_S) rather than a single step: a run whose
slice has not run out steps again at once, so two runs switch every few steps, not at every step (each
switch costs the caches a model's weights; measured with `bench compare`, steps of 50 ms switched at every
step kept 44% of the speed alone each, where half is the most).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from contextlib import contextmanager
from typing import Iterator


QUANTUM_S = 0.15  # a run's slice: it keeps stepping until this has passed since its turn came


class Turns:
    """A fair gate: ``with turns.turn():`` waits until every earlier caller has had its turn, unless the
    caller's own slice (``quantum_s`` from when its turn came) has not run out."""

    def __init__(self, quantum_s: float = QUANTUM_S):
        self._cond = threading.Condition()
        self._busy = False  # a step holds the turn now
        self._queue: deque[object] = deque()
        self.quantum_s = quantum_s
        self._slice: tuple[int, float] | None = None  # (the thread whose slice it is, when it began)

    @contextmanager
    def turn(self) -> Iterator[None]:
        ticket, me = object(), threading.get_ident()
        with self._cond:
            mine = self._slice is not None and self._slice[0] == me
            if not (mine and not self._busy and time.monotonic() - self._slice[1] < self.quantum_s):
                self._queue.append(ticket)  # its slice is over (or it had none): in line behind whoever waits
                self._cond.wait_for(lambda: not self._busy and self._queue[0] is ticket)
                self._queue.popleft()
                self._slice = (me, time.monotonic())
            self._busy = True
        try:
            yield
        finally:
            with self._cond:
                self._busy = False
                self._cond.notify_all()


@contextmanager
def no_turns() -> Iterator[None]:
    """One run alone (the CLI, the tests): nothing to wait for."""
    yield
