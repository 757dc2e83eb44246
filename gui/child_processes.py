"""The app's child processes, spawned: the engine (training) and the analysis (maps and probes).

Spawned, not forked: fork would copy Qt's threads into the child. gui/session.py talks to them.
"""

from __future__ import annotations

import multiprocessing
import sys
from typing import Any

from engine.processes import protocol


def spawn(target, name: str) -> tuple[Any, Any]:
    ctx = multiprocessing.get_context("spawn")
    conn, child = ctx.Pipe()
    process = ctx.Process(target=target, args=(child,), name=name, daemon=True)
    process.start()
    child.close()
    return process, conn


def receive(conn, channel: str) -> dict | None:
    """The next message on a pipe, or None for one that breaks the protocol (said on stderr, then skipped:
    the reader must go on, or a dead process would go unnoticed)."""
    received = conn.recv()
    try:
        return protocol.check(received, channel)
    except protocol.ProtocolError as e:
        print(f"Encoder Lab: a message on {channel} was skipped: {e}", file=sys.stderr)
        return None


def start_worker() -> tuple[Any, Any]:
    """Spawn the engine process; returns (process, connection). Start it early: it imports torch."""
    from engine.processes.engine_process import serve

    return spawn(serve, "encoder-lab-engine")


def start_analysis() -> tuple[Any, Any]:
    """Spawn the analysis process (probes and maps, on a duty cycle); it compiles UMAP soon after."""
    from engine.processes.analysis_process import serve

    return spawn(serve, "encoder-lab-analysis")
