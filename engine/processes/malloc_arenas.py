"""Bound the C allocator's arenas in the engine process (glibc on Linux).

glibc gives each thread that allocates concurrently an arena of its own, up to 8 per core, and rarely
hands their memory back. The engine runs each training run on a new thread (twenty switches, twenty
threads over a lesson), and torch's CPU tensors come from malloc: each run's thread left an arena of
freed tensor memory behind, and the engine grew by about a gigabyte over the first minutes of a soak
before it levelled off. Two arenas are plenty for one or two runs at a time.

Within those arenas, freed memory still stays with the process: glibc hands back only the top of a heap,
and its mmap threshold grows with the largest block freed, so a run's large tensors end up in the heap
and their pages stay resident when the run ends (the engine went from 1.1 to 1.8 GB over one app's life
of method switches). ``trim_heap`` asks glibc to return every free page (malloc_trim), once per ended run.
"""

from __future__ import annotations

import sys
from functools import cache

M_ARENA_MAX = -8  # from <malloc.h>
ARENAS = 2


@cache  # loaded once: trim_heap runs at the end of every run
def _libc():
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6")
    except OSError:  # musl or another libc
        return None


def bound_arenas(arenas: int = ARENAS) -> bool:
    """Call before the process starts its threads; True when glibc took it (False elsewhere)."""
    libc = _libc()
    try:
        return bool(libc is not None and libc.mallopt(M_ARENA_MAX, arenas))
    except AttributeError:  # a libc without mallopt: nothing to bound
        return False


def trim_heap() -> bool:
    """Give the free pages of every arena back to the system; True when glibc released some. A few
    milliseconds for a heap of a gigabyte: called when a run has ended, not per step."""
    libc = _libc()
    try:
        return bool(libc is not None and libc.malloc_trim(0))
    except AttributeError:
        return False
