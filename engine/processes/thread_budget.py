"""How many threads each of the app's three processes uses, chosen from the cores it may run on.

Left alone, each library sizes its pool to the whole machine: torch in the engine (one intra-op thread
per core), BLAS, numba and scikit-learn in the analysis process, BLAS in the GUI. On a 2-core laptop
that is six busy threads for two cores, and torch's threads spin-wait on one another at every
operation: when one of them is descheduled (the machine is shared with a screen recorder, a browser),
every step waits for it. `python main.py bench threads` measured it (README, Performance): with two
outside busy processes, training with two torch threads fell to a fraction of its speed with one, while
on an idle machine two threads gained little over one. So the budget keeps one core's worth for the
GUI and the analysis on small machines and gives training the rest:

| cores | engine (torch) | analysis (BLAS, numba) | GUI (BLAS) |
|-------|----------------|------------------------|------------|
| 1-2   | 1              | 1                      | 1          |
| 3-4   | cores - 1      | 1                      | 1          |
| 5+    | cores - 2      | 2                      | 1          |

``ENCODER_LAB_THREADS=N`` sets the engine's count by hand (for benchmarks and odd machines). The analysis
process also runs at a lower priority (nice 5): it yields to training, yet a map the user asks for is not
starved (nice 10 and more starved it: 12 s for a UMAP map, see analysis_process).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

ANALYSIS_NICE = 5


def in_child_process() -> bool:
    """Whether this is a process the app started (the engine, the analysis), not the app or a test."""
    import multiprocessing

    return multiprocessing.parent_process() is not None


def usable_cores() -> int:
    """The cores this process may run on (its affinity mask, which a container or taskset narrows)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # macOS and Windows have no affinity call
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class ThreadBudget:
    engine: int  # torch's intra-op threads in the engine process
    analysis: int  # BLAS, OpenMP and numba threads in the analysis process
    gui: int  # BLAS threads in the GUI process


def budget_for(cores: int) -> ThreadBudget:
    """The table in the module's docstring."""
    if cores <= 2:
        return ThreadBudget(1, 1, 1)
    if cores <= 4:
        return ThreadBudget(cores - 1, 1, 1)
    return ThreadBudget(cores - 2, 2, 1)


def budget() -> ThreadBudget:
    """This machine's budget, with ENCODER_LAB_THREADS (a whole number >= 1) overriding the engine's."""
    chosen = budget_for(usable_cores())
    override = os.environ.get("ENCODER_LAB_THREADS", "").strip()
    if override.isdigit() and int(override) >= 1:
        chosen = ThreadBudget(int(override), chosen.analysis, chosen.gui)
    return chosen


_POOL_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS")


def limit_native_pools(threads: int) -> None:
    """Cap BLAS, OpenMP and numba pools of this process at ``threads``: through the environment for pools
    not yet started (numba reads NUMBA_NUM_THREADS when it loads), and threadpoolctl for those already
    loaded (numpy's BLAS)."""
    for name in _POOL_VARIABLES:
        os.environ[name] = str(threads)
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # an optional nicety: the environment already covers pools loaded from now on
        return
    threadpool_limits(limits=threads)


def apply_to_engine() -> int:
    """In the engine process, before any training: torch's thread count. Returns it."""
    import torch

    threads = budget().engine
    limit_native_pools(threads)
    torch.set_num_threads(threads)
    try:
        torch.set_num_interop_threads(1)  # the runs are our own threads; inter-op pools only add spinning
    except RuntimeError:  # already set, or torch already ran a parallel operation in this process
        pass
    return threads


def apply_to_analysis() -> int:
    """In the analysis process, first thing: its pools and its lower priority. Returns the thread count."""
    threads = budget().analysis
    limit_native_pools(threads)
    if hasattr(os, "nice"):
        try:
            os.nice(ANALYSIS_NICE)
        except OSError:
            pass
    return threads


def apply_to_gui() -> int:
    """In the GUI process: numpy's BLAS (the views' small matrix work) on one thread."""
    threads = budget().gui
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return threads
    threadpool_limits(limits=threads)
    return threads
