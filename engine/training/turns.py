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

    def __init__(self, at_once: int = 1, quantum_s: float = QUANTUM_S):
        if at_once < 1:
            raise ValueError("at least one turn at once")
        self._cond = threading.Condition()
        self._free = at_once
        self._queue: deque[object] = deque()
        self.quantum_s = quantum_s
        self._slices: dict[int, float] = {}  # thread id -> when its slice began, while it has one

    @contextmanager
    def turn(self) -> Iterator[None]:
        ticket, me = object(), threading.get_ident()
        with self._cond:
            began = self._slices.get(me)
            if not (self._free > 0 and began is not None and time.monotonic() - began < self.quantum_s):
                self._slices.pop(me, None)  # its slice is over: in line behind whoever waits
                self._queue.append(ticket)
                self._cond.wait_for(lambda: self._free > 0 and self._queue[0] is ticket)
                self._queue.popleft()
                for other in [t for t in self._slices if t != me]:
                    self._slices.pop(other)  # a new slice begins: the last one's owner goes in line
                self._slices[me] = time.monotonic()
            self._free -= 1
            self._cond.notify_all()  # the next in line may also go, when more than one turn is free
        try:
            yield
        finally:
            with self._cond:
                self._free += 1
                self._cond.notify_all()

    def waiting(self) -> int:
        with self._cond:
            return len(self._queue)


@contextmanager
def no_turns() -> Iterator[None]:
    """One run alone (the CLI, the tests): nothing to wait for."""
    yield
