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
a request) holds no turn.
"""

from __future__ import annotations

import threading
from collections import deque
from contextlib import contextmanager
from typing import Iterator


class Turns:
    """A fair gate: ``with turns.turn():`` waits until every earlier caller has had its turn."""

    def __init__(self, at_once: int = 1):
        if at_once < 1:
            raise ValueError("at least one turn at once")
        self._cond = threading.Condition()
        self._free = at_once
        self._queue: deque[object] = deque()

    @contextmanager
    def turn(self) -> Iterator[None]:
        ticket = object()
        with self._cond:
            self._queue.append(ticket)
            self._cond.wait_for(lambda: self._free > 0 and self._queue[0] is ticket)
            self._queue.popleft()
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
