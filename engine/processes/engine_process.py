"""The engine in a process of its own, serving the GUI over a pipe.

Why a process and not a thread: PySide6 keeps Python's interpreter lock while Qt paints, and the
training loop needs that lock between its tensor operations, so in one process every repaint stalled
training and every long training step stalled the GUI. Here they share nothing but a pipe. A crash in
the engine (a driver fault, the OS killing it for memory) ends this process, not the app.

Messages (engine.processes.protocol, plain dicts): in, "start", "call" (a verb of RUN_VERBS for one
run) and "shutdown"; out, "snapshot" and "thread_ended". Runs are threads in this process (a new run may
start while the current one goes on); they take their steps in turn (engine/training/turns.py), so two
runs use the thread budget's share of the cores, not twice it. A run the GUI stops ends at its next check, in the middle of its
set-up or views too (engine/training/trainer.py), and its thread then drops the run, so twenty quick
switches do not leave twenty runs competing.

Snapshots go out through a sender thread with a coalescing mailbox (engine/processes/mailbox.py): when
the window lags, each run keeps at most one picture of each kind waiting (images, codes, figures,
embeddings) and its loss points are merged, so a training thread never waits on the window and the
engine's memory stays bounded however long the lag. The main thread reads the pipe and does nothing
else, so the GUI's writer never waits on a busy engine.

The pipe is private to the app, so pickling across it is safe; nothing read from disk is unpickled.
"""

from __future__ import annotations

import sys
import threading
from typing import Any

from engine.processes.protocol import ProtocolError, check, message


def serve(conn: Any) -> None:
    """Run until told to shut down or until the GUI's end of the pipe closes."""
    from engine.processes.lifeline import watch_parent

    watch_parent()  # end with the app: no orphan keeps training after the GUI dies
    from engine.processes.thread_budget import apply_to_engine, in_child_process

    # Not when a test serves on a thread of its own process: pytest keeps its own faulthandler output.
    if in_child_process():
        from engine.crash_log import enable as enable_crash_log

        enable_crash_log("engine")  # a native crash's stack goes to <cache>/crash/ (engine/crash_log.py)
        from engine.processes.malloc_arenas import bound_arenas

        bound_arenas()  # before any run's thread: each left a glibc arena of freed tensors behind
        apply_to_engine()  # torch's share of the cores (thread_budget says why it is not all of them)
    from engine.processes.mailbox import snapshot_sender
    from engine.processes.malloc_arenas import trim_heap
    from engine.training.control import RunControl
    from engine.training.trainer import train
    from engine.training.turns import Turns

    runs: dict[int, RunControl] = {}
    turns = Turns()  # a comparison's two runs step in turn, within the budget's threads (turns.py)
    threads: list[threading.Thread] = []
    # Never waits on the GUI; when the GUI has gone, the main loop notices and stops the runs.
    sender = snapshot_sender(conn, "engine-out")
    send = sender.send

    def release_freed_memory() -> None:
        """A run's tensors are freed when its thread ends (its generator is gone): collect the cycles
        that hold some (autograd graphs, optimiser state) and return the pages to the system. Not the
        collection when a test serves on a thread of the GUI's process: Qt objects there are freed on
        the GUI thread only (gui/gui_thread_gc.py)."""
        if in_child_process():
            import gc

            gc.collect()
        trim_heap()

    def drive(config: Any, control: RunControl) -> None:
        try:
            for snap in train(config, control, turns):
                send(message("snapshot", snapshot=snap))
        finally:
            runs.pop(control.run_id, None)
            send(message("thread_ended", run_id=control.run_id))
            release_freed_memory()

    while True:
        try:
            received = conn.recv()
        except (EOFError, OSError):
            break
        try:
            received = check(received, "engine_in")
        except ProtocolError as e:
            print(f"engine process: message ignored: {e}", file=sys.stderr)  # the app goes on
            continue
        kind = received["kind"]
        if kind == "start":
            run_id = received["run_id"]
            control = RunControl(start_paused=received["paused"], run_id=run_id, interactive=True)
            runs[run_id] = control
            t = threading.Thread(target=drive, args=(received["config"], control), name=f"run-{run_id}", daemon=True)
            threads[:] = [old for old in threads if old.is_alive()]  # ended runs: nothing left to join
            threads.append(t)
            t.start()
        elif kind == "call":
            control = runs.get(received["run_id"])
            if control is not None:  # check() let through only RUN_VERBS, the caller side of RunControl
                try:
                    getattr(control, received["verb"])(**received["args"])
                except Exception as e:  # a request the run cannot take (codes that are not numbers...):
                    # say so, and keep the engine (and every other run in it) alive
                    from engine.training.snapshots import RunEvent
                    from engine.words import Words

                    note = Words("the request '{verb}' was not taken: {error}: {e}", verb=received["verb"],
                                 error=type(e).__name__, e=str(e))
                    send(message("snapshot", snapshot=RunEvent(control.run_id, 0, "warning", note)))
        elif kind == "shutdown":
            break
    for control in list(runs.values()):
        control.stop()
    for t in threads:
        t.join(timeout=10)
    sender.close(timeout=2.0)  # the runs' last words (RunEnded) go out before the process ends
