"""End a child process (the engine, the analysis) when the app that started it dies.

A pipe alone does not do it: a child busy in a long job (a first t-SNE, a training step, joining run
threads) only reads its pipe when the job ends, and the orphans of a killed app stayed alive for about
40 s. Two watchers, started at the top of each child's serve():

- on Linux, the kernel's parent-death signal (prctl PR_SET_PDEATHSIG), which fires at once. It fires
  when the *thread* that started the child ends, not only the process, so it sends SIGUSR1 to a handler
  that checks that the parent is really gone (a child started from a short-lived thread of a live app
  must not die with that thread). Plain SIGTERM stays free for Process.terminate().
- everywhere (macOS and Windows included), a daemon thread that looks every 0.5 s whether the parent
  is gone: the parent pid changed (the child was handed to init or a subreaper) or, for a
  multiprocessing child, the parent's sentinel closed (the portable check, Windows included).

Either one ends the process with os._exit: nothing in it is worth saving once nobody can see it, and
a normal exit would wait on the run threads.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading

POLL_S = 0.5
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
EXIT_CODE = 3  # what an orphan exits with, so a log shows why it ended


def parent_gone(parent_pid: int) -> bool:
    """Whether the process that was our parent when we started has gone."""
    if os.getppid() != parent_pid:
        return True  # re-parented (POSIX): the original parent died
    parent = multiprocessing.parent_process()
    return parent is not None and not parent.is_alive()  # the sentinel pipe closed (any platform)


def _exit_if_orphaned(parent_pid: int) -> None:
    if parent_gone(parent_pid):
        os._exit(EXIT_CODE)


def _poll(parent_pid: int, interval: float) -> None:
    stop = threading.Event()
    while not stop.wait(interval):
        _exit_if_orphaned(parent_pid)


def _ask_kernel(parent_pid: int) -> bool:
    """Linux: have the kernel signal us when our parent (thread) ends; True when armed."""
    if not sys.platform.startswith("linux") or threading.current_thread() is not threading.main_thread():
        return False  # signal handlers can only be set from the main thread
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        signal.signal(signal.SIGUSR1, lambda *_: _exit_if_orphaned(parent_pid))
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGUSR1, 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError, ValueError):
        return False  # no prctl here (musl without it, a sandbox): the poll still watches
    # The parent may have died between fork and prctl; then no signal would ever come.
    _exit_if_orphaned(parent_pid)
    return True


def watch_parent(parent_pid: int | None = None, interval: float = POLL_S) -> threading.Thread:
    """Make this process end (os._exit) within about ``interval`` seconds of its parent's death.

    Call it first thing in a child's serve(). ``parent_pid`` defaults to our parent now. Returns the
    watching daemon thread.
    """
    parent_pid = os.getppid() if parent_pid is None else parent_pid
    _ask_kernel(parent_pid)
    watcher = threading.Thread(target=_poll, args=(parent_pid, interval), name="parent-watch", daemon=True)
    watcher.start()
    return watcher
