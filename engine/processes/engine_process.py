"""The engine in a process of its own, serving the GUI over a pipe.

Why a process and not a thread: PySide6 keeps Python's interpreter lock while Qt paints, and the
training loop needs that lock between its tensor operations, so in one process every repaint stalled
training and every long training step stalled the GUI. Here they share nothing but a pipe. A crash in
the engine (a driver fault, the OS killing it for memory) ends this process, not the app.

Messages in (tuples): ("start", run_id, RunConfig, paused), ("call", run_id, method_name, args) for the
RunControl caller methods, ("shutdown",). Messages out: ("snapshot", Snapshot) and ("thread_ended",
run_id). Runs are threads in this process (a new run may start while the current one goes on). A run
the GUI stops ends at its next check, in the middle of its set-up or views too (engine/trainer.py), and
its thread then drops the run, so twenty quick switches do not leave twenty runs competing.
The pipe is private to the app, so pickling across it is safe; nothing read from disk is unpickled.
"""

from __future__ import annotations

import threading
from typing import Any

CALLABLE = {"pause", "resume", "step", "stop", "set_param", "save", "refresh", "decode", "run_until", "set_augment", "interact"}


def serve(conn: Any) -> None:
    """Run until told to shut down or until the GUI's end of the pipe closes."""
    from engine.processes.lifeline import watch_parent

    watch_parent()  # end with the app: no orphan keeps training after the GUI dies
    from engine.training.control import RunControl
    from engine.training.trainer import train

    send_lock = threading.Lock()
    runs: dict[int, RunControl] = {}
    threads: list[threading.Thread] = []

    def send(message: tuple) -> None:
        with send_lock:
            try:
                conn.send(message)
            except (BrokenPipeError, EOFError, OSError):
                pass  # the GUI has gone; the main loop notices and stops the runs

    def drive(config: Any, control: RunControl) -> None:
        try:
            for snap in train(config, control):
                send(("snapshot", snap))
        finally:
            runs.pop(control.run_id, None)
            send(("thread_ended", control.run_id))

    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            break
        kind = message[0]
        if kind == "start":
            _, run_id, config, paused = message
            control = RunControl(start_paused=paused, run_id=run_id, interactive=True)
            runs[run_id] = control
            t = threading.Thread(target=drive, args=(config, control), name=f"run-{run_id}", daemon=True)
            threads[:] = [old for old in threads if old.is_alive()]  # ended runs: nothing left to join
            threads.append(t)
            t.start()
        elif kind == "call":
            _, run_id, name, args = message
            control = runs.get(run_id)
            if control is not None and name in CALLABLE:
                getattr(control, name)(*args)
        elif kind == "shutdown":
            break
    for control in list(runs.values()):
        control.stop()
    for t in threads:
        t.join(timeout=10)
