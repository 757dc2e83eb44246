"""Bound the C allocator's arenas in the engine process (glibc on Linux).

glibc gives each thread that allocates concurrently an arena of its own, up to 8 per core, and rarely
hands their memory back. The engine runs each training run on a new thread (twenty switches, twenty
threads over a lesson), and torch's CPU tensors come from malloc: each run's thread left an arena of
freed tensor memory behind, and the engine grew by about a gigabyte over the first minutes of a soak
before it levelled off. Two arenas are plenty for one or two runs at a time.
"""

from __future__ import annotations

import sys

M_ARENA_MAX = -8  # from <malloc.h>
ARENAS = 2


def bound_arenas(arenas: int = ARENAS) -> bool:
    """Call before the process starts its threads; True when glibc took it (False elsewhere)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(M_ARENA_MAX, arenas))
    except (OSError, AttributeError):  # musl or another libc: nothing to bound
        return False
